package apidiff

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
)

// WriteText writes the report for people: a summary line, then the
// operations (one line each, "+" added, "-" removed, "~" changed, with
// their changes indented below a changed one), the pages, and the
// schemas. Breaking entries end in "BREAKING". For example:
//
//	Operations
//	+ POST /me/events/{eventId}/forward  (api/event-forward.md:34)
//	- GET /me/oldThing  (api/old-thing.md:20)  BREAKING
//	~ GET /users/{userId}  (api/user-get.md:18)
//	    parameter-added: query parameter $search (string, optional)
//	+ GET /me/messages?$filter=singleValueExtendedProperties/Any(...)  (api/singlevaluelegacyextendedproperty-get.md:27)  query variant documented in ...
//
// A query variant is named by its path and fixed query; the summary line
// counts the variants apart when there are any.
func (r *Report) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	variants := ""
	if n := r.VariantsAdded + r.VariantsRemoved + r.VariantsChanged; n > 0 {
		variants = fmt.Sprintf(", query variants %d added, %d removed, %d changed", r.VariantsAdded, r.VariantsRemoved, r.VariantsChanged)
	}
	fmt.Fprintf(bw, "API changes: %d operation%s added, %d removed, %d changed%s; %d breaking change%s\n",
		r.Added, plural(r.Added), r.Removed, r.Changed, variants, r.Breaking, plural(r.Breaking))
	groups := [3][]Change{}
	for _, ch := range r.Changes {
		groups[group(ch)] = append(groups[group(ch)], ch)
	}
	if len(groups[0]) > 0 {
		fmt.Fprintln(bw, "\nOperations")
		writeEntries(bw, groups[0], func(ch Change) string {
			if ch.Query != "" {
				return ch.Method + " " + ch.Path + "?" + ch.Query
			}
			return ch.Method + " " + ch.Path
		}, KindOperationAdded, KindOperationRemoved, KindVariantAdded, KindVariantRemoved)
	}
	if len(groups[1]) > 0 {
		fmt.Fprintln(bw, "\nPages")
		writeEntries(bw, groups[1], func(ch Change) string { return ch.Page }, KindPageAdded, KindPageRemoved, "", "")
	}
	if len(groups[2]) > 0 {
		fmt.Fprintln(bw, "\nSchemas")
		writeEntries(bw, groups[2], func(ch Change) string { return ch.Schema }, KindSchemaAdded, KindSchemaRemoved, "", "")
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write text: %w", err)
	}
	return nil
}

// writeEntries writes changes grouped by subject (consecutive changes with
// the same name): an added or removed subject on one line, a changed one
// as a "~" line followed by its changes. added2 and removed2 are further
// kinds that add or remove a subject ("" when none).
func writeEntries(w io.Writer, changes []Change, name func(Change) string, added, removed, added2, removed2 string) {
	for i := 0; i < len(changes); {
		j := i
		for j < len(changes) && name(changes[j]) == name(changes[i]) {
			j++
		}
		sub := changes[i:j]
		i = j
		var head *Change
		for k := range sub {
			if kind := sub[k].Kind; kind != "" && (kind == added || kind == removed || kind == added2 || kind == removed2) {
				head = &sub[k]
			}
		}
		if head != nil {
			mark := "+"
			if head.Kind == removed || head.Kind == removed2 {
				mark = "-"
			}
			fmt.Fprintf(w, "%s %s%s%s%s\n", mark, name(*head), source(head.Source), detail(head.Detail), breaking(head.Breaking))
			continue
		}
		fmt.Fprintf(w, "~ %s%s\n", name(sub[0]), source(sub[0].Source))
		for _, ch := range sub {
			fmt.Fprintf(w, "    %s: %s%s\n", ch.Kind, ch.Detail, breaking(ch.Breaking))
		}
	}
}

func source(s string) string {
	if s == "" {
		return ""
	}
	return "  (" + s + ")"
}

func detail(s string) string {
	if s == "" {
		return ""
	}
	return "  " + s
}

func breaking(b bool) string {
	if b {
		return "  BREAKING"
	}
	return ""
}

// WriteJSON writes the report as indented JSON: {"changes": [...],
// "added", "removed", "changed", "variantsAdded", "variantsRemoved",
// "variantsChanged", "breaking"}.
func (r *Report) WriteJSON(w io.Writer) error {
	out := *r
	if out.Changes == nil {
		out.Changes = []Change{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}
