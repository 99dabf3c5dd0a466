// The seed call through a generated client: GET /me/events/{id} of the
// README's go generate example (BenchmarkSeedCallBuild builds it beside
// byhand/main.go, which makes the same request with net/http).
package main

import (
	"context"
	"fmt"
	"os"

	"example.com/seed/graph"
)

func main() {
	c := graph.New(graph.WithBaseURL(os.Args[1]), graph.WithTokenSource(graph.StaticToken(os.Getenv("GRAPH_TOKEN"))))
	ev, err := c.GetMeEvents(context.Background(), os.Args[2], nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	subject, _ := ev.Subject.Get()
	fmt.Println(subject)
}
