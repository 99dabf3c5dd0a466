package parser

import (
	"encoding/json"
	"strconv"
	"sync"
	"unicode/utf8"
)

// fastJSON decodes text as one JSON value and nothing after it but white
// space, into the values encoding/json gives for an any (map[string]any,
// []any, string, bool, nil, and float64 numbers, or json.Number with
// useNumber). ok is false when it cannot say: for text that is not JSON,
// and for what it leaves to encoding/json (a \u escape, a number that
// does not fit a float64, deep nesting), so that a caller falls back to
// encoding/json and keeps its results and errors exactly. The docs'
// annotation comments and example bodies are plain JSON, which this reads
// without encoding/json's reflection, second scan and buffer copies.
//
// With share, the strings of v share text's bytes (for text kept as long
// as v); without, they are copies.
func fastJSON(text string, useNumber, share bool) (v any, ok bool) {
	d := decoders.Get().(*fastDecoder)
	d.s, d.i, d.useNumber, d.share = text, 0, useNumber, share
	v, ok = d.value(0)
	if ok {
		d.ws()
		ok = d.i == len(d.s)
	}
	// a text that failed leaves members and elements (what is read past
	// an array's or an object's end is cleared there)
	clear(d.members)
	clear(d.elems)
	d.s, d.members, d.elems = "", d.members[:0], d.elems[:0]
	decoders.Put(d)
	if !ok {
		return nil, false
	}
	return v, true
}

type fastDecoder struct {
	s         string
	i         int
	useNumber bool
	share     bool
	buf       []byte // for strings with escapes
	// The members of the objects and the elements of the arrays being
	// read, the innermost last: an object becomes a map of its size once
	// it is read, an array a slice of its length, without the growing
	// (a map's rehashing) of filling them one by one.
	members []member
	elems   []any
}

// member is one "key": value of an object being read.
type member struct {
	key   string
	value any
}

// decoders keep the decoders' stacks for the next text.
var decoders = sync.Pool{New: func() any { return new(fastDecoder) }}

// maxFastDepth bounds the nesting fastJSON reads (encoding/json's own
// limit is 10000).
const maxFastDepth = 200

// next reads what follows an element of an object or array closed by
// end: more after a comma, !more after end; !ok for anything else.
func (d *fastDecoder) next(end byte) (more, ok bool) {
	d.ws()
	if d.i >= len(d.s) {
		return false, false
	}
	switch d.s[d.i] {
	case ',':
		d.i++
		return true, true
	case end:
		d.i++
		return false, true
	}
	return false, false
}

func (d *fastDecoder) ws() {
	for d.i < len(d.s) {
		switch d.s[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

func (d *fastDecoder) value(depth int) (any, bool) {
	d.ws()
	if d.i >= len(d.s) || depth > maxFastDepth {
		return nil, false
	}
	switch c := d.s[d.i]; {
	case c == '{':
		d.i++
		d.ws()
		if d.i < len(d.s) && d.s[d.i] == '}' {
			d.i++
			return map[string]any{}, true
		}
		base := len(d.members)
		for {
			d.ws()
			if d.i >= len(d.s) || d.s[d.i] != '"' {
				return nil, false
			}
			k, ok := d.str()
			if !ok {
				return nil, false
			}
			d.ws()
			if d.i >= len(d.s) || d.s[d.i] != ':' {
				return nil, false
			}
			d.i++
			v, ok := d.value(depth + 1)
			if !ok {
				return nil, false
			}
			d.members = append(d.members, member{k, v})
			if more, ok := d.next('}'); !ok {
				return nil, false
			} else if !more {
				ms := d.members[base:]
				m := make(map[string]any, len(ms))
				for _, kv := range ms {
					m[kv.key] = kv.value // a key written twice keeps its last value
				}
				clear(ms)
				d.members = d.members[:base]
				return m, true
			}
		}
	case c == '[':
		d.i++
		d.ws()
		if d.i < len(d.s) && d.s[d.i] == ']' {
			d.i++
			return []any{}, true
		}
		base := len(d.elems)
		for {
			v, ok := d.value(depth + 1)
			if !ok {
				return nil, false
			}
			d.elems = append(d.elems, v)
			if more, ok := d.next(']'); !ok {
				return nil, false
			} else if !more {
				es := d.elems[base:]
				a := make([]any, len(es))
				copy(a, es)
				clear(es)
				d.elems = d.elems[:base]
				return a, true
			}
		}
	case c == '"':
		return d.str()
	case c == 't':
		return true, d.literal("true")
	case c == 'f':
		return false, d.literal("false")
	case c == 'n':
		return nil, d.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		return d.number()
	}
	return nil, false
}

func (d *fastDecoder) literal(word string) bool {
	if len(d.s)-d.i >= len(word) && d.s[d.i:d.i+len(word)] == word {
		d.i += len(word)
		return true
	}
	return false
}

// str reads a string at the opening quote: its bytes as written, or with
// the escapes other than \u resolved; a control character, a \u escape
// or invalid UTF-8 is not read.
func (d *fastDecoder) str() (string, bool) {
	d.i++ // the quote
	start := d.i
	ascii := true
	for d.i < len(d.s) {
		switch c := d.s[d.i]; {
		case c == '"':
			s := d.s[start:d.i]
			d.i++
			if !ascii && !utf8.ValidString(s) {
				return "", false
			}
			if !d.share {
				s = string([]byte(s))
			}
			return s, true
		case c == '\\':
			return d.escaped(start)
		case c < 0x20:
			return "", false
		case c >= utf8.RuneSelf:
			ascii = false
		}
		d.i++
	}
	return "", false
}

// escaped reads the rest of a string that has an escape at d.i.
func (d *fastDecoder) escaped(start int) (string, bool) {
	b := append(d.buf[:0], d.s[start:d.i]...)
	for d.i < len(d.s) {
		c := d.s[d.i]
		switch {
		case c == '"':
			d.i++
			d.buf = b
			if !utf8.Valid(b) {
				return "", false
			}
			return string(b), true
		case c < 0x20:
			return "", false
		case c == '\\':
			if d.i+1 >= len(d.s) {
				return "", false
			}
			switch e := d.s[d.i+1]; e {
			case '"', '\\', '/':
				b = append(b, e)
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			default: // \u and anything else: encoding/json's
				return "", false
			}
			d.i += 2
			continue
		}
		b = append(b, c)
		d.i++
	}
	return "", false
}

// number reads a number of JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
func (d *fastDecoder) number() (any, bool) {
	start := d.i
	if d.s[d.i] == '-' {
		d.i++
	}
	digits := func() int {
		n := 0
		for d.i < len(d.s) && d.s[d.i] >= '0' && d.s[d.i] <= '9' {
			d.i++
			n++
		}
		return n
	}
	switch {
	case d.i < len(d.s) && d.s[d.i] == '0':
		d.i++
	case digits() == 0:
		return nil, false
	}
	if d.i < len(d.s) && d.s[d.i] == '.' {
		d.i++
		if digits() == 0 {
			return nil, false
		}
	}
	if d.i < len(d.s) && (d.s[d.i] == 'e' || d.s[d.i] == 'E') {
		d.i++
		if d.i < len(d.s) && (d.s[d.i] == '+' || d.s[d.i] == '-') {
			d.i++
		}
		if digits() == 0 {
			return nil, false
		}
	}
	lit := d.s[start:d.i]
	if d.useNumber {
		if !d.share {
			lit = string([]byte(lit))
		}
		return json.Number(lit), true
	}
	f, err := strconv.ParseFloat(lit, 64)
	if err != nil {
		return nil, false
	}
	return f, true
}
