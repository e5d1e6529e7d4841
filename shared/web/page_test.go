package web

import (
	"net/url"
	"testing"
)

func TestParsePage(t *testing.T) {
	tests := []struct {
		name, query string
		want        Page
		wantErr     bool
	}{
		{"uses the defaults", "", Page{0, 10}, false},
		{"reads both", "offset=20&limit=5", Page{20, 5}, false},
		{"accepts the largest limit", "limit=100", Page{0, 100}, false},
		{"accepts the smallest limit", "limit=1", Page{0, 1}, false},
		{"accepts an offset past the end", "offset=1000", Page{1000, 10}, false},
		{"ignores other parameters", "category=Books", Page{0, 10}, false},
		{"refuses limit 0", "limit=0", Page{}, true},
		{"refuses limit 101", "limit=101", Page{}, true},
		{"refuses a negative offset", "offset=-1", Page{}, true},
		{"refuses a plus sign", "limit=%2B5", Page{}, true},
		{"refuses a leading space", "limit=%205", Page{}, true},
		{"refuses hex", "offset=0x10", Page{}, true},
		{"refuses an exponent", "offset=1e3", Page{}, true},
		{"refuses underscores", "offset=1_000", Page{}, true},
		{"refuses an empty value", "limit=", Page{}, true},
		{"refuses a number too big for int", "offset=99999999999999999999", Page{}, true},
		{"refuses a lone minus", "offset=-", Page{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, _ := url.ParseQuery(tt.query)
			got, err := ParsePage(q, 10, 100)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParsePage(%q) error = %v, want error: %v", tt.query, err, tt.wantErr)
			}
			if !tt.wantErr && got != tt.want {
				t.Errorf("ParsePage(%q) = %+v, want %+v", tt.query, got, tt.want)
			}
		})
	}
}

func TestParsePageReportsBothParametersAtOnce(t *testing.T) {
	_, err := ParsePage(url.Values{"offset": {"-1"}, "limit": {"x"}}, 10, 100)
	p, ok := err.(Problems)
	if !ok || len(p) != 2 || p[0].Loc[1] != "offset" || p[1].Loc[1] != "limit" {
		t.Errorf("ParsePage(offset=-1&limit=x) = %v, want two problems, offset first", err)
	}
}

func TestPageBoundsAndNextLink(t *testing.T) {
	tests := []struct {
		pg            Page
		n, start, end int
		hasMore       bool
	}{
		{Page{0, 10}, 25, 0, 10, true},
		{Page{20, 10}, 25, 20, 25, false},
		{Page{10, 15}, 25, 10, 25, false},
		{Page{30, 10}, 25, 25, 25, false},
		{Page{1 << 62, 100}, 25, 25, 25, false},
	}
	for _, tt := range tests {
		start, end := tt.pg.Bounds(tt.n)
		if start != tt.start || end != tt.end || tt.pg.HasMore(tt.n) != tt.hasMore {
			t.Errorf("%+v over %d items: Bounds = %d, %d, HasMore = %v; want %d, %d, %v",
				tt.pg, tt.n, start, end, tt.pg.HasMore(tt.n), tt.start, tt.end, tt.hasMore)
		}
	}
	q := url.Values{"category": {"Books"}, "offset": {"20"}}
	got := Page{20, 10}.NextLink("/v2/items", q, 10)
	if want := `</v2/items?category=Books&limit=10&offset=30>; rel="next"`; got != want {
		t.Errorf("NextLink = %q, want %q", got, want)
	}
	short := Page{20, 10}.NextLink("/posts", q, 4)
	if want := `</posts?category=Books&limit=10&offset=24>; rel="next"`; short != want {
		t.Errorf("NextLink after a page cut short at 4 items = %q, want %q: the next page starts after what was sent", short, want)
	}
	if q.Get("offset") != "20" {
		t.Errorf("NextLink changed the client's query: offset = %q, want 20", q.Get("offset"))
	}
}

// FuzzParsePage checks that any accepted page is within bounds and that
// its slice bounds never leave the list.
func FuzzParsePage(f *testing.F) {
	for _, seed := range []string{"", "offset=5&limit=5", "limit=0", "offset=-1", "limit=%2B1", "offset=9223372036854775807"} {
		f.Add(seed, 250)
	}
	f.Fuzz(func(t *testing.T, query string, n int) {
		q, err := url.ParseQuery(query)
		if err != nil || n < 0 {
			return
		}
		pg, err := ParsePage(q, 10, 100)
		if err != nil {
			return
		}
		if pg.Offset < 0 || pg.Limit < 1 || pg.Limit > 100 {
			t.Fatalf("ParsePage(%q) = %+v, out of bounds", query, pg)
		}
		if start, end := pg.Bounds(n); start < 0 || end > n || start > end || end-start > pg.Limit {
			t.Fatalf("%+v.Bounds(%d) = %d, %d", pg, n, start, end)
		}
	})
}
