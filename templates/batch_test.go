package templates

import (
	"strings"
	"testing"
)

// TestBatchDoc: the generated manual has a Batching section whose example
// calls one of the package's own GET methods through Add.
func TestBatchDoc(t *testing.T) {
	files, err := Generate(loadDoc(t, "calendar.yaml"), Options{Package: "graph"})
	if err != nil {
		t.Fatal(err)
	}
	doc := string(files["doc.go"])
	for _, want := range []string{
		"// # Batching",
		"//	b := graph.NewBatch(c)",
		"//	first := graph.Add(b, func(c *graph.Client) (*graph.Calendar, error) {",
		"//		return c.GetGroupsCalendar(ctx, groupID)",
		"//	v, err := first.Result()",
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("doc.go lacks %q:\n%s", want, doc)
		}
	}
	if !strings.Contains(string(files["batch.go"]), "func NewBatch(") {
		t.Error("batch.go of the runtime is not in the package")
	}
}
