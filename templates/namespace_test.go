package templates

import (
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strings"
	"testing"

	gparser "github.com/graphdocgen/graphdocgen/parser"
	"github.com/graphdocgen/graphdocgen/spec"
)

// namespacePages are model-literal pages of two namespaces sharing type
// names: microsoft.graph.mediaStream and callRecords.mediaStream,
// microsoft.graph.modality and callRecords.modality, and a callRecords
// API page listing callRecords media streams.
func namespacePages() []*gparser.Page {
	const cr = "microsoft.graph.callRecords"
	res := func(path, ns, name string, props ...gparser.Property) *gparser.Page {
		return &gparser.Page{Path: path, File: path, Kind: gparser.KindResource,
			Title: gparser.Text{Value: name + " resource type"}, Namespace: gparser.Text{Value: ns},
			Resource: &gparser.Resource{Name: name, Properties: props, Pos: gparser.Pos{File: path, Line: 10}}}
	}
	enum := func(path, ns, name string, members ...string) *gparser.Page {
		e := gparser.Enum{Name: name}
		for _, m := range members {
			e.Members = append(e.Members, gparser.EnumMember{Name: m})
		}
		return &gparser.Page{Path: path, File: path, Kind: gparser.KindEnum, Namespace: gparser.Text{Value: ns},
			Resource: &gparser.Resource{Enums: []gparser.Enum{e}}}
	}
	p := func(name, typ string, coll bool) gparser.Property {
		return gparser.Property{Name: name, Type: gparser.TypeRef{Name: typ, Collection: coll, Raw: typ}}
	}
	list := &gparser.Page{Path: "api/callrecords-list-streams.md", File: "api/callrecords-list-streams.md", Kind: gparser.KindAPI,
		Title: gparser.Text{Value: "List streams"}, Namespace: gparser.Text{Value: cr},
		Requests: []gparser.RequestSection{{Lines: []gparser.RequestLine{{Method: "GET", Raw: "/communications/streams",
			Segments: []gparser.Segment{{Kind: gparser.SegLiteral, Raw: "communications", Name: "communications"},
				{Kind: gparser.SegLiteral, Raw: "streams", Name: "streams"}}}}}},
		Response: gparser.Response{Kind: gparser.RespCollection, Statuses: []int{200}, Type: gparser.TypeRef{Name: "mediaStream"}},
	}
	return []*gparser.Page{
		res("resources/mediastream.md", "microsoft.graph", "mediaStream", p("sourceId", "String", false), p("mode", "modality", false)),
		res("resources/callrecords-mediastream.md", cr, "mediaStream", p("streamId", "String", false), p("modes", "modality", true)),
		enum("resources/modality.md", "microsoft.graph", "modality", "audio", "video"),
		enum("resources/enums-callrecords.md", cr, "modality", "audio", "screenSharing"),
		list,
	}
}

// TestNamespaceTypeNames: types of two namespaces with one name get two Go
// names, microsoft.graph's the short one, the other's with its namespace;
// their fields, enum constants and the collection response refer to the
// right ones; and the package compiles.
func TestNamespaceTypeNames(t *testing.T) {
	doc, diags := spec.Build(namespacePages(), spec.Options{})
	if diags.HasErrors() {
		t.Fatalf("build: %s", diags.Error())
	}
	files, err := Generate(doc, Options{Package: "graph", AllTypes: true})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var src strings.Builder
	for _, n := range names {
		src.Write(files[n])
	}
	all := src.String()
	for _, want := range []string{
		`type MediaStream struct`,
		`type CallRecordsMediaStream struct`,
		`type Modality string`,
		`type CallRecordsModality string`,
		`type CallRecordsMediaStreamCollectionResponse struct`,
		`CallRecordsModalityScreenSharing CallRecordsModality = "screenSharing"`,
		`ModalityVideo Modality = "video"`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("generated code lacks %q", want)
		}
	}
	for _, re := range []string{
		`(?m)^\s*Modes\s+\[\]CallRecordsModality\b`,
		`(?m)^\s*Mode\s+Optional\[Modality\]`,
		`(?m)^\s*Value\s+\[\]CallRecordsMediaStream\b`,
		`\) ListCommunicationsStreams\(ctx context.Context[^)]*\) \(\*CallRecordsMediaStreamCollectionResponse, error\)`,
	} {
		if !regexp.MustCompile(re).MatchString(all) {
			t.Errorf("generated code does not match %s", re)
		}
	}
	if t.Failed() || testing.Short() {
		return
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go not found")
	}
	dir := writeModule(t, files)
	cmd := exec.Command(goBin, "vet", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go vet: %v\n%s", err, out)
	}
}
