package graphpath

import (
	"net/url"
	"strings"
)

// OptionName is a query option's name as options compare: percent-decoded,
// lower case, without a leading "$" (the docs write "expand=fields" for
// "$expand=fields").
func OptionName(k string) string {
	if u, err := url.QueryUnescape(k); err == nil {
		k = u
	}
	return strings.TrimPrefix(strings.ToLower(strings.TrimSpace(k)), "$")
}

// SetsQuery reports whether q, the query of an example URL, sets every
// option of fixed, the fixed query of a request line, to a value of the
// fixed value's form: its text, blanks and case ignored, each placeholder
// standing for any text. "$filter=singleValueExtendedProperties/Any(ep:
// ep/id eq '{id_value}' and ep/value eq '{property_value}')" is set by
// "%24filter=singleValueExtendedProperties/Any(ep:ep/id eq 'x' and
// ep/value eq 'y')&$top=2" and not by the same with "ep/value ne 'y'".
// A fixed query without options is set by any query.
func SetsQuery(q, fixed string) bool {
	values := map[string][]string{}
	for _, kv := range QueryPairs(q) {
		v := kv[1]
		if u, err := url.QueryUnescape(v); err == nil {
			v = u
		}
		values[OptionName(kv[0])] = append(values[OptionName(kv[0])], v)
	}
	for _, kv := range QueryPairs(fixed) {
		ok := false
		for _, v := range values[OptionName(kv[0])] {
			if valueOfForm(v, kv[1]) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// valueOfForm reports whether v is of the form of fixed: fixed's text
// pieces in order, blanks and case ignored, anything in place of each
// placeholder.
func valueOfForm(v, fixed string) bool {
	norm := func(s string) string {
		return strings.ToLower(strings.Join(strings.Fields(s), ""))
	}
	v = norm(v)
	pieces := Pieces(fixed)
	free := false // the text before may run on: a placeholder came last
	for i, pc := range pieces {
		if pc.Text == "" {
			free = true
			continue
		}
		t := norm(pc.Text)
		if t == "" {
			continue
		}
		if i == len(pieces)-1 && free {
			return strings.HasSuffix(v, t)
		}
		j := strings.Index(v, t)
		if j < 0 || !free && j != 0 {
			return false
		}
		v, free = v[j+len(t):], false
	}
	return free || v == ""
}
