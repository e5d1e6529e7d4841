package main

import (
	"net/url"
	"testing"
)

func TestParsePage(t *testing.T) {
	tests := []struct {
		name, query string
		want        page
		wantErr     bool
	}{
		{"uses the defaults", "", page{0, 10}, false},
		{"reads both", "offset=20&limit=5", page{20, 5}, false},
		{"accepts the largest limit", "limit=100", page{0, 100}, false},
		{"accepts the smallest limit", "limit=1", page{0, 1}, false},
		{"accepts an offset past the end", "offset=1000", page{1000, 10}, false},
		{"ignores other parameters", "category=Books", page{0, 10}, false},
		{"refuses limit 0", "limit=0", page{}, true},
		{"refuses limit 101", "limit=101", page{}, true},
		{"refuses a negative offset", "offset=-1", page{}, true},
		{"refuses a plus sign", "limit=%2B5", page{}, true},
		{"refuses a leading space", "limit=%205", page{}, true},
		{"refuses hex", "offset=0x10", page{}, true},
		{"refuses an exponent", "offset=1e3", page{}, true},
		{"refuses underscores", "offset=1_000", page{}, true},
		{"refuses an empty value", "limit=", page{}, true},
		{"refuses a number too big for int", "offset=99999999999999999999", page{}, true},
		{"refuses a lone minus", "offset=-", page{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, _ := url.ParseQuery(tt.query)
			got, err := parsePage(q)
			if (err != nil) != tt.wantErr {
				t.Fatalf("parsePage(%q) error = %v, want error: %v", tt.query, err, tt.wantErr)
			}
			if !tt.wantErr && got != tt.want {
				t.Errorf("parsePage(%q) = %+v, want %+v", tt.query, got, tt.want)
			}
		})
	}
}

// FuzzParsePage checks that any accepted page is within bounds and that the
// window it selects never panics.
func FuzzParsePage(f *testing.F) {
	for _, seed := range []string{"", "offset=5&limit=5", "limit=0", "offset=-1", "limit=%2B1", "offset=9223372036854775807"} {
		f.Add(seed)
	}
	catalog := NewCatalog()
	f.Fuzz(func(t *testing.T, query string) {
		q, err := url.ParseQuery(query)
		if err != nil {
			return
		}
		pg, err := parsePage(q)
		if err != nil {
			return
		}
		if pg.Offset < 0 || pg.Limit < 1 || pg.Limit > maxLimit {
			t.Fatalf("parsePage(%q) = %+v, out of bounds", query, pg)
		}
		if n := len(window(catalog, pg)); n > pg.Limit {
			t.Fatalf("window of %+v has %d items", pg, n)
		}
	})
}
