package lint

import (
	"regexp"
	"strings"

	"github.com/graphdocgen/graphdocgen/parser"
)

// Suppressions come from the page annotation's "suppressions" list
// (<!-- { "type": "#page.annotation", "suppressions": [...] } -->). An
// entry suppresses a finding on that page when:
//
//   - it contains the finding's rule ID ("example-url-no-match", or a
//     sentence naming it): every finding of that rule on the page;
//   - it is an ApiDoctor-style entry ("Error: SCOPE:\r\n MESSAGE" or
//     "Warning: SCOPE:\r\n MESSAGE") whose message is one this package can
//     map, listed below. When SCOPE starts with the name of an example of
//     the page ("get_user/displayName"), only findings about that example
//     are suppressed; when the message quotes a property ('name'), only
//     findings about that property.
//
// ApiDoctor messages mapped:
//
//	"Undocumented property 'p'" / "... not defined in the resource" ->
//	    example-body-unknown-property, response-unknown-property
//	"... status code ..."            -> response-status-mismatch
//	"Duplicate ... name"             -> duplicate-example-name
//	"Unable to locate ... method" / "... did not match any ..." ->
//	    example-url-no-match
//	"Expected type X but actual was Y" / "Type mismatch between example
//	    and table ..."           -> example-schema-mismatch
//
// Other ApiDoctor messages in the docs ("Found potential enums ...",
// "Inconsistent types between parameter ...", "Referenced type ... is not defined in the doc set", "Property 'p' found
// in resource definition ... but not described in markdown table",
// "Failed to parse any rows out of table ...") concern checks this package
// does not make and suppress nothing.
var apiDoctorMaps = []struct {
	re    *regexp.Regexp
	rules []string
}{
	{regexp.MustCompile(`(?i)undocumented property|not (defined|found) in the resource`), []string{RuleExampleBodyUnknownProperty, RuleResponseUnknownProperty}},
	{regexp.MustCompile(`(?i)status code`), []string{RuleResponseStatusMismatch}},
	{regexp.MustCompile(`(?i)duplicate\b.*\bname`), []string{RuleDuplicateExampleName}},
	{regexp.MustCompile(`(?i)unable to locate .*method|did not match any`), []string{RuleExampleURLNoMatch}},
	{regexp.MustCompile(`(?i)expected type .* but actual was|type mismatch between example`), []string{RuleExampleSchemaMismatch}},
}

var (
	apiDoctorEntry = regexp.MustCompile(`(?s)^\s*(?:Error|Warning|Message)\s*:\s*([^\r\n]*?):\s*(?:\\r\\n|\r?\n|\s)\s*(.*)$`)
	quotedName     = regexp.MustCompile(`'([^']+)'`)
)

// Suppressed reports whether the page's annotation suppresses the
// diagnostic, and returns the suppression entry that does ("" if none).
// Diagnostics of other files are never suppressed by p.
func Suppressed(p *parser.Page, d parser.Diagnostic) string {
	if p == nil || d.Pos.File != p.File {
		return ""
	}
	return suppressedBy(p, finding{Diagnostic: d})
}

// suppressedBy returns the first suppression entry of p that matches f.
func suppressedBy(p *parser.Page, f finding) string {
	if p.Annotation == nil {
		return ""
	}
	for _, s := range p.Annotation.Suppressions {
		if suppresses(p, s, f) {
			return s
		}
	}
	return ""
}

// containsRuleID reports s naming id as a whole word.
func containsRuleID(s, id string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], id)
		if j < 0 {
			return false
		}
		j += i
		before := j == 0 || !isIDChar(s[j-1])
		after := j+len(id) == len(s) || !isIDChar(s[j+len(id)])
		if before && after {
			return true
		}
		i = j + 1
	}
}

func isIDChar(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' }

func suppresses(p *parser.Page, s string, f finding) bool {
	if f.Rule != "" && containsRuleID(s, f.Rule) {
		return true
	}
	m := apiDoctorEntry.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	scope, msg := m[1], m[2]
	mapped := false
	for _, am := range apiDoctorMaps {
		if am.re.MatchString(msg) {
			for _, r := range am.rules {
				mapped = mapped || r == f.Rule
			}
		}
	}
	if !mapped {
		return false
	}
	// scope narrowed to an example of the page
	if first, _, _ := strings.Cut(scope, "/"); isExampleName(p, first) && !strings.EqualFold(first, f.example) {
		return false
	}
	// message narrowed to a property
	if q := quotedName.FindStringSubmatch(msg); q != nil && f.property != "" && !strings.EqualFold(q[1], f.property) {
		return false
	}
	return true
}

// isExampleName reports a name of one of the page's examples.
func isExampleName(p *parser.Page, n string) bool {
	if n == "" {
		return false
	}
	for _, ex := range p.Examples {
		if strings.EqualFold(ex.Name, n) {
			return true
		}
	}
	return false
}
