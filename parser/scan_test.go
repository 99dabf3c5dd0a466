package parser

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark/util"
)

// The regular expressions the scanners of api.go stand for.
var (
	reContentType = regexp.MustCompile(`\b(?:text|image|application|audio|video)/[a-zA-Z0-9.+-]+`)
	reStatus      = regexp.MustCompile(`\b([1-5][0-9][0-9])\b`)
	rePermission  = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+$`)
)

// scanInputs are hand-made cases and, when the corpus is present, the
// lines of the v1.0 pages (a few hundred pages under -short) and their
// words.
func scanInputs(t *testing.T) []string {
	in := []string{"", "/", "text/", "text/plain", "xtext/plain", "_text/plain", "(text/plain)", "a text/plain; image/png",
		"application/json", "application/octet-stream.", "é text/html", "étext/html", "audio/", "video/mp4+x-y",
		"200 OK", "1200 OK", "200OK", "200", "20", "404 Not Found, 500", "699", "100", "5000", "x201 201x 202",
		"204 204", "é200", "200é", "_200", "Mail.Read", "Mail..Read", "Mail.", ".Mail", "Mail", "1Mail.Read",
		"User.Read.All", "Sites.Selected-x_y", "Mail.Read,", "Mail.Réad", "a.b"}
	for _, f := range corpusSample("graph-docs-2021-07/v1.0/api/*.md") {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(string(data), "\n") {
			in = append(in, l)
			in = append(in, strings.Fields(l)...)
		}
	}
	return in
}

// TestScanners: findContentType, statusCandidates and isPermissionName
// find what their regular expressions find.
func TestScanners(t *testing.T) {
	for _, s := range scanInputs(t) {
		if got, want := findContentType(s), reContentType.FindString(s); got != want {
			t.Errorf("findContentType(%q) = %q, want %q", s, got, want)
		}
		var want []int
		for _, m := range reStatus.FindAllStringSubmatchIndex(s, -1) {
			want = append(want, m[2])
		}
		if got := statusCandidates(s); !slices.Equal(got, want) {
			t.Errorf("statusCandidates(%q) = %v, want %v", s, got, want)
		}
		for _, w := range append([]string{s}, strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '|' })...) {
			w = strings.Trim(w, ".*`()")
			if got, want := isPermissionName(w), rePermission.MatchString(w); got != want {
				t.Errorf("isPermissionName(%q) = %v, want %v", w, got, want)
			}
		}
	}
}

// TestAppendUnescaped: appendUnescaped resolves the escapes
// util.UnescapePunctuations resolves, after what dst holds.
func TestAppendUnescaped(t *testing.T) {
	in := append(scanInputs(t), `\`, `\\`, `\\\`, `a\`, `\_x`, `\$filter`, `\a\_\`, `x\\_y`, `\é`, `\*\*bold\*\*`, `\\\\`)
	for _, s := range in {
		want := "<" + string(util.UnescapePunctuations([]byte(s)))
		if got := string(appendUnescaped([]byte("<"), []byte(s))); got != want {
			t.Errorf("appendUnescaped(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestTwoFields: twoFields gives strings.Fields' first two fields.
func TestTwoFields(t *testing.T) {
	for _, s := range append(scanInputs(t), " a\u00a0b  c", "\u2003x\u2003", "\xff b", "a\u0085b", "é ü") {
		f := strings.Fields(s)
		want := [2]string{}
		copy(want[:], f)
		if a, b := twoFields(s); a != want[0] || b != want[1] {
			t.Errorf("twoFields(%q) = %q, %q; want %q", s, a, b, want)
		}
		if a, b := twoFields([]byte(s)); string(a) != want[0] || string(b) != want[1] {
			t.Errorf("twoFields([]byte(%q)) = %q, %q; want %q", s, a, b, want)
		}
	}
}

// TestPointsFurther: pointsFurther reads as it did over a lowered string.
func TestPointsFurther(t *testing.T) {
	lowered := func(before string) bool {
		low := strings.ToLower(before)
		if i := strings.LastIndexAny(low, ".!?"); i >= 0 {
			low = low[i+1:]
		}
		low = strings.TrimSpace(low)
		return strings.HasSuffix(low, "see") || strings.HasSuffix(low, "see also") || strings.HasSuffix(low, "refer to") ||
			strings.HasPrefix(low, "for more information") || strings.HasPrefix(low, "for details")
	}
	in := append(scanInputs(t), "For more information, see ", "Done. See ", "SEE ALSO", "refer To", "For Details on x", "x. For details",
		"İ. See", "see.", "It returns a", "For more information?", "é for details")
	for _, s := range in {
		if got, want := pointsFurther([]byte(s)), lowered(s); got != want {
			t.Errorf("pointsFurther(%q) = %v, want %v", s, got, want)
		}
	}
}
