package graphpath

import (
	"regexp"
	"strings"
)

// Kind tells the segment kinds apart.
type Kind string

const (
	// Literal is a fixed segment such as "events", "$value" or
	// "microsoft.graph.user".
	Literal Kind = "literal"
	// Param is a whole-segment placeholder such as "{id}" or
	// "{id | userPrincipalName}", or one in angle brackets ("<resourceId>");
	// Name is the text inside the braces or brackets.
	Param Kind = "param"
	// Function is a function call segment such as "getSchedule" or
	// "delta(token='{token}')" or "microsoft.graph.delta()": Name is the
	// function name, Args its parameters.
	Function Kind = "function"
	// Key is a key segment such as "items('{item-id}')" or
	// "root:/{item-path}:" with the placeholders in Args. For an item path
	// Name is the part before ":/" as written ("root", or "{hostname}" in
	// "{hostname}:/{server-relative-path}", whose placeholder then comes
	// first in Args); parentheses with positional arguments make a key,
	// with only named arguments (or none) a function.
	Key Kind = "key"
)

// Segment is one path segment.
type Segment struct {
	Kind Kind
	// Raw is the segment as written.
	Raw string
	// Name is the literal text (Literal), the placeholder's text inside
	// the braces (Param, e.g. "id | userPrincipalName"), or the function
	// or collection name (Function, Key).
	Name string
	// Args are the placeholders and values of a function or key segment, in
	// order: for "delta(token='{token}')" one Arg{Name: "token",
	// Placeholder: "token"}; for "range(address='A1:B2')" one
	// Arg{Name: "address", Value: "A1:B2"}.
	Args []Arg
}

// Arg is one argument of a function or key segment.
type Arg struct {
	Name        string // the parameter name, empty for positional keys
	Placeholder string // the text inside braces, empty for fixed values
	Value       string // a fixed value as written, without quotes
	Quoted      bool   // the value or placeholder was written in quotes
}

// IsItemPath reports a "root:/{item-path}:" segment.
func (s Segment) IsItemPath() bool {
	return s.Kind == Key && strings.Contains(s.Raw, ":/")
}

// IsSystem reports "$value", "$ref", "$count" and the other '$' segments.
func (s Segment) IsSystem() bool { return s.Kind == Literal && strings.HasPrefix(s.Name, "$") }

// IsCast reports a type cast such as "microsoft.graph.user": a dotted
// literal.
func (s Segment) IsCast() bool {
	return s.Kind == Literal && !s.IsSystem() && strings.Contains(s.Name, ".") && !strings.ContainsAny(s.Name, "{}()'\":")
}

// BaseName is the segment's name without a namespace and without "()":
// "microsoft.graph.delta()" and "delta" are "delta", "microsoft.graph.user"
// is "user", "items('x')" is "items", "root:/a:" is "root".
func (s Segment) BaseName() string {
	n := s.Name
	if s.Kind == Param {
		return ""
	}
	if i := strings.IndexAny(n, "(:"); i >= 0 {
		n = n[:i]
	}
	if strings.HasPrefix(n, "{") {
		return ""
	}
	if i := strings.LastIndexByte(n, '.'); i >= 0 && !strings.HasPrefix(n, "$") {
		n = n[i+1:]
	}
	return n
}

// Placeholders lists the placeholders of the segment in order: a param's
// name, a function's or key's argument placeholders, or the {names} inside
// a literal.
func (s Segment) Placeholders() []string {
	switch s.Kind {
	case Param:
		return []string{s.Name}
	case Function, Key:
		var out []string
		for _, a := range s.Args {
			if a.Placeholder != "" {
				out = append(out, a.Placeholder)
			}
		}
		return out
	}
	return bracePlaceholders(s.Raw)
}

// bracePlaceholders lists the {names} in s, in order.
func bracePlaceholders(s string) []string {
	var out []string
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return out
		}
		out = append(out, s[i+1:i+j])
		s = s[i+j+1:]
	}
}

// ParseSegment classifies one path segment.
func ParseSegment(raw string) Segment {
	seg := Segment{Kind: Literal, Raw: raw, Name: raw}
	if len(raw) >= 2 && raw[0] == '{' && raw[len(raw)-1] == '}' && scanDepth0(raw[:len(raw)-1], func(c byte) bool { return c == '}' }) < 0 && strings.Count(raw, "{") == 1 {
		seg.Kind = Param
		seg.Name = strings.TrimSpace(raw[1 : len(raw)-1])
		return seg
	}
	if isAnglePlaceholder(raw) {
		// "/resources/<resourceId>/roleSettings": a placeholder in angle
		// brackets, as in "range(<address>)".
		seg.Kind = Param
		seg.Name = raw[1 : len(raw)-1]
		return seg
	}
	// item path: "root:/{item-path}:" or "{hostname}:/{path}"
	if i := strings.Index(raw, ":/"); i >= 0 && scanDepth0(raw, func(c byte) bool { return c == ':' }) == i {
		seg.Kind = Key
		seg.Name = raw[:i]
		if isPlaceholder(seg.Name) {
			seg.Args = append(seg.Args, Arg{Placeholder: strings.TrimSpace(seg.Name[1 : len(seg.Name)-1])})
		}
		inner := strings.TrimSuffix(raw[i+1:], ":")
		for _, part := range splitAt(inner, '/') {
			if part == "" {
				continue
			}
			seg.Args = append(seg.Args, parseArgValue("", part))
		}
		return seg
	}
	// function or key: name(args)
	if open := strings.IndexByte(raw, '('); open > 0 && strings.HasSuffix(raw, ")") && !strings.ContainsAny(raw[:open], "{}'\"") {
		name := raw[:open]
		args := splitArgs(raw[open+1 : len(raw)-1])
		named := true
		for _, a := range args {
			if a.Name == "" {
				named = false
			}
		}
		seg.Name = name
		seg.Args = args
		if named {
			seg.Kind = Function
		} else {
			seg.Kind = Key
		}
		return seg
	}
	return seg
}

func isPlaceholder(v string) bool {
	return len(v) >= 2 && v[0] == '{' && v[len(v)-1] == '}'
}

// isAnglePlaceholder reports whether v is a placeholder written in angle
// brackets, as workbook pages write "range(<address>)": a name of letters,
// digits, '-' and '_' between '<' and '>'.
func isAnglePlaceholder(v string) bool {
	if len(v) < 3 || v[0] != '<' || v[len(v)-1] != '>' || !isLetter(v[1]) {
		return false
	}
	for i := 1; i < len(v)-1; i++ {
		c := v[i]
		if !isLetter(c) && !(c >= '0' && c <= '9') && c != '-' && c != '_' {
			return false
		}
	}
	return true
}

// SplitArgs splits a function's or key's argument list, "a='{x}',b=1",
// at the commas outside quotes and braces.
func SplitArgs(s string) []Arg { return splitArgs(s) }

func splitArgs(s string) []Arg {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	var args []Arg
	for _, part := range splitAt(s, ',') {
		part = strings.TrimSpace(part)
		name := ""
		if eq := scanDepth0(part, func(c byte) bool { return c == '=' }); eq >= 0 {
			name = strings.TrimSpace(part[:eq])
			part = strings.TrimSpace(part[eq+1:])
		}
		args = append(args, parseArgValue(name, part))
	}
	return args
}

// splitAt splits s at every sep outside quotes, braces and parentheses.
func splitAt(s string, sep byte) []string {
	var out []string
	for {
		i := scanDepth0(s, func(c byte) bool { return c == sep })
		if i < 0 {
			return append(out, s)
		}
		out = append(out, s[:i])
		s = s[i+1:]
	}
}

// parseArgValue reads one argument value: a placeholder, a quoted value or
// a bare value.
func parseArgValue(name, v string) Arg {
	a := Arg{Name: name}
	v = strings.TrimSpace(v)
	if len(v) >= 2 && (v[0] == '\'' && v[len(v)-1] == '\'' || v[0] == '"' && v[len(v)-1] == '"') {
		a.Quoted = true
		v = v[1 : len(v)-1]
	}
	if isPlaceholder(v) && strings.Count(v, "{") == 1 || isAnglePlaceholder(v) {
		a.Placeholder = strings.TrimSpace(v[1 : len(v)-1])
		return a
	}
	a.Value = v
	return a
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// anglePlaceholder is a placeholder written "<address>" in an argument.
var anglePlaceholder = regexp.MustCompile(`([(=,]\s*'?)<([A-Za-z][A-Za-z0-9_-]*)>`)

// WireSpelling spells a function or key segment as it goes on the wire:
// "<address>" placeholders as "{address}", and without the blanks the docs
// put around ',' and '=' outside quotes (a blank is not valid in a path).
func WireSpelling(raw string) string {
	raw = anglePlaceholder.ReplaceAllString(raw, "${1}{${2}}")
	if !strings.Contains(raw, " ") {
		return raw
	}
	var b strings.Builder
	var quote byte
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == ' ' || c == '\t':
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
