// Package fuzzseed cuts the project's fixture docs pages into small fuzz
// seeds. Go's fuzzer minimises every new input it finds for up to a minute
// (-fuzzminimizetime), so whole pages as seeds leave it minimising instead
// of fuzzing; the fuzz targets take inputs of at most MaxInput bytes and are
// seeded with pieces of that size: each a page's doc_type front matter and
// one run of its sections.
package fuzzseed

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
)

// MaxInput is the largest input a fuzz target reads; larger ones are
// skipped. The minimiser tries removing every range of an n-byte input, up
// to n*n/2 runs, so at 4 KB the fuzzers spent the whole minute minimising
// one input after another instead of fuzzing.
const MaxInput = 1024

// Pages returns the seeds cut from the .md files under dir (sorted, each at
// most MaxInput bytes). A missing dir gives none.
func Pages(dir string) [][]byte {
	var files []string
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) == ".md" {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	var out [][]byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		out = append(out, Cut(data)...)
	}
	return out
}

// Cut splits one page into seeds: its doc_type line as front matter, then
// as many whole "## " sections as fit in MaxInput; a section too long on
// its own is cut at a line end.
func Cut(page []byte) [][]byte {
	head := []byte("---\n")
	for _, l := range bytes.Split(page, []byte("\n")) {
		if bytes.HasPrefix(l, []byte("doc_type:")) {
			head = append(append(head, l...), '\n')
		}
	}
	head = append(head, "---\n"...)
	var sections [][]byte
	rest := page
	for len(rest) > 0 {
		i := bytes.Index(rest[1:], []byte("\n## "))
		if i < 0 {
			sections = append(sections, rest)
			break
		}
		sections = append(sections, rest[:i+2])
		rest = rest[i+2:]
	}
	var out [][]byte
	cur := bytes.Clone(head)
	for _, s := range sections {
		if len(head)+len(s) > MaxInput && len(cur) > len(head) {
			out = append(out, cur)
			cur = bytes.Clone(head)
		}
		for len(head)+len(s) > MaxInput {
			cut := bytes.LastIndexByte(s[:MaxInput-len(head)], '\n') + 1
			if cut <= 0 {
				cut = MaxInput - len(head)
			}
			out = append(out, append(bytes.Clone(head), s[:cut]...))
			s = s[cut:]
		}
		if len(cur)+len(s) > MaxInput {
			out = append(out, cur)
			cur = bytes.Clone(head)
		}
		cur = append(cur, s...)
	}
	if len(cur) > len(head) {
		out = append(out, cur)
	}
	return out
}
