package bincodec

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

type level int8

type node struct {
	Name     string
	Level    level
	Count    uint16
	Ratio    float64
	On       bool
	Tags     []string
	Attrs    map[string]int
	Next     *node
	Children []node
	Value    any
	Sum      [4]byte
}

func sample() *node {
	return &node{
		Name: "root", Level: -3, Count: 65535, Ratio: -1.5e-7, On: true,
		Tags:  []string{},
		Attrs: map[string]int{"b": -2, "a": 1, "": 0},
		Next:  &node{Name: "root", Tags: []string{"root", "x"}, Next: &node{}},
		Children: []node{{Name: "c", Attrs: map[string]int{}, Value: []any{}},
			{Value: map[string]any{}}, {Value: map[string]any(nil)}, {Value: []any(nil)}},
		Value: map[string]any{
			"n": json.Number("1.50"), "f": 2.5, "s": "root", "t": true, "u": false, "z": nil,
			"l": []any{json.Number("-0"), nil, map[string]any{"k": []any{}}},
		},
		Sum: [4]byte{1, 2, 254, 255},
	}
}

// TestRoundTrip: what is written is read back exactly, nil and empty
// apart, numbers with their types.
func TestRoundTrip(t *testing.T) {
	want := sample()
	data, err := Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	var got node
	if err := Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(want, &got) {
		t.Errorf("round trip differs:\nwant %#v\ngot  %#v", want, &got)
	}
	if got.Tags == nil || got.Next.Next.Tags != nil || got.Children[0].Attrs == nil || got.Attrs == nil {
		t.Error("nil and empty are not kept apart")
	}
	if _, ok := got.Value.(map[string]any)["n"].(json.Number); !ok {
		t.Error("a json.Number is not read back as one")
	}
	// Marshaling again gives the same bytes (map keys sorted).
	again, err := Marshal(&got)
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != string(data) {
		t.Error("the same value encodes to other bytes")
	}
}

// TestStringsOnce: a string repeated is written once.
func TestStringsOnce(t *testing.T) {
	long := strings.Repeat("docs/api/event-get.md", 10)
	one, err := Marshal(&[]string{long})
	if err != nil {
		t.Fatal(err)
	}
	many, err := Marshal(&[]string{long, long, long, long})
	if err != nil {
		t.Fatal(err)
	}
	if len(many)-len(one) > 3*2 {
		t.Errorf("four copies take %d bytes, one %d: the string is written more than once", len(many), len(one))
	}
}

// TestUnsupported: what the encoding cannot keep is an error, not a loss.
func TestUnsupported(t *testing.T) {
	type hidden struct {
		A string
		b int
	}
	type withFunc struct{ F func() }
	type intKeys struct{ M map[int]string }
	type iface struct{ E error }
	for _, v := range []any{&hidden{}, &withFunc{}, &intKeys{}, &iface{}, &node{Value: struct{}{}}, &node{Value: 3}} {
		if _, err := Marshal(v); err == nil {
			t.Errorf("Marshal(%T %v) did not fail", v, v)
		}
	}
	if err := Unmarshal([]byte{0}, node{}); err == nil {
		t.Error("Unmarshal into a non-pointer did not fail")
	}
}

// TestDamaged: every truncation, and any byte changed, is an error or a
// value, never a panic; a truncation is always an error.
func TestDamaged(t *testing.T) {
	data, err := Marshal(sample())
	if err != nil {
		t.Fatal(err)
	}
	for n := range len(data) {
		var got node
		if err := Unmarshal(data[:n], &got); !errors.Is(err, ErrDamaged) {
			t.Fatalf("truncated to %d of %d bytes: error %v, want ErrDamaged", n, len(data), err)
		}
	}
	var got node
	if err := Unmarshal(append(data, 0), &got); !errors.Is(err, ErrDamaged) {
		t.Errorf("a byte too many: error %v, want ErrDamaged", err)
	}
	for i := range data {
		for _, b := range []byte{0, 1, 0x7f, 0x80, 0xff} {
			bad := append([]byte(nil), data...)
			bad[i] = b
			var got node
			_ = Unmarshal(bad, &got) // must not panic
		}
	}
}

func FuzzUnmarshal(f *testing.F) {
	data, err := Marshal(sample())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Fuzz(func(t *testing.T, b []byte) {
		var got node
		if Unmarshal(b, &got) != nil {
			return
		}
		again, err := Marshal(&got)
		if err != nil {
			t.Fatalf("a decoded value does not encode: %v", err)
		}
		// Bytes, not DeepEqual: a NaN is not equal to itself.
		var back node
		if err := Unmarshal(again, &back); err != nil {
			t.Fatalf("a decoded value's encoding does not decode: %v", err)
		}
		third, err := Marshal(&back)
		if err != nil || string(third) != string(again) {
			t.Fatalf("decoded value does not round-trip: %v", err)
		}
	})
}

// Marshal's encoders are reused (their string tables and buffers): an
// encoding is the caller's alone, whatever is encoded after it, a string
// numbered in one value is written in full in the next, and a value that
// failed leaves nothing behind. Concurrent Marshals (go test -race) each
// get an encoder of their own.
func TestMarshalReusesEncoders(t *testing.T) {
	want := sample()
	first, err := Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	kept := string(first)
	if _, err := Marshal(&node{Value: 3}); err == nil {
		t.Fatal("an unsupported value encoded")
	}
	var errs [8]error
	var outs [8][]byte
	done := make(chan int)
	for i := range 8 {
		go func() {
			v := sample()
			v.Name = strings.Repeat("x", i*1000)
			outs[i], errs[i] = Marshal(v)
			done <- i
		}()
	}
	for range 8 {
		<-done
	}
	if string(first) != kept {
		t.Fatal("an encoding changed when others were made after it")
	}
	for i := range 8 {
		var got node
		if errs[i] != nil || Unmarshal(outs[i], &got) != nil || got.Name != strings.Repeat("x", i*1000) {
			t.Errorf("concurrent %d: %v, name of %d bytes", i, errs[i], len(got.Name))
		}
	}
	again, err := Marshal(want)
	if err != nil || string(again) != kept {
		t.Errorf("the same value encodes differently after others (%v)", err)
	}
	var got node
	if err := Unmarshal(again, &got); err != nil || !reflect.DeepEqual(&got, want) {
		t.Errorf("round trip after reuse: %v", err)
	}
}
