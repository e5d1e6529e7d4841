//go:build exercises

package main

import (
	"net/http"
	"slices"
	"testing"

	"apicourse/shared/webtest"
)

// slugsOf returns the slugs GET /posts{query} answers with, in order.
func slugsOf(t *testing.T, h http.Handler, query string) []string {
	t.Helper()
	w := webtest.Send(t, h, "GET", "/posts"+query, "")
	webtest.WantStatus(t, w, "GET /posts"+query, http.StatusOK)
	slugs := []string{}
	for _, p := range webtest.Decode[[]Post](t, w) {
		slugs = append(slugs, p.Slug)
	}
	return slugs
}

// Exercise 1: DELETE /posts/{slug} removes the post: 204, then 404 for
// the post and for a second DELETE; the other posts stay.
func TestExercise1DeletePost(t *testing.T) {
	h := newHandler(t)
	create(t, h, `{"title":"Keep me","content":"c"}`)
	create(t, h, `{"title":"Delete me","content":"c"}`)

	w := webtest.Send(t, h, "DELETE", "/posts/delete-me", "")
	webtest.WantStatus(t, w, "DELETE /posts/delete-me", http.StatusNoContent)
	if w.Body.Len() != 0 {
		t.Errorf("DELETE /posts/delete-me body = %q, want none", w.Body)
	}
	webtest.WantStatus(t, webtest.Send(t, h, "GET", "/posts/delete-me", ""), "GET after DELETE", http.StatusNotFound)
	w = webtest.Send(t, h, "DELETE", "/posts/delete-me", "")
	webtest.WantStatus(t, w, "second DELETE /posts/delete-me", http.StatusNotFound)
	webtest.WantJSON(t, w, "second DELETE /posts/delete-me", `{"detail":"Post not found"}`)
	if got := slugsOf(t, h, ""); !slices.Equal(got, []string{"keep-me"}) {
		t.Errorf("after DELETE, GET /posts slugs = %v, want [keep-me]", got)
	}
	t.Run("the slug of a deleted post can be used again", func(t *testing.T) {
		create(t, h, `{"title":"Delete me","content":"back"}`)
	})
}

// Exercise 2: GET /posts?q=word lists the posts whose title contains
// word, ignoring case, newest first. % and _ in q are plain characters,
// not SQL LIKE wildcards.
func TestExercise2SearchTitles(t *testing.T) {
	h := newHandler(t)
	for _, body := range []string{
		`{"title":"Learning Go","content":"c"}`,
		`{"title":"Cooking","content":"c"}`,
		`{"title":"Go and SQLite","content":"c"}`,
		`{"title":"100% done","content":"c"}`,
		`{"title":"snake_case names","content":"c"}`,
		`{"title":"snakeXcase names","content":"c"}`,
	} {
		create(t, h, body)
	}
	tests := []struct {
		name, query string
		want        []string
	}{
		{"finds a word in any case, newest first", "?q=go", []string{"go-and-sqlite", "learning-go"}},
		{"treats % as a plain character", "?q=%25", []string{"100-done"}},
		{"treats _ as a plain character", "?q=_case", []string{"snake-case-names"}},
		{"answers [] when nothing matches", "?q=rust", []string{}},
		{"lists everything without q", "", []string{"snakexcase-names", "snake-case-names", "100-done", "go-and-sqlite", "cooking", "learning-go"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := slugsOf(t, h, tt.query); !slices.Equal(got, tt.want) {
				t.Errorf("GET /posts%s slugs = %v, want %v", tt.query, got, tt.want)
			}
		})
	}
}

// Exercise 3: PUT /posts/{slug} changes any of title, slug and content
// (only the fields sent) and answers 200 with the post. A new slug that
// another post has is 409, decided by the database as on create; an
// unknown post is 404; bad fields are 422 as on create.
func TestExercise3UpdatePost(t *testing.T) {
	h := newHandler(t)
	first := create(t, h, `{"title":"First","content":"one"}`)
	create(t, h, `{"title":"Second","content":"two"}`)

	w := webtest.Send(t, h, "PUT", "/posts/first", `{"slug":"renamed","content":"uno"}`)
	webtest.WantStatus(t, w, "PUT /posts/first", http.StatusOK)
	got := webtest.Decode[Post](t, w)
	if got.ID != first.ID || got.Title != "First" || got.Slug != "renamed" || got.Content != "uno" || !got.CreatedAt.Equal(first.CreatedAt) {
		t.Errorf("PUT /posts/first = %+v, want id %d, title First, slug renamed, content uno, created_at unchanged", got, first.ID)
	}
	webtest.WantStatus(t, webtest.Send(t, h, "GET", "/posts/renamed", ""), "GET /posts/renamed", http.StatusOK)
	webtest.WantStatus(t, webtest.Send(t, h, "GET", "/posts/first", ""), "GET /posts/first after rename", http.StatusNotFound)

	w = webtest.Send(t, h, "PUT", "/posts/renamed", `{"slug":"second"}`)
	webtest.WantStatus(t, w, "PUT /posts/renamed slug second", http.StatusConflict)
	webtest.WantJSON(t, w, "PUT /posts/renamed slug second", `{"detail":"A post with slug 'second' already exists"}`)

	w = webtest.Send(t, h, "PUT", "/posts/nope", `{"title":"x"}`)
	webtest.WantStatus(t, w, "PUT /posts/nope", http.StatusNotFound)
	webtest.WantJSON(t, w, "PUT /posts/nope", `{"detail":"Post not found"}`)

	w = webtest.Send(t, h, "PUT", "/posts/renamed", `{"slug":"Not A Slug","title":""}`)
	webtest.WantProblems(t, w, "PUT /posts/renamed bad title and slug", "string_too_short at body.title", "string_pattern_mismatch at body.slug")
}
