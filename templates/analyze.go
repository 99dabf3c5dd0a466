package templates

import (
	"bytes"
	"fmt"
	"net/http"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/graphpath"
	"github.com/graphdocgen/graphdocgen/internal/asciifold"
	"github.com/graphdocgen/graphdocgen/internal/fanout"
	"github.com/graphdocgen/graphdocgen/xgraph"
)

// This file reads the OpenAPI document into the generator's own model:
// schemas with their Go types and fields, operations with their names,
// arguments, bodies and results. Everything is sorted here.

const schemaPrefix = "#/components/schemas/"

// typeKind is the kind of a Go type the generator emits.
type typeKind int

const (
	tRaw typeKind = iota // json.RawMessage
	tString
	tBool
	tInt32
	tInt64
	tFloat32
	tFloat64
	tTime
	tDate
	tTimeOfDay
	tDuration
	tBytes
	tSlice
	tModel // a struct
	tEnum  // a named string type
)

// goType is a Go type of a property, parameter or result.
type goType struct {
	kind  typeKind
	elem  *goType     // tSlice
	named *schemaInfo // tModel, tEnum
}

// scalarTypes are the goTypes of the kinds without an element or a named
// schema, one of each: a goType is never changed once made, so every
// property, argument and result of one of these kinds shares it.
var scalarTypes = func() (ts [tEnum + 1]goType) {
	for k := range ts {
		ts[k].kind = typeKind(k)
	}
	return ts
}()

// scalarType is the goType of kind k (not tSlice, tModel or tEnum).
func scalarType(k typeKind) *goType { return &scalarTypes[k] }

// schemaKind is what a schema component becomes.
type schemaKind int

const (
	sObject schemaKind = iota
	sEnum
	sStub
	sAlias // a primitive or array schema: no type, uses are replaced
)

// schemaInfo is one components/schemas entry. It holds what the
// emitters read of the schema (desc, not the *openapi3.Schema, which
// model.schemaOf keeps for buildModel): the emitters are handed model
// values only, and each file's cache key is the hash of the values its
// emitter is handed (inputkey.go).
type schemaInfo struct {
	component string
	goName    string
	kind      schemaKind
	desc      string       // the schema's description
	fields    []*fieldInfo // sObject, sStub: none
	enum      []string
	consts    []string // enum constant names, parallel to enum
	flags     bool
	source    string
	alias     *goType // sAlias
	open      bool    // an open type: it takes properties of any name
}

// fieldInfo is one struct field.
type fieldInfo struct {
	json     string
	goName   string
	typ      *goType
	required bool
	pointer  bool // the field's model is in a cycle with its struct
	desc     string
	nav      bool
}

// model is the whole document as the generator sees it. It holds the
// document (doc, schemaOf) only while buildModel reads it: the files are
// built from the model alone, and the document is not kept alive through
// rendering them (the collector would mark its ~50 MB on v1.0 at every
// collection of the rendering, a tenth of a cold generate's CPU).
type model struct {
	doc      *openapi3.T // nil once built
	title    string      // the document's info title and version, for doc.go
	version  string
	pkg      string
	schemas  []*schemaInfo // sorted by component name
	all      []*schemaInfo // schemas before pruning
	byName   map[string]*schemaInfo
	schemaOf map[*schemaInfo]*openapi3.Schema // every schemaInfo's schema, for buildModel; nil once built
	ops      []*opInfo                        // sorted by path, then method
	params   []*paramsStruct
	baseURL  string
	problems []nameProblem
	stats    TypeStats
	spell    spelling // one Go spelling per path word
}

func typeIs(s *openapi3.Schema, t string) bool {
	return s != nil && s.Type != nil && s.Type.Is(t)
}

// buildModel reads doc.
func buildModel(doc *openapi3.T, pkg string, allTypes bool) (*model, error) {
	m := &model{doc: doc, pkg: pkg, byName: map[string]*schemaInfo{}, schemaOf: map[*schemaInfo]*openapi3.Schema{}, baseURL: "https://graph.microsoft.com/v1.0"}
	if len(doc.Servers) > 0 && doc.Servers[0] != nil && doc.Servers[0].URL != "" {
		m.baseURL = doc.Servers[0].URL
	}
	if doc.Info != nil {
		m.title, m.version = doc.Info.Title, doc.Info.Version
	}
	rt, err := loadRuntime()
	if err != nil {
		return nil, err
	}
	var ncomps int
	if doc.Components != nil {
		ncomps = len(doc.Components.Schemas)
	}
	// the runtime's names, the types, the params structs and the enum
	// constants
	top := newNameTableFor(len(rt.names) + len(rt.testNames) + 3*ncomps)
	for _, n := range rt.names {
		top.take(n, "runtime")
	}
	for _, n := range rt.testNames {
		top.take(n, "runtime test")
	}
	// The paths are split and spelled beside the schemas: neither reads
	// the other (buildOps waits for them).
	var pathsOf pathsRead
	pathsDone := make(chan struct{})
	go func() {
		defer close(pathsDone)
		pathsOf = readPaths(doc)
	}()
	var comps []string
	if doc.Components != nil {
		for name := range doc.Components.Schemas {
			comps = append(comps, name)
		}
	}
	sort.Strings(comps)
	// each component is read concurrently into its place, then taken in
	// order
	read := make([]readSchema, len(comps))
	parallel(len(comps), func(i int) { read[i] = readComponent(comps[i], doc.Components.Schemas[comps[i]]) })
	m.schemas = make([]*schemaInfo, 0, len(comps))
	for i := range read {
		r := &read[i]
		m.problems = append(m.problems, r.problems...)
		if r.si == nil {
			continue
		}
		m.schemaOf[r.si] = r.s
		m.schemas = append(m.schemas, r.si)
		m.byName[r.si.component] = r.si
	}
	var named []string
	for _, si := range m.schemas {
		if si.kind != sAlias {
			named = append(named, si.component)
		}
	}
	names := assignTypeNames(top, named)
	for _, si := range m.schemas {
		si.goName = names[si.component]
	}
	// aliases resolve after names exist (they may refer to named types)
	for _, si := range m.schemas {
		if si.kind == sAlias {
			si.alias = m.typeOf(&openapi3.SchemaRef{Value: m.schemaOf[si]}, 0)
		}
	}
	// each struct's fields are its own: built concurrently, each
	// goroutine spelling the property names it meets once
	workers := runtime.GOMAXPROCS(0)
	scratch := make([]*fieldScratch, workers)
	fanout.For(len(m.schemas), workers, 32, func(w, i int) {
		if si := m.schemas[i]; si.kind == sObject {
			if scratch[w] == nil {
				scratch[w] = newFieldScratch()
			}
			m.buildFields(si, scratch[w])
		}
	})
	<-pathsDone
	if err := m.buildOps(top, pathsOf); err != nil {
		return nil, err
	}
	m.all = m.schemas
	m.prune(allTypes)
	m.markCycles()
	// enum constants last: they yield to types and params structs. Each
	// enumeration's members are spelled concurrently (into its consts),
	// the names then taken in order.
	parallel(len(m.schemas), func(i int) {
		si := m.schemas[i]
		if si.kind != sEnum {
			return
		}
		si.consts = make([]string, len(si.enum))
		for i, v := range si.enum {
			member := exportedName(v)
			if member == "" {
				member = "Value" + strconv.Itoa(i)
			}
			si.consts[i] = si.goName + member
		}
	})
	for _, si := range m.schemas {
		if si.kind != sEnum {
			continue
		}
		for i, v := range si.enum {
			si.consts[i] = top.takeNumbered(si.consts[i], si.component+"."+v)
		}
	}
	m.doc, m.schemaOf = nil, nil
	return m, nil
}

// readSchema is one component as buildModel reads it, concurrently with
// the others: its schemaInfo (nil without a value), its schema and the
// problems found with it.
type readSchema struct {
	si       *schemaInfo
	s        *openapi3.Schema
	problems []nameProblem
}

// readComponent reads the component c, whose schema is ref; it writes
// only to what it returns.
func readComponent(c string, ref *openapi3.SchemaRef) readSchema {
	if ref == nil || ref.Value == nil {
		return readSchema{problems: []nameProblem{{msg: fmt.Sprintf("schema %q has no value", c)}}}
	}
	s := ref.Value
	r := readSchema{s: s}
	x, err := xgraph.ReadSchema(s)
	if err != nil {
		r.problems = append(r.problems, nameProblem{source: x.Source, msg: fmt.Sprintf("schema %q: %v", c, err)})
	}
	si := &schemaInfo{component: c, desc: s.Description, source: x.Source, open: x.OpenType}
	switch {
	case x.Stub:
		si.kind = sStub
	case len(s.Enum) > 0:
		si.kind = sEnum
		si.flags = x.Flags
		si.enum = make([]string, 0, len(s.Enum))
		for _, v := range s.Enum {
			si.enum = append(si.enum, fmt.Sprint(v))
		}
	case anyValue(s, x):
		// no type, no properties: any JSON value (Graph's Json: the
		// workbook's values are arrays of arrays), held raw
		si.kind = sAlias
	case len(s.AllOf) > 0 || typeIs(s, "object") || len(s.Properties) > 0 || s.Type == nil:
		si.kind = sObject
	default:
		si.kind = sAlias
	}
	r.si = si
	return r
}

// pathsRead are the document's paths, sorted, each split (splitPath),
// and the one spelling of their words.
type pathsRead struct {
	paths []string
	split [][]pathSegment
	spell spelling
}

// readPaths splits and spells doc's paths; it reads only doc.Paths.
func readPaths(doc *openapi3.T) pathsRead {
	var r pathsRead
	if doc.Paths == nil {
		return r
	}
	r.paths = make([]string, 0, doc.Paths.Len())
	for p := range doc.Paths.Map() {
		r.paths = append(r.paths, p)
	}
	sort.Strings(r.paths)
	// each path split once, for the spelling and for its operations and
	// their variants (the segments are only read)
	r.split = make([][]pathSegment, len(r.paths))
	parallel(len(r.paths), func(i int) { r.split[i] = splitPath(r.paths[i]) })
	r.spell = segsSpelling(r.split)
	return r
}

// anyValue reports a schema that constrains nothing: no type, no
// properties, no composition, not an open type. Its values are any JSON,
// so its Go type is json.RawMessage.
func anyValue(s *openapi3.Schema, x xgraph.Schema) bool {
	return s.Type == nil && len(s.Properties) == 0 && len(s.AllOf) == 0 && len(s.AnyOf) == 0 && len(s.OneOf) == 0 &&
		s.AdditionalProperties.Schema == nil && s.AdditionalProperties.Has == nil && !x.OpenType
}

// refTarget returns the component a schema ref points to, looking
// through a single-element allOf/anyOf/oneOf wrapper.
func (m *model) refTarget(r *openapi3.SchemaRef) *schemaInfo {
	if r == nil {
		return nil
	}
	if strings.HasPrefix(r.Ref, schemaPrefix) {
		return m.byName[strings.TrimPrefix(r.Ref, schemaPrefix)]
	}
	if r.Value == nil {
		return nil
	}
	for _, list := range []openapi3.SchemaRefs{r.Value.AllOf, r.Value.AnyOf, r.Value.OneOf} {
		var found *schemaInfo
		n := 0
		for _, x := range list {
			if x == nil {
				continue
			}
			if t := m.refTarget(x); t != nil {
				found = t
				n++
			} else if x.Value != nil && x.Value.Type != nil && !x.Value.Type.Is("null") {
				n += 2
			}
		}
		if found != nil && n == 1 && len(r.Value.Properties) == 0 {
			return found
		}
	}
	return nil
}

// typeOf maps a schema to a Go type.
func (m *model) typeOf(r *openapi3.SchemaRef, depth int) *goType {
	if r == nil || depth > 20 {
		return scalarType(tRaw)
	}
	if t := m.refTarget(r); t != nil {
		switch t.kind {
		case sEnum:
			return &goType{kind: tEnum, named: t}
		case sAlias:
			if t.alias != nil {
				return t.alias
			}
			return m.typeOf(&openapi3.SchemaRef{Value: m.schemaOf[t]}, depth+1)
		default:
			return &goType{kind: tModel, named: t}
		}
	}
	s := r.Value
	if s == nil {
		return scalarType(tRaw)
	}
	switch {
	case typeIs(s, "array"):
		return &goType{kind: tSlice, elem: m.typeOf(s.Items, depth+1)}
	case typeIs(s, "string"):
		switch s.Format {
		case "date-time":
			return scalarType(tTime)
		case "date":
			return scalarType(tDate)
		case "time":
			return scalarType(tTimeOfDay)
		case "duration":
			return scalarType(tDuration)
		case "base64", "byte", "binary":
			return scalarType(tBytes)
		}
		return scalarType(tString)
	case typeIs(s, "boolean"):
		return scalarType(tBool)
	case typeIs(s, "integer"):
		if s.Format == "int64" {
			return scalarType(tInt64)
		}
		return scalarType(tInt32)
	case typeIs(s, "number"):
		switch s.Format {
		case "float":
			return scalarType(tFloat32)
		case "int32":
			return scalarType(tInt32)
		case "int64":
			return scalarType(tInt64)
		}
		return scalarType(tFloat64)
	}
	return scalarType(tRaw)
}

// collectProps gathers a schema's properties, base types first (allOf
// refs), own properties after; a property defined again replaces the
// inherited type in place.
func (m *model) collectProps(s *openapi3.Schema, fs *fieldScratch) {
	if s == nil || fs.seen[s] {
		return
	}
	fs.seen[s] = true
	for _, part := range s.AllOf {
		if part == nil {
			continue
		}
		if t := m.refTarget(part); t != nil {
			m.collectProps(m.schemaOf[t], fs)
		} else if part.Value != nil {
			m.collectProps(part.Value, fs)
		}
	}
	for _, r := range s.Required {
		fs.required[r] = true
	}
	for _, n := range fs.sortedProps(s) {
		p := propDef{name: n, ref: s.Properties[n]}
		if i, ok := fs.idx[n]; ok {
			fs.props[i] = p
			continue
		}
		fs.idx[n] = len(fs.props)
		fs.props = append(fs.props, p)
	}
}

// fieldScratch is what one goroutine building struct fields keeps from
// one struct to the next: the property names it spelled (a base type's
// are those of every type derived from it), each schema's property names
// sorted, and collectProps' gathering, emptied for each struct.
type fieldScratch struct {
	names    exportedNames
	sorted   map[*openapi3.Schema][]string
	seen     map[*openapi3.Schema]bool
	idx      map[string]int
	required map[string]bool
	props    []propDef
}

func newFieldScratch() *fieldScratch {
	return &fieldScratch{names: exportedNames{}, sorted: map[*openapi3.Schema][]string{},
		seen: map[*openapi3.Schema]bool{}, idx: map[string]int{}, required: map[string]bool{}}
}

// sortedProps are the names of s's properties, sorted (only read).
func (fs *fieldScratch) sortedProps(s *openapi3.Schema) []string {
	if names, ok := fs.sorted[s]; ok {
		return names
	}
	names := sortedKeys(s.Properties)
	fs.sorted[s] = names
	return names
}

// reset empties the gathering for the next struct.
func (fs *fieldScratch) reset() {
	clear(fs.seen)
	clear(fs.idx)
	clear(fs.required)
	clear(fs.props) // no schema of the last struct kept
	fs.props = fs.props[:0]
}

type propDef struct {
	name string
	ref  *openapi3.SchemaRef
}

// pagingProps are the OData control properties the runtime's paging
// reads on every collection response, typed whether or not the document
// lists them: the service sends @odata.deltaLink on the final page of a
// delta function and @odata.count with $count=true.
var pagingProps = []propDef{
	{name: "@odata.count", ref: &openapi3.SchemaRef{Value: &openapi3.Schema{
		Type: &openapi3.Types{"integer"}, Format: "int64",
		Description: "the number of items in the whole collection (@odata.count), sent when the request asks for it with $count=true.",
	}}},
	{name: "@odata.deltaLink", ref: &openapi3.SchemaRef{Value: &openapi3.Schema{
		Type:        &openapi3.Types{"string"},
		Description: "the URL the next round of a delta query starts from (@odata.deltaLink), on the final page of a round; see DeltaPage.",
	}}},
}

// nextLinkDoc describes the @odata.nextLink of a collection response
// whose document gives it no description, as pagingProps describe the
// other two.
const nextLinkDoc = "the URL of the next page (@odata.nextLink), when there are more; see NextPage."

// withPagingProps adds pagingProps to the properties of a collection
// response (a "value" and an "@odata.nextLink" among props) that lacks
// them, in name order with the others; props of other schemas are
// returned as they are.
func withPagingProps(si *schemaInfo, props []propDef) []propDef {
	if !strings.HasSuffix(si.component, collectionSuffix) {
		return props
	}
	has := func(name string) bool {
		return slices.ContainsFunc(props, func(p propDef) bool { return p.name == name })
	}
	if !has("value") || !has("@odata.nextLink") {
		return props
	}
	out := props
	for _, p := range pagingProps {
		if !has(p.name) {
			out = append(out, p)
		}
	}
	if len(out) == len(props) {
		return props
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// buildFields builds si's fields with the scratch fs of its goroutine.
func (m *model) buildFields(si *schemaInfo, fs *fieldScratch) {
	fs.reset()
	m.collectProps(m.schemaOf[si], fs)
	props, required, names := withPagingProps(si, fs.props), fs.required, fs.names
	jsonNames := make([]string, len(props))
	for i, p := range props {
		jsonNames[i] = p.name
	}
	reserved := []string{"AdditionalProperties", "MarshalJSON", "UnmarshalJSON"}
	if strings.HasSuffix(si.component, collectionSuffix) {
		reserved = append(reserved, pageMethods...) // the paging methods of models.go
	}
	goNames := names.fieldNames(jsonNames, reserved...)
	fields := make([]fieldInfo, len(props)) // one allocation for the struct's fields
	si.fields = make([]*fieldInfo, 0, len(props))
	for i, p := range props {
		f := &fields[i]
		*f = fieldInfo{json: p.name, goName: goNames[i], typ: m.typeOf(p.ref, 0), required: required[p.name]}
		if p.ref != nil && p.ref.Value != nil {
			f.desc = p.ref.Value.Description
			f.nav = xgraph.IsNavigation(p.ref)
		}
		if f.desc == "" && f.json == "@odata.nextLink" && strings.HasSuffix(si.component, collectionSuffix) {
			f.desc = nextLinkDoc
		}
		si.fields = append(si.fields, f)
	}
}

// markCycles makes the fields that would make a struct contain itself
// (through fields held by value, slices excluded) pointers: every edge
// inside a strongly connected component of the by-value graph.
func (m *model) markCycles() {
	var nodes []*schemaInfo
	for _, si := range m.schemas {
		if si.kind == sObject {
			nodes = append(nodes, si)
		}
	}
	index := map[*schemaInfo]int{}
	low := map[*schemaInfo]int{}
	onStack := map[*schemaInfo]bool{}
	comp := map[*schemaInfo]int{}
	var stack []*schemaInfo
	next, ncomp := 0, 0
	var visit func(v *schemaInfo)
	visit = func(v *schemaInfo) {
		index[v], low[v] = next, next
		next++
		stack = append(stack, v)
		onStack[v] = true
		for _, f := range v.fields {
			if f.typ.kind != tModel || f.typ.named.kind != sObject {
				continue
			}
			w := f.typ.named
			if _, ok := index[w]; !ok {
				visit(w)
				low[v] = min(low[v], low[w])
			} else if onStack[w] {
				low[v] = min(low[v], index[w])
			}
		}
		if low[v] == index[v] {
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				comp[w] = ncomp
				if w == v {
					break
				}
			}
			ncomp++
		}
	}
	for _, v := range nodes {
		if _, ok := index[v]; !ok {
			visit(v)
		}
	}
	for _, v := range nodes {
		for _, f := range v.fields {
			if f.typ.kind == tModel && f.typ.named.kind == sObject && comp[f.typ.named] == comp[v] {
				f.pointer = true
			}
		}
	}
}

// resultKind is what an operation returns.
type resultKind int

const (
	rNone resultKind = iota
	rObject
	rValue // a NAMEResponse wrapper: the value's type
	rStream
	rLocation
)

// bodyKind is an operation's request body.
type bodyKind int

const (
	bNone bodyKind = iota
	bJSON
	bStream
)

// argInfo is a method argument from a parameter.
type argInfo struct {
	name    string // OpenAPI name
	goName  string
	typ     *goType
	desc    string
	docName string
	// placeholder is the placeholder of the fixed query value this
	// argument fills, when that value holds more than one ("$filter=...
	// eq '{id_value}' and ... eq '{property_value}'" is two arguments of
	// the one $filter parameter); "" otherwise.
	placeholder string
}

// paramsStruct is the optional parameters struct of one page and method.
type paramsStruct struct {
	key    string // page + " " + method
	goName string
	fields []*paramField
	// group is the file group of its first operation, whose file has it;
	// users are the names of its operations. The struct holds no
	// operation: an operation's files are made from the struct's values
	// (inputkey.go), and the other operations' are none of theirs.
	group string
	users []string
}

// paramField is one optional query or header parameter.
type paramField struct {
	name   string // wire name ("$select", "Prefer")
	in     string // query or header
	goName string
	typ    *goType
	opt    bool // held as Optional[T]
	desc   string
	// impliedBy are the query options whose use implies this header with
	// the value implied (x-graph-implied-by and the first x-graph-values).
	impliedBy []string
	implied   string
}

// opInfo is one operation.
type opInfo struct {
	// opCall is the call: what both the operations file and the test
	// file read of the operation. Their views (opsView, testsView) share
	// it, so it is hashed once for both files' input keys (inputkey.go).
	*opCall
	// The rest is in three parts, by who reads it: an operations file is
	// made from its operations without opTests and opModel, a test file
	// without opDoc and opModel (opsView, testsView), so an operation's
	// doc changes the key of its operations file only, an example that
	// of its test file only (inputkey.go).
	opDoc
	opTests
	opModel
}

// opCall is an operation's method, path, arguments, body and result.
type opCall struct {
	method, path string
	segs         []pathSegment // path's, split once (splitPath)
	pathParts    []urlPart     // path cut into fixed text and arguments, once (cutPath)
	goName       string
	pathArgs     []*argInfo
	queryArgs    []*argInfo // required query parameters
	fixedQuery   [][2]string
	body         bodyKind
	bodyType     *goType // bJSON
	bodyMedia    string
	result       resultKind
	resultType   *goType
	resultSchema *schemaInfo
	status       int
	params       *paramsStruct
}

// opDoc is what the method's doc comment says of an operation.
type opDoc struct {
	summary, description string // the operation's
	source               string
	perms                *xgraph.Permissions
}

// opTests is what the generated test of an operation is made from, beside
// its call.
type opTests struct {
	examples []xgraph.Example
	// bodyExample is the JSON request body of the first of examples of
	// the method, respExample the first JSON response body at status of
	// an example of the method (testPlan): the documents' example values
	// the tests are made of, read from the operation by buildOp.
	bodyExample, respExample docExample
}

// opModel is what the analysis, the naming pass and doc.go read of an
// operation, and no operations or test file.
type opModel struct {
	group, action, page string
	bodySchema          *schemaInfo
	collection          bool
	variants            []xgraph.QueryVariant // x-graph-query-variants; nil for a variant
}

// opsView are copies of ops with what an operations file reads of them:
// without opTests and opModel.
func opsView(ops []*opInfo) []*opInfo {
	out := make([]*opInfo, len(ops))
	for i, o := range ops {
		v := *o
		v.opTests, v.opModel = opTests{}, opModel{}
		out[i] = &v
	}
	return out
}

// testsView are copies of ops with what a test file reads of them:
// without opDoc and opModel.
func testsView(ops []*opInfo) []*opInfo {
	out := make([]*opInfo, len(ops))
	for i, o := range ops {
		v := *o
		v.opDoc, v.opModel = opDoc{}, opModel{}
		out[i] = &v
	}
	return out
}

// docExample is an example value of a request or response body, when ok.
type docExample struct {
	name  string
	value any
	ok    bool
}

// groupName is the file group of a path, split into segs: its first
// segment, sanitized (fileWord). splitFileGroups may put the operation
// in a file of a sub-group.
func groupName(segs []pathSegment) string {
	if len(segs) == 0 {
		return "root"
	}
	var buf [64]byte
	b := appendFileWord(buf[:0], segs[0].raw)
	if len(b) == 0 {
		return "root"
	}
	return string(bytes.TrimPrefix(b, []byte("microsoftgraph")))
}

// appendFileWord appends the letters and digits of s, lowered, to b: the
// words of the operations' file names.
func appendFileWord(b []byte, s string) []byte {
	// Lowered, the letters and digits of other runes are bytes of 0x80 and
	// over: one byte loop keeps a-z and 0-9 of either.
	low := s
	if !asciifold.IsASCII(low) {
		low = strings.ToLower(low)
	}
	for i := 0; i < len(low); i++ {
		if c := asciifold.LowerByte(low[i]); 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
			b = append(b, c)
		}
	}
	return b
}

// buildOps reads the operations of the paths pr (readPaths).
func (m *model) buildOps(top *nameTable, pr pathsRead) error {
	if m.doc.Paths == nil {
		return nil
	}
	paths, split := pr.paths, pr.split
	m.spell = pr.spell
	methods := []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodHead, http.MethodOptions}
	// The operations are read concurrently, each into its own place; the
	// query variants after, as their operation lists them. Then they are
	// taken in order (path, method, its variants), as one loop would.
	var plain []builtOp
	for i, p := range paths {
		item := m.doc.Paths.Value(p)
		for _, meth := range methods {
			if op := item.GetOperation(meth); op != nil {
				plain = append(plain, builtOp{path: i, meth: meth, item: item, op: op})
			}
		}
	}
	parallel(len(plain), func(i int) {
		b := &plain[i]
		m.readOp(b, paths, split)
		b.base = segsMethodBase(b.o.verb(), b.o.action, b.o.segs, m.spell)
	})
	var variants []builtOp
	for _, b := range plain {
		for j := range b.o.variants {
			variants = append(variants, builtOp{path: b.path, meth: b.meth, item: b.item, op: b.op, variant: &b.o.variants[j]})
		}
	}
	parallel(len(variants), func(i int) {
		v := &variants[i]
		v.op = xgraph.VariantOperation(v.op, *v.variant)
		m.readOp(v, paths, split)
	})
	var names []*opName
	byKey := make(map[string]*opInfo, len(plain)+len(variants))
	var optional [][]*paramField // parallel to m.ops
	take := func(b *builtOp) {
		m.ops = append(m.ops, b.o)
		m.problems = append(m.problems, b.problems...)
		optional = append(optional, b.optional)
	}
	next := 0
	opNames := make([]opName, len(plain)+len(variants)) // one allocation for all
	names = make([]*opName, 0, len(opNames))
	for i := range plain {
		b := &plain[i]
		o := b.o
		take(b)
		n := &opNames[len(names)]
		*n = opName{key: b.meth + " " + paths[b.path], base: b.base}
		for _, a := range o.pathArgs {
			n.lastParam = a.name
			n.paramCount++
		}
		names = append(names, n)
		byKey[n.key] = o
		for _, qv := range o.variants {
			vb := &variants[next]
			next++
			take(vb)
			vn := &opNames[len(names)]
			*vn = opName{key: n.key + "?" + qv.Query, variantOf: n, query: qv.Query}
			names = append(names, vn)
			byKey[vn.key] = vb.o
		}
	}
	assignMethodNames(names, rtMethods())
	for _, n := range names {
		byKey[n.key].goName = n.name
	}
	splitFileGroups(m.ops)
	// params structs, per page and method
	structs := map[string]*paramsStruct{}
	pageMethods := map[string]map[string]bool{}
	for i, o := range m.ops {
		if len(optional[i]) == 0 {
			continue
		}
		if pageMethods[o.page] == nil {
			pageMethods[o.page] = map[string]bool{}
		}
		pageMethods[o.page][o.method] = true
	}
	opsOf := map[*paramsStruct][]*opInfo{}
	for i, o := range m.ops {
		opt := optional[i]
		if len(opt) == 0 {
			continue
		}
		key := o.page + " " + o.method
		ps := structs[key]
		if ps == nil {
			ps = &paramsStruct{key: key}
			structs[key] = ps
			m.params = append(m.params, ps)
		}
		opsOf[ps] = append(opsOf[ps], o)
		o.params = ps
		for _, pf := range opt {
			dup := false
			for _, f := range ps.fields {
				if f.name == pf.name && f.in == pf.in {
					dup = true
				}
			}
			if !dup {
				ps.fields = append(ps.fields, pf)
			}
		}
	}
	sort.Slice(m.params, func(i, j int) bool { return m.params[i].key < m.params[j].key })
	for _, ps := range m.params {
		ops := opsOf[ps]
		ps.group = ops[0].group
		for _, o := range ops {
			ps.users = append(ps.users, o.goName)
		}
		page, meth, _ := strings.Cut(ps.key, " ")
		base := strings.TrimSuffix(pageBase(page), ".md")
		n := exportedName(base)
		if n == "" {
			n = exportedName(ops[0].goName)
		}
		if len(pageMethods[page]) > 1 {
			n += exportedName(strings.ToLower(meth))
		}
		ps.goName = top.takeNumbered(n+"Params", "params "+ps.key)
	}
	// a struct's fields are its own (each operation's optional
	// parameters are), and their names too: named concurrently
	parallel(len(m.params), func(i int) { m.params[i].nameFields() })
	return nil
}

// nameFields sorts ps's fields and gives them their Go names.
func (ps *paramsStruct) nameFields() {
	// each field's order once, not at every comparison
	type ordered struct {
		order string
		f     *paramField
	}
	byOrder := make([]ordered, len(ps.fields))
	for i, f := range ps.fields {
		byOrder[i] = ordered{paramOrder(f), f}
	}
	slices.SortStableFunc(byOrder, func(a, b ordered) int { return strings.Compare(a.order, b.order) })
	for i, o := range byOrder {
		ps.fields[i] = o.f
	}
	wire := make([]string, len(ps.fields))
	for i, f := range ps.fields {
		wire[i] = f.name
	}
	goNames := fieldNames(wire)
	for i, f := range ps.fields {
		if f.goName == "" {
			f.goName = goNames[i]
		}
	}
	// keep fixed OData names unique against table parameters
	t := newNameTableFor(len(ps.fields))
	for _, f := range ps.fields {
		f.goName = t.takeNumbered(f.goName, f.name)
	}
}

// paramOrder sorts OData parameters first in a fixed order, then the
// others by location and name.
func paramOrder(f *paramField) string {
	order := []string{"$select", "$expand", "$filter", "$orderby", "$search", "$top", "$skip", "$count"}
	for i, o := range order {
		if f.name == o {
			return "0" + strconv.Itoa(i)
		}
	}
	return "1" + f.in + " " + f.name
}

func pageBase(page string) string {
	if i := strings.LastIndex(page, "/"); i >= 0 {
		return page[i+1:]
	}
	return page
}

// odataFields are the Go shapes of the OData system query options.
var odataFields = map[string]struct {
	name string
	typ  *goType
	opt  bool
}{
	"$select":  {"Select", &goType{kind: tSlice, elem: scalarType(tString)}, false},
	"$expand":  {"Expand", &goType{kind: tSlice, elem: scalarType(tString)}, false},
	"$orderby": {"OrderBy", &goType{kind: tSlice, elem: scalarType(tString)}, false},
	"$filter":  {"Filter", scalarType(tString), false},
	"$search":  {"Search", scalarType(tString), false},
	"$top":     {"Top", scalarType(tInt32), true},
	"$skip":    {"Skip", scalarType(tInt32), true},
	"$count":   {"Count", scalarType(tBool), false},
}

// opParams lists an operation's parameters, path-item ones first, resolved.
// An operation's own parameter hides a path-item one of the same
// location and name. The lists are short: the first of a location and
// name is found by looking through what is taken.
func opParams(item *openapi3.PathItem, op *openapi3.Operation) []*openapi3.Parameter {
	out := make([]*openapi3.Parameter, 0, len(op.Parameters)+len(item.Parameters))
	for _, list := range [2]openapi3.Parameters{op.Parameters, item.Parameters} {
		for _, pr := range list {
			if pr == nil || pr.Value == nil {
				continue
			}
			p := pr.Value
			if !slices.ContainsFunc(out, func(q *openapi3.Parameter) bool { return q.In == p.In && q.Name == p.Name }) {
				out = append(out, p)
			}
		}
	}
	return out
}

// transportHeader reports a request header the client or net/http sets
// itself, which an operation therefore does not take as a parameter:
// Authorization (the token source), Content-Type (the body), and
// Content-Length, Host and Transfer-Encoding, which net/http writes from
// the request and ignores in its header map.
func transportHeader(name string) bool {
	for _, h := range []string{"Authorization", "Content-Type", "Content-Length", "Host", "Transfer-Encoding"} {
		if strings.EqualFold(name, h) {
			return true
		}
	}
	return false
}

func (m *model) optionalParams(item *openapi3.PathItem, op *openapi3.Operation) []*paramField {
	var out []*paramField
	for _, p := range opParams(item, op) {
		// A required header is a field too (its description says
		// "Required."): it is not a method argument.
		if p.Required && p.In != openapi3.ParameterInHeader || (p.In != openapi3.ParameterInQuery && p.In != openapi3.ParameterInHeader) {
			continue
		}
		if p.In == openapi3.ParameterInHeader && transportHeader(p.Name) {
			continue
		}
		pf := &paramField{name: p.Name, in: p.In, desc: p.Description}
		if p.In == openapi3.ParameterInHeader {
			if px, err := xgraph.ReadParameter(p); err == nil && len(px.ImpliedBy) > 0 && len(px.Values) > 0 {
				pf.impliedBy, pf.implied = px.ImpliedBy, px.Values[0]
			}
		}
		if od, ok := odataFields[strings.ToLower(p.Name)]; ok && p.In == openapi3.ParameterInQuery {
			pf.name = strings.ToLower(p.Name)
			pf.goName, pf.typ, pf.opt = od.name, od.typ, od.opt
		} else {
			pf.typ = m.typeOf(p.Schema, 0)
			switch pf.typ.kind {
			case tString, tEnum, tSlice, tDuration:
			case tModel, tRaw:
				pf.typ = scalarType(tString)
			default:
				pf.opt = true
			}
		}
		out = append(out, pf)
	}
	return out
}

// builtOp is one operation as buildOps reads it, concurrently with the
// others: what it is given (the index of its path, the method, the path
// item and the operation) and what readOp makes of it.
type builtOp struct {
	path     int
	meth     string
	item     *openapi3.PathItem
	op       *openapi3.Operation
	o        *opInfo
	problems []nameProblem
	optional []*paramField
	base     string // the method name's base, for a plain operation
	// variant is the query variant of op a variant is, made into its
	// operation (xgraph.VariantOperation) before it is read
	variant *xgraph.QueryVariant
}

// readOp reads b's operation (buildOp) and its optional parameters; it
// writes only to b, so operations may be read concurrently.
func (m *model) readOp(b *builtOp, paths []string, split [][]pathSegment) {
	b.o, b.problems = m.buildOp(paths[b.path], split[b.path], b.meth, b.item, b.op)
	b.optional = m.optionalParams(b.item, b.op)
}

// buildOp reads one operation, and returns the problems it finds with it.
// It changes nothing in m.
func (m *model) buildOp(path string, segs []pathSegment, meth string, item *openapi3.PathItem, op *openapi3.Operation) (*opInfo, []nameProblem) {
	var problems []nameProblem
	o := &opInfo{opCall: &opCall{method: meth, path: path, segs: segs}}
	o.summary, o.description = op.Summary, op.Description
	o.group = groupName(o.segs)
	x, err := xgraph.ReadOperation(op)
	if err != nil {
		problems = append(problems, nameProblem{source: x.Source, msg: fmt.Sprintf("%s %s: %v", meth, path, err)})
	}
	o.action, o.source, o.page = x.Action, x.Source, x.Page
	if o.page == "" {
		o.page = op.OperationID
	}
	o.perms, o.examples, o.variants = x.Permissions, x.OwnExamples(), x.Variants
	o.fixedQuery = graphpath.QueryPairs(strings.TrimPrefix(x.Query, "?"))
	params := opParams(item, op)
	byName := map[string]*openapi3.Parameter{}
	for _, p := range params {
		if p.In == openapi3.ParameterInPath {
			byName[p.Name] = p
		}
	}
	local := newNameTable()
	for _, seg := range o.segs {
		for _, ph := range seg.params {
			a := &argInfo{name: ph, typ: scalarType(tString), docName: ph}
			if p := byName[ph]; p != nil {
				a.desc = p.Description
				px, err := xgraph.ReadParameter(p)
				if err != nil {
					problems = append(problems, nameProblem{source: x.Source, msg: fmt.Sprintf("%s %s: parameter %s: %v", meth, path, ph, err)})
				}
				if px.DocName != "" {
					a.docName = px.DocName
				}
			}
			a.goName = local.takeNumbered(m.spell.of(paramName(ph)), ph)
			o.pathArgs = append(o.pathArgs, a)
		}
	}
	o.pathParts = o.cutPath()
	var req []*openapi3.Parameter
	for _, p := range params {
		if p.In == openapi3.ParameterInQuery && p.Required {
			req = append(req, p)
		}
	}
	sort.SliceStable(req, func(i, j int) bool {
		return fixedIndex(o.fixedQuery, req[i].Name) < fixedIndex(o.fixedQuery, req[j].Name)
	})
	for _, p := range req {
		t := m.typeOf(p.Schema, 0)
		if t.kind == tModel || t.kind == tRaw {
			t = scalarType(tString)
		}
		if i := fixedIndex(o.fixedQuery, p.Name); i < len(o.fixedQuery) {
			if phs := uniqueNames(graphpath.PlaceholderNames(o.fixedQuery[i][1])); len(phs) > 1 {
				// one argument for each placeholder of the value, named
				// after it; a placeholder written twice is one value
				for _, ph := range phs {
					a := &argInfo{name: p.Name, typ: scalarType(tString), desc: p.Description, docName: ph, placeholder: ph}
					a.goName = local.takeNumbered(paramName(ph), p.Name+"{"+ph+"}")
					o.queryArgs = append(o.queryArgs, a)
				}
				continue
			}
		}
		a := &argInfo{name: p.Name, typ: t, desc: p.Description, docName: p.Name}
		a.goName = local.takeNumbered(paramName(queryArgWord(o.fixedQuery, p.Name)), p.Name)
		o.queryArgs = append(o.queryArgs, a)
	}
	if op.RequestBody != nil && op.RequestBody.Value != nil {
		content := op.RequestBody.Value.Content
		if mt := content.Get("application/json"); mt != nil {
			o.body, o.bodyMedia = bJSON, "application/json"
			o.bodyType = m.typeOf(mt.Schema, 0)
			o.bodySchema = m.refTarget(mt.Schema)
		} else if len(content) > 0 {
			keys := sortedKeys(content)
			o.body, o.bodyMedia = bStream, keys[0]
		}
	}
	m.buildResult(o, op)
	o.bodyExample, o.respExample = bodyExample(o, op), responseExample(o, op)
	return o, problems
}

// parallel calls f(i) for every i below n, on up to GOMAXPROCS
// goroutines, and returns when all calls have returned. Each call must
// write only to what i owns, so the result does not depend on the order
// of the calls.
func parallel(n int, f func(i int)) {
	fanout.For(n, 0, 32, func(_, i int) { f(i) }) // 32 indexes a goroutine takes at a time
}

// uniqueNames is names without repeats, in order.
func uniqueNames(names []string) []string {
	var out []string
	for _, n := range names {
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// queryArgWord is what a required query argument is named for: the
// placeholder of its fixed value when the value is more than that
// placeholder ("$filter=containerTypeId eq {containerTypeId}" takes the
// container type ID, not a filter), else the parameter's name.
func queryArgWord(fq [][2]string, name string) string {
	i := fixedIndex(fq, name)
	if i == len(fq) {
		return name
	}
	v := fq[i][1]
	if ph := graphpath.PlaceholderNames(v); len(ph) == 1 && strings.TrimSpace(v) != "{"+ph[0]+"}" && paramName(ph[0]) != "arg" {
		return ph[0]
	}
	return name
}

func fixedIndex(fq [][2]string, name string) int {
	for i, kv := range fq {
		if kv[0] == name {
			return i
		}
	}
	return len(fq)
}

func sortedKeys[V any](mp map[string]V) []string {
	return appendSortedKeys(make([]string, 0, len(mp)), mp)
}

// appendSortedKeys appends mp's keys to dst, sorted among themselves.
func appendSortedKeys[V any](dst []string, mp map[string]V) []string {
	start := len(dst)
	for k := range mp {
		dst = append(dst, k)
	}
	slices.Sort(dst[start:])
	return dst
}

func (m *model) buildResult(o *opInfo, op *openapi3.Operation) {
	status, resp := xgraph.SuccessResponse(op)
	o.status = status
	if resp == nil {
		if status == 0 {
			o.status = http.StatusOK
		}
		return
	}
	hasLocation := resp.Headers != nil && resp.Headers["Location"] != nil
	if status >= 300 && status < 400 && o.method == http.MethodGet {
		// a redirect to the content (a pre-authenticated download URL):
		// the method follows it and streams the body
		o.result = rStream
		return
	}
	if (status >= 300 && status < 400) || (status == http.StatusAccepted && hasLocation && len(resp.Content) == 0) {
		o.result = rLocation
		return
	}
	if mt := resp.Content.Get("application/json"); mt != nil && mt.Schema != nil {
		t := m.refTarget(mt.Schema)
		if t != nil && t.kind == sObject && isValueWrapper(t) {
			o.result, o.resultSchema = rValue, t
			o.resultType = t.fields[0].typ
			return
		}
		o.result = rObject
		o.resultType = m.typeOf(mt.Schema, 0)
		o.resultSchema = t
		if t != nil && strings.HasSuffix(t.component, "CollectionResponse") {
			o.collection = true
		}
		if o.resultType.kind != tModel {
			// an inline schema: (*T, error) of its Go type, or of
			// json.RawMessage for an object
			o.resultSchema = nil
		}
		return
	}
	if len(resp.Content) > 0 {
		o.result = rStream
	}
}

// redirects reports whether o is a download the service answers with a
// redirect to the content (302 to a pre-authenticated URL).
func (o *opInfo) redirects() bool {
	return o.result == rStream && o.status >= 300 && o.status < 400
}

// isValueWrapper reports whether a schema is a NAMEResponse wrapper of a
// primitive: not a microsoft.graph type, a single "value" property.
func isValueWrapper(t *schemaInfo) bool {
	return !strings.HasPrefix(t.component, "microsoft.graph.") && strings.HasSuffix(t.component, "Response") &&
		!strings.HasSuffix(t.component, "CollectionResponse") && len(t.fields) == 1 && t.fields[0].json == "value"
}
