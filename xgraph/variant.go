package xgraph

import (
	"maps"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/graphpath"
)

// VariantOperation is the operation of query variant qv of op, as the
// client and apidiff read it: op with qv's page, source, summary, description,
// permissions (and the security requirements they make) and fixed query,
// the examples of op that are qv's (Operation.ExampleVariant), op's
// responses, the required parameters of op's own fixed query
// replaced by those of qv's (each key whose value holds placeholders),
// and no optional parameter that qv fixes.
func VariantOperation(op *openapi3.Operation, qv QueryVariant) *openapi3.Operation {
	x, _ := ReadOperation(op)
	vo := *op
	vo.Summary, vo.Description = qv.Summary, qv.Description
	vo.Security = nil
	if qv.Permissions != nil {
		if sec := qv.Permissions.Security(); sec != nil {
			vo.Security = &sec
		}
	}
	vo.Extensions = maps.Clone(op.Extensions)
	vx := x
	vx.Source, vx.Page, vx.Query, vx.Variants = qv.Source, qv.Page, qv.Query, nil
	vx.Permissions = qv.Permissions
	vx.Examples = nil
	vx.AlsoDocumented = nil
	for i, v := range x.Variants {
		if v.Query != qv.Query {
			continue
		}
		for _, e := range x.Examples {
			if x.ExampleVariant(e) == i {
				vx.Examples = append(vx.Examples, e)
			}
		}
		break
	}
	WriteOperation(&vo, vx)
	own := map[string]bool{}
	for _, kv := range graphpath.QueryPairs(x.Query) {
		own[graphpath.OptionName(kv[0])] = true
	}
	fixed := graphpath.QueryPairs(qv.Query)
	fixes := map[string]bool{}
	for _, kv := range fixed {
		fixes[graphpath.OptionName(kv[0])] = true
	}
	vo.Parameters = nil
	for _, pr := range op.Parameters {
		if pr == nil {
			continue
		}
		name, in := "", ""
		if pr.Value != nil {
			name, in = pr.Value.Name, pr.Value.In
		} else if key, ok := strings.CutPrefix(pr.Ref, "#/components/parameters/"); ok {
			name, in = "$"+key, openapi3.ParameterInQuery
		}
		opt := graphpath.OptionName(name)
		if in == openapi3.ParameterInQuery && (fixes[opt] || own[opt] && pr.Value != nil && pr.Value.Required) {
			continue
		}
		vo.Parameters = append(vo.Parameters, pr)
	}
	for _, kv := range fixed {
		if len(graphpath.PlaceholderNames(kv[1])) == 0 {
			continue
		}
		vo.Parameters = append(vo.Parameters, &openapi3.ParameterRef{Value: &openapi3.Parameter{
			Name: kv[0], In: openapi3.ParameterInQuery, Required: true,
			Schema: &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{"string"}}},
		}})
	}
	return &vo
}

// ExampleVariant is the index in x.Variants of the query variant example
// e is a request of: the variant whose fixed query e's URL sets
// (graphpath.SetsQuery), the one of the most options when several do; -1
// when e is the operation's own (it sets no variant's query, or the
// operation's own fixed query of as many options).
func (x Operation) ExampleVariant(e Example) int {
	_, q := graphpath.SplitQuery(e.Request.URL)
	best, most := -1, -1
	if x.Query != "" && graphpath.SetsQuery(q, x.Query) {
		most = len(graphpath.QueryPairs(x.Query))
	}
	for i, v := range x.Variants {
		if n := len(graphpath.QueryPairs(v.Query)); n > most && graphpath.SetsQuery(q, v.Query) {
			best, most = i, n
		}
	}
	return best
}

// OwnExamples are x's examples that are no query variant's
// (ExampleVariant), in order.
func (x Operation) OwnExamples() []Example {
	if len(x.Variants) == 0 {
		return x.Examples
	}
	var out []Example
	for _, e := range x.Examples {
		if x.ExampleVariant(e) < 0 {
			out = append(out, e)
		}
	}
	return out
}
