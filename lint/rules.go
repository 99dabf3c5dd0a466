// Package lint checks the consistency of Microsoft Graph reference pages
// with themselves, page by page, on the parser's page model: example
// requests against the documented paths and methods, example bodies and
// responses against the request body table and the resource pages, response
// examples against the documented status codes, function arguments against
// their parameter table, and a few structural problems. The parser's own
// diagnostics (bad-annotation-json, missing-include, ...) are passed through
// as findings of the same kind.
//
// A type reference is read as the client is generated from it: through
// spec's type model (spec.Types) of the page's docs tree, so a bare name
// resolves in the page's namespace, a link to its page, a base type in
// its page's namespace, and a type redefined on several pages goes by its
// primary definition (the metadata rules compare every definition, as
// Build merges them). Example bodies are also checked against the schemas
// of the document spec builds (example-schema-mismatch; left out, and the
// document not built, when that rule is disabled).
//
// With Options.Metadata (the service's CSDL, read by package csdl), the
// docs are also checked against the service: every documented path is
// walked against the metadata, the documented response type compared with
// the type the path reaches or the operation returns, and resource
// properties, their types and enumeration members compared with the
// metadata's types (the metadata-* rules). CheckMetadata gives the
// figures: how many paths resolve, how many response types agree.
//
// Findings are parser.Diagnostics with a stable rule ID (Rules documents
// each one). They can be suppressed per page through the page annotation's
// "suppressions" list (see Suppressed for the mapping of ApiDoctor-style
// texts) and globally through Options.Disable, and written as text, JSON
// lines, GitHub workflow commands or SARIF 2.1.0 (Write).
package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/graphdocgen/graphdocgen/parser"
	"github.com/graphdocgen/graphdocgen/spec"
	"github.com/graphdocgen/graphdocgen/xgraph"
)

// Rule documents one check. IDs are stable: SARIF output and suppressions
// refer to them.
type Rule struct {
	ID string
	// Severity is the rule's level: "error" or "warning".
	Severity string
	// Summary is one line saying what the rule reports.
	Summary string
	// Help says why it matters and how to fix the page.
	Help string
	// Source is "lint" for checks made here, "parser" for diagnostics the
	// parser reports while reading a page, "metadata" for checks against
	// the service's CSDL metadata (made only when Options.Metadata is set).
	Source string
}

// Rule IDs of the checks made by this package.
const (
	RuleExampleURLNoMatch          = "example-url-no-match"
	RuleExampleMethodMismatch      = "example-method-mismatch"
	RuleExampleSchemaMismatch      = spec.RuleExampleSchemaMismatch
	RuleExampleBodyUnknownProperty = "example-body-unknown-property"
	RuleResponseStatusMismatch     = "response-status-mismatch"
	RuleResponseUnknownProperty    = "response-unknown-property"
	RulePathParamUnmatched         = "path-param-unmatched"
	RuleBodyTableWithNoBody        = "body-table-with-no-body"
	RuleDuplicateExampleName       = "duplicate-example-name"
	RuleMissingInclude             = "missing-include"
	RuleBadAnnotationJSON          = "bad-annotation-json"
	RuleAnnotationWithoutBlock     = "annotation-without-block"
	RuleHTTPRequestWithoutHeading  = "http-request-without-heading"
	RuleNoHTTPRequest              = "no-http-request"
	RuleNoPermissionsTable         = "no-permissions-table"
	RuleNotADocsPage               = "not-a-docs-page"
	RuleDocTypeMismatch            = "doc-type-mismatch"
	RuleDocTypeSpelling            = "doc-type-spelling"

	// Checks against the service's metadata (Options.Metadata).
	RuleMetadataPathUnresolved       = "metadata-path-unresolved"
	RuleMetadataResponseType         = "metadata-response-type"
	RuleMetadataTypeUnknown          = "metadata-type-unknown"
	RuleMetadataPropertyUnknown      = "metadata-property-unknown"
	RuleMetadataPropertyType         = "metadata-property-type"
	RuleMetadataPropertyUndocumented = "metadata-property-undocumented"
	RuleMetadataEnumMember           = "metadata-enum-member"
)

const (
	informationURI                 = "https://github.com/graphdocgen/graphdocgen"
	severityError, severityWarning = "error", "warning"
	sourceLint, sourceParser       = "lint", "parser"
	sourceMetadata                 = "metadata"
)

// Rules lists every rule, sorted by ID.
var Rules = []Rule{
	{
		ID: RuleAnnotationWithoutBlock, Severity: severityWarning, Source: sourceParser,
		Summary: "An example annotation comment is not followed by a code block.",
		Help:    "An annotation comment (<!-- { \"blockType\": ... } -->) must stand right above the fenced block it describes; move it or remove it.",
	},
	{
		ID: RuleBadAnnotationJSON, Severity: severityError, Source: sourceParser,
		Summary: "An annotation comment is not valid JSON.",
		Help:    "Annotation comments are read as JSON; fix the syntax (quotes, commas, braces) so that the block's type, name and flags are known.",
	},
	{
		ID: RuleBodyTableWithNoBody, Severity: severityWarning, Source: sourceLint,
		Summary: "The Request body section has a parameter table but also says not to supply a request body.",
		Help:    "A request body section either documents a body (a table or a resource) or says that none is supplied; remove the table or the sentence.",
	},
	{
		ID: RuleDocTypeMismatch, Severity: severityWarning, Source: sourceParser,
		Summary: "The page's doc_type does not fit its folder or content.",
		Help:    "Set doc_type in the front matter to the kind of page this is (apiPageType, resourcePageType, enumPageType).",
	},
	{
		ID: RuleDocTypeSpelling, Severity: severityWarning, Source: sourceParser,
		Summary: "The page's doc_type is a misspelling of a known page type.",
		Help:    "Spell doc_type exactly apiPageType, resourcePageType or enumPageType; tools that match it exactly skip the page.",
	},
	{
		ID: RuleDuplicateExampleName, Severity: severityError, Source: sourceLint,
		Summary: "Two request examples on one page have the same name.",
		Help:    "Example names identify examples (snippet generation, test names, suppressions); give each request example on a page its own \"name\".",
	},
	{
		ID: RuleExampleBodyUnknownProperty, Severity: severityWarning, Source: sourceLint,
		Summary: "An example request body has a property that is neither in the request body table nor a property of the resource.",
		Help:    "Add the property to the request body table or the resource page, or correct its spelling in the example. Instance annotations (name@odata.bind, @odata.type) are not checked.",
	},
	{
		ID: RuleExampleMethodMismatch, Severity: severityError, Source: sourceLint,
		Summary: "An example request uses a method that the page does not document for that path.",
		Help:    "The example's HTTP method must be one of the methods listed under \"HTTP request\" for the path it calls; fix the example or the request syntax.",
	},
	{
		ID: RuleExampleSchemaMismatch, Severity: severityWarning, Source: sourceLint,
		Summary: "An example body does not fit the schema the OpenAPI document gives its request body or response.",
		Help:    "The document keeps an example that does not validate against its schema out of the OpenAPI examples (a validator would reject the document) and only in " + xgraph.ExamplesExtension + ". Fix the example (member spelling, RFC 3339 date-times, read-only properties in requests, nulls) or the type on the resource page.",
	},
	{
		ID: RuleExampleURLNoMatch, Severity: severityWarning, Source: sourceLint,
		Summary: "An example request URL matches none of the page's documented paths, or none of their fixed queries.",
		Help:    "After the service root and the query string are dropped, every example URL should match one \"HTTP request\" path: placeholders match any one segment, literal segments compare case-insensitively, /me and /users/{id} are different paths. When every line of that path and method has a fixed query of its own (a query variant, \"GET /me/messages?$filter=...\"), the example should set every option of one of them. Document the path or fix the example.",
	},
	{
		ID: RuleHTTPRequestWithoutHeading, Severity: severityWarning, Source: sourceParser,
		Summary: "The request syntax block is not under an \"HTTP request\" heading.",
		Help:    "Put the request syntax under a \"## HTTP request\" heading so that it is not mistaken for an example.",
	},
	{
		ID: RuleMetadataEnumMember, Severity: severityWarning, Source: sourceMetadata,
		Summary: "A documented enumeration member is not in the metadata's enumeration of that name (in the page's namespace), or the metadata has members that no definition of the enumeration documents.",
		Help:    "Spell the member as the service does, or document the members the service defines (unknownFutureValue included). An enumeration defined on several pages is compared as the document merges it: missing members are reported once, at its first definition. Checked only with -metadata.",
	},
	{
		ID: RuleMetadataPathUnresolved, Severity: severityWarning, Source: sourceMetadata,
		Summary: "A documented request path does not resolve against the service's metadata.",
		Help:    "The path is walked segment by segment: an entity set, singleton or import first, then keys on collections, properties and navigation properties of the type reached (base types included), casts to derived types, bound actions and functions, $value, $ref and $count. The message names the first segment that fails and why. Fix the path or report the service's gap. Checked only with -metadata.",
	},
	{
		ID: RuleMetadataPropertyType, Severity: severityWarning, Source: sourceMetadata,
		Summary: "A resource property's documented type differs from the metadata's.",
		Help:    "The type column should name the metadata's type (a base or derived type is accepted) and say \"collection\" when the metadata's type is Collection(...). Checked only with -metadata.",
	},
	{
		ID: RuleMetadataPropertyUndocumented, Severity: severityWarning, Source: sourceMetadata,
		Summary: "The metadata's type has a property or relationship that none of the resource pages defining the type documents.",
		Help:    "Add a row for it to the page's properties or relationships table, or suppress the finding for properties kept out of the docs on purpose. Only the type's own properties are listed, not its base types'. A type defined on several pages is compared as the document merges it, and reported once, at its primary page. Checked only with -metadata.",
	},
	{
		ID: RuleMetadataPropertyUnknown, Severity: severityWarning, Source: sourceMetadata,
		Summary: "A documented resource property is not a property of the metadata's type or its base types.",
		Help:    "Fix the property's spelling or remove it; open types are not checked. Checked only with -metadata.",
	},
	{
		ID: RuleMetadataResponseType, Severity: severityWarning, Source: sourceMetadata,
		Summary: "The documented response type differs from the type the metadata gives the path.",
		Help:    "For GET the response is the type the path reaches, for an action or function its return type, for POST to a collection one item of it; a derived type or a base type is accepted, a collection must be documented as one, and 202 Accepted responses are not compared. Fix the Response section or the path. Checked only with -metadata.",
	},
	{
		ID: RuleMetadataTypeUnknown, Severity: severityWarning, Source: sourceMetadata,
		Summary: "A resource page documents a type that the metadata does not define.",
		Help:    "Name the type as the service does (the H1 or the JSON representation's @odata.type, with its namespace outside microsoft.graph). Checked only with -metadata.",
	},
	{
		ID: RuleMissingInclude, Severity: severityError, Source: sourceParser,
		Summary: "An [!INCLUDE] refers to a file that does not exist.",
		Help:    "Fix the include path (relative to the page) or add the file; content behind a missing include, such as a permissions table, is lost.",
	},
	{
		ID: RuleNoHTTPRequest, Severity: severityWarning, Source: sourceParser,
		Summary: "An API page has no HTTP request syntax.",
		Help:    "Every API page documents its paths in an http block under \"## HTTP request\".",
	},
	{
		ID: RuleNoPermissionsTable, Severity: severityWarning, Source: sourceParser,
		Summary: "An API page has no permissions table.",
		Help:    "Add the permissions table (inline or as an [!INCLUDE] of a permissions file).",
	},
	{
		ID: RuleNotADocsPage, Severity: severityWarning, Source: sourceParser,
		Summary: "A file in a docs folder is not a reference page.",
		Help:    "The file has no front matter or doc_type that makes it an API, resource or enum page; it was skipped.",
	},
	{
		ID: RulePathParamUnmatched, Severity: severityWarning, Source: sourceLint,
		Summary: "A function argument placeholder in a request path, or a fixed query option's placeholder, is missing from the page's parameter table.",
		Help:    "When a page has a function or query parameters table, each function argument of its paths (name={placeholder}) and each option of a fixed query whose value is a placeholder (startDateTime={start_datetime}; not OData's $-options) should be a row of it.",
	},
	{
		ID: RuleResponseStatusMismatch, Severity: severityWarning, Source: sourceLint,
		Summary: "A response example's status code is not a status the Response section documents.",
		Help:    "The example's status line and the Response section should agree (for example both 201 Created for a create).",
	},
	{
		ID: RuleResponseUnknownProperty, Severity: severityWarning, Source: sourceLint,
		Summary: "A response example has a property that the returned resource does not define.",
		Help:    "Properties of a response example (of each item of value[] for collections) must be properties or relationships of the returned type or its base types; add the property to the resource page or fix the example. @odata.* keys are not checked.",
	},
}

// RuleByID returns the rule with the given ID.
func RuleByID(id string) (Rule, bool) {
	i, ok := slices.BinarySearchFunc(Rules, id, func(r Rule, id string) int { return strings.Compare(r.ID, id) })
	if !ok {
		return Rule{}, false
	}
	return Rules[i], true
}

// severityOf is the parser severity of a rule's level.
func severityOf(id string) parser.Severity {
	if r, ok := RuleByID(id); ok && r.Severity == severityError {
		return parser.Error
	}
	return parser.Warning
}

// Validate reports rule IDs in Disable that no rule has.
func (o Options) Validate() error {
	var bad []string
	for _, id := range o.Disable {
		if _, ok := RuleByID(id); !ok {
			bad = append(bad, id)
		}
	}
	if len(bad) > 0 {
		slices.Sort(bad)
		return fmt.Errorf("unknown lint rule %s", strings.Join(bad, ", "))
	}
	return nil
}
