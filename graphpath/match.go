package graphpath

import (
	"net/url"
	"strings"

	"github.com/graphdocgen/graphdocgen/internal/asciifold"
)

// Result is what Match makes of an example URL: the values of the
// template's placeholders, in the order Placeholders lists them, percent-
// decoded, and a score that grows with the literal text the match
// compared (a variant with more fixed text is the more specific one).
//
// Loose is set when a function's or key's arguments did not compare and
// the segment matched by its name alone ("rowsAbove(count=n)" in the docs,
// "rowsAbove(count=2)" or "rowsAbove" in the example): the path is the
// same operation, but Values lacks those arguments.
//
// Alias is set when the example addresses the signed-in user as "/me"
// and the template spells it "/users/{id}": Graph's /me is an alias of
// /users/{id} for that user. The example names no user, so Values lacks
// the key's value; the match scores the rest of the path only, less
// than the same example scores against a "/me/..." template.
type Result struct {
	Values []string
	Score  int
	Loose  bool
	Alias  bool
}

// Match matches an example URL (absolute, or a path; a query is ignored)
// against a documented path template such as "/users/{userId}/events" or
// a docs request path. Literal segments compare case-insensitively;
// "delta", "delta()" and "microsoft.graph.delta()" are one function;
// function arguments compare by name, key arguments by position; an item
// path "root:/{item-path}:" captures the whole inner path; a percent-
// encoded example segment is decoded when it does not match as written;
// an example "/me/X" matches a template "/users/{id}/X" (see Result.Alias).
func Match(template, exampleURL string) (Result, bool) {
	p, _, _ := ExamplePath(exampleURL)
	return MatchPath(Parse(template), p)
}

// MatchPath is Match with the template already parsed and the example
// already reduced to its path (see ExamplePath).
func MatchPath(t Path, examplePath string) (Result, bool) {
	return MatchSplit(t, Split(examplePath))
}

// MatchSplit is MatchPath with the example path already split (Split),
// for an example matched against many templates. It does not change es.
func MatchSplit(t Path, es []string) (Result, bool) {
	if r, ok := matchSegments(t, es); ok {
		return r, true
	}
	if tail, ok := meAlias(t, es); ok {
		r, ok := matchSegments(tail, es[1:])
		r.Alias = ok
		return r, ok
	}
	return Result{}, false
}

// meAlias returns the rest of template t after a leading "users/{id}"
// when the example segments es begin with "me": Graph's alias of the
// signed-in user. ok is false for any other pair.
func meAlias(t Path, es []string) (Path, bool) {
	if len(es) == 0 || !strings.EqualFold(es[0], "me") || len(t) < 2 {
		return nil, false
	}
	if t[0].Kind != Literal || !strings.EqualFold(t[0].Raw, "users") || t[1].Kind != Param {
		return nil, false
	}
	return t[2:], true
}

// matchSegments matches the example segments es one by one against t.
func matchSegments(t Path, es []string) (Result, bool) {
	if len(es) != len(t) {
		return Result{}, false
	}
	var r Result
	for i, ts := range t {
		vals, score, ok := matchSegment(ts, es[i])
		if !ok && strings.Contains(es[i], "%") {
			if u, err := url.PathUnescape(es[i]); err == nil {
				vals, score, ok = matchSegment(ts, u)
			}
		}
		if !ok {
			if score, ok = looseName(ts, es[i]); !ok {
				return Result{}, false
			}
			r.Loose = true
		}
		r.Values = append(r.Values, vals...)
		r.Score += score
	}
	return r, true
}

// Best returns the index of the template an example URL matches best and
// the match; ties go to the first. ok is false when none matches.
func Best(templates []string, exampleURL string) (int, Result, bool) {
	p, _, _ := ExamplePath(exampleURL)
	best, res := -1, Result{}
	for i, t := range templates {
		if r, ok := MatchPath(Parse(t), p); ok && (best < 0 || r.Score > res.Score) {
			best, res = i, r
		}
	}
	return best, res, best >= 0
}

// Placeholders lists the placeholders of a parsed path, in order.
func (p Path) Placeholders() []string {
	var out []string
	for _, s := range p {
		out = append(out, s.Placeholders()...)
	}
	return out
}

// matchSegment matches one example segment e against template segment t.
func matchSegment(t Segment, e string) (vals []string, score int, ok bool) {
	if e == "" {
		return nil, 0, false
	}
	switch t.Kind {
	case Param:
		return []string{unescape(e)}, 0, true
	case Literal:
		if len(t.Placeholders()) > 0 {
			return glob(t.Raw, e)
		}
		if strings.EqualFold(t.Raw, e) {
			return nil, len(t.Raw), true
		}
		// "delta" written once with and once without "()" or the namespace
		es := ParseSegment(e)
		if (es.Kind == Literal || es.Kind == Function && len(es.Args) == 0) && strings.ContainsAny(t.Raw+e, "().") {
			if b := t.BaseName(); b != "" && strings.EqualFold(b, es.BaseName()) {
				return nil, len(b), true
			}
		}
		return nil, 0, false
	}
	if t.IsItemPath() {
		return matchItemPath(t, e)
	}
	if v, s, ok := matchCall(t, ParseSegment(e)); ok {
		return v, s, true
	}
	return glob(t.Raw, e)
}

// looseName matches a function or key segment by its name alone, when
// its arguments did not compare; the score counts half the name.
func looseName(t Segment, e string) (int, bool) {
	if t.Kind == Param || t.IsItemPath() {
		return 0, false
	}
	es := ParseSegment(e)
	if es.IsItemPath() || es.Kind == Param || t.Kind == Literal && es.Kind == Literal {
		return 0, false
	}
	if t.Kind == Literal && len(t.Placeholders()) > 0 {
		return 0, false
	}
	b := t.BaseName()
	if b == "" || !strings.EqualFold(b, es.BaseName()) {
		return 0, false
	}
	return len(b) / 2, true
}

// matchCall matches a function or key template segment by name and
// arguments.
func matchCall(t, e Segment) ([]string, int, bool) {
	if e.Kind != Function && e.Kind != Key && e.Kind != Literal || e.IsItemPath() {
		return nil, 0, false
	}
	if !strings.EqualFold(t.BaseName(), e.BaseName()) || t.BaseName() == "" {
		return nil, 0, false
	}
	if len(t.Args) != len(e.Args) {
		return nil, 0, false
	}
	score := len(t.BaseName())
	vals := make([]string, 0, len(t.Args))
	used := make([]bool, len(e.Args))
	for i, ta := range t.Args {
		j := i
		if ta.Name != "" {
			j = -1
			for k, ea := range e.Args {
				if !used[k] && strings.EqualFold(ea.Name, ta.Name) {
					j = k
					break
				}
			}
			if j < 0 {
				return nil, 0, false
			}
			score += len(ta.Name)
		} else if e.Args[i].Name != "" {
			return nil, 0, false
		}
		used[j] = true
		ea := e.Args[j]
		v := ea.Value
		if ea.Placeholder != "" {
			v = "{" + ea.Placeholder + "}"
		}
		if ta.Placeholder != "" {
			if v == "" {
				return nil, 0, false
			}
			vals = append(vals, unescape(v))
			continue
		}
		if !strings.EqualFold(ta.Value, v) {
			return nil, 0, false
		}
		score += len(ta.Value)
	}
	return vals, score, true
}

// matchItemPath matches "root:/{item-path}:" (or "{hostname}:/{path}")
// against "root:/a/b.txt:": the part before ":/" as a literal or a
// placeholder, then the inner path as a whole.
func matchItemPath(t Segment, e string) ([]string, int, bool) {
	ti := strings.Index(t.Raw, ":/")
	ei := strings.Index(e, ":/")
	if ei < 0 {
		return nil, 0, false
	}
	hv, hs, ok := glob(t.Raw[:ti], e[:ei])
	if !ok {
		return nil, 0, false
	}
	tin := strings.TrimSuffix(t.Raw[ti+2:], ":")
	ein := strings.TrimSuffix(e[ei+2:], ":")
	iv, is, ok := glob(tin, ein)
	if !ok {
		return nil, 0, false
	}
	return append(hv, iv...), hs + is + 2, true
}

// glob matches text against a pattern whose {placeholders} stand for one
// or more characters, the rest comparing case-insensitively; the values
// are the shortest that make the whole text match, leftmost first.
func glob(pattern, text string) ([]string, int, bool) {
	var lits []string // literal pieces: lits[0] {p} lits[1] {p} ... lits[n]
	rest := pattern
	for {
		i := strings.IndexByte(rest, '{')
		j := -1
		if i >= 0 {
			j = strings.IndexByte(rest[i:], '}')
		}
		if i < 0 || j < 0 {
			lits = append(lits, rest)
			break
		}
		lits = append(lits, rest[:i])
		rest = rest[i+j+1:]
	}
	n := len(lits) - 1 // placeholders
	if n == 0 {
		if strings.EqualFold(pattern, text) {
			return nil, len(pattern), true
		}
		return nil, 0, false
	}
	if !hasPrefixFold(text, lits[0]) || !hasSuffixFold(text[len(lits[0]):], lits[n]) {
		return nil, 0, false
	}
	body := text[len(lits[0]) : len(text)-len(lits[n])]
	// failed[k][pos]: placeholder k cannot start at pos
	failed := make([]map[int]bool, n)
	for k := range failed {
		failed[k] = map[int]bool{}
	}
	vals := make([]string, n)
	var try func(k, pos int) bool
	try = func(k, pos int) bool {
		if k == n-1 {
			if pos >= len(body) {
				return false
			}
			vals[k] = body[pos:]
			return true
		}
		if failed[k][pos] {
			return false
		}
		sep := lits[k+1]
		for end := pos + 1; end+len(sep) <= len(body); end++ {
			if hasPrefixFold(body[end:], sep) && try(k+1, end+len(sep)) {
				vals[k] = body[pos:end]
				return true
			}
		}
		failed[k][pos] = true
		return false
	}
	if !try(0, 0) {
		return nil, 0, false
	}
	score := 0
	for _, l := range lits {
		score += len(l)
	}
	for i, v := range vals {
		vals[i] = unescape(v)
	}
	return vals, score, true
}

func hasPrefixFold(s, p string) bool { return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) }
func hasSuffixFold(s, p string) bool {
	return len(s) >= len(p) && strings.EqualFold(s[len(s)-len(p):], p)
}

func unescape(v string) string {
	if u, err := url.PathUnescape(v); err == nil {
		return u
	}
	return v
}

// Identity is the identity key of a path: lower case, every {placeholder} written
// "{}", so "/Users/{id}/events" and "/users/{userId}/events" are one path.
func Identity(p string) string {
	return strings.ToLower(ReplacePlaceholders(p, func(int, string) string { return "{}" }))
}

// AppendIdentity appends Identity(p) to b, making no string of its own
// for an ASCII path (a lookup by the identity, m[string(b)], makes none
// either).
func AppendIdentity[T string | []byte](b []byte, p T) []byte {
	if !asciifold.IsASCII(p) {
		return append(b, Identity(string(p))...)
	}
	var buf [8][2]int
	last := 0
	for _, r := range braceRuns(p, buf[:0]) {
		b = appendLowerASCII(b, p[last:r[0]])
		b = append(b, "{}"...)
		last = r[1]
	}
	return appendLowerASCII(b, p[last:])
}

// appendLowerASCII appends the lower case of ASCII text s to b.
func appendLowerASCII[T string | []byte](b []byte, s T) []byte {
	for i := 0; i < len(s); i++ {
		b = append(b, asciifold.LowerByte(s[i]))
	}
	return b
}

// PlaceholderNames lists the names inside the path's {placeholders}, in
// order (the innermost braces of a nested run).
func PlaceholderNames(p string) []string {
	var out []string
	var buf [8][2]int
	for _, r := range braceRuns(p, buf[:0]) {
		out = append(out, p[r[0]+1:r[1]-1])
	}
	return out
}

// ReplacePlaceholders rewrites every {placeholder} of s with what f
// makes of its index among them and its name; the rest is kept as is.
func ReplacePlaceholders(s string, f func(i int, name string) string) string {
	var buf [8][2]int
	runs := braceRuns(s, buf[:0])
	if len(runs) == 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	last := 0
	for k, r := range runs {
		b.WriteString(s[last:r[0]])
		b.WriteString(f(k, s[r[0]+1:r[1]-1]))
		last = r[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// braceRuns returns the [start, end) of every "{...}" with no brace
// inside, left to right.
func braceRuns[T string | []byte](p T, out [][2]int) [][2]int {
	open := -1
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '{':
			open = i
		case '}':
			if open >= 0 {
				out = append(out, [2]int{open, i + 1})
				open = -1
			}
		}
	}
	return out
}
