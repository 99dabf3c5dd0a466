package spec

import (
	"strings"
	"testing"
)

// TestNotNullable: notNullable is its strings.ToLower spelling, on ASCII
// descriptions and others.
func TestNotNullable(t *testing.T) {
	ref := func(desc string) bool {
		d := strings.ToLower(desc)
		return strings.Contains(d, "not nullable") || strings.Contains(d, "non-nullable") || strings.Contains(d, "cannot be null")
	}
	for _, d := range []string{"", "Not nullable.", "NON-NULLABLE", "Cannot Be Null", "nullable", "not  nullable", "Read-only. Not nullable",
		"Ünicode. Not nullable.", "İ not nullable", "not nullabl", "can not be null", "The value cannot be null."} {
		if got, want := notNullable(d), ref(d); got != want {
			t.Errorf("notNullable(%q) = %v, want %v", d, got, want)
		}
	}
}
