//go:build exercises

package main

import (
	"net/http"
	"slices"
	"testing"

	"apicourse/shared/webtest"
)

// Exercise 1: GET /v2/items/{item_id} returns one item, 404
// {"detail":"Item not found"} when there is none, 422 int_parsing at
// ["path","item_id"] when the id is not a positive integer. v1 is frozen:
// it does not get the new route.
func TestExercise1GetOneItem(t *testing.T) {
	h := newHandler(t)
	w := webtest.Send(t, h, "GET", "/v2/items/1", "")
	w.WantStatus(t, http.StatusOK)
	w.WantJSON(t, `{"id":1,"name":"Headphones #1","category":"Electronics","price":17.36,"quantity":37}`)

	w = webtest.Send(t, h, "GET", "/v2/items/251", "")
	w.WantStatus(t, http.StatusNotFound)
	w.WantJSON(t, `{"detail":"Item not found"}`)
	webtest.Send(t, h, "GET", "/v2/items/abc", "").WantProblem(t, "int_parsing", "path.item_id")
	webtest.Send(t, h, "GET", "/v1/items/1", "").WantStatus(t, http.StatusNotFound)
}

// Exercise 2: GET /v2/items?sort=price lists the cheapest first, sort=-price
// the dearest first (equal prices by id); it combines with category and
// pagination, and the next link keeps it. Any other sort is 422
// literal_error at ["query","sort"].
func TestExercise2SortByPrice(t *testing.T) {
	h := newHandler(t)
	pricesOf := func(query string) ([]float64, *v2Page, string) {
		t.Helper()
		w := webtest.Send(t, h, "GET", "/v2/items"+query, "")
		w.WantStatus(t, http.StatusOK)
		page := webtest.Decode[v2Page](t, w)
		var prices []float64
		for _, it := range page.Items {
			prices = append(prices, it.Price)
		}
		return prices, &page, w.Header().Get("Link")
	}

	prices, page, link := pricesOf("?sort=price&limit=100")
	if !slices.IsSorted(prices) || page.Total != 250 || len(prices) != 100 {
		t.Errorf("sort=price: %d items (total %d), prices sorted ascending: %v", len(prices), page.Total, slices.IsSorted(prices))
	}
	if link != `</v2/items?limit=100&offset=100&sort=price>; rel="next"` {
		t.Errorf("sort=price Link = %q, want the next page with sort=price", link)
	}
	all, _, _ := pricesOf("?sort=price&limit=100&offset=100")
	if len(all) == 0 || all[0] < prices[len(prices)-1] {
		t.Errorf("the second page starts at %v, below the end of the first (%v)", all, prices[len(prices)-1])
	}

	prices, page, _ = pricesOf("?sort=-price&category=toys&limit=100")
	if !slices.IsSortedFunc(prices, func(a, b float64) int { return int(b*100) - int(a*100) }) || page.Total != 50 || len(prices) != 50 {
		t.Errorf("sort=-price&category=toys: %d items (total %d), want 50 sorted dearest first", len(prices), page.Total)
	}
	for _, bad := range []string{"?sort=name", "?sort=", "?sort=PRICE"} {
		webtest.Send(t, h, "GET", "/v2/items"+bad, "").WantProblem(t, "literal_error", "query.sort")
	}
}
