package lint

import (
	"cmp"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/graphdocgen/graphdocgen/parser"
)

// corpusRoot is the Graph docs tree the corpus test lints.
const corpusRoot = "../../shared/corpus/graph-docs-2021-07/v1.0"

// corpusSample is how many API pages TestCorpus lints under -short
// besides the pages it checks findings of: a seeded sample, with every
// resource page (the types the findings name); the full pass lints the
// whole tree.
const corpusSample = 300

// corpusPaths are the paths TestCorpus loads: the tree, or under -short
// its resources folder, the API pages the test names and a seeded sample
// of the others.
func corpusPaths(t *testing.T) []string {
	t.Helper()
	if !testing.Short() {
		return []string{corpusRoot}
	}
	named := []string{"chatmessage-update.md", "channel-post-messages.md", "site-unfollow.md", "channel-get-filesfolder.md", "user-getmemberobjects.md"}
	all, err := filepath.Glob(filepath.Join(corpusRoot, "api", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(all)
	var rest []string
	for _, p := range all {
		if !slices.Contains(named, filepath.Base(p)) {
			rest = append(rest, p)
		}
	}
	rand.New(rand.NewSource(20210716)).Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
	paths := []string{filepath.Join(corpusRoot, "resources")}
	for _, n := range named {
		paths = append(paths, filepath.Join(corpusRoot, "api", n))
	}
	return append(paths, rest[:min(corpusSample, len(rest))]...)
}

func TestCorpus(t *testing.T) {
	if _, err := os.Stat(corpusRoot); err != nil {
		t.Skipf("corpus absent: %v", err)
	}
	set, err := parser.Load(corpusPaths(t), parser.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ds := Check(set.Pages, set.Diags, Options{})
	counts := map[string]int{}
	for _, d := range ds {
		counts[d.Rule]++
		if _, ok := RuleByID(d.Rule); !ok {
			t.Errorf("undocumented rule %q: %v", d.Rule, d)
		}
		if d.Pos.File == "" || d.Pos.Line <= 0 {
			t.Errorf("finding without a position: %v", d)
		}
	}
	type rc struct {
		rule string
		n    int
	}
	var top []rc
	for r, n := range counts {
		top = append(top, rc{r, n})
	}
	slices.SortFunc(top, func(a, b rc) int { return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(a.rule, b.rule)) })
	t.Logf("%d pages, %d findings", len(set.Pages), len(ds))
	for _, r := range top {
		t.Logf("%6d %s", r.n, r.rule)
	}
	if out := os.Getenv("LINT_CORPUS_OUT"); out != "" {
		_ = os.WriteFile(out, []byte(ds.Error()+"\n"), 0o644)
	}

	// Findings verified by reading the pages.
	for _, w := range []struct {
		file string
		line int
		rule string
		text string
	}{
		// the request syntax writes a literal "(team-id)" segment
		{"api/chatmessage-update.md", 61, RuleExampleURLNoMatch, "PATCH /teams/"},
		// the Response section says 201 Created, the example shows 200 OK
		{"api/channel-post-messages.md", 327, RuleResponseStatusMismatch, "status 200"},
		// the Response section says 204 No Content, the example 207
		{"api/site-unfollow.md", 107, RuleResponseStatusMismatch, "status 207"},
		// the annotation says microsoft.graph.team, the page returns a driveItem
		{"api/channel-get-filesfolder.md", 99, RuleResponseUnknownProperty, `"name" is not a property of team`},
	} {
		file := filepath.Join(corpusRoot, w.file)
		found := false
		for _, d := range ds {
			if filepath.Clean(d.Pos.File) == filepath.Clean(file) && d.Pos.Line == w.line && d.Rule == w.rule && strings.Contains(d.Message, w.text) {
				found = true
			}
		}
		if !found {
			t.Errorf("missing finding %s:%d [%s] %q", w.file, w.line, w.rule, w.text)
		}
	}
	// only /users/{id | userPrincipalName}/getMemberObjects is documented and
	// the example posts to /me/getMemberObjects: /me is that path's alias
	for _, d := range ds {
		if filepath.Clean(d.Pos.File) == filepath.Clean(filepath.Join(corpusRoot, "api/user-getmemberobjects.md")) && d.Rule == RuleExampleURLNoMatch {
			t.Errorf("a /me example on a /users/{id} page is reported: %v", d)
		}
	}
}
