package xgraph

import (
	"maps"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// Responses yields what ranging over Map yields, each key once, whether
// the keys are the likely ones or not and with nil values among them.
func TestResponses(t *testing.T) {
	resp := func() *openapi3.ResponseRef { return &openapi3.ResponseRef{Value: openapi3.NewResponse()} }
	cases := map[string]map[string]*openapi3.ResponseRef{
		"empty":           {},
		"likely":          {"default": resp(), "200": resp()},
		"all likely":      {"default": resp(), "200": resp(), "204": resp(), "201": resp(), "202": resp(), "302": resp()},
		"other":           {"default": resp(), "201": resp(), "400": resp()},
		"only other":      {"404": resp(), "2XX": resp()},
		"nil likely":      {"default": resp(), "200": nil},
		"nil other":       {"default": resp(), "409": nil},
		"nil and another": {"204": nil, "418": resp(), "200": resp()},
	}
	for name, want := range cases {
		rs := openapi3.NewResponses()
		rs.Delete("default")
		for k, v := range want {
			rs.Set(k, v)
		}
		got := map[string]*openapi3.ResponseRef{}
		for k, v := range Responses(rs) {
			if _, ok := got[k]; ok {
				t.Errorf("%s: %s yielded twice", name, k)
			}
			got[k] = v
		}
		if !maps.Equal(got, rs.Map()) || len(got) != len(want) {
			t.Errorf("%s: got %v, want %v", name, got, want)
		}
		n := 0
		for range Responses(rs) {
			n++
			break
		}
		if n != min(1, len(want)) {
			t.Errorf("%s: %d yields after a break", name, n)
		}
	}
	for range Responses(nil) {
		t.Error("nil responses yield")
	}
}
