// The seed call by hand with net/http: the request of client/main.go.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
)

type event struct {
	ID      string `json:"id"`
	Subject string `json:"subject"`
}

func main() {
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, os.Args[1]+"/me/events/"+url.PathEscape(os.Args[2]), nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	req.Header.Set("Accept", "application/json")
	if token := os.Getenv("GRAPH_TOKEN"); token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintln(os.Stderr, resp.Status)
		os.Exit(1)
	}
	var ev event
	if err := json.NewDecoder(resp.Body).Decode(&ev); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(ev.Subject)
}
