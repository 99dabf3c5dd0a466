package spec

import (
	"path"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/graphpath"
	"github.com/graphdocgen/graphdocgen/xgraph"
)

// opRank ranks the page an operation comes from as the documentation of
// (method, path): when several pages document one (path, method), Merge
// keeps the operation of the lowest rank, and the page path breaks ties.
// The rank compares, in order:
//
//  1. a plain request line before a fixed-query variant ("GET
//     /me/messages?$filter=..." never replaces "GET /me/messages");
//  2. a page whose resource (the file name up to its first '-') is a
//     resource the path addresses ("user" for /users/..., /me/...;
//     "driveItem" for /drives/{id}/items/...) before one whose resource is
//     not (intune-devices-user-list.md, chat-get-members.md and
//     singlevaluelegacyextendedproperty-get.md for /users and /me/messages);
//  3. fewer file-name words that are neither a verb nor a segment of the
//     path (user-list.md before user-list-manager.md for GET /users;
//     driveitem-list-children.md before driveitem-list-thumbnails.md for
//     .../children).
type opRank struct {
	fixedQuery, foreign, stray int
}

func (r opRank) less(o opRank) bool {
	if r.fixedQuery != o.fixedQuery {
		return r.fixedQuery < o.fixedQuery
	}
	if r.foreign != o.foreign {
		return r.foreign < o.foreign
	}
	return r.stray < o.stray
}

// pageVerbs are the file-name words that name what a page does rather
// than what it addresses.
var pageVerbs = map[string]bool{
	"get": true, "list": true, "post": true, "create": true, "update": true,
	"delete": true, "add": true, "remove": true, "put": true, "patch": true,
	"upsert": true, "replace": true, "set": true,
}

// rankOperation ranks op, documented on page for the OpenAPI path whose
// pathResources are names (made once for the two operations compared).
func rankOperation(op *openapi3.Operation, names map[string]bool) opRank {
	var r opRank
	x, _ := xgraph.ReadOperation(op)
	if x.Query != "" {
		r.fixedQuery = 1
	}
	page := x.Page
	stem := strings.ToLower(strings.TrimSuffix(path.Base(page), path.Ext(page)))
	words := strings.Split(stem, "-")
	if !names[words[0]] {
		r.foreign = 1
	}
	for _, w := range words[1:] {
		if !pageVerbs[w] && !names[w] && !names[strings.ToLower(singular(w))] {
			r.stray++
		}
	}
	return r
}

// pathResources are the lower-case names a path addresses: each literal
// segment as written and singular, "user" for "me", and each pair of
// adjacent literal segments run together ("driveitem" for
// "drive/items", "drives/{id}/items").
func pathResources(p string) map[string]bool {
	names := map[string]bool{}
	prev := ""
	for _, seg := range graphpath.Split(p) {
		if strings.HasPrefix(seg, "{") || strings.ContainsAny(seg, "(:") {
			continue
		}
		seg = strings.ToLower(strings.TrimPrefix(seg, "microsoft.graph."))
		one := strings.ToLower(singular(seg))
		if seg == "me" {
			one = "user"
		}
		names[seg], names[one] = true, true
		if prev != "" {
			names[prev+one] = true
		}
		prev = one
	}
	return names
}
