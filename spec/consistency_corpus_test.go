package spec

import (
	"strings"
	"testing"

	"github.com/graphdocgen/graphdocgen/parser"
	"github.com/graphdocgen/graphdocgen/xgraph"
)

// TestCorpusConsistencyLevel measures the ConsistencyLevel header: the
// operations that have it as a parameter (from the headers table or a
// sentence), those where $search or $count imply it, and the pages whose
// request examples send it although their operations have no such
// parameter (the header the docs use but do not document).
func TestCorpusConsistencyLevel(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	for _, tt := range []struct {
		docs string
		// pages whose examples send the header, without it as a
		// parameter, at most
		undocumented int
	}{
		{"graph-docs-2021-07/v1.0", 0},
		{"graph-docs-2021-07/beta", 0},
		{"graph-docs-common/v1.0", 0},
	} {
		t.Run(tt.docs, func(t *testing.T) {
			pages := loadCorpus(t, tt.docs)
			doc, _ := Build(pages, Options{})
			withParam := map[string]bool{} // page -> an operation has the parameter
			var ops, implied, prose int
			for _, path := range doc.Paths.InMatchingOrder() {
				for _, op := range doc.Paths.Value(path).Operations() {
					for _, p := range op.Parameters {
						if p.Value.In != "header" || !strings.EqualFold(p.Value.Name, "ConsistencyLevel") {
							continue
						}
						ops++
						x, _ := xgraph.ReadParameter(p.Value)
						if len(x.ImpliedBy) > 0 {
							implied++
						}
						ox, _ := xgraph.ReadOperation(op)
						withParam[ox.Page] = true
					}
				}
			}
			var sent, undocumented int
			for _, p := range pages {
				for _, h := range p.Headers {
					if h.Prose {
						prose++
					}
				}
				if !sendsConsistency(p) {
					continue
				}
				sent++
				if !withParam[p.Path] {
					undocumented++
					t.Logf("examples send ConsistencyLevel, no parameter: %s", p.Path)
				}
			}
			t.Logf("%s: %d operations have a ConsistencyLevel parameter, %d implied by $search or $count; %d pages state it only in a sentence; %d pages' examples send it, %d of them without the parameter",
				tt.docs, ops, implied, prose, sent, undocumented)
			if ops == 0 {
				t.Fatal("no ConsistencyLevel parameter: the measure is broken")
			}
			if undocumented > tt.undocumented {
				t.Errorf("%d pages send ConsistencyLevel in examples without the parameter, want at most %d", undocumented, tt.undocumented)
			}
		})
	}
}

// sendsConsistency reports whether a request example of p sends the
// ConsistencyLevel header.
func sendsConsistency(p *parser.Page) bool {
	for _, ex := range p.Examples {
		if ex.BlockType != "request" {
			continue
		}
		for _, h := range ex.Headers {
			if strings.EqualFold(h.Name, "ConsistencyLevel") {
				return true
			}
		}
	}
	return false
}
