package spec

import (
	"strings"
	"testing"
)

// The in-place and precomputed forms, held to what they stand for.

// paramKey is the identity sameParamKey compares, made as a string (as
// uniqueParams did, one string and a map entry a parameter).
func paramKey(name string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return -1
	}, name)
}

func TestSameParamKey(t *testing.T) {
	names := []string{"", "-", "id", "ID", "Id", "i-d", "If-None-Match", "if-none-match", "ifnonematch",
		"row", "Row", "row1", "ro w", "$filter", "filter", "$top", "tóp", "top", "t\xffop", "é", "ÉA", "a",
		"consistencyLevel", "ConsistencyLevel", "x-ms-x", "xmsx", "a_b", "ab", "ab_", "_ab"}
	for _, a := range names {
		for _, b := range names {
			if got, want := sameParamKey(a, b), paramKey(a) == paramKey(b); got != want {
				t.Errorf("sameParamKey(%q, %q) = %v, want %v", a, b, got, want)
			}
		}
	}
}

func FuzzSameParamKey(f *testing.F) {
	f.Add("If-None-Match", "ifnonematch")
	f.Add("tóp", "t\xffop")
	f.Fuzz(func(t *testing.T, a, b string) {
		if got, want := sameParamKey(a, b), paramKey(a) == paramKey(b); got != want {
			t.Errorf("sameParamKey(%q, %q) = %v, want %v", a, b, got, want)
		}
	})
}

// Each OData parameter's wire name is that of its key.
func TestODataParamsSpelled(t *testing.T) {
	for key, o := range odataParams {
		if o.wire != "$"+key {
			t.Errorf("%s: wire %q", key, o.wire)
		}
	}
}

// schemaKeyRef is schemaName and schemaRef of its key.
func TestSchemaKeyRef(t *testing.T) {
	for _, name := range []string{"", " ", "user", " user ", "microsoft.graph.user", "Microsoft.Graph.user",
		"MICROSOFT.GRAPH.", "microsoft.graph.", "callRecords.session", "microsoft.graph.callRecords.session",
		"bad name", "user.", "ünïcode", "microsoft.graphuser"} {
		key, ref, ok := schemaKeyRef(name)
		wantKey, wantOK := schemaName(name)
		if ok != wantOK || ok && (key != wantKey || ref != schemaRef(wantKey)) {
			t.Errorf("schemaKeyRef(%q) = %q, %q, %v; want %q, %q, %v", name, key, ref, ok, wantKey, schemaRef(wantKey), wantOK)
		}
	}
}

func TestLowerCamelFastPath(t *testing.T) {
	for _, s := range []string{"", "id", "userId", "calendarView", "a1", "1a", "Id", "user-id", "user_id",
		"ünïcode", "aÜ", "z", "a b", "item-path", "x9Y"} {
		if got, want := lowerCamel(s), lowerCamelLoop(s); got != want {
			t.Errorf("lowerCamel(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzLowerCamel(f *testing.F) {
	f.Add("userId")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := lowerCamel(s), lowerCamelLoop(s); got != want {
			t.Errorf("lowerCamel(%q) = %q, want %q", s, got, want)
		}
	})
}
