package main

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"apicourse/shared/webtest"
)

// newHandler returns the lesson's whole HTTP stack over the catalogue,
// with every response held to openapi.json.
func newHandler(t testing.TB) http.Handler {
	t.Helper()
	h := NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), NewCatalog())
	return webtest.ParseAPI(t, openapiJSON).Check(t, h)
}

// v2Page is the shape of a v2 list response.
type v2Page struct {
	Items   []Item `json:"items"`
	Total   int    `json:"total"`
	Offset  int    `json:"offset"`
	Limit   int    `json:"limit"`
	HasMore bool   `json:"has_more"`
}

// ids returns the ids of items.
func ids(items []Item) []int64 {
	out := []int64{}
	for _, it := range items {
		out = append(out, it.ID)
	}
	return out
}

func TestCatalog(t *testing.T) {
	items := NewCatalog()
	perCategory := map[string]int{}
	for i, it := range items {
		if it.ID != int64(i+1) {
			t.Fatalf("item %d has id %d, want ids 1..250 in order", i, it.ID)
		}
		if it.Name == "" || it.Price <= 0 || it.Quantity < 0 {
			t.Errorf("item %+v has an empty name, a price ≤ 0 or a negative quantity", it)
		}
		if s := strconv.FormatFloat(it.Price, 'f', -1, 64); strings.Contains(s, ".") && len(s)-strings.Index(s, ".") > 3 {
			t.Errorf("item %d price %v is not whole cents", it.ID, it.Price)
		}
		perCategory[it.Category]++
	}
	if len(items) != 250 || len(perCategory) != 5 {
		t.Fatalf("catalogue has %d items in %d categories, want 250 in 5", len(items), len(perCategory))
	}
	for c, n := range perCategory {
		if n != 50 {
			t.Errorf("category %s has %d items, want 50", c, n)
		}
	}
	if fmt.Sprint(NewCatalog()) != fmt.Sprint(items) {
		t.Error("two calls to NewCatalog differ; the catalogue must be deterministic")
	}
}

func TestV1ListsAPlainArray(t *testing.T) {
	h := newHandler(t)
	tests := []struct {
		query   string
		wantIDs string
	}{
		{"", "[1 2 3 4 5 6 7 8 9 10]"},
		{"?offset=0&limit=5", "[1 2 3 4 5]"},
		{"?offset=5&limit=5", "[6 7 8 9 10]"},
		{"?offset=248&limit=5", "[249 250]"},
		{"?offset=250", "[]"},
		{"?offset=100000", "[]"},
		{"?limit=100", fmt.Sprint(ids(NewCatalog()[:100]))},
	}
	for _, tt := range tests {
		t.Run("GET /v1/items"+tt.query+" lists "+tt.wantIDs, func(t *testing.T) {
			w := webtest.Send(t, h, "GET", "/v1/items"+tt.query, "")
			w.WantStatus(t, http.StatusOK)
			if got := fmt.Sprint(ids(webtest.Decode[[]Item](t, w))); got != tt.wantIDs {
				t.Errorf("GET /v1/items%s ids = %s, want %s", tt.query, got, tt.wantIDs)
			}
		})
	}
	t.Run("shows the whole item", func(t *testing.T) {
		w := webtest.Send(t, h, "GET", "/v1/items?limit=1", "")
		w.WantJSON(t, `[{"id":1,"name":"Headphones #1","category":"Electronics","price":17.36,"quantity":37}]`)
	})
	t.Run("an empty page is [], not null", func(t *testing.T) {
		if got := strings.TrimSpace(webtest.Send(t, h, "GET", "/v1/items?offset=300", "").Body.String()); got != "[]" {
			t.Errorf("GET /v1/items?offset=300 body = %s, want []", got)
		}
	})
}

func TestV1IsMarkedDeprecatedOnEveryResponse(t *testing.T) {
	h := newHandler(t)
	for _, path := range []string{"/v1/items", "/v1/items?limit=0", "/v1/nothing"} {
		t.Run(path, func(t *testing.T) {
			w := webtest.Send(t, h, "GET", path, "")
			want := map[string]string{
				"Deprecation": "@1764547200",
				"Sunset":      "Tue, 01 Jun 2027 00:00:00 GMT",
				"Link":        `</v2/items>; rel="successor-version"`,
			}
			for k, v := range want {
				if got := w.Header().Get(k); got != v {
					t.Errorf("GET %s %s = %q, want %q", path, k, got, v)
				}
			}
		})
	}
	if got := webtest.Send(t, h, "GET", "/v2/items", "").Header().Get("Deprecation"); got != "" {
		t.Errorf("GET /v2/items Deprecation = %q, want none", got)
	}
}

func TestV2ListsAPageWithItsMetadata(t *testing.T) {
	h := newHandler(t)
	tests := []struct {
		query    string
		wantIDs  string
		wantMeta string // total offset limit has_more
		wantNext string
	}{
		{"?offset=0&limit=5", "[1 2 3 4 5]", "250 0 5 true", `</v2/items?limit=5&offset=5>; rel="next"`},
		{"", "[1 2 3 4 5 6 7 8 9 10]", "250 0 10 true", `</v2/items?limit=10&offset=10>; rel="next"`},
		{"?offset=240&limit=10", "[241 242 243 244 245 246 247 248 249 250]", "250 240 10 false", ""},
		{"?offset=245&limit=10", "[246 247 248 249 250]", "250 245 10 false", ""},
		{"?offset=9223372036854775807", "[]", "250 9223372036854775807 10 false", ""},
		{"?category=Electronics&offset=0&limit=3", "[1 6 11]", "50 0 3 true", `</v2/items?category=Electronics&limit=3&offset=3>; rel="next"`},
		{"?category=books&limit=2&offset=48", "[242 247]", "50 48 2 false", ""},
		{"?category=BOOKS&limit=1", "[2]", "50 0 1 true", `</v2/items?category=BOOKS&limit=1&offset=1>; rel="next"`},
		{"?category=Food", "[]", "0 0 10 false", ""},
	}
	for _, tt := range tests {
		t.Run("GET /v2/items"+tt.query, func(t *testing.T) {
			w := webtest.Send(t, h, "GET", "/v2/items"+tt.query, "")
			w.WantStatus(t, http.StatusOK)
			got := webtest.Decode[v2Page](t, w)
			if ids := fmt.Sprint(ids(got.Items)); ids != tt.wantIDs {
				t.Errorf("items = %s, want %s", ids, tt.wantIDs)
			}
			if meta := fmt.Sprint(got.Total, got.Offset, got.Limit, got.HasMore); meta != tt.wantMeta {
				t.Errorf("total offset limit has_more = %s, want %s", meta, tt.wantMeta)
			}
			if link := w.Header().Get("Link"); link != tt.wantNext {
				t.Errorf("Link = %q, want %q", link, tt.wantNext)
			}
			if got.Items == nil {
				t.Error("items is null, want []")
			}
		})
	}
}

func TestPaginationParametersAreChecked(t *testing.T) {
	h := newHandler(t)
	tests := []struct {
		query, wantType, wantLoc string
	}{
		{"?offset=-1", "greater_than_equal", "query.offset"},
		{"?limit=0", "greater_than_equal", "query.limit"},
		{"?limit=101", "less_than_equal", "query.limit"},
		{"?limit=abc", "int_parsing", "query.limit"},
		{"?offset=1.5", "int_parsing", "query.offset"},
		{"?offset=", "int_parsing", "query.offset"},
		{"?offset=99999999999999999999", "int_parsing", "query.offset"},
		{"?limit=%zz", "int_parsing", "query.limit"},
		{"?limit=3&offset=%", "int_parsing", "query.offset"},
		{"?offset=5;limit=3", "int_parsing", "query.offset"},
	}
	for _, version := range []string{"v1", "v2"} {
		for _, tt := range tests {
			t.Run(version+" rejects "+tt.query, func(t *testing.T) {
				webtest.Send(t, h, "GET", "/"+version+"/items"+tt.query, "").WantProblem(t, tt.wantType, tt.wantLoc)
			})
		}
	}
	t.Run("reports both parameters at once", func(t *testing.T) {
		w := webtest.Send(t, h, "GET", "/v2/items?offset=-5&limit=500", "")
		w.WantJSON(t, `{"detail":[
			{"type":"greater_than_equal","loc":["query","offset"],"msg":"Input should be greater than or equal to 0"},
			{"type":"less_than_equal","loc":["query","limit"],"msg":"Input should be less than or equal to 100"}]}`)
	})
}

func TestEachVersionIsItsOwnRouter(t *testing.T) {
	h := newHandler(t)
	tests := []struct {
		method, path string
		wantStatus   int
		wantBody     string
	}{
		{"GET", "/v3/items", http.StatusNotFound, `{"detail":"Not Found"}`},
		{"GET", "/v1/things", http.StatusNotFound, `{"detail":"Not Found"}`},
		{"GET", "/items", http.StatusNotFound, `{"detail":"Not Found"}`},
		{"POST", "/v2/items", http.StatusMethodNotAllowed, `{"detail":"Method Not Allowed"}`},
		{"DELETE", "/v1/items", http.StatusMethodNotAllowed, `{"detail":"Method Not Allowed"}`},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path+" is JSON "+fmt.Sprint(tt.wantStatus), func(t *testing.T) {
			w := webtest.Send(t, h, tt.method, tt.path, "")
			w.WantStatus(t, tt.wantStatus)
			w.WantJSON(t, tt.wantBody)
		})
	}
}
