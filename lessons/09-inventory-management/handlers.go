package main

import (
	"net/http"
	"strings"

	"apicourse/shared/web"
)

// The bounds of a page: limit is 1..100, 10 when absent.
const (
	defaultLimit = 10
	maxLimit     = 100
)

// v1 is deprecated (RFC 9745) since 2025-12-01 and goes away (RFC 8594)
// on 2027-06-01; its successor is v2.
const (
	v1Deprecation = "@1764547200" // 2025-12-01T00:00:00Z, as a structured-field date
	v1Sunset      = "Tue, 01 Jun 2027 00:00:00 GMT"
	v1Successor   = `</v2/items>; rel="successor-version"`
)

// deprecated marks every response of h, errors included, as deprecated,
// with the date it stops and where to go instead.
func deprecated(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Deprecation", v1Deprecation)
		w.Header().Set("Sunset", v1Sunset)
		w.Header().Add("Link", v1Successor)
		h.ServeHTTP(w, r)
	})
}

func handleListItemsV1(catalog []Item) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		pg, err := web.ParsePage(web.Query(r), defaultLimit, maxLimit)
		if err != nil {
			web.Error(w, r, err)
			return
		}
		web.JSON(w, r, http.StatusOK, window(catalog, pg))
	})
}

func handleListItemsV2(catalog []Item) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := web.Query(r)
		pg, err := web.ParsePage(q, defaultLimit, maxLimit)
		if err != nil {
			web.Error(w, r, err)
			return
		}
		items := catalog
		if category := q.Get("category"); category != "" {
			items = inCategory(catalog, category)
		}
		hasMore := pg.HasMore(len(items))
		page := window(items, pg)
		if hasMore {
			w.Header().Add("Link", pg.NextLink("/v2/items", q, len(page)))
		}
		web.JSON(w, r, http.StatusOK, struct {
			Items   []Item `json:"items"`
			Total   int    `json:"total"`
			Offset  int    `json:"offset"`
			Limit   int    `json:"limit"`
			HasMore bool   `json:"has_more"`
		}{page, len(items), pg.Offset, pg.Limit, hasMore})
	})
}

// window returns the page of items; never nil, so that a page past the
// end is [] in JSON.
func window(items []Item, pg web.Page) []Item {
	start, end := pg.Bounds(len(items))
	return append([]Item{}, items[start:end]...)
}

// inCategory returns the items of category, matched case-insensitively.
func inCategory(items []Item, category string) []Item {
	out := make([]Item, 0, len(items)/len(categories))
	for _, it := range items {
		if strings.EqualFold(it.Category, category) {
			out = append(out, it)
		}
	}
	return out
}
