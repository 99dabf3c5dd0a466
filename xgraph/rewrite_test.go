package xgraph

import (
	"encoding/json"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// Writing an operation again keeps the values written before when they
// are equal (so as not to box them again) and takes the new ones when
// they differ, down to a nil scope list beside an empty one: the
// extensions marshal as a first write of the same vocabulary does.
func TestWriteOperationAgain(t *testing.T) {
	wire := func(op *openapi3.Operation) string {
		b, err := json.Marshal(op.Extensions)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	empty := func(o *Operation) { o.Permissions = &Permissions{DelegatedWork: Alternatives{{}}} }
	none := func(o *Operation) { o.Permissions = &Permissions{DelegatedWork: Alternatives{nil}} }
	same := func(o *Operation) {}
	for _, c := range []struct{ first, again func(o *Operation) }{
		{same, same},
		{same, func(o *Operation) { o.Source = "api/other.md:1" }},
		{same, func(o *Operation) { o.Page = "" }},
		{same, func(o *Operation) { o.Permissions.Application = nil }},
		{same, func(o *Operation) { o.Permissions = nil }},
		{empty, empty},
		{empty, none},
		{none, empty},
		{none, none},
	} {
		first, again := sampleOperation(), sampleOperation()
		c.first(&first)
		c.again(&again)
		op := &openapi3.Operation{}
		WriteOperation(op, first)
		WriteOperation(op, again)
		fresh := &openapi3.Operation{}
		WriteOperation(fresh, again)
		if got, want := wire(op), wire(fresh); got != want {
			t.Errorf("written again:\n%s\nwant\n%s", got, want)
		}
	}
}
