package lint

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/graphdocgen/graphdocgen/parser"
)

// Formats are the output formats Write accepts.
var Formats = []string{"github", "json", "sarif", "text"}

// Write writes diagnostics in a format:
//
//   - text: one "file:line:col: severity: message [rule]" line each (line
//     breaks in a message become spaces);
//   - json: one JSON object per line, {"file","line","col","severity","rule","message"};
//   - github: GitHub Actions workflow commands,
//     "::error file=F,line=L,col=C,title=RULE::message" (::warning for warnings);
//   - sarif: a SARIF 2.1.0 log for GitHub code scanning, with every rule
//     of Rules (and any other rule ID the diagnostics use) in
//     runs[0].tool.driver.rules; toolVersion is the driver's version.
//
// Diagnostics are written in the order given (Check sorts them).
func Write(w io.Writer, format string, ds parser.Diagnostics, toolVersion string) error {
	var err error
	switch format {
	case "text", "":
		err = writeText(w, ds)
	case "json":
		err = writeJSON(w, ds)
	case "github":
		err = writeGitHub(w, ds)
	case "sarif":
		err = writeSARIF(w, ds, toolVersion)
	default:
		return fmt.Errorf("unknown lint output format %q (want %s)", format, strings.Join(Formats, ", "))
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", format, err)
	}
	return nil
}

// oneLine joins a message's lines with spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)), " ")
}

func writeText(w io.Writer, ds parser.Diagnostics) error {
	for _, d := range ds {
		if strings.ContainsAny(d.Message, "\r\n") {
			d.Message = oneLine(d.Message)
		}
		if _, err := fmt.Fprintln(w, d.String()); err != nil {
			return err
		}
	}
	return nil
}

// jsonFinding is one line of the json format.
type jsonFinding struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	Rule     string `json:"rule"`
	Message  string `json:"message"`
}

func writeJSON(w io.Writer, ds parser.Diagnostics) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, d := range ds {
		if err := enc.Encode(jsonFinding{File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col,
			Severity: d.Severity.String(), Rule: d.Rule, Message: d.Message}); err != nil {
			return err
		}
	}
	return nil
}

// escapeData escapes a workflow command's message.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

func writeGitHub(w io.Writer, ds parser.Diagnostics) error {
	for _, d := range ds {
		var props []string
		if d.Pos.File != "" {
			props = append(props, "file="+escapeProperty(filepath.ToSlash(d.Pos.File)))
		}
		if d.Pos.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", d.Pos.Line))
			if d.Pos.Col > 0 {
				props = append(props, fmt.Sprintf("col=%d", d.Pos.Col))
			}
		}
		if d.Rule != "" {
			props = append(props, "title="+escapeProperty(d.Rule))
		}
		cmd := "::" + d.Severity.String()
		if len(props) > 0 {
			cmd += " " + strings.Join(props, ",")
		}
		if _, err := fmt.Fprintf(w, "%s::%s\n", cmd, escapeData(d.Message)); err != nil {
			return err
		}
	}
	return nil
}

// SARIF 2.1.0 types: the subset GitHub code scanning reads.
type (
	sarifLog struct {
		Version string     `json:"version"`
		Schema  string     `json:"$schema"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool    sarifTool     `json:"tool"`
		Results []sarifResult `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string       `json:"id"`
		ShortDescription     sarifText    `json:"shortDescription"`
		FullDescription      sarifText    `json:"fullDescription"`
		Help                 sarifText    `json:"help"`
		DefaultConfiguration sarifDefault `json:"defaultConfiguration"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifDefault struct {
		Level string `json:"level"`
	}
	sarifResult struct {
		RuleID    string          `json:"ruleId"`
		RuleIndex int             `json:"ruleIndex"`
		Level     string          `json:"level"`
		Message   sarifText       `json:"message"`
		Locations []sarifLocation `json:"locations,omitempty"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           *sarifRegion  `json:"region,omitempty"`
	}
	sarifArtifact struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
	}
)

// sarifURI is a file as a relative slash path URI: an absolute path under
// the working directory is made relative to it; "./" is dropped; each
// segment is percent-encoded.
func sarifURI(file string) string {
	if filepath.IsAbs(file) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, file); err == nil && !strings.HasPrefix(rel, "..") {
				file = rel
			}
		}
	}
	file = strings.TrimPrefix(filepath.ToSlash(filepath.Clean(file)), "./")
	return (&url.URL{Path: file}).EscapedPath()
}

func writeSARIF(w io.Writer, ds parser.Diagnostics, toolVersion string) error {
	rules := slices.Clone(Rules)
	var extra []string
	for _, d := range ds {
		if _, ok := RuleByID(d.Rule); !ok && !slices.Contains(extra, d.Rule) {
			extra = append(extra, d.Rule)
		}
	}
	slices.Sort(extra)
	for _, id := range extra {
		name := id
		if name == "" {
			name = "unnamed"
		}
		rules = append(rules, Rule{ID: name, Severity: severityWarning, Source: sourceParser,
			Summary: "A problem the parser reported while reading a page.",
			Help:    "This diagnostic has no documented lint rule; see the message."})
	}
	index := map[string]int{}
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{Name: "graphdocgen", Version: toolVersion, InformationURI: informationURI}},
		// an empty run still has "results": []
		Results: []sarifResult{},
	}
	for i, r := range rules {
		index[r.ID] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
			ID:                   r.ID,
			ShortDescription:     sarifText{r.Summary},
			FullDescription:      sarifText{r.Summary + " " + r.Help},
			Help:                 sarifText{r.Help},
			DefaultConfiguration: sarifDefault{r.Severity},
		})
	}
	for _, d := range ds {
		id := d.Rule
		if id == "" {
			id = "unnamed"
		}
		res := sarifResult{RuleID: id, RuleIndex: index[id], Level: d.Severity.String(), Message: sarifText{d.Message}}
		if d.Pos.File != "" {
			loc := sarifLocation{PhysicalLocation: sarifPhysical{
				ArtifactLocation: sarifArtifact{URI: sarifURI(d.Pos.File), URIBaseID: "%SRCROOT%"},
			}}
			if d.Pos.Line > 0 {
				loc.PhysicalLocation.Region = &sarifRegion{StartLine: d.Pos.Line}
				if d.Pos.Col > 0 {
					loc.PhysicalLocation.Region.StartColumn = d.Pos.Col
				}
			}
			res.Locations = []sarifLocation{loc}
		}
		run.Results = append(run.Results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{
		Version: "2.1.0",
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Runs:    []sarifRun{run},
	})
}
