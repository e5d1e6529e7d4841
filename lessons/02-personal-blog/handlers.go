package main

import (
	"errors"
	"net/http"

	"apicourse/shared/web"
)

// The limits of a post's fields.
var (
	titleLength   = web.Length(1, 200)
	contentLength = web.Length(1, 100_000)
)

// The bounds of a page of GET /posts: limit is 1..100, 20 when absent.
const (
	defaultPageLimit = 20
	maxPageLimit     = 100
)

// errPostNotFound is what a client sees for a slug that is not stored.
var errPostNotFound = web.Errorf(http.StatusNotFound, "Post not found")

// slugTaken is what a client sees for a slug another post has.
func slugTaken(slug string) error {
	return web.Errorf(http.StatusConflict, "A post with slug '%s' already exists", slug)
}

func handleCreatePost(store *Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			Title   string
			Slug    web.Optional[string] // may be left out, not null
			Content string
		}
		err := web.DecodeJSON(w, r,
			web.Field("title", &in.Title, titleLength),
			web.IfSent("slug", &in.Slug, checkSlug),
			web.Field("content", &in.Content, contentLength),
		)
		if err != nil {
			web.Error(w, r, err)
			return
		}
		slug, err := postSlug(in.Title, in.Slug)
		if err != nil {
			web.Error(w, r, err)
			return
		}
		post, err := store.Create(r.Context(), in.Title, slug, in.Content)
		switch {
		case errors.Is(err, ErrSlugTaken):
			web.Error(w, r, slugTaken(slug))
			return
		case err != nil:
			web.Error(w, r, err)
			return
		}
		web.Created(w, "/posts/"+post.Slug, post)
	})
}

// checkSlug is the Check for a client-chosen slug: the pattern and the
// length, reported as one string_pattern_mismatch.
func checkSlug(p *web.Problems, s string, loc ...string) {
	if len(s) > maxSlugLength || !validSlug(s) {
		p.Add("string_pattern_mismatch", "String should match pattern '"+slugPattern+"' and have at most 100 characters", loc...)
	}
}

// postSlug is the client's slug when it sent one, else the one derived
// from the title, which must not be empty.
func postSlug(title string, slug web.Optional[string]) (string, error) {
	if slug.Set {
		return slug.Value, nil
	}
	if s := Slugify(title); s != "" {
		return s, nil
	}
	var p web.Problems
	p.Add("value_error", "Value error, title needs a letter or digit to make a slug; send a slug", "body", "title")
	return "", p
}

func handleListPosts(store *Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		pg, err := web.ParsePage(q, defaultPageLimit, maxPageLimit)
		if err != nil {
			web.Error(w, r, err)
			return
		}
		posts, more, err := store.List(r.Context(), pg.Offset, pg.Limit)
		if err != nil {
			web.Error(w, r, err)
			return
		}
		if more {
			w.Header().Add("Link", pg.NextLink("/posts", q))
		}
		web.JSONArray(w, http.StatusOK, posts) // a page of long posts, a piece at a time
	})
}

func handleGetPost(store *Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		post, err := store.Get(r.Context(), r.PathValue("slug"))
		switch {
		case errors.Is(err, ErrNotFound):
			web.Error(w, r, errPostNotFound)
			return
		case err != nil:
			web.Error(w, r, err)
			return
		}
		web.JSON(w, http.StatusOK, post)
	})
}
