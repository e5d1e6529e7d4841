package main

import (
	"errors"
	"maps"
	"net/http"
	"net/url"
	"strconv"

	"apicourse/shared/web"
)

// answer turns the store's errors into what a client sees: the one place
// that maps them. Anything else stays an error, which web.Error answers
// with a 500 and logs.
func answer(err error) error {
	var taken *SlugTakenError
	switch {
	case errors.Is(err, ErrNotFound):
		return web.Errorf(http.StatusNotFound, "Post not found")
	case errors.As(err, &taken):
		return web.Errorf(http.StatusConflict, "A post with slug '%s' already exists", taken.Slug)
	case errors.Is(err, ErrFull):
		// 507 {"detail":"Storage limit reached"}, with SQLite's words in the log: the limit or the disk
		return &web.StatusError{Status: http.StatusInsufficientStorage, Msg: "Storage limit reached", Err: err}
	}
	return err
}

// The limits of a post's fields, in characters.
const (
	maxTitleLength   = 200
	maxContentLength = 100_000
)

// postCreate is the body of POST /posts: id and created_at are the
// server's, so a client that sends them gets extra_forbidden.
type postCreate struct {
	Title   string               `json:"title"`
	Slug    web.Optional[string] `json:"slug"` // may be left out, not null
	Content string               `json:"content"`
}

// Valid checks what the types cannot, as FastAPI's Field(...) does.
func (in *postCreate) Valid(p *web.Problems) {
	p.NotBlank(in.Title, "title")
	p.MaxLength(in.Title, maxTitleLength, "title")
	if in.Slug.Set {
		checkSlug(p, in.Slug.Value)
	} else if Slugify(in.Title) == "" {
		// Decode keeps the first problem of a member: a blank title is told only that.
		p.Add("value_error", "Value error, title needs a letter or digit to make a slug; send a slug", "title")
	}
	p.NotBlank(in.Content, "content")
	p.MaxLength(in.Content, maxContentLength, "content")
}

// slug is the client's slug when it sent one, else the one derived from
// the title.
func (in *postCreate) slug() string {
	if in.Slug.Set {
		return in.Slug.Value
	}
	return Slugify(in.Title)
}

// checkSlug checks a slug the client chose: the pattern and the length,
// reported as one string_pattern_mismatch.
func checkSlug(p *web.Problems, slug string) {
	if len(slug) > maxSlugLength || !validSlug(slug) {
		p.Add("string_pattern_mismatch", "String should match pattern '"+slugPattern+"' and have at most 100 characters", "slug")
	}
}

func handleCreatePost(store *Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		in, err := web.Decode[postCreate](w, r)
		if err != nil {
			web.Error(w, r, err)
			return
		}
		post, err := store.Create(r.Context(), in.Title, in.slug(), in.Content)
		if err != nil {
			web.Error(w, r, answer(err))
			return
		}
		w.Header().Set("Location", "/posts/"+post.Slug)
		web.JSON(w, r, http.StatusCreated, post)
	})
}

// The bounds of a page of GET /posts: limit is 1..100, 20 when absent.
const (
	defaultPageLimit = 20
	maxPageLimit     = 100
)

func handleListPosts(store *Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := web.Query(r) // r.URL.Query, but a malformed pair is kept: a 422, not the default
		pg, err := web.ParsePage(q, defaultPageLimit, maxPageLimit)
		if err != nil {
			web.Error(w, r, err)
			return
		}
		posts, more, err := store.List(r.Context(), pg.Offset, pg.Limit)
		if err != nil {
			web.Error(w, r, answer(err))
			return
		}
		if more {
			w.Header().Add("Link", nextLink(q, pg.Offset+len(posts), pg.Limit))
		}
		web.JSONArray(w, r, http.StatusOK, posts) // a page of long posts, a piece at a time
	})
}

// nextLink is the Link header value for the page at offset, with the
// client's limit and other parameters. A page of long posts may stop short
// of its limit (see List), so the next one starts after the posts sent,
// not at offset+limit. Later lessons call web.Page.NextLink, which does the
// same.
func nextLink(q url.Values, offset, limit int) string {
	next := maps.Clone(q)
	next.Set("offset", strconv.Itoa(offset))
	next.Set("limit", strconv.Itoa(limit))
	return "</posts?" + next.Encode() + `>; rel="next"`
}

func handleGetPost(store *Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		post, err := store.Get(r.Context(), r.PathValue("slug"))
		if err != nil {
			web.Error(w, r, answer(err))
			return
		}
		web.JSON(w, r, http.StatusOK, post)
	})
}
