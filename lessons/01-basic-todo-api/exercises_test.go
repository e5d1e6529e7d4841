//go:build exercises

package main

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"apicourse/shared/webtest"
)

// newListWithOneDone returns a handler holding todos 1 "a" (open),
// 2 "b" (completed) and 3 "c" (open).
func newListWithOneDone(t *testing.T) http.Handler {
	t.Helper()
	h := newHandler(t)
	for _, title := range []string{"a", "b", "c"} {
		create(t, h, `{"title":"`+title+`"}`)
	}
	webtest.Send(t, h, "PUT", "/todos/2", `{"completed":true}`).WantStatus(t, http.StatusOK)
	return h
}

// listIDs returns the ids GET /todos{query} answers with.
func listIDs(t *testing.T, h http.Handler, query string) []int64 {
	t.Helper()
	w := webtest.Send(t, h, "GET", "/todos"+query, "")
	w.WantStatus(t, http.StatusOK)
	ids := []int64{}
	for _, todo := range webtest.Decode[[]Todo](t, w) {
		ids = append(ids, todo.ID)
	}
	return ids
}

// Exercise 1: GET /todos?completed=true|false lists only the completed (or
// open) todos; without the parameter, all of them; any other value is 422.
func TestExercise1FilterByCompleted(t *testing.T) {
	docs := webtest.DocsLast(t) // openapi.json is held to the answers in the last step, once they are right
	h := newListWithOneDone(t)
	tests := []struct {
		query   string
		wantIDs []int64
	}{
		{"", []int64{1, 2, 3}},
		{"?completed=true", []int64{2}},
		{"?completed=false", []int64{1, 3}},
	}
	for _, tt := range tests {
		ok := t.Run("GET /todos"+tt.query+" lists the right todos", func(t *testing.T) {
			if got := listIDs(t, h, tt.query); !slices.Equal(got, tt.wantIDs) {
				t.Errorf("GET /todos%s ids = %v, want %v", tt.query, got, tt.wantIDs)
			}
		})
		if !ok {
			return // one failure at a time
		}
	}
	t.Run("an empty result is [], not null", func(t *testing.T) {
		w := webtest.Send(t, newHandler(t), "GET", "/todos?completed=true", "")
		if got := strings.TrimSpace(w.Body.String()); got != "[]" {
			t.Errorf("GET /todos?completed=true on an empty list = %s, want []", got)
		}
	})
	t.Run("rejects completed=maybe with 422 bool_parsing at query.completed", func(t *testing.T) {
		w := webtest.Send(t, h, "GET", "/todos?completed=maybe", "")
		if w.Code != http.StatusUnprocessableEntity { // the body would be the whole list
			t.Fatalf("GET /todos?completed=maybe status = %d, want 422 with bool_parsing at query.completed", w.Code)
		}
		w.WantProblem(t, "bool_parsing", "query.completed")
	})
	t.Run("openapi.json documents every answer above", docs.Want)
}

// Exercise 2: DELETE /todos?completed=true removes every completed todo and
// answers 204; without completed=true it must not delete anything (422).
func TestExercise2ClearCompleted(t *testing.T) {
	docs := webtest.DocsLast(t)
	h := newListWithOneDone(t)
	w := webtest.Send(t, h, "DELETE", "/todos?completed=true", "")
	w.WantStatus(t, http.StatusNoContent)
	if got := listIDs(t, h, ""); !slices.Equal(got, []int64{1, 3}) {
		t.Errorf("after clearing, ids = %v, want [1 3]", got)
	}
	t.Run("refuses a bare DELETE /todos, which would be too easy to send by mistake", func(t *testing.T) {
		w := webtest.Send(t, h, "DELETE", "/todos", "")
		w.WantProblem(t, "missing", "query.completed")
		if got := listIDs(t, h, ""); !slices.Equal(got, []int64{1, 3}) {
			t.Errorf("after a refused DELETE /todos, ids = %v, want [1 3]", got)
		}
	})
	t.Run("openapi.json documents every answer above", docs.Want)
}

// Exercise 3: optimistic concurrency. GET and PUT answer with an ETag that
// changes whenever the todo changes; a PUT with an If-Match that is not the
// current ETag is refused with 412 and changes nothing.
func TestExercise3EtagsPreventLostUpdates(t *testing.T) {
	docs := webtest.DocsLast(t)
	h := newHandler(t)
	create(t, h, `{"title":"a"}`)
	first := webtest.Send(t, h, "GET", "/todos/1", "")
	etag := first.Header().Get("ETag")
	if etag == "" {
		t.Fatal("GET /todos/1 has no ETag header")
	}

	put := func(t *testing.T, ifMatch, body string) *webtest.Response {
		t.Helper()
		r := httptest.NewRequest("PUT", "/todos/1", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		if ifMatch != "" {
			r.Header.Set("If-Match", ifMatch)
		}
		return webtest.Serve(t, h, r)
	}
	w := put(t, etag, `{"title":"b"}`)
	w.WantStatus(t, http.StatusOK)
	newTag := w.Header().Get("ETag")
	if newTag == "" || newTag == etag {
		t.Fatalf("ETag after a change = %q, want a new one (was %q)", newTag, etag)
	}
	if got := webtest.Send(t, h, "GET", "/todos/1", "").Header().Get("ETag"); got != newTag {
		t.Errorf("GET /todos/1 ETag = %q, want %q as the PUT said", got, newTag)
	}

	w = put(t, etag, `{"title":"stale write"}`)
	w.WantStatus(t, http.StatusPreconditionFailed)
	w.WantJSON(t, `{"detail":"Todo was changed by someone else"}`)
	webtest.Send(t, h, "GET", "/todos/1", "").WantJSON(t, `{"id":1,"title":"b","description":null,"completed":false}`)

	t.Run("a PUT without If-Match still works", func(t *testing.T) {
		put(t, "", `{"completed":true}`).WantStatus(t, http.StatusOK)
	})
	t.Run("openapi.json documents every answer above", docs.Want)
}
