package parser

import (
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/graphdocgen/graphdocgen/internal/asciifold"
)

// consistencyHeader is the name of the header the directory's advanced
// queries ($search, $count) need, set to "eventual".
const consistencyHeader = "ConsistencyLevel"

// proseConsistency reads the ConsistencyLevel requirement a page states
// in its sentences rather than in its request headers table: "This API
// requires the ConsistencyLevel header set to eventual." (a required
// header), "... requires the ConsistencyLevel header set to eventual
// because $search is in the request" (a header the use of $search
// needs). Every paragraph outside tables and code counts; a sentence in an
// example speaks of its request and never makes the header required. The
// header's value is the word after "set to" (or after "ConsistencyLevel:"
// or "="), else "eventual" when the sentence names it. ok is false when
// no sentence requires the header.
func proseConsistency(s *source, o *outline) (h Header, ok bool) {
	found, fromExample := false, false
	for _, b := range o.blocks {
		switch b.node.(type) {
		case *ast.Paragraph, *ast.TextBlock:
		default:
			continue
		}
		if !asciifold.ContainsLower(s.inlineBytes(b.node), "consistencylevel") {
			continue // the text is built only for the few that name it
		}
		text := s.inlineText(b.node)
		inExample := b.sec.under(isExampleTitle)
		for _, sentence := range strings.SplitAfter(text, ". ") {
			req, ok := consistencySentence(sentence)
			if !ok {
				continue
			}
			if !found || fromExample && !inExample {
				// the page's own statement describes the header
				// better than an example's
				h.Description, h.Pos = strings.TrimSpace(sentence), s.blockPos(b.node)
				found, fromExample = true, inExample
			}
			if h.Value == "" {
				h.Value = req.Value
			}
			if len(req.RequiredWith) == 0 && !req.conditional && !inExample {
				h.Required = true
			}
			for _, o := range req.RequiredWith {
				if !contains(h.RequiredWith, o) {
					h.RequiredWith = append(h.RequiredWith, o)
				}
			}
		}
	}
	if !found {
		return Header{}, false
	}
	if h.Required {
		h.RequiredWith = nil
	}
	h.Name, h.Prose = consistencyHeader, true
	return h, true
}

// consistencyRequirement is what one sentence says of the header.
type consistencyRequirement struct {
	Value        string
	RequiredWith []string
	// conditional is true when the requirement holds only when, if or
	// because something is in the request.
	conditional bool
}

// consistencySentence reads a sentence that requires the
// ConsistencyLevel header; ok is false for any other sentence (one that
// mentions the header without requiring it, or says it is not needed).
func consistencySentence(sentence string) (r consistencyRequirement, ok bool) {
	low := strings.ToLower(sentence)
	at := strings.Index(low, "consistencylevel")
	if at < 0 {
		return r, false
	}
	if !strings.Contains(low, "require") && !strings.Contains(low, "must ") && !strings.Contains(low, "need") {
		return r, false
	}
	for _, neg := range []string{"not require", "n't require", "not need", "n't need", "no longer"} {
		if strings.Contains(low, neg) {
			return r, false
		}
	}
	r.Value = consistencyValue(sentence[at+len("consistencylevel"):])
	if r.Value == "" && hasWord(low, "eventual") {
		r.Value = "eventual"
	}
	cond := -1
	for _, w := range []string{" when ", " if ", " because ", " whenever ", " only "} {
		if i := strings.Index(low, w); i >= 0 && (cond < 0 || i < cond) {
			cond = i
		}
	}
	if cond >= 0 {
		r.conditional = true
		// the options after the condition are the ones whose use needs
		// the header: "... and $count=true because the request has
		// $orderby" names $count as what goes with it, not as the cause
		for _, name := range reODataName.FindAllString(low[cond:], -1) {
			if (name == "$search" || name == "$count") && !contains(r.RequiredWith, name) {
				r.RequiredWith = append(r.RequiredWith, name)
			}
		}
	}
	return r, true
}

// consistencyValue is the value written right after the header's name:
// ": eventual", "=eventual", " header set to eventual"; "" when none.
func consistencyValue(rest string) string {
	var v string
	switch {
	case strings.HasPrefix(rest, ":"), strings.HasPrefix(rest, "="):
		v = rest[1:]
	default:
		f := strings.Fields(rest)
		for i := 0; i+2 < len(f) && i < 4; i++ {
			if strings.EqualFold(f[i], "set") && strings.EqualFold(f[i+1], "to") {
				v = f[i+2]
				break
			}
		}
	}
	f := strings.Fields(v)
	if len(f) == 0 {
		return ""
	}
	v = strings.TrimRight(f[0], ".,;:)")
	for _, r := range v {
		if r < 'a' || r > 'z' {
			return ""
		}
	}
	return v
}
