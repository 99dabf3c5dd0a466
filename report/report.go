// Package report measures what a graphdocgen run made of a docs tree: how
// many pages gave operations (and why the others did not), how many
// operations have a documented status code and a resolved response type,
// and how many of the docs' example bodies decode into the schemas the
// document gives them. With Scale it also generates the Go client into a
// directory and times go build, go vet and go test on it.
//
// The report is computed from a pipeline.Result only: the pages the parser
// read, the merged OpenAPI document and the diagnostics. Every list in it is
// sorted, so the same docs give the same report.
package report

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/lint"
	"github.com/graphdocgen/graphdocgen/parser"
	"github.com/graphdocgen/graphdocgen/pipeline"
	"github.com/graphdocgen/graphdocgen/spec"
	"github.com/graphdocgen/graphdocgen/xgraph"
)

// Report is the coverage of one run.
type Report struct {
	// Pages is every page read; APIPages, ResourcePages (resource and enum
	// pages) and OtherPages split it by kind.
	Pages         int `json:"pages"`
	APIPages      int `json:"apiPages"`
	ResourcePages int `json:"resourcePages"`
	OtherPages    int `json:"otherPages"`
	// APIPagesWithOperations is the number of API pages that gave at least
	// one operation of the merged document.
	APIPagesWithOperations int `json:"apiPagesWithOperations"`
	// RequestLines is the number of "METHOD /path" lines the API pages
	// document (path variants as written, before merging).
	RequestLines int `json:"requestLines"`
	// Paths is the number of paths of the document (path variants after
	// merging); Operations the number of (path, method) operations.
	Paths      int `json:"paths"`
	Operations int `json:"operations"`
	// QueryVariants is the number of query variants of the operations
	// (x-graph-query-variants: request lines with a fixed query of their
	// own, each a method of the client); a page that documents only
	// variants counts among the pages with operations.
	QueryVariants int `json:"queryVariants"`
	// Schemas counts components/schemas; Stubs those that are stubs (a type
	// referenced but never defined by a page).
	Schemas int `json:"schemas"`
	Stubs   int `json:"stubs"`

	// PagesWithoutOperations are the API pages that gave no operation,
	// each with the reason the diagnostics give and its position.
	PagesWithoutOperations []PageIssue `json:"pagesWithoutOperations"`
	// StatusDocumented counts the operations whose success status the
	// docs give (in the response section or a response example);
	// NoStatus lists the others (the document assumes one).
	StatusDocumented int       `json:"statusDocumented"`
	NoStatus         []OpIssue `json:"noStatus"`
	// TypedResponses counts the operations whose success response names a
	// schema; UnresolvedResponses lists those whose schema is a stub.
	TypedResponses      int       `json:"typedResponses"`
	UnresolvedResponses []OpIssue `json:"unresolvedResponses"`
	// UntypedResponses lists operations whose docs return JSON without
	// naming a type the parser could read.
	UntypedResponses []OpIssue `json:"untypedResponses"`

	// Examples counts the example bodies attached to the document's JSON
	// media types; ExamplesChecked those that are JSON and were checked
	// against their schema; ExamplesText those kept as text (not JSON).
	Examples        int `json:"examples"`
	ExamplesChecked int `json:"examplesChecked"`
	ExamplesText    int `json:"examplesText"`
	// BadExamples are the checked examples that do not decode into their
	// schema, with the first problem found.
	BadExamples []ExampleIssue `json:"badExamples"`

	// Drift lists the example properties the resource tables do not
	// document (lint's response-unknown-property and
	// example-body-unknown-property), each at its position in the example.
	Drift []string `json:"drift"`

	// Diagnostics counts the run's diagnostics by rule.
	Diagnostics map[string]int `json:"diagnostics"`
	// Valid is true when the merged document validates with kin-openapi;
	// ValidationError says why not.
	Valid           bool   `json:"valid"`
	ValidationError string `json:"validationError,omitempty"`

	// BuildTime is how long parsing and building the document took and
	// MaxRSSKB the process's peak memory, when the caller measured them
	// (graphdocgen report does).
	BuildTime time.Duration `json:"buildNs,omitempty"`
	MaxRSSKB  int64         `json:"maxRssKB,omitempty"`

	// Scale is filled by Scale (graphdocgen report -gen).
	Scale *ScaleResult `json:"scale,omitempty"`
}

// PageIssue is a page and why it gave nothing.
type PageIssue struct {
	Page   string `json:"page"`
	Pos    string `json:"pos"`
	Rule   string `json:"rule,omitempty"`
	Reason string `json:"reason"`
}

// OpIssue is an operation with a problem.
type OpIssue struct {
	Method string `json:"method"`
	Path   string `json:"path"`
	Source string `json:"source"` // the operation's source: api/NAME.md:LINE
	Detail string `json:"detail,omitempty"`
}

// ExampleIssue is an example body that does not match its schema.
type ExampleIssue struct {
	Method  string `json:"method"`
	Path    string `json:"path"`
	Example string `json:"example"` // the example's name
	Where   string `json:"where"`   // "request" or "response STATUS"
	Source  string `json:"source"`  // the example's source, else the operation's
	Error   string `json:"error"`
}

// PageCoverage is the share of API pages with at least one operation, in
// percent (100 when there is no API page).
func (r *Report) PageCoverage() float64 { return pct(r.APIPagesWithOperations, r.APIPages) }

// StatusCoverage is the share of operations with a documented status.
func (r *Report) StatusCoverage() float64 { return pct(r.StatusDocumented, r.Operations) }

// TypeCoverage is the share of typed responses whose schema resolved.
func (r *Report) TypeCoverage() float64 {
	return pct(r.TypedResponses-len(r.UnresolvedResponses), r.TypedResponses)
}

// ExampleCoverage is the share of checked examples that match their schema.
func (r *Report) ExampleCoverage() float64 {
	return pct(r.ExamplesChecked-len(r.BadExamples), r.ExamplesChecked)
}

func pct(n, d int) float64 {
	if d == 0 {
		return 100
	}
	return 100 * float64(n) / float64(d)
}

// reasonRules are the diagnostics that explain a page without operations,
// the most telling first.
var reasonRules = []string{"duplicate-operation", "not-a-docs-page", "doc-type-mismatch", "no-http-request", "empty-path", "unknown-method", "http-request-without-heading", "duplicate-path"}

// Compute measures res. A nil document (a run that stopped before the
// spec stage) gives the page counts only.
func Compute(res *pipeline.Result) *Report {
	r := &Report{Diagnostics: map[string]int{}}
	if res == nil {
		return r
	}
	for _, d := range res.Diags {
		r.Diagnostics[cmp.Or(d.Rule, "other")]++
	}
	pageOps := map[string]int{}
	if res.Doc != nil {
		r.measureDoc(res.Doc, pageOps)
	}
	byFile := map[string][]parser.Diagnostic{}
	for _, d := range res.Diags {
		byFile[d.Pos.File] = append(byFile[d.Pos.File], d)
	}
	for _, p := range res.Pages {
		r.Pages++
		switch p.Kind {
		case parser.KindAPI:
			r.APIPages++
		case parser.KindResource, parser.KindEnum:
			r.ResourcePages++
			continue
		default:
			r.OtherPages++
			continue
		}
		for _, rs := range p.Requests {
			r.RequestLines += len(rs.Lines)
		}
		if pageOps[p.Path] > 0 {
			r.APIPagesWithOperations++
			continue
		}
		r.PagesWithoutOperations = append(r.PagesWithoutOperations, pageReason(p, byFile[p.File]))
	}
	slices.SortFunc(r.PagesWithoutOperations, func(a, b PageIssue) int { return cmp.Compare(a.Page, b.Page) })
	// Only the drift rules are read: lint need not build the document again
	// for its example-schema-mismatch findings.
	for _, d := range lint.Check(res.Pages, nil, lint.Options{Disable: []string{lint.RuleExampleSchemaMismatch}}) {
		if d.Rule == lint.RuleResponseUnknownProperty || d.Rule == lint.RuleExampleBodyUnknownProperty {
			r.Drift = append(r.Drift, d.String())
		}
	}
	return r
}

// pageReason explains why p gave no operation, from its diagnostics.
func pageReason(p *parser.Page, diags []parser.Diagnostic) PageIssue {
	for _, rule := range reasonRules {
		for _, d := range diags {
			if d.Rule == rule {
				return PageIssue{Page: p.Path, Pos: d.Pos.String(), Rule: d.Rule, Reason: d.Message}
			}
		}
	}
	lines := 0
	for _, rs := range p.Requests {
		lines += len(rs.Lines)
	}
	pos := parser.Pos{File: p.File, Line: 1, Col: 1}
	if lines > 0 {
		return PageIssue{Page: p.Path, Pos: p.Requests[0].Pos.String(), Reason: "its request lines gave no operation of the merged document"}
	}
	if len(diags) > 0 {
		d := diags[0]
		return PageIssue{Page: p.Path, Pos: d.Pos.String(), Rule: d.Rule, Reason: d.Message}
	}
	return PageIssue{Page: p.Path, Pos: pos.String(), Reason: "the page documents no HTTP request"}
}

// measureDoc counts the document's paths, operations and schemas, checks
// statuses, response types and examples, and counts operations per page.
func (r *Report) measureDoc(doc *openapi3.T, pageOps map[string]int) {
	// The document as the generator reads it: references resolved in
	// place (spec.Validate resolves them; spec.Build's document has them
	// already). Not loaded again from its JSON: the loader took 1.2 GB
	// for beta's 30 MB.
	if err := marshals(doc); err != nil {
		r.ValidationError = err.Error()
	} else if err := spec.Validate(doc); err != nil {
		r.ValidationError = err.Error()
	} else {
		r.Valid = true
	}
	if doc.Components != nil {
		r.Schemas = len(doc.Components.Schemas)
		for _, s := range doc.Components.Schemas {
			if isStub(s) {
				r.Stubs++
			}
		}
	}
	if doc.Paths == nil {
		return
	}
	paths := doc.Paths.InMatchingOrder()
	slices.Sort(paths)
	r.Paths = len(paths)
	for _, path := range paths {
		item := doc.Paths.Value(path)
		ops := item.Operations()
		methods := make([]string, 0, len(ops))
		for m := range ops {
			methods = append(methods, m)
		}
		slices.Sort(methods)
		for _, m := range methods {
			op := ops[m]
			r.Operations++
			x, _ := xgraph.ReadOperation(op)
			pageOps[x.Page]++
			// A page that documents an operation an earlier page documents
			// too yields it: the document names it among the operation's
			// other sources (xgraph.Operation.AlsoDocumented).
			for _, src := range x.AlsoDocumented {
				if i := strings.LastIndexByte(src, ':'); i > 0 {
					src = src[:i]
				}
				pageOps[src]++
			}
			// A page whose request lines are query variants of another
			// page's operation yields them.
			r.QueryVariants += len(x.Variants)
			for _, qv := range x.Variants {
				pageOps[qv.Page]++
			}
			r.measureOp(m, path, op, x)
		}
	}
}

// marshals reports whether doc marshals as JSON, one path
// and one schema at a time, so that the whole document's bytes are never
// held at once.
func marshals(doc *openapi3.T) error {
	top := *doc
	if doc.Paths != nil {
		for _, path := range doc.Paths.InMatchingOrder() {
			if _, err := json.Marshal(doc.Paths.Value(path)); err != nil {
				return fmt.Errorf("marshal document: path %s: %w", path, err)
			}
		}
		top.Paths = openapi3.NewPaths()
	}
	if doc.Components != nil {
		names := make([]string, 0, len(doc.Components.Schemas))
		for name := range doc.Components.Schemas {
			names = append(names, name)
		}
		slices.Sort(names)
		for _, name := range names {
			if _, err := json.Marshal(doc.Components.Schemas[name]); err != nil {
				return fmt.Errorf("marshal document: schema %s: %w", name, err)
			}
		}
		c := *doc.Components
		c.Schemas = nil
		top.Components = &c
	}
	if _, err := json.Marshal(&top); err != nil {
		return fmt.Errorf("marshal document: %w", err)
	}
	return nil
}

func (r *Report) measureOp(method, path string, op *openapi3.Operation, x xgraph.Operation) {
	issue := OpIssue{Method: method, Path: path, Source: x.Source}
	if x.StatusAssumed {
		r.NoStatus = append(r.NoStatus, issue)
	} else {
		r.StatusDocumented++
	}
	_, resp := xgraph.SuccessResponse(op)
	if resp != nil {
		if mt := resp.Content.Get("application/json"); mt != nil && mt.Schema != nil {
			switch name, stub := responseType(mt.Schema); {
			case name == "":
				issue.Detail = "returns a JSON object of no named type"
				r.UntypedResponses = append(r.UntypedResponses, issue)
			case stub:
				r.TypedResponses++
				issue.Detail = name + " is a stub: no resource page defines it"
				r.UnresolvedResponses = append(r.UnresolvedResponses, issue)
			default:
				r.TypedResponses++
			}
		}
	}
	sources := exampleSources(x)
	if op.RequestBody != nil && op.RequestBody.Value != nil {
		r.checkExamples(op.RequestBody.Value.Content, issue, "request", sources)
	}
	if op.Responses != nil {
		keys := op.Responses.Keys()
		slices.Sort(keys)
		for _, k := range keys {
			rr := op.Responses.Value(k)
			if rr == nil || rr.Value == nil {
				continue
			}
			r.checkExamples(rr.Value.Content, issue, "response "+k, sources)
		}
	}
}

// responseType names the schema a response returns (the item type of a
// NAMECollectionResponse) and whether it is a stub. A schema without a
// reference has no name.
func responseType(s *openapi3.SchemaRef) (name string, stub bool) {
	if s.Ref == "" {
		return "", false
	}
	name = strings.TrimPrefix(s.Ref, "#/components/schemas/")
	if strings.HasSuffix(name, "CollectionResponse") && s.Value != nil {
		if v := s.Value.Properties["value"]; v != nil && v.Value != nil && v.Value.Items != nil && v.Value.Items.Ref != "" {
			return responseType(v.Value.Items)
		}
	}
	return name, isStub(s)
}

func isStub(s *openapi3.SchemaRef) bool { return xgraph.IsStub(s) }

// exampleSources maps an operation's example names to their source lines.
func exampleSources(x xgraph.Operation) map[string]string {
	m := map[string]string{}
	for _, e := range x.Examples {
		if e.Name != "" {
			m[e.Name] = e.Source
		}
	}
	return m
}

// checkExamples checks the examples of the JSON media type of content.
func (r *Report) checkExamples(content openapi3.Content, op OpIssue, where string, sources map[string]string) {
	mt := content.Get("application/json")
	if mt == nil || len(mt.Examples) == 0 {
		return
	}
	names := make([]string, 0, len(mt.Examples))
	for n := range mt.Examples {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		ex := mt.Examples[n]
		if ex == nil || ex.Value == nil {
			continue
		}
		r.Examples++
		if _, text := ex.Value.Value.(string); text {
			r.ExamplesText++
			continue
		}
		if mt.Schema == nil || mt.Schema.Value == nil {
			continue
		}
		r.ExamplesChecked++
		if err := CheckExample(mt.Schema.Value, ex.Value.Value); err != nil {
			r.BadExamples = append(r.BadExamples, ExampleIssue{
				Method: op.Method, Path: op.Path, Example: n, Where: where,
				Source: cmp.Or(sources[n], op.Source), Error: err.Error(),
			})
		}
	}
}

// CheckExample reports whether value, an example body decoded from JSON,
// decodes into schema: kin-openapi's VisitJSON with its default format
// checks (a date-time must be RFC 3339, as the client's time.Time wants)
// and without the readOnly and writeOnly rules (examples echo read-only
// properties).
func CheckExample(schema *openapi3.Schema, value any) error {
	err := schema.VisitJSON(value, openapi3.DisableReadOnlyValidation(), openapi3.DisableWriteOnlyValidation())
	if err == nil {
		return nil
	}
	msg := err.Error()
	if se, ok := err.(*openapi3.SchemaError); ok {
		msg = se.Reason
		if p := se.JSONPointer(); len(p) > 0 {
			msg = "/" + strings.Join(p, "/") + ": " + msg
		}
	}
	return fmt.Errorf("%s", msg)
}
