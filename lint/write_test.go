package lint

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/graphdocgen/graphdocgen/parser"
)

func sampleDiags() parser.Diagnostics {
	return parser.Diagnostics{
		{Pos: parser.Pos{File: "docs/api/a b.md", Line: 3, Col: 2}, Severity: parser.Error, Rule: RuleExampleMethodMismatch, Message: "50% done,\r\nnext: line"},
		{Pos: parser.Pos{File: "./docs/api/c.md", Line: 7}, Severity: parser.Warning, Rule: RuleExampleURLNoMatch, Message: "no match"},
		{Pos: parser.Pos{File: "docs/api/d.md"}, Severity: parser.Warning, Rule: "parser-only-rule", Message: "m"},
	}
}

func write(t *testing.T, format string) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, format, sampleDiags(), "1.2.3"); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestWriteText(t *testing.T) {
	got := strings.Split(write(t, "text"), "\n")
	if got[0] != "docs/api/a b.md:3:2: error: 50% done, next: line [example-method-mismatch]" {
		t.Errorf("got %q", got[0])
	}
	if got[1] != "./docs/api/c.md:7: warning: no match [example-url-no-match]" {
		t.Errorf("got %q", got[1])
	}
}

func TestWriteJSON(t *testing.T) {
	lines := strings.Split(strings.TrimSpace(write(t, "json")), "\n")
	if len(lines) != 3 {
		t.Fatalf("got %d lines", len(lines))
	}
	var f map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &f); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"file": "docs/api/a b.md", "line": 3.0, "col": 2.0, "severity": "error", "rule": RuleExampleMethodMismatch, "message": "50% done,\r\nnext: line"}
	for k, v := range want {
		if f[k] != v {
			t.Errorf("%s: got %v, want %v", k, f[k], v)
		}
	}
	if !strings.HasPrefix(lines[0], `{"file":`) {
		t.Errorf("field order: %s", lines[0])
	}
}

func TestWriteGitHub(t *testing.T) {
	got := strings.Split(write(t, "github"), "\n")
	if got[0] != "::error file=docs/api/a b.md,line=3,col=2,title=example-method-mismatch::50%25 done,%0D%0Anext: line" {
		t.Errorf("got %q", got[0])
	}
	if got[1] != "::warning file=./docs/api/c.md,line=7,title=example-url-no-match::no match" {
		t.Errorf("got %q", got[1])
	}
	if escapeProperty("a:b,c%") != "a%3Ab%2Cc%25" {
		t.Error("property escaping")
	}
}

func TestWriteSARIF(t *testing.T) {
	out := write(t, "sarif")
	var log struct {
		Version string `json:"version"`
		Schema  string `json:"$schema"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name, Version, InformationURI string
					Rules                         []struct {
						ID                   string `json:"id"`
						ShortDescription     struct{ Text string }
						FullDescription      struct{ Text string }
						Help                 struct{ Text string }
						DefaultConfiguration struct{ Level string }
					}
				}
			}
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						}
						Region *struct{ StartLine, StartColumn int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || log.Schema != "https://json.schemastore.org/sarif-2.1.0.json" || len(log.Runs) != 1 {
		t.Fatalf("header: %+v", log)
	}
	run := log.Runs[0]
	d := run.Tool.Driver
	if d.Name != "graphdocgen" || d.Version != "1.2.3" || d.InformationURI == "" {
		t.Errorf("driver: %+v", d)
	}
	if len(d.Rules) != len(Rules)+1 || d.Rules[len(d.Rules)-1].ID != "parser-only-rule" {
		t.Fatalf("rules: %d", len(d.Rules))
	}
	for _, r := range d.Rules {
		if r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" || r.DefaultConfiguration.Level == "" {
			t.Errorf("rule %s undocumented", r.ID)
		}
	}
	if len(run.Results) != 3 {
		t.Fatalf("results: %d", len(run.Results))
	}
	r0 := run.Results[0]
	if r0.RuleID != RuleExampleMethodMismatch || d.Rules[r0.RuleIndex].ID != r0.RuleID || r0.Level != "error" || r0.Message.Text != "50% done,\r\nnext: line" {
		t.Errorf("result 0: %+v", r0)
	}
	loc := r0.Locations[0].PhysicalLocation
	if loc.ArtifactLocation.URI != "docs/api/a%20b.md" || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" ||
		loc.Region == nil || loc.Region.StartLine != 3 || loc.Region.StartColumn != 2 {
		t.Errorf("location 0: %+v", loc)
	}
	r1 := run.Results[1]
	if r1.Level != "warning" || r1.Locations[0].PhysicalLocation.ArtifactLocation.URI != "docs/api/c.md" ||
		r1.Locations[0].PhysicalLocation.Region.StartColumn != 0 || d.Rules[r1.RuleIndex].ID != RuleExampleURLNoMatch {
		t.Errorf("result 1: %+v", r1)
	}
	if run.Results[2].Locations[0].PhysicalLocation.Region != nil {
		t.Error("a position without a line has no region")
	}
	if out != write(t, "sarif") {
		t.Error("not deterministic")
	}
	// an empty log still has a results array
	var b bytes.Buffer
	if err := Write(&b, "sarif", nil, ""); err != nil || !strings.Contains(b.String(), `"results": []`) {
		t.Errorf("empty: %v %s", err, b.String())
	}
}

func TestWriteUnknownFormat(t *testing.T) {
	if err := Write(&bytes.Buffer{}, "xml", nil, ""); err == nil || !strings.Contains(err.Error(), "xml") {
		t.Fatalf("got %v", err)
	}
}
