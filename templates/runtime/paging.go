package runtime

import (
	"context"
	"errors"
	"fmt"
	"iter"
)

// CollectionResponse is what paging needs of a collection response type
// R (NAMECollectionResponse): P is *R, with the items of the page, its
// @odata.nextLink and its @odata.deltaLink. Every generated collection
// response has these methods, so R, T and P are inferred from the
// function that fetches the first page.
type CollectionResponse[R any, T any] interface {
	*R
	// Items returns the items of the page (its "value").
	Items() []T
	// NextLink returns the @odata.nextLink and whether there is one.
	NextLink() (string, bool)
	// DeltaLink returns the @odata.deltaLink and whether there is one.
	DeltaLink() (string, bool)
}

// Pager walks the pages of a collection: Pages ranges over the pages,
// All over their items, following each @odata.nextLink with the Client
// (on the base URL's origin only, see NextPage). After a range that ran
// to the end, DeltaLink returns the @odata.deltaLink of the final page,
// the link a delta query resumes from (DeltaPage):
//
//	p := NewPager(c, func(ctx context.Context) (*EventCollectionResponse, error) {
//		if saved != "" {
//			return DeltaPage[EventCollectionResponse](ctx, c, saved)
//		}
//		return c.DeltaMeCalendarView(ctx, start, end, nil)
//	})
//	for ev, err := range p.All(ctx) {
//		if err != nil {
//			return err // saved is kept: the next round starts from it again
//		}
//		// apply ev
//	}
//	if link, ok := p.DeltaLink(); ok {
//		saved = link
//	}
//
// Each range starts over from the first page. A Pager is not safe for
// concurrent ranges.
type Pager[R any, T any, P CollectionResponse[R, T]] struct {
	c     *Client
	first func(context.Context) (P, error)
	delta string // the final page's deltaLink, after a complete range
	done  bool   // the last range went through the final page
}

// NewPager returns a Pager whose ranges call first for the first page.
func NewPager[R any, T any, P CollectionResponse[R, T]](c *Client, first func(context.Context) (P, error)) *Pager[R, T, P] {
	return &Pager[R, T, P]{c: c, first: first}
}

// DeltaLink returns the @odata.deltaLink of the final page and true when
// the last range over p went through every page (and every item, for
// All) and the final page has one. After a break, an error or before any
// range it returns "" and false: the round is not complete, and saving a
// link then would skip changes.
func (p *Pager[R, T, P]) DeltaLink() (string, bool) {
	return p.delta, p.done && p.delta != ""
}

// Pages returns an iterator over the pages: it calls first when the loop
// starts and follows each non-empty @odata.nextLink with NextPage; it
// stops fetching when the loop breaks. An error (of the first page, a
// next one, a next link off the base URL's origin, or a link that was
// already followed) is yielded once, with a nil page, and ends the loop.
func (p *Pager[R, T, P]) Pages(ctx context.Context) iter.Seq2[P, error] {
	return func(yield func(P, error) bool) {
		p.walk(ctx, func(page P) bool { return yield(page, nil) }, func(err error) { yield(nil, err) })
	}
}

// All returns an iterator over the items of every page, in order, as
// Pages fetches them. An error is yielded once, with the zero T, and ends
// the loop.
func (p *Pager[R, T, P]) All(ctx context.Context) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		p.walk(ctx, func(page P) bool {
			for _, v := range page.Items() {
				if !yield(v, nil) {
					return false
				}
			}
			return true
		}, func(err error) {
			var zero T
			yield(zero, err)
		})
	}
}

// walk fetches the pages in order and hands each to use until use
// returns false or there is no next page; an error goes to fail. It
// records the final page's deltaLink when it went through every page.
func (p *Pager[R, T, P]) walk(ctx context.Context, use func(P) bool, fail func(error)) {
	p.delta, p.done = "", false
	page, err := p.first(ctx)
	var seen map[string]bool // made on the second page: most lists have one
	for {
		if err != nil {
			fail(err)
			return
		}
		if page == nil {
			p.done = true
			return
		}
		link, more := page.NextLink()
		more = more && link != ""
		if !use(page) {
			return
		}
		if !more {
			p.delta, _ = page.DeltaLink()
			p.done = true
			return
		}
		// a server that sends a page's link again would loop forever
		if seen[link] {
			fail(fmt.Errorf("graph: next link %s: already followed", link))
			return
		}
		if seen == nil {
			seen = map[string]bool{}
		}
		seen[link] = true
		page, err = NextPage[R](ctx, p.c, link)
	}
}

// Pages returns an iterator over the pages of a collection, as
// NewPager(c, first).Pages(ctx); use a Pager to read the final
// deltaLink after the loop.
//
//	for page, err := range Pages(ctx, c, func(ctx context.Context) (*EventCollectionResponse, error) {
//		return c.ListMeEvents(ctx, nil)
//	}) {
//		if err != nil {
//			return err
//		}
//		// use page.Value, page.ODataCount
//	}
func Pages[R any, T any, P CollectionResponse[R, T]](ctx context.Context, c *Client, first func(context.Context) (P, error)) iter.Seq2[P, error] {
	return NewPager(c, first).Pages(ctx)
}

// All returns an iterator over the items of every page of a collection,
// as NewPager(c, first).All(ctx): first fetches the first page (it is
// called when the loop starts), and each @odata.nextLink is then followed
// with c. It stops fetching when the loop breaks; an error (of the first
// page or a next one) is yielded once, with the zero T, and ends the
// iteration.
//
//	for ev, err := range All(ctx, c, func(ctx context.Context) (*EventCollectionResponse, error) {
//		return c.ListMeEvents(ctx, nil)
//	}) {
//		if err != nil {
//			return err
//		}
//		// use ev
//	}
//
// Every collection response type (NAMECollectionResponse) has the Items,
// NextLink and DeltaLink methods All needs; T is inferred from them.
func All[R any, T any, P CollectionResponse[R, T]](ctx context.Context, c *Client, first func(context.Context) (P, error)) iter.Seq2[T, error] {
	return NewPager(c, first).All(ctx)
}

// NextPage fetches the page at nextLink, the ODataNextLink of a collection
// response, and decodes it as T, the same collection response type. The
// link must be on the base URL's origin (scheme, host and port) and carry
// no userinfo; any other is an error naming it, never results:
//
//	for page != nil {
//		// use page.Value
//		link, ok := page.ODataNextLink.Get()
//		if !ok {
//			break
//		}
//		if page, err = NextPage[EventCollectionResponse](ctx, c, link); err != nil {
//			return err
//		}
//	}
func NextPage[T any](ctx context.Context, c *Client, nextLink string, opts ...RequestOption) (*T, error) {
	return followLink[T](ctx, c, "next link", nextLink, opts)
}

// DeltaPage fetches the first page of the next round of a delta query
// from deltaLink, the ODataDeltaLink of the final page of the previous
// round (Pager.DeltaLink), saved by the caller; it decodes it as T, the
// collection response type of the delta function. The link is checked as
// NextPage checks a next link: on the base URL's origin and without
// userinfo, else an error naming it, and nothing is sent. Use it as the
// first page of a Pager to range over the changes since that round.
func DeltaPage[T any](ctx context.Context, c *Client, deltaLink string, opts ...RequestOption) (*T, error) {
	return followLink[T](ctx, c, "delta link", deltaLink, opts)
}

// errEmptyLink is the error of an empty link to follow.
var errEmptyLink = errors.New("empty link")

// followLink GETs link, a service-sent absolute URL, after checking that
// it is on the base URL's origin.
func followLink[T any](ctx context.Context, c *Client, what, link string, opts []RequestOption) (*T, error) {
	if link == "" {
		return nil, fmt.Errorf("graph: %s: %w", what, errEmptyLink)
	}
	if err := c.checkLink(what, link); err != nil {
		return nil, err
	}
	return invoke[T](ctx, c, &request{
		method: "GET",
		path:   link,
		opts:   opts,
	})
}
