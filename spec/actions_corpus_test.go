package spec

import (
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/csdl"
	"github.com/graphdocgen/graphdocgen/graphpath"
	"github.com/graphdocgen/graphdocgen/xgraph"
)

// csdlPath converts an OpenAPI path for csdl.Resolve (the measure only).
func csdlPath(p string) []csdl.Segment {
	var out []csdl.Segment
	for _, s := range graphpath.Parse(p) {
		switch s.Kind {
		case graphpath.Param:
			out = append(out, csdl.Segment{Key: true})
		case graphpath.Function:
			out = append(out, csdl.Segment{Name: s.Name, Call: strings.Contains(s.Raw, "(")})
		case graphpath.Key:
			if s.IsItemPath() {
				out = append(out, csdl.Segment{Name: s.Name, ItemPath: true})
			} else {
				out = append(out, csdl.Segment{Name: s.Name, Key: true})
			}
		default:
			out = append(out, csdl.Segment{Name: s.Name})
		}
	}
	return out
}

// TestCorpusBoundActions measures, against the service's CSDL, how many
// POST operations whose path ends in a bound action are marked as actions
// (x-graph-action), and how many POST operations are marked as actions
// although the CSDL resolves their last segment to no operation (a create
// on a navigation read as an action). The CSDL is ground truth for the
// measure only: the spec reads the docs.
func TestCorpusBoundActions(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	for _, tt := range []struct {
		version string
		// the share of bound actions marked, in percent, at least
		want int
		// the POST operations marked as actions the CSDL does not
		// have, at most
		falseMarks int
		// the same for GET operations and bound functions
		wantFn, falseFn int
	}{
		// Every v1.0 bound action is marked: by its title ("type: name",
		// the action's words), else by what the pages address.
		// A function called without parentheses is marked by its title,
		// or by what its page says of it: an example or another request
		// line calling it with parentheses (delta on the drive root,
		// range on a table column), an opening paragraph or response
		// sentence saying "this function" (recent activities,
		// availableProviderTypes). recent and sharedWithMe on the drive
		// are titled by what they do and say no more (282 of 284); a
		// GET of a segment nothing continues is as often a navigation
		// the resource page leaves out.
		{"v1.0", 98, 0, 99, 0},
		// beta's 2021-07 metadata lacks three actions its docs title
		// "type: name" or "name action" (participant: configureMixer);
		// getUserOwnedObjects, titled by what it lists, follows a path
		// no request line names.
		// accessReviewInstance: pendingAccessReviewInstances is a
		// function the 2021-07 metadata does not have.
		{"beta", 99, 3, 99, 1},
	} {
		t.Run(tt.version, func(t *testing.T) {
			m, err := csdl.ParseFile(corpusDir(t, "graph-metadata-2021-07/"+tt.version+".csdl.xml"))
			if err != nil {
				t.Fatal(err)
			}
			doc, _ := Build(loadCorpus(t, "graph-docs-2021-07/"+tt.version), Options{Version: tt.version})
			var bound, marked, wrong, resolved, falseMarks int
			var missed []string
			for _, path := range doc.Paths.InMatchingOrder() {
				op := doc.Paths.Value(path).Post
				if op == nil {
					continue
				}
				x, _ := xgraph.ReadOperation(op)
				r := m.Resolve(csdlPath(path))
				if !r.OK() {
					continue
				}
				resolved++
				if r.Operation == nil || r.Operation.Function || !r.Operation.Bound {
					if x.Action != "" && r.Operation == nil {
						falseMarks++
						t.Logf("marked %q, the CSDL has no action: POST %s (%s)", x.Action, path, x.Source)
					}
					continue
				}
				bound++
				switch {
				case strings.EqualFold(x.Action, csdl.ShortName(r.Operation.Name)):
					marked++
				case x.Action != "":
					wrong++
					t.Logf("marked %q, the CSDL action is %s: POST %s", x.Action, r.Operation.Name, path)
				default:
					missed = append(missed, "POST "+path+" ("+x.Source+")")
				}
			}
			t.Logf("%s: %d POST operations resolve in the CSDL; %d end in a bound action, %d marked as that action, %d marked otherwise, %d not marked; %d marked without a CSDL action",
				tt.version, resolved, bound, marked, wrong, len(missed), falseMarks)
			for _, s := range missed {
				t.Logf("not marked: %s", s)
			}
			if bound == 0 {
				t.Fatal("no bound action found: the measure is broken")
			}
			if marked*100 < bound*tt.want {
				t.Errorf("%d of %d bound-action POST operations marked as actions, want at least %d%%", marked, bound, tt.want)
			}
			fn, fnMarked, fnFalse := countFunctions(t, m, doc)
			t.Logf("%s: %d GET operations end in a bound function, %d marked as that function; %d GET operations marked without a CSDL function",
				tt.version, fn, fnMarked, fnFalse)
			if fnMarked*100 < fn*tt.wantFn {
				t.Errorf("%d of %d bound-function GET operations marked as functions, want at least %d%%", fnMarked, fn, tt.wantFn)
			}
			if fnFalse > tt.falseFn {
				t.Errorf("%d GET operations marked as functions the CSDL does not have, want at most %d", fnFalse, tt.falseFn)
			}
			if falseMarks > tt.falseMarks {
				t.Errorf("%d POST operations marked as actions the CSDL does not have, want at most %d", falseMarks, tt.falseMarks)
			}
			if wrong > 0 {
				t.Errorf("%d POST operations marked as another action than the CSDL's, want none", wrong)
			}
		})
	}
}

// countFunctions counts the GET operations whose path ends in a bound
// function (by the CSDL), those of them marked as that function, and the
// GET operations marked as functions where the CSDL has none.
func countFunctions(t *testing.T, m *csdl.Model, doc *openapi3.T) (bound, marked, falseMarks int) {
	for _, path := range doc.Paths.InMatchingOrder() {
		op := doc.Paths.Value(path).Get
		if op == nil {
			continue
		}
		x, _ := xgraph.ReadOperation(op)
		r := m.Resolve(csdlPath(path))
		if !r.OK() {
			continue
		}
		if r.Operation == nil || !r.Operation.Function || !r.Operation.Bound {
			if x.Action != "" && r.Operation == nil {
				falseMarks++
				t.Logf("marked %q, the CSDL has no function: GET %s (%s)", x.Action, path, x.Source)
			}
			continue
		}
		bound++
		if strings.EqualFold(x.Action, csdl.ShortName(r.Operation.Name)) {
			marked++
		} else {
			t.Logf("not marked as %s: GET %s (%s)", r.Operation.Name, path, x.Source)
		}
	}
	return bound, marked, falseMarks
}
