package lint

import (
	"github.com/graphdocgen/graphdocgen/graphpath"
	"github.com/graphdocgen/graphdocgen/parser"
)

// examplePath turns an example request URL into its path (service root
// and query dropped) with the path model. ok is false for a URL of
// another host (an upload URL, a SharePoint site), which is not checked.
func examplePath(raw string) (path string, ok bool) {
	path, _, ok = graphpath.ExamplePath(raw)
	return path, ok
}

// pathMatch reports whether an example path matches a request line, by
// the same matcher spec attaches examples with.
func pathMatch(l parser.RequestLine, path string) bool {
	_, ok := graphpath.MatchPath(graphpath.Path(l.Segments), path)
	return ok
}
