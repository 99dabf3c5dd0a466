package generated_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/graphdocgen/graphdocgen/generated/calendar"
)

// Example shows the client as the README shows it, against a stand-in for
// Graph: delete an event for good, treat a missing one as gone, and range
// over every event of every page.
func Example() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == "POST" && r.URL.Path == "/users/adele@contoso.com/events/gone/permanentDelete":
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"error":{"code":"ErrorItemNotFound","message":"The specified object was not found in the store."}}`)
		case r.URL.Path == "/me/events" && r.URL.Query().Get("page") == "":
			fmt.Fprintf(w, `{"value":[{"subject":"Plan"},{"subject":"Review"}],"@odata.nextLink":"http://%s/me/events?page=2"}`, r.Host)
		case r.URL.Path == "/me/events":
			fmt.Fprint(w, `{"value":[{"subject":"Retro"}]}`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	ctx := context.Background()

	c := calendar.New(calendar.WithBaseURL(srv.URL), calendar.WithTokenSource(calendar.StaticToken("token")))
	err := c.PermanentDeleteUsersEvents(ctx, "adele@contoso.com", "gone")
	var gerr *calendar.Error
	if errors.As(err, &gerr) && gerr.StatusCode == http.StatusNotFound {
		fmt.Println("already gone:", gerr.Code)
	}

	for ev, err := range calendar.All(ctx, c, func(ctx context.Context) (*calendar.EventCollectionResponse, error) {
		return c.ListMeEvents(ctx, &calendar.UserListEventsParams{Top: calendar.Some[int32](2)})
	}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		subject, _ := ev.Subject.Get()
		fmt.Println(subject)
	}
	// Output:
	// already gone: ErrorItemNotFound
	// Plan
	// Review
	// Retro
}
