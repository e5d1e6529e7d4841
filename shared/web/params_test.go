package web

import (
	"errors"
	"net/http/httptest"
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
