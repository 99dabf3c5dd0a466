package runtime

import (
	"encoding/json"
	"testing"
)

type exactKeys struct {
	FooBar               string                     `json:"fooBar,omitempty"`
	AdditionalProperties map[string]json.RawMessage `json:"-"`
}

func (v exactKeys) MarshalJSON() ([]byte, error) {
	type plain exactKeys
	return marshalObject(plain(v), v.AdditionalProperties)
}

func (v *exactKeys) UnmarshalJSON(b []byte) error {
	type plain exactKeys
	return unmarshalObject(b, (*plain)(v), &v.AdditionalProperties, "fooBar")
}

// TestUndocumentedKeysKeepTheirSpelling: a key that differs from a
// documented one in case only is kept as received, not decoded into the
// field, and comes back out spelled the same.
func TestUndocumentedKeysKeepTheirSpelling(t *testing.T) {
	for in, want := range map[string]string{
		`{"FOOBAR":"x"}`:               `{"FOOBAR":"x"}`,
		`{"fooBar":"a","FOOBAR":"x"}`:  `{"FOOBAR":"x","fooBar":"a"}`,
		`{"fooBar":"a","other":[1,2]}`: `{"fooBar":"a","other":[1,2]}`,
		`{"FooBar":"y","fooBar":"a"}`:  `{"FooBar":"y","fooBar":"a"}`,
	} {
		var v exactKeys
		if err := json.Unmarshal([]byte(in), &v); err != nil {
			t.Fatal(err)
		}
		out, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != want {
			t.Errorf("%s: re-encoded as %s, want %s", in, out, want)
		}
	}
	var v exactKeys
	if err := json.Unmarshal([]byte(`{"FOOBAR":"x"}`), &v); err != nil || v.FooBar != "" {
		t.Errorf("FOOBAR decoded into FooBar: %q %v", v.FooBar, err)
	}
}
