package spec

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/graphdocgen/graphdocgen/xgraph"
)

// securityIntern holds one value of each distinct set of security
// requirements the operations of a Build have: the 5,000 operations of
// v1.0 have a few hundred sets, and a requirement is a map with a slice
// of scopes, so one per operation was a tenth of the live document. The
// values are shared and never changed after they are made.
type securityIntern struct {
	mu  sync.Mutex
	set map[string]*openapi3.SecurityRequirements
}

// securityOf returns the requirements of perm (Permissions.Security), nil
// when perm has none; an operation's Security. The value is sh's when
// another operation has the same requirements.
// The requirements are made only for a set not met before: the set is
// looked up by its key, made from perm (permissionsKey).
func (sh *sharedParts) securityOf(perm *xgraph.Permissions) *openapi3.SecurityRequirements {
	var buf [512]byte
	key := appendPermissionsKey(buf[:0], perm)
	if len(key) == 0 {
		return nil
	}
	in := &sh.security
	in.mu.Lock()
	defer in.mu.Unlock()
	if v, ok := in.set[string(key)]; ok {
		return v
	}
	if in.set == nil {
		in.set = map[string]*openapi3.SecurityRequirements{}
	}
	sec := perm.Security()
	in.set[string(key)] = &sec
	return &sec
}

// appendPermissionsKey appends securityKey(perm.Security()) to b without
// making the requirements: each requirement of Security names one scheme.
func appendPermissionsKey(b []byte, perm *xgraph.Permissions) []byte {
	for _, sc := range perm.Schemes() {
		for _, a := range sc.Alternatives {
			b = appendQuote(b, sc.Account)
			for _, scope := range a {
				b = appendQuote(b, scope)
			}
			b = append(b, ';', '|')
		}
	}
	return b
}

// appendQuote is strconv.AppendQuote, which reads its string rune by
// rune: a string of printable ASCII without a quote or a backslash, as
// the scopes are, is quoted as it is.
func appendQuote(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' || c == '"' || c == '\\' {
			return strconv.AppendQuote(b, s)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// securityKey is the identity of sec: its requirements in order, each
// its schemes sorted with their scopes in order, quoted.
func securityKey(sec openapi3.SecurityRequirements) string {
	var b strings.Builder
	for _, req := range sec {
		for _, name := range slices.Sorted(maps.Keys(req)) {
			b.WriteString(strconv.Quote(name))
			for _, scope := range req[name] {
				b.WriteString(strconv.Quote(scope))
			}
			b.WriteByte(';')
		}
		b.WriteByte('|')
	}
	return b.String()
}
