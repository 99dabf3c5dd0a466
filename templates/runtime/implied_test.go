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

// TestImpliedHeaderSentOnce: the header a query option implies goes out
// once, whether the caller leaves it to the option, sets the parameter,
// or adds the same header to the call (WithHeader replaces it).
func TestImpliedHeaderSentOnce(t *testing.T) {
	seen := make(chan runtimeSeen, 1)
	c, _ := runtimeServer(t, runtimeRecord(seen, http.StatusOK, "application/json", `{"value":[]}`))
	for _, tt := range []struct {
		name  string
		param string
		opts  []RequestOption
	}{
		{"implied", "", nil},
		{"parameter", "eventual", nil},
		{"call header", "", []RequestOption{WithHeader("ConsistencyLevel", "eventual")}},
		{"parameter and call header", "eventual", []RequestOption{WithHeader("consistencylevel", "eventual")}},
	} {
		r := &request{method: http.MethodGet, path: "/users", query: url.Values{"$count": {"true"}}, opts: tt.opts}
		headerValue(r, "Consistencylevel", tt.param)
		impliedHeader(r, "Consistencylevel", "eventual", "$search", "$count")
		if _, err := c.do(t.Context(), r, nil, http.StatusOK); err != nil {
			t.Fatal(err)
		}
		if got := (<-seen).header.Values("ConsistencyLevel"); len(got) != 1 || got[0] != "eventual" {
			t.Errorf("%s: ConsistencyLevel sent as %q, want one \"eventual\"", tt.name, got)
		}
	}
}
