package main

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSlugify(t *testing.T) {
	tests := []struct {
		name, title, want string
	}{
		{"lower-cases and joins words with hyphens", "My First Post!", "my-first-post"},
		{"drops leading and trailing punctuation", "  ...Hello, World!!  ", "hello-world"},
		{"keeps digits", "Go 1.26 is out", "go-1-26-is-out"},
		{"drops apostrophes inside words", "Don't Panic", "dont-panic"},
		{"drops typographic apostrophes too", "It’s here", "its-here"},
		{"folds accented Latin letters", "Crème Brûlée à la carte", "creme-brulee-a-la-carte"},
		{"spells ß and æ in ASCII", "Straße Æsir", "strasse-aesir"},
		{"treats other scripts as separators", "Go 語 rocks", "go-rocks"},
		{"collapses runs of separators", "a -- b __ c", "a-b-c"},
		{"gives nothing for a title without letters or digits", "!!! ???", ""},
		{"gives nothing for an empty title", "", ""},
		{"cuts a long title at a word boundary", strings.Repeat("word ", 30), strings.TrimSuffix(strings.Repeat("word-", 20), "-")},
		{"cuts a long single word at 100", strings.Repeat("x", 150), strings.Repeat("x", 100)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Slugify(tt.title); got != tt.want {
				t.Errorf("Slugify(%q) = %q, want %q", tt.title, got, tt.want)
			}
		})
	}
}

func TestValidSlug(t *testing.T) {
	for _, s := range []string{"a", "hello-world", "2026-11-25", "a1-b2-c3"} {
		if !validSlug(s) {
			t.Errorf("validSlug(%q) = false, want true", s)
		}
	}
	for _, s := range []string{"", "-", "-a", "a-", "a--b", "A", "a b", "a_b", "é", "a/b", "a.b"} {
		if validSlug(s) {
			t.Errorf("validSlug(%q) = true, want false", s)
		}
	}
}

// FuzzSlugify checks, for any title, that the slug is empty or valid, at
// most 100 bytes, and a fixed point: slugifying a slug changes nothing.
func FuzzSlugify(f *testing.F) {
	for _, seed := range []string{"My First Post!", "Crème Brûlée", "a--b", strings.Repeat("ab ", 60), "\xff\xfe", "’'"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, title string) {
		s := Slugify(title)
		if s == "" {
			return
		}
		if !validSlug(s) || len(s) > maxSlugLength || !utf8.ValidString(s) {
			t.Fatalf("Slugify(%q) = %q, which is not a valid slug", title, s)
		}
		if again := Slugify(s); again != s {
			t.Fatalf("Slugify(%q) = %q, but Slugify(%q) = %q", title, s, s, again)
		}
	})
}
