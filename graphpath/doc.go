// Package graphpath is graphdocgen's one model of a Microsoft Graph path.
// Every stage that splits a path, reads its segments or matches an example
// URL to a documented path does it here, so that they cannot disagree.
//
// A path is a list of segments, split at '/' outside quotes, braces,
// parentheses and ':/...:' item paths (Split). Each segment is one of
// these kinds (Kind, and the predicates on Segment):
//
//	literal     "events", and among literals a type cast
//	            "microsoft.graph.user" (IsCast) and the system segments
//	            "$value", "$ref", "$count" (IsSystem)
//	param       a whole-segment placeholder "{id}", "{id | userPrincipalName}"
//	            or "<resourceId>"
//	function    "delta()", "getSchedule", "delta(token='{token}')": a name
//	            with named arguments (or none)
//	key         "items('{item-id}')": a name with positional arguments; and
//	            "root:/{item-path}:", item-path addressing (IsItemPath)
//
// Parse reads an OpenAPI path or a docs request path into segments;
// ExamplePath reduces an example request URL to its path; Match compares
// an example URL with a documented path, returning the placeholder values
// it captures and a score, so that the most specific of several variants
// wins (Best, ties to the first); Identity is the identity key of a path, the same
// for two spellings that differ only in case and placeholder names.
//
// The package imports nothing of graphdocgen's own.
package graphpath
