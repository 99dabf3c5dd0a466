package spec

import (
	"bytes"
	"path"
	"strings"
	"unicode"

	"github.com/graphdocgen/graphdocgen/internal/asciifold"
)

// graphPrefix is the namespace prefix of Graph schema names.
const graphPrefix = "microsoft.graph."

// isComponentKey reports whether s is what OpenAPI allows as a
// components map key: ^[a-zA-Z0-9.\-_]+$.
func isComponentKey(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '.', c == '-', c == '_':
		default:
			return false
		}
	}
	return true
}

// singularExceptions are plural segment names the suffix rules get wrong.
var singularExceptions = map[string]string{
	"children": "child",
	"people":   "person",
	"aliases":  "alias",
	"statuses": "status",
	"indices":  "index",
	"data":     "data",
	"media":    "media",
	"series":   "series",
}

// singular returns the singular of a path segment name such as "users"
// (user), "policies" (policy), "addresses" (address), "children" (child);
// a name that is not plural ("calendarView", "me") is returned unchanged.
// The case of the name is kept.
func singular(s string) string {
	var buf [64]byte
	lower := asciifold.AppendLower(buf[:0], s) // strings.ToLower(s), on the stack for most names
	if v, ok := singularExceptions[string(lower)]; ok {
		return matchCase(s, v)
	}
	switch {
	case bytes.HasSuffix(lower, []byte("ies")) && len(s) > 3:
		return s[:len(s)-3] + "y"
	case bytes.HasSuffix(lower, []byte("sses")), bytes.HasSuffix(lower, []byte("xes")),
		bytes.HasSuffix(lower, []byte("ches")), bytes.HasSuffix(lower, []byte("shes")),
		bytes.HasSuffix(lower, []byte("zzes")):
		return s[:len(s)-2]
	case bytes.HasSuffix(lower, []byte("ss")), bytes.HasSuffix(lower, []byte("us")),
		bytes.HasSuffix(lower, []byte("is")):
		return s
	case bytes.HasSuffix(lower, []byte("s")) && len(s) > 1:
		return s[:len(s)-1]
	}
	return s
}

// matchCase returns v with the first letter's case of s.
func matchCase(s, v string) string {
	if s != "" && v != "" && unicode.IsUpper(rune(s[0])) {
		return strings.ToUpper(v[:1]) + v[1:]
	}
	return v
}

// lowerCamel turns a docs placeholder or file name ("item-path",
// "start_datetime", "event-forward", "User Principal Name") into lower camel
// case ("itemPath", "startDatetime", "eventForward", "userPrincipalName"),
// keeping the case inside words ("calendarView" stays). Characters other
// than letters and digits separate words. It never returns an empty
// string: a name without letters or digits becomes "param".
func lowerCamel(s string) string {
	if isLowerCamel(s) {
		return s // as the loop would spell it, without a copy
	}
	return lowerCamelLoop(s)
}

// lowerCamelLoop is lowerCamel spelled rune by rune, without its fast
// path for names already in lower camel case.
func lowerCamelLoop(s string) string {
	var b strings.Builder
	b.Grow(len(s)) // at most s's ASCII letters and digits: one buffer, where it grew by the rune
	upper := false
	for _, r := range s {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r)) || r > unicode.MaxASCII {
			upper = b.Len() > 0
			continue
		}
		switch {
		case b.Len() == 0:
			b.WriteRune(unicode.ToLower(r))
		case upper:
			b.WriteRune(unicode.ToUpper(r))
		default:
			b.WriteRune(r)
		}
		upper = false
	}
	if b.Len() == 0 {
		return "param"
	}
	out := b.String()
	if out[0] >= '0' && out[0] <= '9' {
		out = "p" + out
	}
	return out
}

// isLowerCamel reports whether lowerCamel(s) is s: s is ASCII letters
// and digits only, the first a lower-case letter.
func isLowerCamel(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// pageStem is the page's file name in lower camel case:
// "api/event-forward.md" gives "eventForward".
func pageStem(pagePath string) string {
	base := path.Base(pagePath)
	base = strings.TrimSuffix(base, path.Ext(base))
	return lowerCamel(base)
}

// isIDPlaceholder reports whether a placeholder's docs name names an ID:
// "id", "id | userPrincipalName", "usersId", "event-id", "user_id".
func isIDPlaceholder(docName string) bool {
	first, _, _ := strings.Cut(docName, "|")
	var buf [64]byte
	return bytes.HasSuffix(appendIDNorm(buf[:0], first), []byte("id"))
}

// appendIDNorm appends s trimmed, in lower case, without the separators
// of a placeholder name ("event-id", "user_id", "user id") to b: the
// placeholder names are compared so without a string for each (naming
// every path parameter made several).
func appendIDNorm(b []byte, s string) []byte {
	start := len(b)
	b = asciifold.AppendLower(b, strings.TrimSpace(s))
	out := b[:start]
	for _, c := range b[start:] {
		if c != '-' && c != '_' && c != ' ' {
			out = append(out, c)
		}
	}
	return out
}

// genericID reports whether an ID placeholder says no more than "the ID of
// an item of the segment before it": "id", "id | userPrincipalName",
// "usersId" after "users", "event-id" after "events". Such placeholders are
// named from that segment; a specific one, such as "{eventId}" after
// "calendarView", keeps its docs name.
func genericID(docName, prev string) bool {
	if !isIDPlaceholder(docName) {
		return false
	}
	var fb, pb [64]byte
	first := appendIDNorm(fb[:0], firstAlternative(docName))
	if string(first) == "id" || strings.Contains(docName, "|") {
		return true
	}
	if bytes.Equal(first, append(appendIDNorm(pb[:0], prev), "id"...)) {
		return true
	}
	return bytes.Equal(first, append(appendIDNorm(pb[:0], singular(prev)), "id"...))
}

// firstAlternative returns the first of "a | b" alternatives, trimmed.
func firstAlternative(docName string) string {
	first, _, _ := strings.Cut(docName, "|")
	return strings.TrimSpace(first)
}

// schemaName returns the components/schemas key of a Graph type name as the
// docs spell it: "event" gives "microsoft.graph.event", and a name that
// already carries the namespace is kept. ok is false when the name cannot
// be a key (spaces, punctuation).
func schemaName(name string) (string, bool) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", false
	}
	if !asciifold.HasPrefixLowerOf(name, graphPrefix) {
		name = graphPrefix + name
	} else {
		name = graphPrefix + name[len(graphPrefix):]
	}
	return name, isComponentKey(name) && !strings.HasSuffix(name, ".")
}

// schemaRef is the $ref of a component schema.
func schemaRef(key string) string { return schemaRefPrefix + key }

const schemaRefPrefix = "#/components/schemas/"

// schemaKeyRef is schemaName and the key's schemaRef, made as one string
// (the key is its tail).
func schemaKeyRef(name string) (key, ref string, ok bool) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", "", false
	}
	rest := name
	if asciifold.HasPrefixLowerOf(name, graphPrefix) {
		rest = name[len(graphPrefix):]
	}
	ref = schemaRefPrefix + graphPrefix + rest
	key = ref[len(schemaRefPrefix):]
	return key, ref, isComponentKey(key) && !strings.HasSuffix(key, ".")
}

// sanitizeKey turns an example name into an allowed map key: characters
// other than letters, digits, '.', '-' and '_' become '_'.
func sanitizeKey(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-' || r == '_') {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}
