package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"apicourse/shared/webtest"
)

// fakeClock is a clock that moves one second each time it is read, so
// that posts created one after another have distinct, known times.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Second)
	return c.t
}

// newStore opens a store on a fresh database file that is closed when the
// test ends.
func newStore(t testing.TB) *Store {
	t.Helper()
	return newStoreOfSize(t, 1<<30)
}

// newStoreOfSize is newStore with a database file that may grow to
// maxBytes.
func newStoreOfSize(t testing.TB, maxBytes int64) *Store {
	t.Helper()
	clock := &fakeClock{t: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)}
	store, err := OpenStore(context.Background(), filepath.Join(t.TempDir(), "blog.db"), maxBytes, clock.now)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store
}

// newHandler returns the lesson's whole HTTP stack over an empty database,
// with every response held to openapi.json.
func newHandler(t testing.TB) http.Handler {
	t.Helper()
	return handlerOver(t, newStore(t))
}

// handlerOver is newHandler over the given store.
func handlerOver(t testing.TB, store *Store) http.Handler {
	t.Helper()
	h := NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), store)
	return webtest.ParseAPI(t, openapiJSON).Check(t, h)
}

// create posts a post and fails the test unless it is created.
func create(t testing.TB, h http.Handler, body string) Post {
	t.Helper()
	w := webtest.Send(t, h, "POST", "/posts", body)
	w.WantStatus(t, http.StatusCreated)
	return webtest.Decode[Post](t, w)
}

func TestCreatePost(t *testing.T) {
	h := newHandler(t)
	w := webtest.Send(t, h, "POST", "/posts", `{"title":"My First Post!","content":"Hello."}`)
	w.WantStatus(t, http.StatusCreated)
	w.WantJSON(t, `{"id":1,"title":"My First Post!","slug":"my-first-post",
		"content":"Hello.","created_at":"2026-11-25T09:00:01Z"}`)
	if got := w.Header().Get("Location"); got != "/posts/my-first-post" {
		t.Errorf("POST /posts Location = %q, want /posts/my-first-post", got)
	}

	t.Run("keeps a slug the client chose", func(t *testing.T) {
		if p := create(t, h, `{"title":"Anything","slug":"hello-world","content":"c"}`); p.Slug != "hello-world" {
			t.Errorf("slug = %q, want hello-world", p.Slug)
		}
	})
	t.Run("stamps created_at in UTC, RFC 3339", func(t *testing.T) {
		w := webtest.Send(t, h, "POST", "/posts", `{"title":"Time","content":"c"}`)
		got := webtest.Decode[map[string]any](t, w)["created_at"].(string)
		if _, err := time.Parse(time.RFC3339, got); err != nil || !strings.HasSuffix(got, "Z") {
			t.Errorf("created_at = %q, want RFC 3339 in UTC (…Z)", got)
		}
	})
	t.Run("accepts a content of 100000 characters", func(t *testing.T) {
		create(t, h, `{"title":"Long","content":"`+strings.Repeat("é", 100_000)+`"}`)
	})
}

func TestCreatePostRejectsBadInput(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		wantType string
		wantLoc  string
	}{
		{"a missing title", `{"content":"c"}`, "missing", "body.title"},
		{"a missing content", `{"title":"t"}`, "missing", "body.content"},
		{"a title of only spaces", `{"title":"  ","content":"c"}`, "string_too_short", "body.title"},
		{"a title of 201 characters", `{"title":"` + strings.Repeat("a", 201) + `","content":"c"}`, "string_too_long", "body.title"},
		{"an empty content", `{"title":"t","content":""}`, "string_too_short", "body.content"},
		{"a content of 100001 characters", `{"title":"t","content":"` + strings.Repeat("c", 100_001) + `"}`, "string_too_long", "body.content"},
		{"a slug with capitals", `{"title":"t","slug":"Hello","content":"c"}`, "string_pattern_mismatch", "body.slug"},
		{"a slug with a space", `{"title":"t","slug":"hello world","content":"c"}`, "string_pattern_mismatch", "body.slug"},
		{"a slug with two hyphens in a row", `{"title":"t","slug":"a--b","content":"c"}`, "string_pattern_mismatch", "body.slug"},
		{"a slug ending in a hyphen", `{"title":"t","slug":"a-","content":"c"}`, "string_pattern_mismatch", "body.slug"},
		{"an empty slug", `{"title":"t","slug":"","content":"c"}`, "string_pattern_mismatch", "body.slug"},
		{"a slug with a path in it", `{"title":"t","slug":"../etc","content":"c"}`, "string_pattern_mismatch", "body.slug"},
		{"a slug of 101 characters", `{"title":"t","slug":"` + strings.Repeat("a", 101) + `","content":"c"}`, "string_pattern_mismatch", "body.slug"},
		{"a null slug", `{"title":"t","slug":null,"content":"c"}`, "string_type", "body.slug"},
		{"a title that yields no slug", `{"title":"!!!","content":"c"}`, "value_error", "body.title"},
		{"a client-chosen id", `{"title":"t","content":"c","id":1}`, "extra_forbidden", "body.id"},
		{"a client-chosen created_at", `{"title":"t","content":"c","created_at":"2020-01-01T00:00:00Z"}`, "extra_forbidden", "body.created_at"},
		{"malformed JSON", `{"title":"t",`, "json_invalid", "body"},
	}
	for _, tt := range tests {
		t.Run("rejects "+tt.name, func(t *testing.T) {
			h := newHandler(t)
			w := webtest.Send(t, h, "POST", "/posts", tt.body)
			w.WantProblem(t, tt.wantType, tt.wantLoc)
			if list := webtest.Send(t, h, "GET", "/posts", ""); strings.TrimSpace(list.Body.String()) != "[]" {
				t.Errorf("after a rejected POST, GET /posts = %s, want []", list.Body)
			}
		})
	}
	t.Run("accepts a slug of exactly 100 characters", func(t *testing.T) {
		create(t, newHandler(t), `{"title":"t","slug":"`+strings.Repeat("a", 100)+`","content":"c"}`)
	})
}

func TestCreatePostReportsEveryProblemAtOnce(t *testing.T) {
	w := webtest.Send(t, newHandler(t), "POST", "/posts", `{"title":"","slug":"No","content":5}`)
	w.WantStatus(t, http.StatusUnprocessableEntity)
	w.WantJSON(t, `{"detail":[
		{"type":"string_too_short","loc":["body","title"],"msg":"String should have at least 1 character"},
		{"type":"string_pattern_mismatch","loc":["body","slug"],"msg":"String should match pattern '^[a-z0-9]+(?:-[a-z0-9]+)*$' and have at most 100 characters"},
		{"type":"string_type","loc":["body","content"],"msg":"Input should be a valid string"}]}`)
}

func TestCreatePostRefusesADuplicateSlug(t *testing.T) {
	h := newHandler(t)
	create(t, h, `{"title":"Hello World","content":"first"}`)
	for _, body := range []string{
		`{"title":"Hello, World!","content":"derived"}`,
		`{"title":"Other","slug":"hello-world","content":"chosen"}`,
	} {
		w := webtest.Send(t, h, "POST", "/posts", body)
		w.WantStatus(t, http.StatusConflict)
		w.WantJSON(t, `{"detail":"A post with slug 'hello-world' already exists"}`)
	}
	w := webtest.Send(t, h, "GET", "/posts/hello-world", "")
	if p := webtest.Decode[Post](t, w); p.Content != "first" {
		t.Errorf("after two refused duplicates, content = %q, want the first post's", p.Content)
	}
}

func TestListPosts(t *testing.T) {
	h := newHandler(t)
	t.Run("is an empty array, not null, when there are no posts", func(t *testing.T) {
		w := webtest.Send(t, h, "GET", "/posts", "")
		w.WantStatus(t, http.StatusOK)
		w.WantJSON(t, `[]`)
	})
	t.Run("lists posts newest first", func(t *testing.T) {
		for _, title := range []string{"a", "b", "c"} {
			create(t, h, `{"title":"`+title+`","content":"c"}`)
		}
		w := webtest.Send(t, h, "GET", "/posts", "")
		w.WantJSON(t, `[
			{"id":3,"title":"c","slug":"c","content":"c","created_at":"2026-11-25T09:00:03Z"},
			{"id":2,"title":"b","slug":"b","content":"c","created_at":"2026-11-25T09:00:02Z"},
			{"id":1,"title":"a","slug":"a","content":"c","created_at":"2026-11-25T09:00:01Z"}]`)
	})
}

// slugs returns the slugs of a page of posts, in order.
func slugs(t *testing.T, w *webtest.Response) []string {
	t.Helper()
	got := []string{}
	for _, p := range webtest.Decode[[]Post](t, w) {
		got = append(got, p.Slug)
	}
	return got
}

// postsNewestFirst returns the slugs p25, p24, ... down to p(from-count+1).
func postsNewestFirst(from, count int) []string {
	s := []string{}
	for i := range count {
		s = append(s, fmt.Sprintf("p%d", from-i))
	}
	return s
}

func TestListPostsPages(t *testing.T) {
	h := newHandler(t)
	for i := 1; i <= 25; i++ {
		create(t, h, fmt.Sprintf(`{"title":"Post %d","slug":"p%d","content":"c"}`, i, i))
	}
	tests := []struct {
		name, query string
		want        []string
		wantLink    string
	}{
		{"gives the 20 newest by default, and a link to the rest", "", postsNewestFirst(25, 20),
			`</posts?limit=20&offset=20>; rel="next"`},
		{"gives the last page without a link", "?offset=20", postsNewestFirst(5, 5), ""},
		{"gives at most limit posts", "?limit=2", []string{"p25", "p24"},
			`</posts?limit=2&offset=2>; rel="next"`},
		{"skips offset posts", "?offset=3&limit=2", []string{"p22", "p21"},
			`</posts?limit=2&offset=5>; rel="next"`},
		{"gives no link when the page ends with the last post", "?offset=15&limit=10", postsNewestFirst(10, 10), ""},
		{"gives everything with limit=100", "?limit=100", postsNewestFirst(25, 25), ""},
		{"gives [] past the end", "?offset=25", []string{}, ""},
		{"gives [] far past the end", "?offset=9223372036854775807", []string{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := webtest.Send(t, h, "GET", "/posts"+tt.query, "")
			w.WantStatus(t, http.StatusOK)
			if got := slugs(t, w); !slices.Equal(got, tt.want) {
				t.Errorf("GET /posts%s slugs = %v, want %v", tt.query, got, tt.want)
			}
			if got := w.Header().Get("Link"); got != tt.wantLink {
				t.Errorf("GET /posts%s Link = %q, want %q", tt.query, got, tt.wantLink)
			}
		})
	}
	t.Run("following the links walks every post once, newest first", func(t *testing.T) {
		var all []string
		for path, pages := "/posts?limit=7", 0; path != ""; pages++ {
			if pages == 4 {
				t.Fatalf("GET %s is a fifth page; 25 posts make 4 pages of 7", path)
			}
			w := webtest.Send(t, h, "GET", path, "")
			w.WantStatus(t, http.StatusOK)
			all = append(all, slugs(t, w)...)
			path = ""
			if link := w.Header().Get("Link"); link != "" {
				path = strings.TrimPrefix(strings.TrimSuffix(link, `>; rel="next"`), "<")
			}
		}
		if want := postsNewestFirst(25, 25); !slices.Equal(all, want) {
			t.Errorf("pages = %v, want %v", all, want)
		}
	})
}

// nextPath returns the path a page's Link points at, or "" without one.
func nextPath(w *webtest.Response) string {
	link := w.Header().Get("Link")
	return strings.TrimPrefix(strings.TrimSuffix(link, `>; rel="next"`), "<")
}

func TestListPostsBoundsAPageInBytes(t *testing.T) {
	h := newHandler(t)
	longest := strings.Repeat("😀", maxContentLength) // 400 KB: the most a post may hold
	for i := 1; i <= 7; i++ {
		create(t, h, fmt.Sprintf(`{"title":"Post %d","slug":"p%d","content":"%s"}`, i, i, longest))
	}
	var all []string
	for path := "/posts?limit=100"; path != ""; {
		w := webtest.Send(t, h, "GET", path, "")
		w.WantStatus(t, http.StatusOK)
		page := webtest.Decode[[]Post](t, w)
		size := 0
		for _, p := range page {
			size += len(p.Content)
			all = append(all, p.Slug)
		}
		// 50 clients that never read their page must hold well under 400 MiB.
		if size > 2<<20 {
			t.Errorf("GET %s holds %d posts, %d bytes of content; want at most 2 MiB", path, len(page), size)
		}
		if len(page) == 0 {
			t.Fatalf("GET %s is an empty page before the last post", path)
		}
		path = nextPath(w)
		if path != "" && !strings.Contains(path, "limit=100") {
			t.Errorf("Link = %q, want the client's limit=100 kept", path)
		}
	}
	if want := postsNewestFirst(7, 7); !slices.Equal(all, want) {
		t.Errorf("following the links gave %v, want every post once, %v", all, want)
	}
}

func TestCreatePostBeyondTheDatabaseLimitIs507(t *testing.T) {
	h := handlerOver(t, newStoreOfSize(t, 256<<10)) // 64 pages of 4 KiB
	content := strings.Repeat("a", maxContentLength)
	var created []string
	for i := 1; ; i++ {
		if i > 10 {
			t.Fatalf("10 posts of 100 KB in a database of 256 KiB: all created, want a 507")
		}
		w := webtest.Send(t, h, "POST", "/posts", fmt.Sprintf(`{"title":"Post %d","slug":"p%d","content":"%s"}`, i, i, content))
		if w.Code == http.StatusCreated {
			created = append(created, fmt.Sprintf("p%d", i))
			continue
		}
		w.WantStatus(t, http.StatusInsufficientStorage)
		w.WantJSON(t, `{"detail":"Storage limit reached"}`)
		webtest.Send(t, h, "GET", fmt.Sprintf("/posts/p%d", i), "").WantStatus(t, http.StatusNotFound)
		break
	}
	if len(created) == 0 {
		t.Fatal("the first post was refused; want some created before the limit")
	}
	w := webtest.Send(t, h, "GET", "/posts?limit=100", "")
	w.WantStatus(t, http.StatusOK)
	slices.Reverse(created)
	if got := slugs(t, w); !slices.Equal(got, created) {
		t.Errorf("after a 507, GET /posts slugs = %v, want every post created before it, %v", got, created)
	}
}

func TestListPostsRejectsABadPage(t *testing.T) {
	h := newHandler(t)
	create(t, h, `{"title":"a","content":"c"}`)
	tests := []struct {
		query, wantType, wantLoc string
	}{
		// web.ParsePage has the full table; these show it is wired to this route.
		{"?offset=-1", "greater_than_equal", "query.offset"},
		{"?limit=101", "less_than_equal", "query.limit"},
		{"?limit=%zz", "int_parsing", "query.limit"}, // r.URL.Query would drop it: the default page
	}
	for _, tt := range tests {
		t.Run("rejects "+tt.query, func(t *testing.T) {
			w := webtest.Send(t, h, "GET", "/posts"+tt.query, "")
			w.WantProblem(t, tt.wantType, tt.wantLoc)
			if got := w.Header().Get("Link"); got != "" {
				t.Errorf("GET /posts%s Link = %q, want none", tt.query, got)
			}
		})
	}
	t.Run("reports a bad offset and a bad limit at once", func(t *testing.T) {
		w := webtest.Send(t, h, "GET", "/posts?offset=-1&limit=0", "")
		w.WantStatus(t, http.StatusUnprocessableEntity)
		w.WantJSON(t, `{"detail":[
			{"type":"greater_than_equal","loc":["query","offset"],"msg":"Input should be greater than or equal to 0"},
			{"type":"greater_than_equal","loc":["query","limit"],"msg":"Input should be greater than or equal to 1"}]}`)
	})
}

func TestGetPost(t *testing.T) {
	h := newHandler(t)
	create(t, h, `{"title":"Hello World","content":"Hi."}`)
	w := webtest.Send(t, h, "GET", "/posts/hello-world", "")
	w.WantStatus(t, http.StatusOK)
	w.WantJSON(t, `{"id":1,"title":"Hello World","slug":"hello-world",
		"content":"Hi.","created_at":"2026-11-25T09:00:01Z"}`)

	for _, slug := range []string{"nope", "Hello-World", "hello-world%27%20OR%201=1--", "%00"} {
		t.Run("answers 404 for "+slug, func(t *testing.T) {
			w := webtest.Send(t, h, "GET", "/posts/"+slug, "")
			w.WantStatus(t, http.StatusNotFound)
			w.WantJSON(t, `{"detail":"Post not found"}`)
		})
	}
}

func TestUnknownRoutesAreJSON(t *testing.T) {
	h := newHandler(t)
	w := webtest.Send(t, h, "PATCH", "/posts/x", "")
	w.WantStatus(t, http.StatusMethodNotAllowed)
	w.WantJSON(t, `{"detail":"Method Not Allowed"}`)
	if got := w.Header().Get("Allow"); !strings.Contains(got, "GET") {
		t.Errorf("PATCH /posts/x Allow = %q, want it to list GET", got)
	}
	w = webtest.Send(t, h, "GET", "/articles", "")
	w.WantStatus(t, http.StatusNotFound)
	w.WantJSON(t, `{"detail":"Not Found"}`)
}

// statuses sends the bodies concurrently and counts the answers by status.
func statuses(t *testing.T, h http.Handler, bodies []string) map[int]int {
	t.Helper()
	var mu sync.Mutex
	var wg sync.WaitGroup
	got := map[int]int{}
	for _, body := range bodies {
		wg.Go(func() {
			w := webtest.Send(t, h, "POST", "/posts", body)
			mu.Lock()
			got[w.Code]++
			mu.Unlock()
		})
	}
	wg.Wait()
	return got
}

func TestConcurrentWritersWaitForTheLock(t *testing.T) {
	t.Run("50 distinct posts at once are all created", func(t *testing.T) {
		h := newHandler(t)
		bodies := make([]string, 50)
		for i := range bodies {
			bodies[i] = fmt.Sprintf(`{"title":"Post %d","content":"c"}`, i)
		}
		if got := statuses(t, h, bodies); got[http.StatusCreated] != 50 {
			t.Errorf("statuses = %v, want 50 × 201", got)
		}
		if n := len(webtest.Decode[[]Post](t, webtest.Send(t, h, "GET", "/posts?limit=100", ""))); n != 50 {
			t.Errorf("GET /posts?limit=100 has %d posts, want 50", n)
		}
	})
	t.Run("20 posts of one slug at once give one 201 and nineteen 409s", func(t *testing.T) {
		h := newHandler(t)
		bodies := make([]string, 20)
		for i := range bodies {
			bodies[i] = fmt.Sprintf(`{"title":"Same","slug":"same","content":"writer %d"}`, i)
		}
		if got := statuses(t, h, bodies); got[http.StatusCreated] != 1 || got[http.StatusConflict] != 19 {
			t.Errorf("statuses = %v, want 1 × 201 and 19 × 409", got)
		}
	})
}
