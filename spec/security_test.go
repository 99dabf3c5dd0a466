package spec

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/graphdocgen/graphdocgen/parser"
	"github.com/graphdocgen/graphdocgen/xgraph"
)

// TestSecurityShared: operations whose pages document the same
// permissions share one Security value, equal to what their permissions
// give; other permissions give other values.
func TestSecurityShared(t *testing.T) {
	set, err := parser.Load([]string{"../generated/docs"}, parser.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := Build(set.Pages, Options{})
	byKey := map[string]*openapi3.SecurityRequirements{}
	ops, shared := 0, 0
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			x, err := xgraph.ReadOperation(op)
			if err != nil {
				t.Fatal(err)
			}
			if x.Permissions == nil || op.Security == nil {
				continue
			}
			ops++
			if want := x.Permissions.Security(); !reflect.DeepEqual(*op.Security, want) {
				t.Errorf("%s: Security %v, want %v", op.OperationID, *op.Security, want)
			}
			key := securityKey(*op.Security)
			if prev, ok := byKey[key]; ok {
				shared++
				if prev != op.Security {
					t.Errorf("%s: its requirements %v are a value of their own", op.OperationID, *op.Security)
				}
			}
			byKey[key] = op.Security
		}
	}
	if ops < 10 || shared == 0 || len(byKey) < 2 {
		t.Errorf("%d operations with requirements, %d sharing, %d sets; want the fixture's many over several sets", ops, shared, len(byKey))
	}
}

// The key securityOf looks a set up by is the key of the requirements the
// permissions give, and empty exactly when they give none.
func TestPermissionsKey(t *testing.T) {
	for _, perm := range []xgraph.Permissions{
		{},
		{Application: xgraph.Alternatives{{"A.Read.All"}}},
		{DelegatedWork: xgraph.Alternatives{{"B.Read"}, {"B.ReadWrite", "C \"quoted\""}}, DelegatedPersonal: xgraph.Alternatives{{}}, Application: xgraph.Alternatives{{"B.Read.All"}}},
		{Application: xgraph.Alternatives{{"back\\slash", "tab\there", "del\x7f", "é.Read", " ~"}}},
	} {
		got := string(appendPermissionsKey(nil, &perm))
		sec := perm.Security()
		if want := securityKey(sec); got != want || (got == "") != (sec == nil) {
			t.Errorf("%+v: key %q, want %q (requirements %v)", perm, got, want, sec)
		}
	}
}

// The schema path, query and header parameters share, and their one
// reference to it, are left as they were by a Build, validation and
// marshaling included.
func TestPathParamSchemaUnchanged(t *testing.T) {
	set, err := parser.Load([]string{"../generated/docs"}, parser.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := Build(set.Pages, Options{})
	if _, err := Marshal(doc, "json"); err != nil {
		t.Fatal(err)
	}
	shared := 0
	for _, item := range doc.Paths.Map() {
		for op := range operationsOf(item) {
			for _, p := range op.Parameters {
				if p.Value != nil && p.Value.Schema == stringParamRef {
					shared++
				}
			}
		}
	}
	if want := (&openapi3.Schema{Type: &openapi3.Types{"string"}}); shared == 0 || !reflect.DeepEqual(stringParamSchema, want) {
		t.Errorf("%d parameters share the path parameter schema, now %+v", shared, stringParamSchema)
	}
	if want := (&openapi3.SchemaRef{Value: stringParamSchema}); !reflect.DeepEqual(stringParamRef, want) {
		t.Errorf("the shared reference to it is now %+v", stringParamRef)
	}
}

// The operations of a Build share one $ref to the error response and one
// to each OData parameter, which the resolution gives the component's
// value and nothing else changes.
func TestSharedRefsUnchanged(t *testing.T) {
	set, err := parser.Load([]string{"../generated/docs"}, parser.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := Build(set.Pages, Options{})
	errRef, odata := map[*openapi3.ResponseRef]bool{}, map[string]map[*openapi3.ParameterRef]bool{}
	for _, item := range doc.Paths.Map() {
		for op := range operationsOf(item) {
			if d := op.Responses.Value("default"); d != nil {
				errRef[d] = true
				if c := doc.Components.Responses["error"]; d.Ref != "#/components/responses/error" || c == nil || d.Value != c.Value {
					t.Errorf("%s: default response %+v", op.OperationID, d)
				}
			}
			for _, p := range op.Parameters {
				if key, ok := strings.CutPrefix(p.Ref, "#/components/parameters/"); ok {
					if odata[key] == nil {
						odata[key] = map[*openapi3.ParameterRef]bool{}
					}
					odata[key][p] = true
					if c := doc.Components.Parameters[key]; c == nil || p.Value != c.Value {
						t.Errorf("%s: parameter %+v", op.OperationID, p)
					}
				}
			}
		}
	}
	if len(errRef) != 1 || len(odata) == 0 {
		t.Errorf("%d error response refs, %d OData parameters", len(errRef), len(odata))
	}
	for key, refs := range odata {
		if len(refs) != 1 {
			t.Errorf("%d refs to %s", len(refs), key)
		}
	}
	// Nor did anything change what they point to: the components are
	// those of a fresh document (as JSON: resolving gave their $refs
	// values, which JSON does not show).
	fresh := newDoc(Options{}, nil).Components
	same := func(what string, a, b any) {
		t.Helper()
		ja, errA := json.Marshal(a)
		jb, errB := json.Marshal(b)
		if errA != nil || errB != nil || string(ja) != string(jb) {
			t.Errorf("%s changed: %s, want %s (%v, %v)", what, ja, jb, errA, errB)
		}
	}
	same("the error response", doc.Components.Responses["error"].Value, fresh.Responses["error"].Value)
	for key := range odata {
		same("parameter "+key, doc.Components.Parameters[key].Value, fresh.Parameters[key].Value)
	}
	// The statuses' shared texts, which every response points to.
	for st := -1; st < 700; st++ {
		key, desc := statusKey(st)
		want := http.StatusText(st)
		if key != strconv.Itoa(st) || (desc == nil) != (want == "") || desc != nil && *desc != want {
			t.Errorf("status %d: key %q, description %v", st, key, desc)
		}
	}
}
