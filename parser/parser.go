// Package parser reads Microsoft Graph reference pages (the markdown of
// microsoft-graph-docs) into a page model.
//
// It walks the goldmark AST of each page: front matter, the "HTTP request"
// blocks, the request headers, query parameter and request body tables, the
// Response section, the permissions table (inline or an [!INCLUDE] file),
// the examples with their annotation comments, and on resource pages the
// properties, relationships and enumeration tables and the JSON
// representation. Regular expressions are used only inside one text node
// (a status sentence, a path line), never over raw markdown.
//
// Every extracted element carries its Pos. Problems are collected as
// Diagnostics (file:line:col: severity: message), all of them, not only
// the first; a broken page yields warnings and whatever could be read.
//
// Files are read through DocsFS: regular files only, symlinks followed
// only inside the docs tree; a page that cannot be read is that page's
// diagnostic. Before goldmark sees a page it is checked against the input
// guards (MaxPageSize, MaxNesting, UTF-8; MaxPathLength and
// MaxPathSegments for request lines); a leading BOM is dropped from pages
// and includes.
//
// Both page formats of the Graph docs are read: the current one (ms.date,
// permissions as [!INCLUDE] files, {usersId}-style placeholders, "Don't
// supply a request body") and the 2021 one (inline permission tables,
// {id | userPrincipalName}, "Do not supply a request body").
package parser

import (
	"io/fs"
)

// Parse parses src as the page at name (a slash-separated path relative
// to the docs root, such as "api/event-get.md"). Includes are resolved
// relative to the page and read from root; root may be nil, in which case
// an include is reported as missing. file is the path that positions name.
//
// A page is checked against the input guards first (see MaxPageSize):
// one that fails them is an error at the position of the problem and an
// empty page. A leading byte-order mark is dropped.
func Parse(root fs.FS, name, file string, src []byte) (*Page, Diagnostics) {
	src = stripBOM(src)
	if off, msg, rule, ok := guard(src); !ok {
		return &Page{Path: name, File: file, Kind: KindOther}, Diagnostics{Errorf(posAt(file, src, off), rule, "page %s", msg)}
	}
	bufs := bufPool.Get().(*parseBufs)
	s := newSourceBufs(file, src, bufs)
	p := &Page{Path: name, File: file}
	parsePage(s, root, p)
	bufs.scratch = s.scratch.b
	bufs.release() // nothing of s is read past parsePage
	s.diags.Sort()
	return p, s.diags
}
