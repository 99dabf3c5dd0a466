// Package bincodec is the compact binary encoding of the cache's entries
// (pipeline's parsed pages): a Go value written field by field, in the
// order its type declares them, and read back exactly: nil and empty
// slices and maps stay apart, numbers keep their Go type, and a decoded
// JSON value (an any holding nil, bool, float64, json.Number, string,
// []any or map[string]any) comes back as it was. Strings are written once
// per value and referred to by number after, so the file name that every
// position of a page repeats costs its bytes once.
//
// The encoding carries no type information: reading needs the type that
// was written, so an entry must be keyed by the identity of the program
// that wrote it (pipeline's cache keys include the executable's hash).
// Types it cannot write (unexported fields, channels, functions, maps not
// keyed by strings, interfaces other than any) are an error of Marshal,
// never a silent loss. Decoding damaged bytes is an error, not a panic.
package bincodec

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sync"
)

// ErrDamaged is Unmarshal's error for bytes that are not an encoding of
// the value's type.
var ErrDamaged = errors.New("bincodec: damaged encoding")

// Marshal encodes the value v points to (or v itself, when it is not a
// pointer).
func Marshal(v any) ([]byte, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	c, err := codecOf(rv.Type())
	if err != nil {
		return nil, err
	}
	e, _ := encoders.Get().(*encoder)
	if e == nil {
		e = &encoder{strs: map[string]uint64{}}
	}
	e.buf = e.buf[:0]
	c.enc(e, rv)
	var buf []byte
	err = e.err
	if err == nil {
		buf = append([]byte(nil), e.buf...) // the encoding alone, at its length
	}
	e.err = nil
	if cap(e.buf) > maxScratch {
		e.buf = nil
	}
	clear(e.strs) // keeps the table's room for the next value
	encoders.Put(e)
	if err != nil {
		return nil, err
	}
	return buf, nil
}

// encoders are Marshal's, kept with their string tables and buffers: a
// table made for each value grew from empty, its strings rehashed at
// every growth, and a buffer grown for each value copied it as often (a
// third of encoding a docs page). A buffer over maxScratch is not kept.
var encoders sync.Pool

const maxScratch = 1 << 20

// Unmarshal decodes data, as Marshal wrote it for v's element type, into
// the value v points to.
func Unmarshal(data []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("bincodec: unmarshal into %T: not a non-nil pointer", v)
	}
	rv = rv.Elem()
	c, err := codecOf(rv.Type())
	if err != nil {
		return err
	}
	// The strings are cut from one copy of data: one allocation per
	// value where each string was one (a page entry holds hundreds; a
	// string kept keeps the copy, no larger than the entry, alive).
	d := &decoder{buf: data, text: string(data)}
	c.dec(d, rv)
	if d.err == nil && d.off != len(d.buf) {
		d.err = ErrDamaged
	}
	return d.err
}

type encoder struct {
	buf  []byte
	strs map[string]uint64 // string -> its number (1-based)
	err  error             // a value that cannot be written
}

func (e *encoder) uvarint(n uint64) { e.buf = binary.AppendUvarint(e.buf, n) }

// str writes s: 0, its length and bytes the first time, its number after.
func (e *encoder) str(s string) {
	if n, ok := e.strs[s]; ok {
		e.uvarint(n)
		return
	}
	e.strs[s] = uint64(len(e.strs) + 1)
	e.uvarint(0)
	e.uvarint(uint64(len(s)))
	e.buf = append(e.buf, s...)
}

type decoder struct {
	buf  []byte
	text string // buf as a string
	off  int
	strs []string
	err  error
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = ErrDamaged
	}
	d.off = len(d.buf)
}

func (d *decoder) uvarint() uint64 {
	n, k := binary.Uvarint(d.buf[d.off:])
	if k <= 0 {
		d.fail()
		return 0
	}
	d.off += k
	return n
}

func (d *decoder) varint() int64 {
	n, k := binary.Varint(d.buf[d.off:])
	if k <= 0 {
		d.fail()
		return 0
	}
	d.off += k
	return n
}

func (d *decoder) str() string {
	n := d.uvarint()
	if n != 0 {
		if n > uint64(len(d.strs)) {
			d.fail()
			return ""
		}
		return d.strs[n-1]
	}
	l := d.uvarint()
	if l > uint64(len(d.buf)-d.off) {
		d.fail()
		return ""
	}
	s := d.text[d.off : d.off+int(l)]
	d.off += int(l)
	d.strs = append(d.strs, s)
	return s
}

// length reads a slice or map length written as n+1 (0 is nil); ok false
// for nil. A length beyond the bytes left is damage.
func (d *decoder) length() (n int, ok bool) {
	l := d.uvarint()
	if l == 0 {
		return 0, false
	}
	if l-1 > uint64(len(d.buf)-d.off) {
		d.fail()
		return 0, false
	}
	return int(l - 1), true
}

type codec struct {
	enc func(*encoder, reflect.Value)
	dec func(*decoder, reflect.Value)
}

var codecs sync.Map // reflect.Type -> *codec, or error

func codecOf(t reflect.Type) (*codec, error) {
	if c, ok := codecs.Load(t); ok {
		if err, bad := c.(error); bad {
			return nil, err
		}
		return c.(*codec), nil
	}
	c, err := build(t, map[reflect.Type]*codec{})
	if err != nil {
		codecs.Store(t, err)
		return nil, err
	}
	codecs.Store(t, c)
	return c, nil
}

var anyType = reflect.TypeFor[any]()

// build makes the codec of t; inProgress holds the codecs being built, so
// that recursive types (a Response's Alt) refer to themselves.
func build(t reflect.Type, inProgress map[reflect.Type]*codec) (*codec, error) {
	if c, ok := inProgress[t]; ok {
		return c, nil
	}
	c := &codec{}
	inProgress[t] = c
	switch t.Kind() {
	case reflect.Bool:
		c.enc = func(e *encoder, v reflect.Value) {
			if v.Bool() {
				e.buf = append(e.buf, 1)
			} else {
				e.buf = append(e.buf, 0)
			}
		}
		c.dec = func(d *decoder, v reflect.Value) {
			if d.off >= len(d.buf) || d.buf[d.off] > 1 {
				d.fail()
				return
			}
			v.SetBool(d.buf[d.off] == 1)
			d.off++
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		c.enc = func(e *encoder, v reflect.Value) { e.buf = binary.AppendVarint(e.buf, v.Int()) }
		c.dec = func(d *decoder, v reflect.Value) {
			n := d.varint()
			if v.OverflowInt(n) {
				d.fail()
				return
			}
			v.SetInt(n)
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		c.enc = func(e *encoder, v reflect.Value) { e.uvarint(v.Uint()) }
		c.dec = func(d *decoder, v reflect.Value) {
			n := d.uvarint()
			if v.OverflowUint(n) {
				d.fail()
				return
			}
			v.SetUint(n)
		}
	case reflect.Float32, reflect.Float64:
		c.enc = func(e *encoder, v reflect.Value) {
			e.buf = binary.LittleEndian.AppendUint64(e.buf, math.Float64bits(v.Float()))
		}
		c.dec = func(d *decoder, v reflect.Value) { v.SetFloat(d.float()) }
	case reflect.String:
		c.enc = func(e *encoder, v reflect.Value) { e.str(v.String()) }
		c.dec = func(d *decoder, v reflect.Value) { v.SetString(d.str()) }
	case reflect.Pointer:
		elem, err := build(t.Elem(), inProgress)
		if err != nil {
			return nil, err
		}
		c.enc = func(e *encoder, v reflect.Value) {
			if v.IsNil() {
				e.buf = append(e.buf, 0)
				return
			}
			e.buf = append(e.buf, 1)
			elem.enc(e, v.Elem())
		}
		c.dec = func(d *decoder, v reflect.Value) {
			if d.off >= len(d.buf) || d.buf[d.off] > 1 {
				d.fail()
				return
			}
			d.off++
			if d.buf[d.off-1] == 0 {
				v.SetZero()
				return
			}
			p := reflect.New(t.Elem())
			elem.dec(d, p.Elem())
			v.Set(p)
		}
	case reflect.Slice:
		elem, err := build(t.Elem(), inProgress)
		if err != nil {
			return nil, err
		}
		c.enc = func(e *encoder, v reflect.Value) {
			if v.IsNil() {
				e.uvarint(0)
				return
			}
			e.uvarint(uint64(v.Len()) + 1)
			for i := range v.Len() {
				elem.enc(e, v.Index(i))
			}
		}
		c.dec = func(d *decoder, v reflect.Value) {
			n, ok := d.length()
			if !ok {
				v.SetZero()
				return
			}
			s := reflect.MakeSlice(t, n, n)
			for i := 0; i < n && d.err == nil; i++ {
				elem.dec(d, s.Index(i))
			}
			v.Set(s)
		}
	case reflect.Array:
		elem, err := build(t.Elem(), inProgress)
		if err != nil {
			return nil, err
		}
		c.enc = func(e *encoder, v reflect.Value) {
			for i := range v.Len() {
				elem.enc(e, v.Index(i))
			}
		}
		c.dec = func(d *decoder, v reflect.Value) {
			for i := 0; i < v.Len() && d.err == nil; i++ {
				elem.dec(d, v.Index(i))
			}
		}
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			return nil, fmt.Errorf("bincodec: %v: map keys must be strings", t)
		}
		key, err := build(t.Key(), inProgress)
		if err != nil {
			return nil, err
		}
		elem, err := build(t.Elem(), inProgress)
		if err != nil {
			return nil, err
		}
		c.enc = func(e *encoder, v reflect.Value) {
			if v.IsNil() {
				e.uvarint(0)
				return
			}
			e.uvarint(uint64(v.Len()) + 1)
			keys := v.MapKeys()
			slices.SortFunc(keys, func(a, b reflect.Value) int {
				if a.String() < b.String() {
					return -1
				}
				if a.String() > b.String() {
					return 1
				}
				return 0
			})
			for _, k := range keys {
				key.enc(e, k)
				elem.enc(e, v.MapIndex(k))
			}
		}
		c.dec = func(d *decoder, v reflect.Value) {
			n, ok := d.length()
			if !ok {
				v.SetZero()
				return
			}
			m := reflect.MakeMapWithSize(t, n)
			for i := 0; i < n && d.err == nil; i++ {
				k := reflect.New(t.Key()).Elem()
				key.dec(d, k)
				x := reflect.New(t.Elem()).Elem()
				elem.dec(d, x)
				m.SetMapIndex(k, x)
			}
			v.Set(m)
		}
	case reflect.Struct:
		var fields []int
		var codecs []*codec
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				return nil, fmt.Errorf("bincodec: %v.%s: unexported field", t, f.Name)
			}
			fc, err := build(f.Type, inProgress)
			if err != nil {
				return nil, err
			}
			fields = append(fields, i)
			codecs = append(codecs, fc)
		}
		c.enc = func(e *encoder, v reflect.Value) {
			for j, i := range fields {
				codecs[j].enc(e, v.Field(i))
			}
		}
		c.dec = func(d *decoder, v reflect.Value) {
			for j, i := range fields {
				if d.err != nil {
					return
				}
				codecs[j].dec(d, v.Field(i))
			}
		}
	case reflect.Interface:
		if t != anyType {
			return nil, fmt.Errorf("bincodec: %v: only the empty interface (a decoded JSON value) is supported", t)
		}
		c.enc = func(e *encoder, v reflect.Value) { e.jsonValue(v) }
		c.dec = func(d *decoder, v reflect.Value) {
			x := d.jsonValue()
			if x == nil {
				v.SetZero()
				return
			}
			v.Set(reflect.ValueOf(x))
		}
	default:
		return nil, fmt.Errorf("bincodec: %v: unsupported kind %v", t, t.Kind())
	}
	return c, nil
}

func (d *decoder) float() float64 {
	if len(d.buf)-d.off < 8 {
		d.fail()
		return 0
	}
	f := math.Float64frombits(binary.LittleEndian.Uint64(d.buf[d.off:]))
	d.off += 8
	return f
}

// The tags of a decoded JSON value.
const (
	tagNil byte = iota
	tagFalse
	tagTrue
	tagFloat
	tagNumber
	tagString
	tagSlice
	tagMap
	tagNilSlice
	tagNilMap
	tagBad // a value of another type: Marshal's error
)

// jsonValue writes the value of an any. A value of a type that decoded
// JSON does not hold is written as tagBad, and the encoding fails.
func (e *encoder) jsonValue(v reflect.Value) {
	if v.IsNil() {
		e.buf = append(e.buf, tagNil)
		return
	}
	switch x := v.Interface().(type) {
	case bool:
		if x {
			e.buf = append(e.buf, tagTrue)
		} else {
			e.buf = append(e.buf, tagFalse)
		}
	case float64:
		e.buf = append(e.buf, tagFloat)
		e.buf = binary.LittleEndian.AppendUint64(e.buf, math.Float64bits(x))
	case json.Number:
		e.buf = append(e.buf, tagNumber)
		e.str(string(x))
	case string:
		e.buf = append(e.buf, tagString)
		e.str(x)
	case []any:
		if x == nil {
			e.buf = append(e.buf, tagNilSlice)
			return
		}
		e.buf = append(e.buf, tagSlice)
		e.uvarint(uint64(len(x)))
		for _, el := range x {
			e.jsonValue(reflect.ValueOf(&el).Elem())
		}
	case map[string]any:
		if x == nil {
			e.buf = append(e.buf, tagNilMap)
			return
		}
		e.buf = append(e.buf, tagMap)
		e.uvarint(uint64(len(x)))
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			e.str(k)
			el := x[k]
			e.jsonValue(reflect.ValueOf(&el).Elem())
		}
	default:
		e.buf = append(e.buf, tagBad)
		if e.err == nil {
			e.err = fmt.Errorf("bincodec: %T in an any: not a decoded JSON value", x)
		}
	}
}

func (d *decoder) jsonValue() any {
	if d.off >= len(d.buf) {
		d.fail()
		return nil
	}
	tag := d.buf[d.off]
	d.off++
	switch tag {
	case tagNil:
		return nil
	case tagFalse:
		return false
	case tagTrue:
		return true
	case tagFloat:
		return d.float()
	case tagNumber:
		return json.Number(d.str())
	case tagString:
		return d.str()
	case tagNilSlice:
		return []any(nil)
	case tagNilMap:
		return map[string]any(nil)
	case tagSlice:
		n := d.uvarint()
		if n > uint64(len(d.buf)-d.off) {
			d.fail()
			return nil
		}
		s := make([]any, n)
		for i := range s {
			if d.err != nil {
				return nil
			}
			s[i] = d.jsonValue()
		}
		return s
	case tagMap:
		n := d.uvarint()
		if n > uint64(len(d.buf)-d.off) {
			d.fail()
			return nil
		}
		m := make(map[string]any, n)
		for range n {
			if d.err != nil {
				return nil
			}
			k := d.str()
			m[k] = d.jsonValue()
		}
		return m
	}
	d.fail()
	return nil
}
