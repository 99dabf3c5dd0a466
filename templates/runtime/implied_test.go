package runtime

import (
	"net/http"
	"net/url"
	"testing"
)

func TestImpliedHeader(t *testing.T) {
	for _, tt := range []struct {
		name   string
		query  url.Values
		header http.Header
		want   string
	}{
		{"no options", nil, nil, ""},
		{"search", url.Values{"$search": {`"displayName:a"`}}, nil, "eventual"},
		{"count", url.Values{"$count": {"true"}}, nil, "eventual"},
		{"count false", url.Values{"$count": {"false"}}, nil, ""},
		{"other option", url.Values{"$filter": {"a eq 1"}}, nil, ""},
		{"caller's value kept", url.Values{"$search": {"x"}}, http.Header{"Consistencylevel": {"session"}}, "session"},
	} {
		r := &request{query: tt.query, header: tt.header}
		impliedHeader(r, "Consistencylevel", "eventual", "$search", "$count")
		if got := r.header.Get("ConsistencyLevel"); got != tt.want {
			t.Errorf("%s: ConsistencyLevel = %q, want %q", tt.name, got, tt.want)
		}
	}
}
