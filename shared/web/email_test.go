package web

import (
	"strings"
	"testing"
)

func TestValidEmail(t *testing.T) {
	tests := []struct {
		addr string
		want bool
	}{
		{"user@example.com", true},
		{"first.last+tag@mail.example.org", true},
		{"Bob <bob@x.org>", false},
		{"not-an-email", false},
		{"a@b", false},
		{"@example.com", false},
		{"user@", false},
		{"user@.com", false},
		{"user@example..com", false},
		{" user@example.com", false},
		{"user@-example.com", false},
		{"a@b.c, d@e.f", false},
		{"\u200ba@example.com", false},
		{"a@exam\u00adple.com", false},
		{"a@example.com\n", false},
		{"josé@example.com", true},
		{"a@127.0.0.1", false},
		{"a@example.123", false},
		{"a%b@x.org", false},
		{"\u212aate@example.com", false},  // lower-cases into kate@example.com
		{"ja\u017fon@example.com", false}, // upper-cases into JASON@EXAMPLE.COM
		{strings.Repeat("a", 64) + "@" + strings.Repeat("b", 63) + "." + strings.Repeat("c", 63) + "." + strings.Repeat("d", 57) + ".com", true},
		{strings.Repeat("a", 64) + "@" + strings.Repeat("b", 63) + "." + strings.Repeat("c", 63) + "." + strings.Repeat("d", 58) + ".com", false},
	}
	for _, tt := range tests {
		if got := ValidEmail(tt.addr); got != tt.want {
			t.Errorf("ValidEmail(%q) (%d chars) = %v, want %v", tt.addr, len(tt.addr), got, tt.want)
		}
	}
}
