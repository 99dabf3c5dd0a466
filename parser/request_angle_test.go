package parser

import (
	"reflect"
	"testing"

	"github.com/graphdocgen/graphdocgen/graphpath"
)

// TestAnglePlaceholders: workbook pages write range addresses as
// "<address>"; they are placeholders like "{address}", in positional and
// named arguments, and anything else in angle brackets stays a value.
func TestAnglePlaceholders(t *testing.T) {
	for _, tc := range []struct {
		line string
		args []Arg
	}{
		{"GET /me/drive/items/{id}/workbook/worksheets/{id|name}/range(<address>)/format", []Arg{{Placeholder: "address"}}},
		{"GET /me/drive/items/{id}/workbook/worksheets/{id|name}/range(address='<address>')", []Arg{{Name: "address", Placeholder: "address", Quoted: true}}},
		{"GET /me/drive/items/{id}/workbook/worksheets/{id|name}/range(address='<a.b>')", []Arg{{Name: "address", Value: "<a.b>", Quoted: true}}},
	} {
		l, ok := parseRequestLine(tc.line)
		if !ok {
			t.Fatalf("%s: not a request line", tc.line)
		}
		seg := l.Segments[7]
		if seg.Name != "range" || !reflect.DeepEqual(seg.Args, tc.args) {
			t.Errorf("%s: segment = %+v, want args %+v", tc.line, seg, tc.args)
		}
	}
}

// TestUnclosedArgumentList: "range(address='<address>'/entireRow" lacks
// its ')'; the segment is closed at the '/' after the quoted argument.
func TestUnclosedArgumentList(t *testing.T) {
	l, ok := parseRequestLine("GET /me/drive/items/{id}/workbook/worksheets/{id|name}/range(address='<address>'/entireRow")
	if !ok || len(l.Segments) != 9 {
		t.Fatalf("segments = %+v", l.Segments)
	}
	if s := l.Segments[7]; s.Raw != "range(address='<address>')" || s.Kind != SegFunction || len(s.Args) != 1 || s.Args[0].Placeholder != "address" {
		t.Errorf("range segment = %+v", s)
	}
	if s := l.Segments[8]; s.Raw != "entireRow" {
		t.Errorf("last segment = %+v", s)
	}
}

// TestAngleSegment: a whole segment in angle brackets
// ("/resources/<resourceId>/roleSettings") is a path parameter, not a
// literal; "<a b>" is not a name and stays literal.
func TestAngleSegment(t *testing.T) {
	l, ok := parseRequestLine("GET /privilegedAccess/azureResources/resources/<resourceId>/roleSettings")
	if !ok || len(l.Segments) != 5 {
		t.Fatalf("segments = %+v", l.Segments)
	}
	if s := l.Segments[3]; s.Kind != SegParam || s.Name != "resourceId" || s.Raw != "<resourceId>" {
		t.Errorf("segment = %+v", s)
	}
	if s := graphpath.ParseSegment("<a b>"); s.Kind != SegLiteral {
		t.Errorf("<a b> = %+v", s)
	}
}
