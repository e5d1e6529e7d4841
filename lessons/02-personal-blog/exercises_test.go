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
	w.WantStatus(t, http.StatusOK)
	slugs := []string{}
	for _, p := range webtest.Decode[[]Post](t, w) {
		slugs = append(slugs, p.Slug)
	}
	return slugs
}

// Exercise 1: DELETE /posts/{slug} removes the post: 204, then 404 for
// the post and for a second DELETE; the other posts stay.
func TestExercise1DeletePost(t *testing.T) {
	docs := webtest.DocsLast(t) // openapi.json is held to the answers in the last step, once they are right
	h := newHandler(t)
	create(t, h, `{"title":"Keep me","content":"c"}`)
	create(t, h, `{"title":"Delete me","content":"c"}`)

	w := webtest.Send(t, h, "DELETE", "/posts/delete-me", "")
	w.WantStatus(t, http.StatusNoContent)
	if w.Body.Len() != 0 {
		t.Errorf("DELETE /posts/delete-me body = %q, want none", w.Body)
	}
	webtest.Send(t, h, "GET", "/posts/delete-me", "").WantStatus(t, http.StatusNotFound)
	w = webtest.Send(t, h, "DELETE", "/posts/delete-me", "")
	w.WantStatus(t, http.StatusNotFound)
	w.WantJSON(t, `{"detail":"Post not found"}`)
	if got := slugsOf(t, h, ""); !slices.Equal(got, []string{"keep-me"}) {
		t.Errorf("after DELETE, GET /posts slugs = %v, want [keep-me]", got)
	}
	t.Run("the slug of a deleted post can be used again", func(t *testing.T) {
		create(t, h, `{"title":"Delete me","content":"back"}`)
	})
	t.Run("openapi.json documents every answer above", docs.Want)
}

// Exercise 2: GET /posts?q=word lists the posts whose title contains
// word, ignoring case, newest first. % and _ in q are plain characters,
// not SQL LIKE wildcards.
func TestExercise2SearchTitles(t *testing.T) {
	docs := webtest.DocsLast(t)
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
		ok := t.Run(tt.name, func(t *testing.T) {
			if got := slugsOf(t, h, tt.query); !slices.Equal(got, tt.want) {
				t.Errorf("GET /posts%s slugs = %v, want %v", tt.query, got, tt.want)
			}
		})
		if !ok {
			return // one failure at a time
		}
	}
	t.Run("openapi.json documents every answer above", docs.Want)
}

// Exercise 3: PUT /posts/{slug} changes any of title, slug and content
// (only the fields sent) and answers 200 with the post. A new slug that
// another post has is 409, decided by the database as on create; an
// unknown post is 404; bad fields are 422 as on create.
func TestExercise3UpdatePost(t *testing.T) {
	docs := webtest.DocsLast(t)
	h := newHandler(t)
	first := create(t, h, `{"title":"First","content":"one"}`)
	create(t, h, `{"title":"Second","content":"two"}`)

	w := webtest.Send(t, h, "PUT", "/posts/first", `{"slug":"renamed","content":"uno"}`)
	w.WantStatus(t, http.StatusOK)
	got := webtest.Decode[Post](t, w)
	if got.ID != first.ID || got.Title != "First" || got.Slug != "renamed" || got.Content != "uno" || !got.CreatedAt.Equal(first.CreatedAt) {
		t.Errorf("PUT /posts/first = %+v, want id %d, title First, slug renamed, content uno, created_at unchanged", got, first.ID)
	}
	webtest.Send(t, h, "GET", "/posts/renamed", "").WantStatus(t, http.StatusOK)
	webtest.Send(t, h, "GET", "/posts/first", "").WantStatus(t, http.StatusNotFound)

	w = webtest.Send(t, h, "PUT", "/posts/renamed", `{"slug":"second"}`)
	w.WantStatus(t, http.StatusConflict)
	w.WantJSON(t, `{"detail":"A post with slug 'second' already exists"}`)

	w = webtest.Send(t, h, "PUT", "/posts/nope", `{"title":"x"}`)
	w.WantStatus(t, http.StatusNotFound)
	w.WantJSON(t, `{"detail":"Post not found"}`)

	w = webtest.Send(t, h, "PUT", "/posts/renamed", `{"slug":"Not A Slug","title":""}`)
	w.WantProblems(t, "string_too_short at body.title", "string_pattern_mismatch at body.slug")
	t.Run("openapi.json documents every answer above", docs.Want)
}
