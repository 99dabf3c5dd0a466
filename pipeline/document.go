package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// IsDocumentFile reports whether path names an OpenAPI document (by its
// extension: .json, .yaml, .yml) rather than a docs page or tree.
func IsDocumentFile(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json", ".yaml", ".yml":
		return true
	}
	return false
}

// Document returns the OpenAPI document at path: an OpenAPI file read as it
// is, or a docs page or tree built with Build. res is nil for a file.
func Document(path string, opts Options) (doc *openapi3.T, res *Result, err error) {
	if IsDocumentFile(path) {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, nil, fmt.Errorf("read %s: %w", path, unwrapPathError(err))
		}
		doc, err := openapi3.NewLoader().LoadFromData(data)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: not an OpenAPI document: %w", path, err)
		}
		return doc, nil, nil
	}
	res, err = Build([]string{path}, opts)
	if err != nil {
		return nil, nil, err
	}
	return res.Doc, res, nil
}
