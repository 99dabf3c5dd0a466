package templates

import (
	"runtime"
	"slices"
	"strings"
	"testing"
	"weak"
)

// The model does not keep the document alive: once buildModel returns,
// the files are built from the model alone, and the collector can free
// the document while they are rendered (pipeline.Generate lets it go).
// The package comment, which names the document's title and version,
// still does.
func TestModelLetsTheDocumentGo(t *testing.T) {
	doc := loadDoc(t, "calendar.yaml")
	title := doc.Info.Title
	if title == "" {
		t.Fatal("the fixture's document has no title")
	}
	m, err := buildModel(doc, "calendar", false)
	if err != nil {
		t.Fatal(err)
	}
	w := weak.Make(doc)
	doc = nil
	runtime.GC()
	if w.Value() != nil {
		t.Error("the model keeps the document alive")
	}
	if got := m.packageDoc(); !slices.ContainsFunc(got, func(l string) bool { return strings.Contains(l, title) }) {
		t.Errorf("package doc without the document's title %q:\n%v", title, got)
	}
	runtime.KeepAlive(m)
}

// The codes made once per document (codeMemo) are forgotten when
// Generate returns: a process generating document after document keeps
// none of them. (They are made during Generate: the test fails if the
// memos stay empty, or stay full.)
func TestGenerateForgetsDocumentCodes(t *testing.T) {
	doc := loadDoc(t, "calendar.yaml")
	memos := []*codeMemo{&sharedRepeats, &sharedNames, &sharedPathParams}
	m, err := buildModel(doc, "calendar", false)
	if err != nil {
		t.Fatal(err)
	}
	made := 0
	for _, o := range m.ops {
		_ = opsFile(opsFileIn{pkg: "calendar", ops: []*opInfo{o}})
	}
	_ = testFile("calendar", "events", m.ops)
	for _, mc := range memos {
		made += mc.size()
	}
	if made == 0 {
		t.Fatal("building the files made no code once")
	}
	if _, err := Generate(loadDoc(t, "calendar.yaml"), Options{Package: "calendar"}); err != nil {
		t.Fatal(err)
	}
	for i, mc := range memos {
		if n := mc.size(); n != 0 {
			t.Errorf("memo %d holds %d codes after Generate", i, n)
		}
	}
}
