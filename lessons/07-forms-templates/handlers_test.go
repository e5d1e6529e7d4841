package main

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"apicourse/shared/web"
	"apicourse/shared/webtest"
)

// newHandler returns the lesson's whole stack over an empty store, with
// every response held to openapi.json.
func newHandler(t testing.TB) (http.Handler, *Store) {
	t.Helper()
	return newHandlerOver(t, NewStore(1000))
}

// newHandlerOver returns the lesson's whole stack over store.
func newHandlerOver(t testing.TB, store *Store) (http.Handler, *Store) {
	t.Helper()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	pages, err := ParsePages(templateFS, logger)
	if err != nil {
		t.Fatal(err)
	}
	h := NewServer(logger, pages, store)
	return webtest.ParseAPI(t, openapiJSON).Check(t, h), store
}

// subscriptionPath is the shape of a subscription page's path: a token of
// 22 base64url characters, never a number.
var subscriptionPath = regexp.MustCompile(`^/subscriptions/[A-Za-z0-9_-]{22}$`)

// post submits the subscription form with the given values.
func post(h http.Handler, values url.Values, headers ...string) *webtest.Response {
	r := httptest.NewRequest("POST", "/subscribe", strings.NewReader(values.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Set(headers[i], headers[i+1])
	}
	return webtest.Do(h, r)
}

// wantHTML stops the test unless w is an HTML page with the given status.
func wantHTML(t *testing.T, w *webtest.Response, req string, status int) string {
	t.Helper()
	w.WantStatus(t, status)
	if ct := w.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("%s Content-Type = %q, want text/html; charset=utf-8", req, ct)
	}
	return w.Body.String()
}

// fieldBlock returns the HTML from the field's <input> to the next <label>
// or </form>: where its error message must appear.
func fieldBlock(t *testing.T, html, field string) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)<input[^>]*name="` + field + `".*?(<label|</form>)`).FindString(html)
	if m == "" {
		t.Fatalf("no input named %s in:\n%s", field, html)
	}
	return m
}

func TestTheFormIsServed(t *testing.T) {
	h, _ := newHandler(t)
	html := wantHTML(t, webtest.Send(t, h, "GET", "/", ""), "GET /", http.StatusOK)
	for _, want := range []string{`<form method="post" action="/subscribe"`, `name="name"`, `name="email"`, `<button type="submit">`} {
		if !strings.Contains(html, want) {
			t.Errorf("GET / lacks %s", want)
		}
	}
	if strings.Contains(html, "<script") {
		t.Error("the page has a script; it must work without JavaScript")
	}
}

func TestInvalidInputReRendersTheFormWithErrorsBesideTheirFields(t *testing.T) {
	tests := []struct {
		name                    string
		values                  url.Values
		wantNameErr, wantEmlErr string
	}{
		{"a one-letter name", url.Values{"name": {"A"}, "email": {"a@example.com"}}, "Name must be at least 2 characters long", ""},
		{"a name of spaces", url.Values{"name": {"   "}, "email": {"a@example.com"}}, "Name must be at least 2 characters long", ""},
		{"a 101-character name", url.Values{"name": {strings.Repeat("n", 101)}, "email": {"a@example.com"}}, "Name must be at most 100 characters long", ""},
		{"an invalid email", url.Values{"name": {"Ada"}, "email": {"not-an-email"}}, "", "Please enter a valid email address"},
		{"an address with a display name", url.Values{"name": {"Ada"}, "email": {"Ada <ada@example.com>"}}, "", "Please enter a valid email address"},
		{"both wrong at once", url.Values{"name": {"A"}, "email": {"a@b"}}, "Name must be at least 2 characters long", "Please enter a valid email address"},
		{"nothing at all", url.Values{}, "Name must be at least 2 characters long", "Please enter a valid email address"},
	}
	for _, tt := range tests {
		t.Run("shows the errors for "+tt.name, func(t *testing.T) {
			h, store := newHandler(t)
			html := wantHTML(t, post(h, tt.values), "POST /subscribe", http.StatusUnprocessableEntity)
			for field, want := range map[string]string{"name": tt.wantNameErr, "email": tt.wantEmlErr} {
				block := fieldBlock(t, html, field)
				if want != "" && !strings.Contains(block, want) {
					t.Errorf("the %s field's block lacks %q:\n%s", field, want, block)
				}
				if want == "" && strings.Contains(block, `class="error"`) {
					t.Errorf("the %s field shows an error it should not:\n%s", field, block)
				}
			}
			if n := store.Len(); n != 0 {
				t.Errorf("an invalid form was stored (%d subscriptions)", n)
			}
		})
	}
}

func TestTheFormKeepsWhatWasTypedEscaped(t *testing.T) {
	h, _ := newHandler(t)
	html := wantHTML(t, post(h, url.Values{"name": {`<script>alert("x")</script>`}, "email": {`"><b>bold`}}), "POST /subscribe", http.StatusUnprocessableEntity)
	if !strings.Contains(fieldBlock(t, html, "name"), `value="&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;"`) {
		t.Errorf("the name is not pre-filled, escaped:\n%s", fieldBlock(t, html, "name"))
	}
	if !strings.Contains(fieldBlock(t, html, "email"), `value="&#34;&gt;&lt;b&gt;bold"`) {
		t.Errorf("the email is not pre-filled, escaped:\n%s", fieldBlock(t, html, "email"))
	}
	if strings.Contains(html, "<script>") || strings.Contains(html, "<b>") {
		t.Error("the page contains the raw markup that was typed")
	}
}

func TestTheSuccessPageEscapesTheNameByWhereItStands(t *testing.T) {
	h, _ := newHandler(t)
	w := post(h, url.Values{"name": {`<script>"Ada"`}, "email": {"ada@example.com"}})
	w.WantStatus(t, http.StatusSeeOther)
	html := wantHTML(t, webtest.Send(t, h, "GET", w.Header().Get("Location"), ""), "GET "+w.Header().Get("Location"), http.StatusOK)
	for _, tt := range []struct{ where, want string }{
		{"in text", `<h1>Thank you, &lt;script&gt;&#34;Ada&#34;!</h1>`},
		{"in a URL", `href="mailto:?subject=%3cscript%3e%22Ada%22%20recommends%20a%20newsletter"`},
	} {
		if !strings.Contains(html, tt.want) {
			t.Errorf("the name %s is not %s in:\n%s", tt.where, tt.want, html)
		}
	}
}

func TestASubscriptionRedirectsToItsPage(t *testing.T) {
	h, _ := newHandler(t)
	w := post(h, url.Values{"name": {"  Ada Lovelace "}, "email": {"ada@example.com"}})
	w.WantStatus(t, http.StatusSeeOther)
	page := w.Header().Get("Location")
	if !subscriptionPath.MatchString(page) {
		t.Fatalf("Location = %q, want /subscriptions/{22 base64url characters}", page)
	}
	success := webtest.Send(t, h, "GET", page, "")
	html := wantHTML(t, success, "GET "+page, http.StatusOK)
	if !strings.Contains(html, "Thank you, Ada Lovelace!") || !strings.Contains(html, "ada@example.com") {
		t.Errorf("the success page lacks the name (trimmed) or the email:\n%s", html)
	}
	if got := success.Header().Get("Cache-Control"); got != "no-store" {
		t.Errorf("GET %s Cache-Control = %q, want no-store: the page holds a name and an address", page, got)
	}
	token := strings.TrimPrefix(page, "/subscriptions/")
	otherChar := "A"
	if token[0] == 'A' {
		otherChar = "B"
	}
	paths := []string{
		"/subscriptions/1", "/subscriptions/0", "/subscriptions/abc", "/subscriptions/-1",
		"/subscriptions/" + newToken(),                   // well formed, unknown
		"/subscriptions/" + otherChar + token[1:],        // one character off
		"/subscriptions/" + token[:21],                   // one character short
		"/subscriptions/" + token + "A",                  // one character more
		"/subscriptions/" + url.PathEscape(token+"\x00"), // a NUL byte
	}
	if upper := strings.ToUpper(token); upper != token {
		paths = append(paths, "/subscriptions/"+upper) // tokens are case-sensitive
	}
	for _, path := range paths {
		html := wantHTML(t, webtest.Send(t, h, "GET", path, ""), "GET "+path, http.StatusNotFound)
		if !strings.Contains(html, "There is no such subscription.") {
			t.Errorf("GET %s is not the 404 page:\n%s", path, html)
		}
	}
}

func TestAnEmailSubscribesOnce(t *testing.T) {
	h, _ := newHandler(t)
	post(h, url.Values{"name": {"Ada"}, "email": {"ada@example.com"}}).WantStatus(t, http.StatusSeeOther)
	html := wantHTML(t, post(h, url.Values{"name": {"Ada again"}, "email": {"ADA@example.com"}}), "second POST", http.StatusUnprocessableEntity)
	if block := fieldBlock(t, html, "email"); !strings.Contains(block, "This email is already subscribed") {
		t.Errorf("the email field lacks the duplicate error:\n%s", block)
	}
	if !strings.Contains(fieldBlock(t, html, "name"), `value="Ada again"`) {
		t.Error("the name is not pre-filled after a duplicate")
	}

	t.Run("of 20 concurrent sign-ups of one address, one wins", func(t *testing.T) {
		h, _ := newHandler(t)
		var mu sync.Mutex
		codes := map[int]int{}
		var wg sync.WaitGroup
		for range 20 {
			wg.Go(func() {
				w := post(h, url.Values{"name": {"Bob"}, "email": {"bob@example.com"}})
				mu.Lock()
				codes[w.Code]++
				mu.Unlock()
			})
		}
		wg.Wait()
		if codes[http.StatusSeeOther] != 1 || codes[http.StatusUnprocessableEntity] != 19 {
			t.Errorf("statuses = %v, want one 303 and nineteen 422s", codes)
		}
	})
}

func TestCrossSitePostsAreRefused(t *testing.T) {
	values := url.Values{"name": {"Eve"}, "email": {"eve@example.com"}}
	tests := []struct {
		name    string
		headers []string
		want    int
	}{
		{"a browser's cross-site post", []string{"Sec-Fetch-Site", "cross-site"}, http.StatusForbidden},
		{"an old browser's post with a foreign Origin", []string{"Origin", "https://evil.example"}, http.StatusForbidden},
		{"a same-origin post", []string{"Sec-Fetch-Site", "same-origin"}, http.StatusSeeOther},
		{"a post typed into the address bar's origin", []string{"Origin", "http://example.com"}, http.StatusSeeOther},
		{"a post from a tool like curl (no browser headers)", nil, http.StatusSeeOther},
	}
	for _, tt := range tests {
		t.Run("answers "+http.StatusText(tt.want)+" to "+tt.name, func(t *testing.T) {
			h, store := newHandler(t)
			w := post(h, values, tt.headers...)
			w.WantStatus(t, tt.want)
			if stored := store.Len() == 1; stored != (tt.want == http.StatusSeeOther) {
				t.Errorf("stored = %v after %d", stored, w.Code)
			}
			if tt.want == http.StatusForbidden && !strings.Contains(w.Body.String(), "Forms may only be sent from this site.") {
				t.Errorf("the 403 is not the HTML refusal page:\n%s", w.Body)
			}
		})
	}
}

func TestTheFormBodyIsCapped(t *testing.T) {
	h, _ := newHandler(t)
	w := post(h, url.Values{"name": {strings.Repeat("n", maxFormBytes)}, "email": {"a@example.com"}})
	if html := wantHTML(t, w, "POST /subscribe (64 KiB)", http.StatusRequestEntityTooLarge); !strings.Contains(html, "Request body too large") {
		t.Errorf("the 413 page lacks its message:\n%s", html)
	}
	r := httptest.NewRequest("POST", "/subscribe", strings.NewReader(`{"name":"Ada"}`))
	r.Header.Set("Content-Type", "application/json")
	wantHTML(t, webtest.Do(h, r), "POST /subscribe (JSON)", http.StatusUnsupportedMediaType)
}

func TestParsePagesFailsAtStartOnABrokenTemplate(t *testing.T) {
	broken := fstest.MapFS{
		"templates/layout.html":  {Data: []byte(`{{define "layout"}}{{block "content" .}}{{end}}{{end}}`)},
		"templates/form.html":    {Data: []byte(`{{define "content"}}{{.Name}{{end}}`)},
		"templates/success.html": {Data: []byte(`{{define "content"}}ok{{end}}`)},
		"templates/error.html":   {Data: []byte(`{{define "content"}}ok{{end}}`)},
	}
	if _, err := ParsePages(broken, slog.New(slog.DiscardHandler)); err == nil {
		t.Error("ParsePages accepted a template with a syntax error")
	}
}

func TestSubscriptionTokensAreRandomNotCounted(t *testing.T) {
	h, _ := newHandler(t)
	seen := map[string]bool{}
	for i := range 200 {
		w := post(h, url.Values{"name": {"Reader"}, "email": {"reader" + strconv.Itoa(i) + "@example.com"}})
		w.WantStatus(t, http.StatusSeeOther)
		page := w.Header().Get("Location")
		if !subscriptionPath.MatchString(page) {
			t.Fatalf("Location = %q, want /subscriptions/{22 base64url characters}", page)
		}
		token := strings.TrimPrefix(page, "/subscriptions/")
		if b, err := base64.RawURLEncoding.DecodeString(token); err != nil || len(b) < 16 {
			t.Fatalf("token %q is not 128 bits of base64url (%d bytes, %v)", token, len(b), err)
		}
		if seen[token] {
			t.Fatalf("token %q was given twice", token)
		}
		seen[token] = true
	}
	for _, path := range []string{"/subscriptions/1", "/subscriptions/200"} {
		wantHTML(t, webtest.Send(t, h, "GET", path, ""), "GET "+path+" (counting)", http.StatusNotFound)
	}
}

func TestTheStoreIsBounded(t *testing.T) {
	h, store := newHandlerOver(t, NewStore(3))
	pages := map[string]string{} // Location → name
	for _, name := range []string{"Ada", "Grace", "Edsger"} {
		w := post(h, url.Values{"name": {name}, "email": {strings.ToLower(name) + "@example.com"}})
		w.WantStatus(t, http.StatusSeeOther)
		pages[w.Header().Get("Location")] = name
	}

	w := post(h, url.Values{"name": {"Barbara"}, "email": {"barbara@example.com"}})
	html := wantHTML(t, w, "POST /subscribe (a fourth, in a store of 3)", http.StatusInsufficientStorage)
	for _, want := range []string{"<!DOCTYPE html>", "<main>", "Storage limit reached", `<a href="/">`} {
		if !strings.Contains(html, want) {
			t.Errorf("the 507 page lacks %s: it must say so in the site's layout:\n%s", want, html)
		}
	}
	html = wantHTML(t, post(h, url.Values{"name": {"Ada"}, "email": {"ADA@example.com"}}), "POST /subscribe (a duplicate, store full)", http.StatusUnprocessableEntity)
	if !strings.Contains(fieldBlock(t, html, "email"), "This email is already subscribed") {
		t.Error("a duplicate in a full store is not told it is a duplicate")
	}

	if n := store.Len(); n != 3 {
		t.Errorf("store holds %d subscriptions, want 3", n)
	}
	for page, name := range pages {
		html := wantHTML(t, webtest.Send(t, h, "GET", page, ""), "GET "+page+" (after the 507)", http.StatusOK)
		if !strings.Contains(html, "Thank you, "+name+"!") {
			t.Errorf("%s's subscription was lost:\n%s", name, html)
		}
	}

	t.Run("of 20 concurrent sign-ups into room for 5, five are stored", func(t *testing.T) {
		h, store := newHandlerOver(t, NewStore(5))
		var mu sync.Mutex
		codes := map[int]int{}
		var wg sync.WaitGroup
		for i := range 20 {
			wg.Go(func() {
				w := post(h, url.Values{"name": {"Bob"}, "email": {"bob" + strconv.Itoa(i) + "@example.com"}})
				mu.Lock()
				codes[w.Code]++
				mu.Unlock()
			})
		}
		wg.Wait()
		if codes[http.StatusSeeOther] != 5 || codes[http.StatusInsufficientStorage] != 15 || store.Len() != 5 {
			t.Errorf("statuses = %v with %d stored, want five 303s, fifteen 507s, 5 stored", codes, store.Len())
		}
	})
}

// failingStore is a store whose every Add fails with err.
type failingStore struct{ err error }

func (s failingStore) Add(name, email string) (Subscription, error) { return Subscription{}, s.err }

func TestOnlyADuplicateIsToldItIsSubscribed(t *testing.T) {
	form := url.Values{"name": {"Ada"}, "email": {"ada@example.com"}}
	tests := []struct {
		name   string
		err    error
		status int
		want   string
	}{
		{"a duplicate is told so beside the email", ErrSubscribed, http.StatusUnprocessableEntity, "This email is already subscribed"},
		{"a duplicate wrapped by the store is too", fmt.Errorf("add: %w", ErrSubscribed), http.StatusUnprocessableEntity, "This email is already subscribed"},
		{"a full store is the 507 page", ErrFull, http.StatusInsufficientStorage, "Storage limit reached"},
		{"any other failure is the 500 page", errors.New("disk on fire"), http.StatusInternalServerError, "Something went wrong on our side"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var log bytes.Buffer
			pages, err := ParsePages(templateFS, slog.New(slog.DiscardHandler))
			if err != nil {
				t.Fatal(err)
			}
			h := web.LogRequests(slog.New(slog.NewTextHandler(&log, nil)), handleSubscribe(pages, failingStore{tt.err}))
			req := "POST /subscribe (Add fails: " + tt.err.Error() + ")"
			html := wantHTML(t, post(h, form), req, tt.status)
			if !strings.Contains(html, tt.want) {
				t.Errorf("%s page lacks %q:\n%s", req, tt.want, html)
			}
			if tt.status != http.StatusUnprocessableEntity && strings.Contains(html, "already subscribed") {
				t.Errorf("%s says the email is already subscribed:\n%s", req, html)
			}
			if tt.status == http.StatusInternalServerError {
				if strings.Contains(html, tt.err.Error()) {
					t.Errorf("%s shows the cause to the client:\n%s", req, html)
				}
				if !strings.Contains(log.String(), tt.err.Error()) {
					t.Errorf("%s did not log its cause; log:\n%s", req, log.String())
				}
			}
		})
	}
}

func TestUnknownPathsAndWrongMethodsArePagesNotJSON(t *testing.T) {
	h, _ := newHandler(t)
	tests := []struct {
		method, path string
		wantStatus   int
		wantAllow    string
		wantText     string
	}{
		{"GET", "/nope", http.StatusNotFound, "", "There is no page at this address."},
		{"GET", "/subscriptions/", http.StatusNotFound, "", "There is no page at this address."},
		{"DELETE", "/subscribe", http.StatusMethodNotAllowed, "POST", "This page cannot be used that way."},
		{"PUT", "/", http.StatusMethodNotAllowed, "GET, HEAD", "This page cannot be used that way."},
	}
	for _, tt := range tests {
		t.Run("answers "+tt.method+" "+tt.path+" with a page", func(t *testing.T) {
			w := webtest.Do(h, httptest.NewRequest(tt.method, tt.path, nil))
			w.WantStatus(t, tt.wantStatus)
			if ct := w.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("%s %s Content-Type = %q, want text/html; charset=utf-8", tt.method, tt.path, ct)
			}
			if got := w.Header().Get("Allow"); got != tt.wantAllow {
				t.Errorf("%s %s Allow = %q, want %q", tt.method, tt.path, got, tt.wantAllow)
			}
			if body := w.Body.String(); !strings.Contains(body, "<html") || !strings.Contains(body, tt.wantText) {
				t.Errorf("%s %s body is not the site's page saying %q", tt.method, tt.path, tt.wantText)
			}
		})
	}
}
