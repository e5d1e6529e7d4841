//go:build exercises

package main

import (
	"cmp"
	"fmt"
	"net/http"
	"testing"

	"apicourse/shared/webtest"
)

// Exercise 1: GET /v2/items/{item_id} returns one item, 404
// {"detail":"Item not found"} when there is none, 422 int_parsing at
// ["path","item_id"] when the id is not a positive integer. v1 is frozen:
// it does not get the new route.
func TestExercise1GetOneItem(t *testing.T) {
	docs := webtest.DocsLast(t) // openapi.json is held to the answers in the last step, once they are right
	h := newHandler(t)
	w := webtest.Send(t, h, "GET", "/v2/items/1", "")
	w.WantStatus(t, http.StatusOK)
	w.WantJSON(t, `{"id":1,"name":"Headphones #1","category":"Electronics","price":17.36,"quantity":37}`)

	w = webtest.Send(t, h, "GET", "/v2/items/251", "")
	w.WantStatus(t, http.StatusNotFound)
	w.WantJSON(t, `{"detail":"Item not found"}`)
	webtest.Send(t, h, "GET", "/v2/items/abc", "").WantProblem(t, "int_parsing", "path.item_id")
	webtest.Send(t, h, "GET", "/v1/items/1", "").WantStatus(t, http.StatusNotFound)
	t.Run("openapi.json documents every answer above", docs.Want)
}

// unsorted returns "" when the prices follow order (-1: ascending, +1:
// descending), else the first place where they do not.
func unsorted(items []Item, order int) string {
	for i := 1; i < len(items); i++ {
		if c := cmp.Compare(items[i-1].Price, items[i].Price); c != 0 && c != order {
			return fmt.Sprintf("item %d of the page (id %d) costs %.2f, after id %d at %.2f", i+1, items[i].ID, items[i].Price, items[i-1].ID, items[i-1].Price)
		}
	}
	return ""
}

// Exercise 2: GET /v2/items?sort=price lists the cheapest first, sort=-price
// the dearest first (equal prices by id); it combines with category and
// pagination, and the next link keeps it. Any other sort is 422
// literal_error at ["query","sort"].
func TestExercise2SortByPrice(t *testing.T) {
	docs := webtest.DocsLast(t)
	h := newHandler(t)
	list := func(query string) (v2Page, string) {
		t.Helper()
		w := webtest.Send(t, h, "GET", "/v2/items"+query, "")
		w.WantStatus(t, http.StatusOK)
		return webtest.Decode[v2Page](t, w), w.Header().Get("Link")
	}

	page, link := list("?sort=price&limit=100")
	if where := unsorted(page.Items, -1); where != "" || page.Total != 250 || len(page.Items) != 100 {
		t.Fatalf("GET /v2/items?sort=price&limit=100 = %d items of %d, want 100 of 250, cheapest first; %s", len(page.Items), page.Total, where)
	}
	if link != `</v2/items?limit=100&offset=100&sort=price>; rel="next"` {
		t.Errorf("GET /v2/items?sort=price&limit=100 Link = %q, want the next page with sort=price", link)
	}
	if next, _ := list("?sort=price&limit=100&offset=100"); len(next.Items) == 0 || len(page.Items) == 0 || next.Items[0].Price < page.Items[len(page.Items)-1].Price {
		t.Errorf("the second page of sort=price does not go on from the first: it starts at %v", next.Items[:min(1, len(next.Items))])
	}

	page, _ = list("?sort=-price&category=toys&limit=100")
	if where := unsorted(page.Items, 1); where != "" || page.Total != 50 || len(page.Items) != 50 {
		t.Errorf("GET /v2/items?sort=-price&category=toys&limit=100 = %d items of %d, want the 50 toys, dearest first; %s", len(page.Items), page.Total, where)
	}
	for _, bad := range []string{"?sort=name", "?sort=", "?sort=PRICE"} {
		w := webtest.Send(t, h, "GET", "/v2/items"+bad, "")
		if w.Code != http.StatusUnprocessableEntity { // the body would be a whole page of items
			t.Errorf("GET /v2/items%s status = %d, want 422 literal_error at query.sort", bad, w.Code)
			continue
		}
		w.WantProblem(t, "literal_error", "query.sort")
	}
	t.Run("openapi.json documents every answer above", docs.Want)
}
