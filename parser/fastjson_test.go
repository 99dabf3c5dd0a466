package parser

import (
	"encoding/json"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
)

// stdJSON is what encoding/json gives: one value and white space, as
// decodeJSON reads it (useNumber), or as json.Unmarshal into an any.
func stdJSON(text string, useNumber bool) (any, bool) {
	if !useNumber {
		var v any
		if err := json.Unmarshal([]byte(text), &v); err != nil {
			return nil, false
		}
		return v, true
	}
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, false
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, false
	}
	return v, true
}

// TestFastJSON: fastJSON gives encoding/json's value whenever it gives
// one, on hand-made texts and, when the corpus is present, every code
// block and annotation comment of the v1.0 pages (a few hundred under
// -short), and it reads nearly all of the corpus's.
func TestFastJSON(t *testing.T) {
	texts := []string{`{}`, `[]`, `{"a":1}`, ` {"a" : [1, 2.5, -0, 1e3, 1E-2, 0.5e+7] , "b":null} `, `"x"`, `42`, `-`, `01`, `1.`, `.5`, `1e`,
		`{"a":"\"q\" \\ \/ \n\t\r\b\f"}`, `{"a":"\u00e9"}`, `{"a":"tab	in"}`, `{"a":1,}`, `[1,]`, `{"a" 1}`, `{a:1}`, `tru`, `true x`, `nul`,
		`{"a":1}{"b":2}`, `{"a":1e400}`, `{"é":"ü"}`, `{"a":{"b":{"c":[[]]}}}`, `{"k":1,"k":2}`, "\"\xff\"", `{"a":"x\q"}`, `[` + strings.Repeat(`[`, 300) + strings.Repeat(`]`, 301)}
	files := corpusSample("graph-docs-2021-07/v1.0/*/*.md")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s := newSource(f, data)
		_ = ast.Walk(s.doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			switch n := n.(type) {
			case *ast.FencedCodeBlock:
				if entering {
					texts = append(texts, strings.TrimSpace(s.blockText(n)))
				}
			case *ast.HTMLBlock:
				if body, ok := s.commentJSON(n); ok && entering {
					texts = append(texts, body)
				}
			}
			return ast.WalkContinue, nil
		})
	}
	read, valid := 0, 0
	for _, text := range texts {
		for _, useNumber := range []bool{false, true} {
			want, wantOK := stdJSON(text, useNumber)
			for _, share := range []bool{false, true} {
				got, ok := fastJSON(text, useNumber, share)
				if ok && (!wantOK || !reflect.DeepEqual(got, want)) {
					t.Errorf("fastJSON(%q, %v) = %#v, encoding/json: %#v, %v", text, useNumber, got, want, wantOK)
				}
				if wantOK && useNumber && share {
					valid++
					if ok {
						read++
					}
				}
			}
		}
	}
	if len(files) > 0 && read < valid*9/10 {
		t.Errorf("fastJSON read %d of %d valid texts", read, valid)
	}
	t.Logf("fastJSON read %d of %d valid texts", read, valid)
}
