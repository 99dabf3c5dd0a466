package graph

// This file is added to the generated package of calendar.yaml by
// TestEndToEnd (templates/e2e_test.go): JSON batching through the
// generated operations.

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestBatchGenerated sends eight generated operations in one $batch
// request; the server checks the wire format Graph documents and answers
// with successes and errors in another order.
func TestBatchGenerated(t *testing.T) {
	ctx := context.Background()
	type item struct {
		ID        string            `json:"id"`
		Method    string            `json:"method"`
		URL       string            `json:"url"`
		Headers   map[string]string `json:"headers"`
		Body      json.RawMessage   `json:"body"`
		DependsOn []string          `json:"dependsOn"`
	}
	want := []item{
		{ID: "1", Method: "GET", URL: "/me/events/AAMk%2F1?$select=subject", Headers: map[string]string{"Prefer": `outlook.timezone="UTC"`}},
		{ID: "2", Method: "POST", URL: "/me/events", Headers: map[string]string{"Content-Type": "application/json"}, Body: json.RawMessage(`{"subject":"Plan"}`)},
		{ID: "3", Method: "DELETE", URL: "/me/events/old", DependsOn: []string{"2"}},
		{ID: "4", Method: "POST", URL: "/users/adele/checkMemberGroups", Headers: map[string]string{"Content-Type": "application/json"}, Body: json.RawMessage(`{"groupIds":["g1","g2"]}`)},
		{ID: "5", Method: "GET", URL: "/me/events/e1/attachments/a1/$value"},
		{ID: "6", Method: "PUT", URL: "/me/photo/$value", Headers: map[string]string{"Content-Type": "image/jpeg"}, Body: json.RawMessage(`"` + base64.StdEncoding.EncodeToString([]byte("\xff\xd8jpeg")) + `"`)},
		{ID: "7", Method: "GET", URL: "/reports/getEmailActivityCounts(period='D7')"},
		{ID: "8", Method: "GET", URL: "/me/events/missing"},
	}
	var posts int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		posts++
		if r.Method != "POST" || r.URL.EscapedPath() != "/v1.0/$batch" || r.Header.Get("Authorization") != "Bearer tok" || r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("%s %s, Authorization %q, Content-Type %q", r.Method, r.URL.EscapedPath(), r.Header.Get("Authorization"), r.Header.Get("Content-Type"))
		}
		var in struct {
			Requests []item `json:"requests"`
		}
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			t.Fatal(err)
		}
		if len(in.Requests) != len(want) {
			t.Fatalf("%d requests, want %d", len(in.Requests), len(want))
		}
		for i, got := range in.Requests {
			w := want[i]
			if got.ID != w.ID || got.Method != w.Method || got.URL != w.URL || !reflect.DeepEqual(got.Headers, w.Headers) || string(got.Body) != string(w.Body) || !reflect.DeepEqual(got.DependsOn, w.DependsOn) {
				t.Errorf("request %d:\n got %+v body %s\nwant %+v body %s", i, got, got.Body, w, w.Body)
			}
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"responses":[
			{"id":"8","status":404,"headers":{"Content-Type":"application/json"},"body":{"error":{"code":"ErrorItemNotFound","message":"not found","innerError":{"request-id":"r8"}}}},
			{"id":"7","status":302,"headers":{"Location":"https://reports.example/d7.csv"}},
			{"id":"6","status":204},
			{"id":"5","status":200,"headers":{"Content-Type":"application/octet-stream"},"body":"`+base64.StdEncoding.EncodeToString([]byte("PDF\x00"))+`"},
			{"id":"4","status":200,"headers":{"Content-Type":"application/json"},"body":{"value":["g2"]}},
			{"id":"3","status":429,"headers":{"Retry-After":"12","Content-Type":"application/json"},"body":{"error":{"code":"TooManyRequests","message":"throttled"}}},
			{"id":"2","status":201,"headers":{"Content-Type":"application/json"},"body":{"id":"new1","subject":"Plan"}},
			{"id":"1","status":200,"headers":{"Content-Type":"application/json"},"body":{"id":"AAMk/1","subject":"Standup"}}
		]}`)
	}))
	defer srv.Close()
	c := New(WithBaseURL(srv.URL+"/v1.0"), WithHTTPClient(srv.Client()), WithTokenSource(StaticToken("tok")))

	b := NewBatch(c)
	get := Add(b, func(c *Client) (*Event, error) {
		return c.GetMeEvents(ctx, "AAMk/1", &EventGetParams{Select: []string{"subject"}, Prefer: `outlook.timezone="UTC"`})
	})
	create := Add(b, func(c *Client) (*Event, error) {
		return c.CreateMeEvents(ctx, &Event{Subject: Some("Plan")})
	})
	del := AddNoResult(b, func(c *Client) error { return c.DeleteMeEvents(ctx, "old") }, create)
	groups := Add(b, func(c *Client) ([]string, error) {
		return c.CheckMemberGroupsUsers(ctx, "adele", &DirectoryObjectCheckMemberGroupsRequestBody{GroupIDs: []string{"g1", "g2"}})
	})
	file := Add(b, func(c *Client) (io.ReadCloser, error) { return c.GetMeEventsAttachmentsValue(ctx, "e1", "a1") })
	photo := AddNoResult(b, func(c *Client) error {
		return c.ReplaceMePhotoValue(ctx, strings.NewReader("\xff\xd8jpeg"), WithHeader("Content-Type", "image/jpeg"))
	})
	var reportURL *url.URL
	report := Add(b, func(c *Client) (io.ReadCloser, error) {
		return c.GetEmailActivityCountsReports(ctx, "D7", WithRedirectURL(&reportURL))
	})
	missing := Add(b, func(c *Client) (*Event, error) { return c.GetMeEvents(ctx, "missing", nil) })
	if err := b.Send(ctx); err != nil {
		t.Fatal(err)
	}
	if posts != 1 {
		t.Errorf("%d $batch requests, want 1", posts)
	}

	if ev, err := get.Result(); err != nil {
		t.Errorf("get: %v", err)
	} else if s, _ := ev.Subject.Get(); s != "Standup" {
		t.Errorf("get subject %q", s)
	}
	if ev, err := create.Result(); err != nil {
		t.Errorf("create: %v", err)
	} else if id, _ := ev.ID.Get(); id != "new1" {
		t.Errorf("create id %q", id)
	}
	var e *Error
	if err := del.Err(); !errors.As(err, &e) || e.StatusCode != http.StatusTooManyRequests || e.RetryAfter != 12*time.Second || e.Code != "TooManyRequests" {
		t.Errorf("throttled delete: %v", err)
	}
	if g, err := groups.Result(); err != nil || !reflect.DeepEqual(g, []string{"g2"}) {
		t.Errorf("checkMemberGroups = %v, %v", g, err)
	}
	if rc, err := file.Result(); err != nil {
		t.Errorf("attachment: %v", err)
	} else {
		data, _ := io.ReadAll(rc)
		rc.Close()
		if string(data) != "PDF\x00" {
			t.Errorf("attachment %q", data)
		}
	}
	if err := photo.Err(); err != nil {
		t.Errorf("photo: %v", err)
	}
	if _, err := report.Result(); err != nil || reportURL == nil || reportURL.String() != "https://reports.example/d7.csv" {
		t.Errorf("report = %v, %v", reportURL, err)
	}
	if _, err := missing.Result(); !errors.As(err, &e) || e.StatusCode != 404 || e.Code != "ErrorItemNotFound" || e.RequestID != "r8" {
		t.Errorf("missing: %v", err)
	}
}
