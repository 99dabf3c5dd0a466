package spec

import (
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/graphpath"
	"github.com/graphdocgen/graphdocgen/parser"
	"github.com/graphdocgen/graphdocgen/xgraph"
)

// examples attaches the page's examples to the operations their request
// URLs match.
func (b *builder) examples() {
	if len(b.ops) == 0 {
		return
	}
	// Each request's operation, matched once for both loops (nil for a
	// response, and for a request no operation matches).
	matched := make([]*openapi3.Operation, len(b.p.Examples))
	for i := range b.p.Examples {
		if ex := &b.p.Examples[i]; strings.ToLower(ex.BlockType) == "request" {
			matched[i] = b.matchExample(ex)
		}
	}
	b.variantResponses(matched)
	names := map[*openapi3.Operation]map[string]bool{}
	lists := map[*openapi3.Operation][]xgraph.Example{}
	var order []*openapi3.Operation // the operations given examples, in page order
	var cur *openapi3.Operation     // the operation of the last request
	var curIdx int                  // its entry in lists[cur]
	for i := range b.p.Examples {
		ex := &b.p.Examples[i]
		switch strings.ToLower(ex.BlockType) {
		case "request":
			cur = nil
			op := matched[i]
			if op == nil {
				b.warnf(ex.Pos, "example-method", "example request %s %s matches no documented method; not attached", ex.Method, ex.URL)
				continue
			}
			used := names[op]
			if used == nil {
				used = map[string]bool{}
				names[op] = used
			}
			name := exampleName(ex.Name, i, used)
			path, rel := urlPath(ex.URL)
			entry := xgraph.Example{
				Name:      name,
				Source:    b.source(ex.Pos),
				Truncated: ex.Truncated,
				Request: xgraph.ExampleRequest{
					Method:  strings.ToUpper(ex.Method),
					URL:     rel,
					Path:    path,
					Headers: headerMap(ex.Headers),
				},
			}
			if strings.TrimSpace(ex.Body) != "" && b.requestExample(op, ex, name) {
				entry.RequestBodyFormat = textFormat
			}
			if _, ok := lists[op]; !ok {
				order = append(order, op)
			}
			lists[op] = append(lists[op], entry)
			cur, curIdx = op, len(lists[op])-1
		case "response":
			if cur == nil {
				continue
			}
			status := ex.Status
			if status == 0 {
				status = 200
			}
			entry := &lists[cur][curIdx]
			entry.Response = &xgraph.ExampleResponse{Status: status, Headers: headerMap(ex.Headers), Source: b.source(ex.Pos)}
			if ex.Truncated {
				entry.Truncated = true
			}
			if strings.TrimSpace(ex.Body) != "" && b.responseExample(cur, ex, status, entry.Name) {
				entry.ResponseBodyFormat = textFormat
			}
			cur = nil
		}
	}
	for _, op := range order {
		x, _ := xgraph.ReadOperation(op)
		x.Examples = append(x.Examples, lists[op]...)
		xgraph.WriteOperation(op, x)
	}
}

// textFormat marks an example body that is not JSON and travels as its
// text.
const textFormat = "text"

// variantResponses gives an operation the response type that the
// annotation of its own example response names ("@odata.type":
// "Collection(microsoft.graph.driveItem)", or a type with "isCollection"),
// where the page's Response section says otherwise about the same type
// (one driveItem where the annotation says a collection) or names no type
// the pages define. Each path variant of a page takes its own example's
// annotation (drive-get-specialfolder.md documents a folder and its
// children); a different type that the Response section does name (a base
// type, where the example shows a derived one) is kept. matched holds the
// operation of each request example (matchExample).
func (b *builder) variantResponses(matched []*openapi3.Operation) {
	r := b.p.Response
	switch r.Kind {
	case parser.RespObject, parser.RespCollection, parser.RespPrimitive, parser.RespUnknown:
	default:
		return
	}
	done := map[*openapi3.Operation]bool{}
	var cur *openapi3.Operation
	var first *parser.Example // the page's first annotated response
	method, firstMethod := "", ""
	for i := range b.p.Examples {
		ex := &b.p.Examples[i]
		switch strings.ToLower(ex.BlockType) {
		case "request":
			cur = matched[i]
			method = strings.ToUpper(strings.TrimSpace(ex.Method))
		case "response":
			op := cur
			cur = nil
			if op == nil || done[op] || strings.TrimSpace(ex.ODataType) == "" {
				continue
			}
			if first == nil {
				first, firstMethod = ex, method
			}
			done[op] = true
			b.annotatedResponse(op, ex)
		}
	}
	// A variant without an example of its own reads the page's first
	// annotated response (driveitem-list-children.md has examples for two
	// of its five paths).
	for _, o := range b.ops {
		if first != nil && !done[o.op] && o.v.Method == firstMethod {
			b.annotatedResponse(o.op, first)
		}
	}
}

// annotatedResponse applies the response annotation of ex to op (see
// variantResponses).
func (b *builder) annotatedResponse(op *openapi3.Operation, ex *parser.Example) {
	r := b.p.Response
	at := AnnotatedType(ex)
	obj, isObj := ex.JSON.(map[string]any)
	_, hasValues := obj["value"].([]any)
	// An annotation that names a type without "Collection(...)" or
	// "isCollection" says nothing about a list unless the body shows one
	// object: list pages often annotate the item type alone (and a body's
	// "value" list alone does not make one: get-by-id pages show them).
	decided := at.Collection || isObj && !hasValues
	an := b.idx.typeName(at, b.ns)
	if isPrimitive(at) {
		an = strings.ToLower(bareName(at.Name))
	}
	if an == "" {
		return
	}
	if _, ok := schemaName(an); !ok && !isPrimitive(at) {
		return
	}
	pt := normalizeType(r.Type)
	pageColl := r.Kind == parser.RespCollection || pt.Collection
	if !decided {
		at.Collection = pageColl
	}
	pn := ""
	if r.Kind != parser.RespUnknown {
		if isPrimitive(pt) {
			pn = strings.ToLower(bareName(pt.Name))
		} else if n := b.idx.typeName(pt, b.ns); b.idx.known(n) {
			pn = n
		}
	}
	if pn != "" && !strings.EqualFold(pn, an) && !r.Annotated {
		// the section names another type the pages define; a page
		// type that is only the first example's annotation gives way to
		// the variant's own
		return
	}
	if strings.EqualFold(pn, an) && pageColl == at.Collection {
		return
	}
	nr := r
	nr.Type = at
	switch {
	case isPrimitive(at):
		nr.Kind = parser.RespPrimitive
	case at.Collection:
		nr.Kind = parser.RespCollection
	default:
		nr.Kind = parser.RespObject
	}
	for _, k := range op.Responses.Keys() {
		if resp := op.Responses.Value(k); resp != nil && resp.Value != nil && resp.Value.Content.Get("application/octet-stream") != nil {
			return // the variant is the stream ($value), whatever the example says
		}
	}
	content := b.successContent(nr)
	for _, k := range op.Responses.Keys() {
		resp := op.Responses.Value(k)
		if k == "default" || resp == nil || resp.Value == nil || len(resp.Value.Content) == 0 {
			continue
		}
		resp.Value.Content = content
	}
}

// matchExample returns the operation an example request belongs to: the
// variant of its method that matches its URL most specifically, else the
// first variant of its method; nil when no variant has its method.
func (b *builder) matchExample(ex *parser.Example) *openapi3.Operation {
	method := strings.ToUpper(strings.TrimSpace(ex.Method))
	path, _ := urlPath(ex.URL)
	var segs []string // split once for all the operations
	var best *openapi3.Operation
	bestScore := -1
	var first *openapi3.Operation
	for i := range b.ops {
		o := &b.ops[i]
		if o.v.Method != method {
			continue
		}
		if first == nil {
			first = o.op
			segs = graphpath.Split(path)
		}
		if s := o.v.matchScore(segs); s > bestScore {
			best, bestScore = o.op, s
		}
	}
	if best != nil {
		return best
	}
	return first
}

// exampleName is a sanitized, unique name for an example.
func exampleName(name string, i int, used map[string]bool) string {
	n := sanitizeKey(name)
	if strings.Trim(n, "_") == "" {
		n = "example" + strconv.Itoa(i+1)
	}
	out := n
	for k := 2; used[strings.ToLower(out)]; k++ {
		out = n + "_" + strconv.Itoa(k)
	}
	used[strings.ToLower(out)] = true
	return out
}

func headerMap(hs []parser.ExampleHeader) map[string]string {
	m := map[string]string{}
	for _, h := range hs {
		if h.Name != "" {
			m[h.Name] = h.Value
		}
	}
	return m
}

// exampleValue is the value of an example body: the decoded JSON, else the
// text as written (isText).
func exampleValue(ex *parser.Example) (v any, isText bool) {
	if ex.JSON != nil {
		return ex.JSON, false
	}
	return ex.Body, true
}

// requestExample adds an example request body to the operation's request
// body; an operation the docs give no request body gets a JSON object one.
// isText reports a body added as its text.
func (b *builder) requestExample(op *openapi3.Operation, ex *parser.Example, name string) (isText bool) {
	if op.RequestBody == nil {
		if ex.JSON == nil {
			return false
		}
		b.warnf(ex.Pos, "body-from-example", "the example sends a body the request body section does not describe; typed as a JSON object")
		rb := &openapi3.RequestBody{
			Content: openapi3.NewContentWithJSONSchemaRef(&openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{"object"}}}),
		}
		xgraph.WriteRequestBody(rb, xgraph.RequestBody{Inferred: true})
		op.RequestBody = &openapi3.RequestBodyRef{Value: rb}
	}
	mt := pickMedia(op.RequestBody.Value.Content, ex.JSON != nil)
	if mt == nil {
		return false
	}
	if mt.Examples == nil {
		mt.Examples = openapi3.Examples{}
	}
	v, isText := exampleValue(ex)
	mt.Examples[name] = &openapi3.ExampleRef{Value: &openapi3.Example{Value: v}}
	return isText
}

// responseExample adds an example response body to the response of its
// status, or to the success response when that status is not documented.
// isText reports a body added as its text.
func (b *builder) responseExample(op *openapi3.Operation, ex *parser.Example, status int, name string) (isText bool) {
	resp := op.Responses.Value(strconv.Itoa(status))
	if resp == nil || resp.Value == nil || len(resp.Value.Content) == 0 {
		resp = successResponse(op)
	}
	if resp == nil {
		return false
	}
	mt := pickMedia(resp.Value.Content, ex.JSON != nil)
	if mt == nil {
		return false
	}
	if mt.Examples == nil {
		mt.Examples = openapi3.Examples{}
	}
	v, isText := exampleValue(ex)
	mt.Examples[name] = &openapi3.ExampleRef{Value: &openapi3.Example{Value: v}}
	return isText
}

// pickMedia returns the JSON media type of content when the body is JSON,
// else its only media type.
func pickMedia(c openapi3.Content, isJSON bool) *openapi3.MediaType {
	if mt, ok := c["application/json"]; ok && isJSON {
		return mt
	}
	if len(c) == 1 {
		for _, mt := range c {
			return mt
		}
	}
	return nil
}
