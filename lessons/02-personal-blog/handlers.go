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

// errPostNotFound is what a client sees for a slug that is not stored.
var errPostNotFound = web.Errorf(http.StatusNotFound, "Post not found")

func handleCreatePost(store *Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			Title   string
			Slug    *string
			Content string
		}
		err := web.DecodeJSON(w, r,
			web.Member{Name: "title", Into: &in.Title, Required: true, Check: titleLength},
			web.Member{Name: "slug", Into: &in.Slug, Check: checkSlug},
			web.Member{Name: "content", Into: &in.Content, Required: true, Check: contentLength},
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
		if errors.Is(err, ErrSlugTaken) {
			err = web.Errorf(http.StatusConflict, "A post with slug '"+slug+"' already exists")
		}
		if err != nil {
			web.Error(w, r, err)
			return
		}
		web.Created(w, "/posts/"+post.Slug, post)
	})
}

// checkSlug is the Check for a client-chosen slug: the pattern and the
// length, reported as one string_pattern_mismatch.
func checkSlug(p *web.Problems, into any, loc ...string) {
	s := *into.(**string)
	if s != nil && (len(*s) > maxSlugLength || !validSlug(*s)) {
		p.Add("string_pattern_mismatch", "String should match pattern '"+slugPattern+"' and have at most 100 characters", loc...)
	}
}

// postSlug is the client's slug when it sent one, else the one derived
// from the title, which must not be empty.
func postSlug(title string, slug *string) (string, error) {
	if slug != nil {
		return *slug, nil
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
		posts, err := store.List(r.Context())
		if err != nil {
			web.Error(w, r, err)
			return
		}
		web.JSON(w, http.StatusOK, posts)
	})
}

func handleGetPost(store *Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		post, err := store.Get(r.Context(), r.PathValue("slug"))
		if errors.Is(err, ErrNotFound) {
			err = errPostNotFound
		}
		if err != nil {
			web.Error(w, r, err)
			return
		}
		web.JSON(w, http.StatusOK, post)
	})
}
