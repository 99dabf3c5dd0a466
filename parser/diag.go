package parser

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity ranks a diagnostic.
type Severity int

const (
	// Warning: the page is usable, but something in it was skipped or
	// guessed. Over a docs tree a broken page is a warning too.
	Warning Severity = iota
	// Error: the run cannot give a trustworthy result for this input.
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// Diagnostic is one problem found in the input, with its position.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	// Rule is a short stable identifier such as "no-http-request" or
	// "bad-annotation-json"; lint output and suppressions use it.
	Rule    string
	Message string
}

// String formats the diagnostic as "file:line:col: severity: message [rule]".
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Pos.String())
	b.WriteString(": ")
	b.WriteString(d.Severity.String())
	b.WriteString(": ")
	b.WriteString(d.Message)
	if d.Rule != "" {
		b.WriteString(" [")
		b.WriteString(d.Rule)
		b.WriteString("]")
	}
	return b.String()
}

// String formats the position as file:line:col, leaving out what is unknown.
func (p Pos) String() string {
	switch {
	case p.File == "":
		return "-"
	case p.Line <= 0:
		return p.File
	case p.Col <= 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// At returns p moved to another line and column of the same file.
func (p Pos) At(line, col int) Pos { return Pos{File: p.File, Line: line, Col: col} }

// Diagnostics is a list of diagnostics.
type Diagnostics []Diagnostic

// Sort orders the diagnostics by file, line, column, then message, so that
// output does not depend on the order pages were parsed in.
func (ds Diagnostics) Sort() {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Count returns the number of errors and warnings.
func (ds Diagnostics) Count() (errors, warnings int) {
	for _, d := range ds {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// Error joins the diagnostics one per line, so that a Diagnostics can be
// returned as an error.
func (ds Diagnostics) Error() string {
	lines := make([]string, len(ds))
	for i, d := range ds {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// Errorf makes an error diagnostic.
func Errorf(pos Pos, rule, format string, args ...any) Diagnostic {
	return Diagnostic{Pos: pos, Severity: Error, Rule: rule, Message: fmt.Sprintf(format, args...)}
}

// Warnf makes a warning diagnostic.
func Warnf(pos Pos, rule, format string, args ...any) Diagnostic {
	return Diagnostic{Pos: pos, Severity: Warning, Rule: rule, Message: fmt.Sprintf(format, args...)}
}
