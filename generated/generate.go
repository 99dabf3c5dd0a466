// Package generated holds the example client that graphdocgen makes of the
// project's own fixture docs (docs/: the calendar event surface around
// event: permanentDelete, a driveItem's download, upload and upload session
// pages and an event attachment's upload session, written for this project
// in the Graph docs format). The client is in calendar/, its OpenAPI
// document in openapi.json; both are checked in, built and tested by go
// test ./..., and TestGeneratedUpToDate fails with a diff when they are
// stale.
//
// Regenerate with go generate ./generated (or make generate). A project of
// your own has graphdocgen as a tool dependency (go get -tool, see the
// README) and runs it with go tool:
//
//	//go:generate go tool graphdocgen generate -o graph -openapi openapi.json docs
package generated

//go:generate go run ../cmd/graphdocgen generate -o calendar -openapi openapi.json docs
