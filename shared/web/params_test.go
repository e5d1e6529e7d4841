package web

import (
	"errors"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

func TestPathIDAcceptsOnlyPositiveInt64(t *testing.T) {
	tests := []struct {
		value  string
		want   int64
		wantOK bool
	}{
		{"1", 1, true},
		{"9223372036854775807", 9223372036854775807, true},
		{"abc", 0, false},
		{"-1", 0, false},
		{"0", 0, false},
		{"1.5", 0, false},
		{"99999999999999999999", 0, false},
		{"1_000", 0, false},
		{"+1", 0, false},
		{"01", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		t.Run("id "+tt.value, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.SetPathValue("todo_id", tt.value)
			got, err := PathID(r, "todo_id")
			if tt.wantOK {
				if err != nil || got != tt.want {
					t.Errorf("PathID(%q) = %d, %v; want %d, nil", tt.value, got, err, tt.want)
				}
				return
			}
			var p Problems
			if !errors.As(err, &p) || p[0].Type != "int_parsing" || strings.Join(p[0].Loc, ".") != "path.todo_id" {
				t.Errorf("PathID(%q) error = %v, want int_parsing at path.todo_id", tt.value, err)
			}
		})
	}
}

func TestQueryKeepsEveryPairAsSent(t *testing.T) {
	tests := []struct {
		raw  string
		want url.Values
	}{
		{"limit=5&offset=10", url.Values{"limit": {"5"}, "offset": {"10"}}},
		{"category=Home+%26+Garden", url.Values{"category": {"Home & Garden"}}},
		{"limit=%zz", url.Values{"limit": {"%zz"}}},               // r.URL.Query drops it
		{"offset=5;limit=3", url.Values{"offset": {"5;limit=3"}}}, // and this
		{"limit=5&limit=6&&flag", url.Values{"limit": {"5", "6"}, "flag": {""}}},
		{"", url.Values{}},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", "/items?"+tt.raw, nil)
		if got := Query(r); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Query(%q) = %v, want %v", tt.raw, got, tt.want)
		}
	}
}
