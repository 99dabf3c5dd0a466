package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/graphdocgen/graphdocgen/csdl"
	"github.com/graphdocgen/graphdocgen/parser"
)

// TestCorpusMetadata checks the 2021 v1.0 and beta docs against the
// service's metadata of that week and the current-format sample against
// the 2026 metadata: every finding is positioned and documented, the figures are
// logged (the README quotes them), and findings verified by reading the
// pages are there.
func TestCorpusMetadata(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus-wide: not in -short")
	}
	const corpus = "../../shared/corpus/"
	rb, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(rb)
	for _, c := range []struct {
		docs, metadata string
		want           []struct{ file, rule, text string }
	}{
		{"graph-docs-2021-07/v1.0", "graph-metadata-2021-07/v1.0.csdl.xml", []struct{ file, rule, text string }{
			// the request syntax spells a folder path as "..."
			{"api/contact-get.md", RuleMetadataPathUnresolved, `"..."`},
			// Intune's reports were beta-only in the July 2021 service
			{"api/intune-reporting-devicemanagementreports-get.md", RuleMetadataPathUnresolved, `"reports" is neither a property of deviceManagement`},
			// the page documents the list of installed apps as teamsApp
			{"api/chat-get-installedapps.md", RuleMetadataResponseType, "returns microsoft.graph.teamsAppInstallation"},
			// ratios the service types Single, the page Double
			{"resources/callrecords-deviceinfo.md", RuleMetadataPropertyType, "Edm.Single"},
		}},
		{"graph-docs-modern/v1.0", "graph-metadata-2026-08/v1.0.csdl.xml", nil},
		{"graph-docs-2021-07/beta", "graph-metadata-2021-07/beta.csdl.xml", []struct{ file, rule, text string }{
			// the organization's key left out
			{"api/organizationsettings-get.md", RuleMetadataPathUnresolved, "settings is a relationship of one organization"},
			// the action is an iosVppApp's: the cast is left out
			{"api/intune-apps-iosvppapp-revokealllicenses.md", RuleMetadataPathUnresolved, `"revokeAllLicenses" is neither a property of mobileApp`},
			// complete returns the task in a collection
			{"api/outlooktask-complete.md", RuleMetadataResponseType, "returns Collection(microsoft.graph.outlookTask)"},
		}},
	} {
		docs, md := filepath.Join(corpus, c.docs), filepath.Join(corpus, c.metadata)
		if _, err := os.Stat(docs); err != nil {
			t.Skipf("corpus absent: %v", err)
		}
		if _, err := os.Stat(md); err != nil {
			t.Skipf("corpus absent: %v", err)
		}
		set, err := parser.Load([]string{docs}, parser.LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		m, err := csdl.ParseFile(md)
		if err != nil {
			t.Fatal(err)
		}
		st := CheckMetadata(set.Pages, m)
		t.Logf("%s against %s: %d of %d paths resolve, %d of %d response types agree, %d of %d properties in the metadata",
			c.docs, c.metadata, st.PathsResolved, st.Paths, st.ResponsesAgree, st.Responses, st.PropertiesInMD, st.Properties)
		// the README quotes these figures
		for _, fig := range []string{fmt.Sprintf("%s of %s (%.1f %%)", thousands(st.PathsResolved), thousands(st.Paths), pct(st.PathsResolved, st.Paths)),
			fmt.Sprintf("%s of %s compared (%.1f %%)", thousands(st.ResponsesAgree), thousands(st.Responses), pct(st.ResponsesAgree, st.Responses))} {
			if !strings.Contains(readme, fig) {
				t.Errorf("README does not say %q", fig)
			}
		}
		if st.Paths == 0 || st.PathsResolved == 0 || st.Responses == 0 || st.ResponsesAgree == 0 {
			t.Errorf("nothing compared: %+v", st)
		}
		ds := Check(set.Pages, set.Diags, Options{Metadata: m})
		counts := map[string]int{}
		for _, d := range ds {
			if !strings.HasPrefix(d.Rule, "metadata-") {
				continue
			}
			counts[d.Rule]++
			if _, ok := RuleByID(d.Rule); !ok {
				t.Errorf("undocumented rule %q", d.Rule)
			}
			if d.Pos.File == "" || d.Pos.Line <= 0 || d.Pos.Col <= 0 {
				t.Errorf("finding without a position: %v", d)
			}
		}
		t.Logf("findings: %v", counts)
		if out := os.Getenv("LINT_METADATA_OUT"); out != "" {
			_ = os.WriteFile(out+"."+strings.ReplaceAll(c.docs, "/", "_"), []byte(ds.Error()+"\n"), 0o644)
		}
		for _, w := range c.want {
			file := filepath.Join(docs, w.file)
			found := false
			for _, d := range ds {
				if filepath.Clean(d.Pos.File) == filepath.Clean(file) && d.Rule == w.rule && strings.Contains(d.Message, w.text) {
					found = true
				}
			}
			if !found {
				t.Errorf("missing finding %s [%s] %q", w.file, w.rule, w.text)
			}
		}
	}
}

func pct(a, b int) float64 { return 100 * float64(a) / float64(max(b, 1)) }

// thousands writes n with a comma between thousands: 2,173.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
