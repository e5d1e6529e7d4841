package main

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"apicourse/shared/webtest"
)

// newHandler returns the lesson's whole HTTP stack over an empty store of
// the default size, with every response held to openapi.json.
func newHandler(t testing.TB) http.Handler {
	t.Helper()
	return newHandlerOver(t, NewStore(DefaultMaxItems))
}

// newHandlerOver is newHandler over the given store. The log lines are
// formatted as in production, then thrown away.
func newHandlerOver(t testing.TB, store *Store) http.Handler {
	t.Helper()
	h := NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), store)
	return webtest.ParseAPI(t, openapiJSON).Check(t, h)
}

// create posts a todo and fails the test unless it is created.
func create(t testing.TB, h http.Handler, body string) Todo {
	t.Helper()
	w := webtest.Send(t, h, "POST", "/todos", body)
	w.WantStatus(t, http.StatusCreated)
	return webtest.Decode[Todo](t, w)
}

func TestCreateTodo(t *testing.T) {
	h := newHandler(t)
	w := webtest.Send(t, h, "POST", "/todos", `{"title":"Buy groceries"}`)
	w.WantStatus(t, http.StatusCreated)
	w.WantJSON(t, `{"id":1,"title":"Buy groceries","description":null,"completed":false}`)
	if got := w.Header().Get("Location"); got != "/todos/1" {
		t.Errorf("POST /todos Location = %q, want /todos/1", got)
	}
	if got := w.Header().Get("Content-Type"); got != "application/json" {
		t.Errorf("POST /todos Content-Type = %q, want application/json", got)
	}

	t.Run("keeps the description and the title as sent", func(t *testing.T) {
		todo := create(t, h, `{"title":"  Milk  ","description":"two litres"}`)
		if todo.Title != "  Milk  " || todo.Description == nil || *todo.Description != "two litres" {
			t.Errorf("created %+v, want title %q and description %q", todo, "  Milk  ", "two litres")
		}
	})
	t.Run("accepts a null description", func(t *testing.T) {
		if todo := create(t, h, `{"title":"x","description":null}`); todo.Description != nil {
			t.Errorf("description = %q, want null", *todo.Description)
		}
	})
	t.Run("accepts a title of exactly 200 characters", func(t *testing.T) {
		create(t, h, `{"title":"`+strings.Repeat("ü", 200)+`"}`)
	})
}

func TestCreateTodoRejectsBadInput(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		wantType string
		wantLoc  string
	}{
		{"a missing title", `{"description":"d"}`, "missing", "body.title"},
		{"an empty title", `{"title":""}`, "string_too_short", "body.title"},
		{"a title of only spaces", `{"title":"   "}`, "string_too_short", "body.title"},
		{"a title of 201 characters", `{"title":"` + strings.Repeat("a", 201) + `"}`, "string_too_long", "body.title"},
		{"a title that is a number", `{"title":5}`, "string_type", "body.title"},
		{"a null title", `{"title":null}`, "string_type", "body.title"},
		{"a description of 2001 characters", `{"title":"t","description":"` + strings.Repeat("d", 2001) + `"}`, "string_too_long", "body.description"},
		{"a description that is a list", `{"title":"t","description":["d"]}`, "string_type", "body.description"},
		{"a client-chosen id", `{"title":"t","id":7}`, "extra_forbidden", "body.id"},
		{"a client-chosen completed", `{"title":"t","completed":true}`, "extra_forbidden", "body.completed"},
		{"malformed JSON", `{"title":"t"`, "json_invalid", "body"},
		{"two JSON values", `{}{}`, "json_invalid", "body"},
		{"a JSON array", `[{"title":"t"}]`, "json_invalid", "body"},
	}
	for _, tt := range tests {
		t.Run("rejects "+tt.name, func(t *testing.T) {
			h := newHandler(t)
			w := webtest.Send(t, h, "POST", "/todos", tt.body)
			w.WantProblem(t, tt.wantType, tt.wantLoc)
			if list := webtest.Send(t, h, "GET", "/todos", ""); strings.TrimSpace(list.Body.String()) != "[]" {
				t.Errorf("after a rejected POST, GET /todos = %s, want []", list.Body)
			}
		})
	}
}

func TestCreateTodoReportsEveryProblemAtOnce(t *testing.T) {
	w := webtest.Send(t, newHandler(t), "POST", "/todos", `{"title":"","description":5,"id":1}`)
	w.WantStatus(t, http.StatusUnprocessableEntity)
	w.WantJSON(t, `{"detail":[
		{"type":"string_too_short","loc":["body","title"],"msg":"String should have at least 1 character"},
		{"type":"string_type","loc":["body","description"],"msg":"Input should be a valid string"},
		{"type":"extra_forbidden","loc":["body","id"],"msg":"Extra inputs are not permitted"}]}`)
}

func TestCreateTodoRefusesWrongContentTypeAndHugeBodies(t *testing.T) {
	h := newHandler(t)
	t.Run("refuses text/plain with 415", func(t *testing.T) {
		r := httptest.NewRequest("POST", "/todos", strings.NewReader(`{"title":"t"}`))
		r.Header.Set("Content-Type", "text/plain")
		w := webtest.Do(h, r)
		w.WantStatus(t, http.StatusUnsupportedMediaType)
		w.WantJSON(t, `{"detail":"Content-Type must be application/json"}`)
	})
	t.Run("accepts a body with no Content-Type", func(t *testing.T) {
		w := webtest.Do(h, httptest.NewRequest("POST", "/todos", strings.NewReader(`{"title":"t"}`)))
		w.WantStatus(t, http.StatusCreated)
	})
	t.Run("refuses a 2 MiB body with 413", func(t *testing.T) {
		w := webtest.Send(t, h, "POST", "/todos", `{"title":"`+strings.Repeat("a", 2<<20)+`"}`)
		w.WantStatus(t, http.StatusRequestEntityTooLarge)
		w.WantJSON(t, `{"detail":"Request body too large"}`)
	})
}

func TestListTodos(t *testing.T) {
	h := newHandler(t)
	t.Run("is an empty array, not null, when there are no todos", func(t *testing.T) {
		w := webtest.Send(t, h, "GET", "/todos", "")
		w.WantStatus(t, http.StatusOK)
		if got := strings.TrimSpace(w.Body.String()); got != "[]" {
			t.Errorf("GET /todos body = %s, want []", got)
		}
	})
	t.Run("lists todos ordered by id", func(t *testing.T) {
		for _, title := range []string{"a", "b", "c"} {
			create(t, h, `{"title":"`+title+`"}`)
		}
		webtest.Send(t, h, "DELETE", "/todos/2", "")
		w := webtest.Send(t, h, "GET", "/todos", "")
		w.WantJSON(t, `[{"id":1,"title":"a","description":null,"completed":false},
			{"id":3,"title":"c","description":null,"completed":false}]`)
	})
}

func TestGetTodo(t *testing.T) {
	h := newHandler(t)
	create(t, h, `{"title":"a","description":"d"}`)
	w := webtest.Send(t, h, "GET", "/todos/1", "")
	w.WantStatus(t, http.StatusOK)
	w.WantJSON(t, `{"id":1,"title":"a","description":"d","completed":false}`)

	w = webtest.Send(t, h, "GET", "/todos/2", "")
	w.WantStatus(t, http.StatusNotFound)
	w.WantJSON(t, `{"detail":"Todo not found"}`)
}

func TestTodoIDMustBeAPositiveInteger(t *testing.T) {
	h := newHandler(t)
	create(t, h, `{"title":"a"}`)
	for _, id := range []string{"abc", "-1", "0", "1.0", "99999999999999999999", "%20", "+1", "01", "-01"} {
		for _, method := range []string{"GET", "PUT", "DELETE"} {
			t.Run(method+" rejects id "+id, func(t *testing.T) {
				w := webtest.Send(t, h, method, "/todos/"+id, `{"title":"b"}`)
				w.WantProblem(t, "int_parsing", "path.todo_id")
			})
		}
	}
}

func TestUpdateTodo(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string
	}{
		{"changes only the title when only the title is sent", `{"title":"new"}`,
			`{"id":1,"title":"new","description":"d","completed":false}`},
		{"marks the todo completed", `{"completed":true}`,
			`{"id":1,"title":"old","description":"d","completed":true}`},
		{"clears the description when it is null", `{"description":null}`,
			`{"id":1,"title":"old","description":null,"completed":false}`},
		{"changes nothing for an empty object", `{}`,
			`{"id":1,"title":"old","description":"d","completed":false}`},
		{"changes every field sent", `{"title":"t","description":"e","completed":true}`,
			`{"id":1,"title":"t","description":"e","completed":true}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHandler(t)
			create(t, h, `{"title":"old","description":"d"}`)
			w := webtest.Send(t, h, "PUT", "/todos/1", tt.body)
			w.WantStatus(t, http.StatusOK)
			w.WantJSON(t, tt.want)
			webtest.Send(t, h, "GET", "/todos/1", "").WantJSON(t, tt.want)
		})
	}
}

func TestUpdateTodoRejectsBadInput(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		wantType string
		wantLoc  string
	}{
		{"a null title", `{"title":null}`, "string_type", "body.title"},
		{"an empty title", `{"title":""}`, "string_too_short", "body.title"},
		{"completed as a string", `{"completed":"yes"}`, "bool_type", "body.completed"},
		{"a null completed", `{"completed":null}`, "bool_type", "body.completed"},
		{"a changed id", `{"id":2}`, "extra_forbidden", "body.id"},
	}
	for _, tt := range tests {
		t.Run("rejects "+tt.name+" and keeps the todo", func(t *testing.T) {
			h := newHandler(t)
			create(t, h, `{"title":"old"}`)
			w := webtest.Send(t, h, "PUT", "/todos/1", tt.body)
			w.WantProblem(t, tt.wantType, tt.wantLoc)
			webtest.Send(t, h, "GET", "/todos/1", "").WantJSON(t, `{"id":1,"title":"old","description":null,"completed":false}`)
		})
	}
	t.Run("answers 404 for an absent todo", func(t *testing.T) {
		w := webtest.Send(t, newHandler(t), "PUT", "/todos/9", `{"title":"x"}`)
		w.WantStatus(t, http.StatusNotFound)
		w.WantJSON(t, `{"detail":"Todo not found"}`)
	})
}

func TestDeleteTodo(t *testing.T) {
	h := newHandler(t)
	create(t, h, `{"title":"a"}`)
	w := webtest.Send(t, h, "DELETE", "/todos/1", "")
	w.WantStatus(t, http.StatusNoContent)
	if w.Body.Len() != 0 {
		t.Errorf("DELETE /todos/1 body = %q, want empty", w.Body)
	}
	t.Run("answers 404 the second time", func(t *testing.T) {
		w := webtest.Send(t, h, "DELETE", "/todos/1", "")
		w.WantStatus(t, http.StatusNotFound)
		w.WantJSON(t, `{"detail":"Todo not found"}`)
	})
	t.Run("never reuses the id", func(t *testing.T) {
		if todo := create(t, h, `{"title":"b"}`); todo.ID != 2 {
			t.Errorf("id after deleting 1 = %d, want 2", todo.ID)
		}
	})
}

func TestUnknownPathsAndMethodsAreJSON(t *testing.T) {
	h := newHandler(t)
	tests := []struct {
		method, path string
		wantStatus   int
		wantBody     string
		wantAllow    string
	}{
		{"GET", "/nope", 404, `{"detail":"Not Found"}`, ""},
		{"GET", "/todos/1/extra", 404, `{"detail":"Not Found"}`, ""},
		{"PATCH", "/todos/1", 405, `{"detail":"Method Not Allowed"}`, "DELETE, GET, HEAD, PUT"},
		{"POST", "/todos/1", 405, `{"detail":"Method Not Allowed"}`, "DELETE, GET, HEAD, PUT"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %s is %d", tt.method, tt.path, tt.wantStatus), func(t *testing.T) {
			w := webtest.Send(t, h, tt.method, tt.path, "")
			w.WantStatus(t, tt.wantStatus)
			w.WantJSON(t, tt.wantBody)
			if got := w.Header().Get("Allow"); got != tt.wantAllow {
				t.Errorf("%s %s Allow = %q, want %q", tt.method, tt.path, got, tt.wantAllow)
			}
		})
	}
}

func TestConcurrentCreatesGetDistinctIDs(t *testing.T) {
	h := newHandler(t)
	const n = 200
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			w := webtest.Send(t, h, "POST", "/todos", fmt.Sprintf(`{"title":"todo %d"}`, i))
			if w.Code != http.StatusCreated {
				t.Errorf("concurrent POST /todos status = %d, want 201", w.Code)
			}
			webtest.Send(t, h, "GET", "/todos", "")
		})
	}
	wg.Wait()
	todos := webtest.Decode[[]Todo](t, webtest.Send(t, h, "GET", "/todos", ""))
	if len(todos) != n {
		t.Fatalf("GET /todos has %d todos, want %d", len(todos), n)
	}
	for i, todo := range todos {
		if todo.ID != int64(i+1) {
			t.Fatalf("todos[%d].id = %d, want %d (ids distinct and ordered)", i, todo.ID, i+1)
		}
	}
}

func TestUpdateTodoReportsABadIDAndABadBodyAtOnce(t *testing.T) {
	w := webtest.Send(t, newHandler(t), "PUT", "/todos/abc", `{"title":""}`)
	w.WantStatus(t, http.StatusUnprocessableEntity)
	w.WantJSON(t, `{"detail":[
		{"type":"int_parsing","loc":["path","todo_id"],"msg":"Input should be a valid integer, unable to parse string as an integer"},
		{"type":"string_too_short","loc":["body","title"],"msg":"String should have at least 1 character"}]}`)
}

func TestAFullStoreRefusesNewTodosAndKeepsTheOld(t *testing.T) {
	h := newHandlerOver(t, NewStore(3))
	for _, title := range []string{"a", "b", "c"} {
		create(t, h, `{"title":"`+title+`"}`)
	}
	const full = `[{"id":1,"title":"a","description":null,"completed":false},
		{"id":2,"title":"b","description":null,"completed":false},
		{"id":3,"title":"c","description":null,"completed":false}]`

	w := webtest.Send(t, h, "POST", "/todos", `{"title":"d"}`)
	w.WantStatus(t, http.StatusInsufficientStorage)
	w.WantJSON(t, `{"detail":"Storage limit reached"}`)
	if got := w.Header().Get("Location"); got != "" {
		t.Errorf("POST /todos into a full store Location = %q, want none", got)
	}
	webtest.Send(t, h, "GET", "/todos", "").WantJSON(t, full)

	t.Run("still changes the todos it holds", func(t *testing.T) {
		w := webtest.Send(t, h, "PUT", "/todos/3", `{"completed":true}`)
		w.WantStatus(t, http.StatusOK)
		webtest.Send(t, h, "PUT", "/todos/3", `{"completed":false}`)
	})
	t.Run("takes a todo again once one is deleted, with the next unused id", func(t *testing.T) {
		webtest.Send(t, h, "DELETE", "/todos/2", "").WantStatus(t, http.StatusNoContent)
		if todo := create(t, h, `{"title":"e"}`); todo.ID != 4 {
			t.Errorf("id after a refused create and a delete = %d, want 4 (a refused create takes no id)", todo.ID)
		}
		webtest.Send(t, h, "POST", "/todos", `{"title":"f"}`).WantStatus(t, http.StatusInsufficientStorage)
	})
}

func TestConcurrentCreatesNeverOverfillTheStore(t *testing.T) {
	const limit, clients = 5, 40
	h := newHandlerOver(t, NewStore(limit))
	var mu sync.Mutex
	codes := map[int]int{}
	var wg sync.WaitGroup
	for i := range clients {
		wg.Go(func() {
			w := webtest.Send(t, h, "POST", "/todos", fmt.Sprintf(`{"title":"todo %d"}`, i))
			mu.Lock()
			codes[w.Code]++
			mu.Unlock()
		})
	}
	wg.Wait()
	if codes[http.StatusCreated] != limit || codes[http.StatusInsufficientStorage] != clients-limit {
		t.Errorf("statuses = %v, want %d × 201 and %d × 507", codes, limit, clients-limit)
	}
	if todos := webtest.Decode[[]Todo](t, webtest.Send(t, h, "GET", "/todos", "")); len(todos) != limit {
		t.Errorf("GET /todos has %d todos, want %d", len(todos), limit)
	}
}
