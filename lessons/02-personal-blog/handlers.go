package main

import (
	"bytes"
	"encoding/json"
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
		if errors.Is(err, ErrSlugTaken) {
			err = web.Errorf(http.StatusConflict, "A post with slug '%s' already exists", slug)
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
		writePosts(w, posts)
	})
}

// flushBytes is how much writePosts gathers before sending: a page of
// short posts goes out in one write, a page of long ones a post or so at a
// time.
const flushBytes = 32 << 10

// writePosts writes posts as a JSON array, about flushBytes at a time, so
// that a page of the largest posts (30 MB of text) is not also held,
// encoded and whole, in a buffer that doubles as it grows.
func writePosts(w http.ResponseWriter, posts []Post) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf) // escapes as web.JSON does
	buf.WriteByte('[')
	for i := range posts {
		if i > 0 {
			buf.WriteByte(',')
		}
		_ = enc.Encode(&posts[i])   // strings, ints and times always encode
		buf.Truncate(buf.Len() - 1) // the newline Encode adds after each value
		if buf.Len() >= flushBytes {
			if _, err := w.Write(buf.Bytes()); err != nil {
				return // the client left
			}
			buf.Reset()
		}
	}
	buf.WriteString("]\n")
	_, _ = w.Write(buf.Bytes())
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
