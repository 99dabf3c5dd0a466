package spec

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
)

// marshalIndented is json.Marshal(doc) indented by json.Indent(data, "",
// "  "), written in one pass instead of one per level and a second one
// to indent.
//
// Each kin-openapi type marshals as json.Marshal(its MarshalYAML()): a map
// of its fields whose values are kin-openapi types again. encoding/json
// re-reads (compacts) the bytes every nested MarshalJSON returns, so a
// schema deep in the document is encoded once per level above it (1.4 s
// for the v1.0 document), and the result is read once more to indent it.
// The encoder here walks the same MarshalYAML results and writes the
// indented JSON directly: maps with their keys sorted byte-wise, strings
// escaped (by encoding/json itself unless they are plain ASCII), any other
// value (numbers, the x-graph extension values) through json.Marshal and
// json.Indent as a whole. A test holds it to the bytes of kin-openapi's
// marshal on the golden cases and the v1.0 document.
func marshalIndented(doc *openapi3.T) ([]byte, error) {
	e := &indentEncoder{}
	e.buf.Grow(1 << 20)
	if err := e.value(doc); err != nil {
		return nil, err
	}
	return e.buf.Bytes(), nil
}

type indentEncoder struct {
	buf    bytes.Buffer
	indent []byte // "\n" and the current indentation
}

var openapi3Pkg = reflect.TypeFor[openapi3.T]().PkgPath()

// fromOpenAPI3 reports whether t is a kin-openapi type or a pointer to one.
func fromOpenAPI3(t reflect.Type) bool {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.PkgPath() == openapi3Pkg
}

type yamlMarshaler interface {
	MarshalYAML() (any, error)
}

var jsonMarshalerType = reflect.TypeFor[json.Marshaler]()

// isMarshaler reports whether values of t (or pointers to them, which
// encoding/json uses for addressable values) marshal themselves.
func isMarshaler(t reflect.Type) bool {
	return t.Implements(jsonMarshalerType) || reflect.PointerTo(t).Implements(jsonMarshalerType)
}

func (e *indentEncoder) value(v any) error {
	switch x := v.(type) {
	case nil:
		e.buf.WriteString("null")
		return nil
	case string:
		return e.string(x)
	case bool:
		if x {
			e.buf.WriteString("true")
		} else {
			e.buf.WriteString("false")
		}
		return nil
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		return e.object(keys, func(k string) any { return x[k] })
	case []any:
		return e.array(len(x), func(i int) any { return x[i] })
	}
	rv := reflect.ValueOf(v)
	t := rv.Type()
	kind := t.Kind()
	if !fromOpenAPI3(t) && kind != reflect.Map && kind != reflect.Slice {
		return e.leaf(v)
	}
	if (kind == reflect.Pointer || kind == reflect.Map || kind == reflect.Slice) && rv.IsNil() {
		e.buf.WriteString("null") // as encoding/json writes a nil pointer, map or slice
		return nil
	}
	if fromOpenAPI3(t) {
		_, isJSON := v.(json.Marshaler)
		if m, ok := v.(yamlMarshaler); ok && isJSON {
			y, err := m.MarshalYAML()
			if err != nil {
				return err
			}
			return e.value(y)
		}
	}
	switch kind {
	case reflect.Map:
		if t.Key().Kind() != reflect.String || !fromOpenAPI3(t.Elem()) || isMarshaler(t) {
			return e.leaf(v)
		}
		keys := make([]string, 0, rv.Len())
		for it := rv.MapRange(); it.Next(); {
			keys = append(keys, it.Key().String())
		}
		return e.object(keys, func(k string) any { return rv.MapIndex(reflect.ValueOf(k).Convert(t.Key())).Interface() })
	case reflect.Slice:
		if !fromOpenAPI3(t.Elem()) || isMarshaler(t) {
			return e.leaf(v)
		}
		return e.array(rv.Len(), func(i int) any { return rv.Index(i).Interface() })
	}
	return e.leaf(v)
}

// object writes the map whose keys are keys (sorted here) and whose values
// value gives, as json.Indent lays it out.
func (e *indentEncoder) object(keys []string, value func(string) any) error {
	if len(keys) == 0 {
		e.buf.WriteString("{}")
		return nil
	}
	slices.Sort(keys)
	e.buf.WriteByte('{')
	e.push()
	for i, k := range keys {
		if i > 0 {
			e.buf.WriteByte(',')
		}
		e.buf.Write(e.indent)
		if err := e.string(k); err != nil {
			return err
		}
		e.buf.WriteString(": ")
		if err := e.value(value(k)); err != nil {
			return err
		}
	}
	e.pop()
	e.buf.Write(e.indent)
	e.buf.WriteByte('}')
	return nil
}

// array writes the n values elem gives, as json.Indent lays them out.
func (e *indentEncoder) array(n int, elem func(int) any) error {
	if n == 0 {
		e.buf.WriteString("[]")
		return nil
	}
	e.buf.WriteByte('[')
	e.push()
	for i := range n {
		if i > 0 {
			e.buf.WriteByte(',')
		}
		e.buf.Write(e.indent)
		if err := e.value(elem(i)); err != nil {
			return err
		}
	}
	e.pop()
	e.buf.Write(e.indent)
	e.buf.WriteByte(']')
	return nil
}

func (e *indentEncoder) push() {
	if len(e.indent) == 0 {
		e.indent = append(e.indent, '\n')
	}
	e.indent = append(e.indent, ' ', ' ')
}

func (e *indentEncoder) pop() { e.indent = e.indent[:len(e.indent)-2] }

// string writes s as encoding/json does: as it is when it is printable
// ASCII that needs no escape, else through json.Marshal.
func (e *indentEncoder) string(s string) error {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= utf8.RuneSelf || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return e.leaf(s)
		}
	}
	e.buf.WriteByte('"')
	e.buf.WriteString(s)
	e.buf.WriteByte('"')
	return nil
}

// leaf writes v as json.Marshal and json.Indent would, at the current
// indentation.
func (e *indentEncoder) leaf(v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	prefix := ""
	if len(e.indent) > 0 {
		prefix = string(e.indent[1:])
	}
	if len(data) > 0 && (data[0] == '{' || data[0] == '[') {
		return json.Indent(&e.buf, data, prefix, "  ")
	}
	e.buf.Write(data)
	return nil
}
