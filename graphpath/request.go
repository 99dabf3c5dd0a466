package graphpath

import "strings"

// RequestTarget cuts the request target (the URL or path) of a docs
// request line from what follows it, rest being the line after its
// method: a protocol version ("HTTP/1.1") is dropped, anything else is the
// comment ("# ...", "// ..." or trailing words). The target ends at the
// first blank outside quotes, braces, parentheses and brackets, except in
// a query, which runs to the end of the line less a protocol version or a
// comment, and except around a '|' that follows a placeholder: the docs
// write an alternative to a placeholder after it ("/users/{user-id} |
// user-principal-name/chats"), and the target then has it inside the
// braces ("/users/{user-id | user-principal-name}/chats", see
// JoinAlternatives).
func RequestTarget(rest string) (target, comment string) {
	var sc scanner
	sc.brackets = true
	sc.lq = lastQuotes(rest)
	end := len(rest)
scan:
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		if !sc.step(rest, i) {
			continue
		}
		switch {
		case c == '?':
			q := rest[i:]
			for _, marker := range []string{" HTTP/", " http/", " #", " //", "\t#", "\t//"} {
				if j := strings.Index(q, marker); j >= 0 {
					q = q[:j]
				}
			}
			end = i + len(strings.TrimRight(q, " \t"))
			break scan
		case c == ' ' || c == '\t':
			if j := alternativeAt(rest, i); j > i {
				i = j - 1
				continue
			}
			end = i
			break scan
		}
	}
	target = JoinAlternatives(rest[:end])
	tail := strings.TrimSpace(rest[end:])
	if f := strings.Fields(tail); len(f) > 0 && strings.HasPrefix(strings.ToUpper(f[0]), "HTTP/") {
		tail = strings.TrimSpace(tail[len(f[0]):])
	}
	tail = strings.TrimSpace(strings.TrimLeft(tail, "#/"))
	return target, tail
}

// alternativeAt reports where the scan goes on when the blank at index i
// of s is one of "{a} | b" (or "{a} |b", "{a}| b"): a '}' before the
// blanks and the '|', an alternative after them. It returns i otherwise.
func alternativeAt(s string, i int) int {
	k := i
	for k > 0 && (s[k-1] == ' ' || s[k-1] == '\t') {
		k--
	}
	bar := k > 0 && s[k-1] == '|'
	if bar {
		k--
	}
	if k == 0 || s[k-1] != '}' {
		return i
	}
	j := i
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	if !bar {
		if j >= len(s) || s[j] != '|' {
			return i
		}
		j++
		for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
			j++
		}
	}
	if j >= len(s) || !isAltStart(s[j]) {
		return i
	}
	return j
}

func isAltStart(c byte) bool { return isLetter(c) || c >= '0' && c <= '9' || c == '{' || c == '_' }

// JoinAlternatives writes every alternative the docs give after a
// placeholder inside its braces: "{user-id} | user-principal-name",
// "{id}|{userPrincipalName}" and "{id} | {upn} | mail" become "{user-id |
// user-principal-name}", "{id | userPrincipalName}" and "{id | upn |
// mail}". An alternative runs to the next '/', '?', '(', '|' or blank; a
// '|' anywhere else (inside braces, quotes or the query) is kept.
func JoinAlternatives(p string) string {
	if !strings.Contains(p, "|") {
		return p
	}
	out := make([]byte, 0, len(p)+4)
	sc := scanner{lq: lastQuotes(p)}
	changed := false
	for i := 0; i < len(p); i++ {
		c := p[i]
		top := sc.step(p, i)
		if top && c == '?' {
			out = append(out, p[i:]...)
			break
		}
		if !top || c != '|' {
			out = append(out, c)
			continue
		}
		k := len(out)
		for k > 0 && (out[k-1] == ' ' || out[k-1] == '\t') {
			k--
		}
		j := i + 1
		for j < len(p) && (p[j] == ' ' || p[j] == '\t') {
			j++
		}
		if k == 0 || out[k-1] != '}' || j >= len(p) || !isAltStart(p[j]) {
			out = append(out, c)
			continue
		}
		var alt string
		next := j
		if p[j] == '{' {
			e := strings.IndexByte(p[j:], '}')
			if e < 0 {
				out = append(out, c)
				continue
			}
			alt, next = strings.TrimSpace(p[j+1:j+e]), j+e+1
		} else {
			for next < len(p) && !strings.ContainsRune("/?( \t|{}", rune(p[next])) {
				next++
			}
			alt = p[j:next]
		}
		out = append(out[:k-1], " | "...)
		out = append(out, alt...)
		out = append(out, '}')
		i = next - 1
		changed = true
	}
	if !changed {
		return p
	}
	return string(out)
}

// Piece is one run of a path segment or a query value, as Pieces cuts
// it: fixed text, or a placeholder with the context the docs put it in.
type Piece struct {
	// Text is the fixed text; "" for a placeholder.
	Text string
	// Placeholder is the name inside the braces; "" for text.
	Placeholder string
	// Quote is the quote the placeholder stands inside ('\'' in
	// "eq '{id}'", '"' in "$search=\"{term}\""), 0 when none.
	Quote byte
	// InParens is set for a placeholder inside parentheses: a function's
	// or key's argument ("range(address={address})"), or a part of an
	// expression ("any(f: f/id eq '{id}')").
	InParens bool
}

// Pieces cuts s, a path segment or a query value, into fixed text and
// placeholders (the innermost braces of a nested run), each placeholder
// with the quote and the parentheses it stands in, by the same scanner
// as Split.
func Pieces(s string) []Piece {
	var buf [8][2]int
	runs := braceRuns(s, buf[:0])
	out := make([]Piece, 0, 2*len(runs)+1) // text before each placeholder, and after the last
	sc := scanner{lq: lastQuotes(s)}
	last, i := 0, 0
	for _, r := range runs {
		for ; i < r[0]; i++ {
			sc.step(s, i)
		}
		if r[0] > last {
			out = append(out, Piece{Text: s[last:r[0]]})
		}
		out = append(out, Piece{Placeholder: s[r[0]+1 : r[1]-1], Quote: sc.quote, InParens: sc.parens > 0})
		last, i = r[1], r[1]
	}
	if last < len(s) {
		out = append(out, Piece{Text: s[last:]})
	}
	return out
}

// QueryPairs cuts a fixed query ("a={x}&$filter=b eq 'p&q'") into its
// key and value pairs, at each '&' and the first '=' of a pair outside
// quotes, braces and parentheses, keys trimmed; a pair without '=' has an
// empty value, an empty pair is left out.
func QueryPairs(q string) [][2]string {
	var out [][2]string
	for _, kv := range splitAt(q, '&') {
		k, v := kv, ""
		if eq := scanDepth0(kv, func(c byte) bool { return c == '=' }); eq >= 0 {
			k, v = kv[:eq], kv[eq+1:]
		}
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, [2]string{k, v})
		}
	}
	return out
}
