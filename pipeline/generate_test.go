package pipeline

import (
	"bytes"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"weak"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/parser"
	"github.com/graphdocgen/graphdocgen/spec"
)

// Generate, which validates the document beside generating the client
// from it (go test -race: the two only read it), gives what Build and
// GoFiles give: the same diagnostics, files and type counts.
func TestGenerateIsBuildAndGoFiles(t *testing.T) {
	opts := Options{Package: "calendar"}
	res, files, err := Generate([]string{fixtureDocs}, opts)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Build([]string{fixtureDocs}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Diags, want.Diags) || res.Failed() {
		t.Errorf("Generate's diagnostics:\n%v\nBuild's:\n%v", res.Diags, want.Diags)
	}
	if res.Pages != nil {
		t.Error("Generate kept the pages")
	}
	wantFiles, err := want.GoFiles(opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 || !maps.EqualFunc(files, wantFiles, slices.Equal) {
		t.Errorf("Generate's files differ from GoFiles' (%d, %d files)", len(files), len(wantFiles))
	}
	if res.Types != want.Types {
		t.Errorf("types %+v, want %+v", res.Types, want.Types)
	}
}

// A document that fails validation fails Generate's run with its
// invalid-openapi error, found while the client was generated from it,
// and gives no files; the cache's build entry holds the error, so a lazy
// run over the same pages fails with it without building anything.
func TestGenerateInvalidDocument(t *testing.T) {
	orig := buildDocument
	t.Cleanup(func() { buildDocument = orig })
	buildDocument = func(pages []*parser.Page, opts spec.Options) (*openapi3.T, parser.Diagnostics, func() parser.Diagnostics) {
		doc, diags, validated := orig(pages, opts)
		if v := validated(); len(v) > 0 {
			t.Errorf("the fixture's document does not validate: %v", v)
		}
		// a component name kin-openapi rejects, validated as spec does,
		// beside the generator
		doc.Components.Schemas["not a name"] = &openapi3.SchemaRef{Value: &openapi3.Schema{}}
		verr := make(chan error, 1)
		go func() { verr <- spec.Validate(doc) }()
		return doc, diags, sync.OnceValue(func() parser.Diagnostics {
			if err := <-verr; err != nil {
				return parser.Diagnostics{parser.Errorf(parser.Pos{File: "openapi"}, "invalid-openapi", "%v", err)}
			}
			return nil
		})
	}
	opts := Options{Package: "calendar", CacheDir: t.TempDir(), Lazy: true}
	invalid := func(ds parser.Diagnostics) bool {
		for _, d := range ds {
			if d.Rule == "invalid-openapi" && d.Severity == parser.Error && strings.Contains(d.Message, "not a name") {
				return true
			}
		}
		return false
	}
	for run := range 2 {
		res, files, err := Generate([]string{fixtureDocs}, opts)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Failed() || !invalid(res.Diags) {
			t.Errorf("run %d: failed %v, diagnostics:\n%v", run, res.Failed(), res.Diags)
		}
		if files != nil {
			t.Errorf("run %d: %d files of an invalid document", run, len(files))
		}
		if run == 1 && (res.Doc != nil || res.Cache.PagesParsed != 0) {
			t.Errorf("lazy run: built the document again (%d pages parsed)", res.Cache.PagesParsed)
		}
	}
	// Build (the document alone) reports it too.
	res, err := Build([]string{fixtureDocs}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Failed() || !invalid(res.Diags) {
		t.Errorf("Build: failed %v, diagnostics:\n%v", res.Failed(), res.Diags)
	}
}

// Generate lets the document go once the client is generated from it
// (the collector need not mark it while the files are rendered), unless
// the caller keeps it for OpenAPI; the files are the same either way.
func TestGenerateLetsTheDocumentGo(t *testing.T) {
	orig := buildDocument
	t.Cleanup(func() { buildDocument = orig })
	var built weak.Pointer[openapi3.T]
	buildDocument = func(pages []*parser.Page, opts spec.Options) (*openapi3.T, parser.Diagnostics, func() parser.Diagnostics) {
		doc, diags, validated := orig(pages, opts)
		built = weak.Make(doc)
		return doc, diags, validated
	}
	want, err := Build([]string{fixtureDocs}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	wantJSON, err := want.OpenAPI("json")
	if err != nil {
		t.Fatal(err)
	}
	var first map[string][]byte
	for _, keep := range []bool{false, true} {
		res, files, err := Generate([]string{fixtureDocs}, Options{Package: "calendar", KeepDocument: keep})
		if err != nil || res.Failed() || len(files) == 0 {
			t.Fatalf("keep %v: %v, %d files, diagnostics:\n%v", keep, err, len(files), res.Diags)
		}
		runtime.GC()
		alive := built.Value() != nil
		doc, err := res.OpenAPI("json")
		if keep {
			if res.Doc == nil || !alive || err != nil || !bytes.Equal(doc, wantJSON) {
				t.Errorf("kept: Doc %v, alive %v, OpenAPI %v, same JSON as Build's %v", res.Doc != nil, alive, err, bytes.Equal(doc, wantJSON))
			}
		} else if res.Doc != nil || alive || err == nil || !strings.Contains(err.Error(), "KeepDocument") {
			t.Errorf("let go: Doc %v, alive %v, OpenAPI error %v", res.Doc != nil, alive, err)
		}
		if first == nil {
			first = files
		} else if !maps.EqualFunc(files, first, bytes.Equal) {
			t.Error("the files differ with the document kept")
		}
		runtime.KeepAlive(res)
	}
}
