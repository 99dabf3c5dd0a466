package report

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return fmt.Errorf("encode report: %w", err)
	}
	b = append(b, '\n')
	_, err = w.Write(b)
	return err
}

// WriteText writes the report for people: the figures, then up to sample
// entries of each list (all of them when sample < 0).
func (r *Report) WriteText(w io.Writer, sample int) error {
	var b strings.Builder
	fmt.Fprintf(&b, "pages              %d (%d API, %d resource/enum, %d other)\n", r.Pages, r.APIPages, r.ResourcePages, r.OtherPages)
	fmt.Fprintf(&b, "API pages with ops %d of %d (%.2f%%)\n", r.APIPagesWithOperations, r.APIPages, r.PageCoverage())
	fmt.Fprintf(&b, "operations         %d on %d paths (%d request lines in the docs)\n", r.Operations, r.Paths, r.RequestLines)
	fmt.Fprintf(&b, "query variants     %d\n", r.QueryVariants)
	fmt.Fprintf(&b, "status documented  %d of %d (%.2f%%)\n", r.StatusDocumented, r.Operations, r.StatusCoverage())
	fmt.Fprintf(&b, "response types     %d resolved of %d named (%.2f%%); %d untyped JSON responses\n",
		r.TypedResponses-len(r.UnresolvedResponses), r.TypedResponses, r.TypeCoverage(), len(r.UntypedResponses))
	fmt.Fprintf(&b, "schemas            %d (%d stubs)\n", r.Schemas, r.Stubs)
	fmt.Fprintf(&b, "drift              %d example properties the resource tables do not document\n", len(r.Drift))
	fmt.Fprintf(&b, "examples           %d JSON bodies, %d checked, %d match their schema (%.2f%%), %d not JSON\n",
		r.Examples, r.ExamplesChecked, r.ExamplesChecked-len(r.BadExamples), r.ExampleCoverage(), r.ExamplesText)
	if r.Valid {
		b.WriteString("document           valid\n")
	} else {
		fmt.Fprintf(&b, "document           INVALID: %s\n", firstLine(r.ValidationError))
	}
	if r.BuildTime > 0 {
		fmt.Fprintf(&b, "parse+spec         %s", r.BuildTime.Round(time.Millisecond))
		if r.MaxRSSKB > 0 {
			fmt.Fprintf(&b, ", peak RSS %d MiB", r.MaxRSSKB/1024)
		}
		b.WriteString("\n")
	}
	rules := make([]string, 0, len(r.Diagnostics))
	for k := range r.Diagnostics {
		rules = append(rules, k)
	}
	slices.Sort(rules)
	var parts []string
	for _, k := range rules {
		parts = append(parts, fmt.Sprintf("%s=%d", k, r.Diagnostics[k]))
	}
	fmt.Fprintf(&b, "diagnostics        %s\n", strings.Join(parts, " "))
	if s := r.Scale; s != nil {
		fmt.Fprintf(&b, "\ngenerated client   %d files, %d bytes, %d lines; largest %s (%d bytes)\n", s.Files, s.Bytes, s.Lines, s.Largest, s.LargestBytes)
		fmt.Fprintf(&b, "  types            %d of the docs' %d (%d pruned: no operation reaches them)\n", s.Types, s.TypesInDocs, s.TypesPruned)
		fmt.Fprintf(&b, "  generate         %s\n", s.Generate.Round(time.Millisecond))
		for _, st := range s.Steps {
			status := "ok"
			if !st.OK {
				status = "FAILED"
			}
			fmt.Fprintf(&b, "  %-16s %s %s", st.Command, st.Duration.Round(time.Millisecond), status)
			if st.MaxRSSKB > 0 {
				fmt.Fprintf(&b, ", peak RSS %d MiB", st.MaxRSSKB/1024)
			}
			b.WriteString("\n")
			if !st.OK {
				for _, l := range strings.Split(strings.TrimRight(st.Output, "\n"), "\n") {
					b.WriteString("    " + l + "\n")
				}
			}
		}
	}
	list := func(title string, n int, item func(i int) string) {
		if n == 0 {
			return
		}
		fmt.Fprintf(&b, "\n%s (%d):\n", title, n)
		k := n
		if sample >= 0 && k > sample {
			k = sample
		}
		for i := 0; i < k; i++ {
			b.WriteString("  " + item(i) + "\n")
		}
		if k < n {
			fmt.Fprintf(&b, "  ... %d more (-json lists all)\n", n-k)
		}
	}
	list("API pages without operations", len(r.PagesWithoutOperations), func(i int) string {
		p := r.PagesWithoutOperations[i]
		s := p.Pos + ": " + p.Reason
		if p.Rule != "" {
			s += " [" + p.Rule + "]"
		}
		return s
	})
	opLine := func(o OpIssue) string {
		s := o.Source + ": " + o.Method + " " + o.Path
		if o.Detail != "" {
			s += ": " + o.Detail
		}
		return s
	}
	list("operations without a documented status", len(r.NoStatus), func(i int) string { return opLine(r.NoStatus[i]) })
	list("operations whose response type did not resolve", len(r.UnresolvedResponses), func(i int) string { return opLine(r.UnresolvedResponses[i]) })
	list("operations returning JSON of no named type", len(r.UntypedResponses), func(i int) string { return opLine(r.UntypedResponses[i]) })
	list("example bodies that do not decode into their schema", len(r.BadExamples), func(i int) string {
		e := r.BadExamples[i]
		return fmt.Sprintf("%s: %s %s %s %q: %s", e.Source, e.Method, e.Path, e.Where, e.Example, firstLine(e.Error))
	})
	list("example properties the resource tables do not document", len(r.Drift), func(i int) string { return r.Drift[i] })
	_, err := io.WriteString(w, b.String())
	return err
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " ..."
	}
	return s
}
