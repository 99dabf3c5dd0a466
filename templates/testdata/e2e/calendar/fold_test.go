package graph

import (
	"encoding/json"
	"testing"
)

func TestFold(t *testing.T) {
	var e Event
	if err := json.Unmarshal([]byte(`{"Subject":"x","other":1}`), &e); err != nil {
		t.Fatal(err)
	}
	if e.Subject.IsSet() {
		t.Errorf("Subject filled from a folded key")
	}
	if len(e.AdditionalProperties) != 2 || string(e.AdditionalProperties["Subject"]) != `"x"` || e.AdditionalProperties["other"] == nil {
		t.Errorf("additional = %v", e.AdditionalProperties)
	}
	b, err := json.Marshal(e)
	if err != nil || string(b) != `{"Subject":"x","other":1}` {
		t.Errorf("encoded %s, %v", b, err)
	}
}
