package web

import (
	"strings"
	"testing"
)

func TestCheckLength(t *testing.T) {
	tests := []struct {
		name, s  string
		wantType string
	}{
		{"empty is too short", "", "string_too_short"},
		{"only blanks is too short", " \t ", "string_too_short"},
		{"one character is enough", "a", ""},
		{"200 characters fit", strings.Repeat("é", 200), ""},
		{"201 characters are too long", strings.Repeat("é", 201), "string_too_long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p Problems
			CheckLength(&p, tt.s, 1, 200, "body", "title")
			got := ""
			if len(p) > 0 {
				got = p[0].Type
			}
			if got != tt.wantType {
				t.Errorf("CheckLength(%q) = %q, want %q", tt.s, got, tt.wantType)
			}
		})
	}
}
