package main

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"apicourse/shared/web"
)

// answer turns the store's errors into what a client sees: the one place
// that maps them. Anything else stays an error, which web.Error answers
// with a 500 and logs.
func answer(err error) error {
	switch {
	case errors.Is(err, ErrNotFound):
		return web.Errorf(http.StatusNotFound, "Todo not found")
	case errors.Is(err, ErrFull):
		return web.ErrStorageFull // 507 {"detail":"Storage limit reached"}
	}
	return err
}

// todoID reads {todo_id} from the path as FastAPI reads `todo_id: int`:
// anything but a positive decimal integer is a 422 int_parsing. Only the
// usual way of writing it is an id, so that a todo has one URL.
func todoID(r *http.Request) (int64, error) {
	s := r.PathValue("todo_id")
	id, err := strconv.ParseInt(s, 10, 64)
	var p web.Problems
	switch {
	case err != nil, strconv.FormatInt(id, 10) != s: // ParseInt takes "+1" and "01" too
		p.Add("int_parsing", "Input should be a valid integer, unable to parse string as an integer", "path", "todo_id")
	case id < 1:
		p.Add("int_parsing", "Input should be a positive integer", "path", "todo_id")
	}
	return id, p.Err()
}

// todoCreate is the body of POST /todos: id and completed are the
// server's, so a client that sends them gets extra_forbidden.
type todoCreate struct {
	Title       string  `json:"title"`       // required
	Description *string `json:"description"` // may be left out or null
}

// Valid checks what the types cannot, as FastAPI's Field(...) does.
func (in *todoCreate) Valid(p *web.Problems) {
	p.NotBlank(in.Title, "title")
	p.MaxLength(in.Title, 200, "title")
	if in.Description != nil {
		p.MaxLength(*in.Description, 2000, "description")
	}
}

// todoUpdate is the body of PUT /todos/{todo_id}: every member may be
// left out, and only the ones sent change. "description": null clears it;
// "title": null is a type error.
type todoUpdate struct {
	Title       web.Optional[string]  `json:"title"`
	Description web.Optional[*string] `json:"description"`
	Completed   web.Optional[bool]    `json:"completed"`
}

// Valid checks the members that were sent.
func (in *todoUpdate) Valid(p *web.Problems) {
	if in.Title.Set {
		p.NotBlank(in.Title.Value, "title")
		p.MaxLength(in.Title.Value, 200, "title")
	}
	if in.Description.Value != nil {
		p.MaxLength(*in.Description.Value, 2000, "description")
	}
}

func handleCreateTodo(store *Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		in, err := web.Decode[todoCreate](w, r)
		if err != nil {
			web.Error(w, r, err)
			return
		}
		todo, err := store.Create(in.Title, in.Description)
		if err != nil {
			web.Error(w, r, answer(err))
			return
		}
		w.Header().Set("Location", "/todos/"+strconv.FormatInt(todo.ID, 10))
		writeJSON(w, r, http.StatusCreated, todo)
	})
}

func handleListTodos(store *Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// A full store is a 60 MB array: written 32 KiB at a time, not
		// encoded whole into a buffer that doubles as it grows.
		web.JSONArray(w, r, http.StatusOK, store.List())
	})
}

func handleGetTodo(store *Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := todoID(r)
		if err != nil {
			web.Error(w, r, err)
			return
		}
		todo, err := store.Get(id)
		if err != nil {
			web.Error(w, r, answer(err))
			return
		}
		writeJSON(w, r, http.StatusOK, todo)
	})
}

func handleUpdateTodo(store *Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, idErr := todoID(r)
		in, err := web.Decode[todoUpdate](w, r)
		// A bad id and a bad body are one 422, the path first, as in FastAPI.
		if err := errors.Join(idErr, err); err != nil {
			web.Error(w, r, err)
			return
		}
		todo, err := store.Update(id, func(t *Todo) {
			if in.Title.Set {
				t.Title = in.Title.Value
			}
			if in.Description.Set {
				t.Description = in.Description.Value // nil when null: cleared
			}
			if in.Completed.Set {
				t.Completed = in.Completed.Value
			}
		})
		if err != nil {
			web.Error(w, r, answer(err))
			return
		}
		writeJSON(w, r, http.StatusOK, todo)
	})
}

func handleDeleteTodo(store *Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := todoID(r)
		if err != nil {
			web.Error(w, r, err)
			return
		}
		if err := store.Delete(id); err != nil {
			web.Error(w, r, answer(err))
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

// writeJSON is the standard library's way to answer with JSON, written out
// once here; later lessons call web.JSON, which does the same (and skips
// the encoding for a HEAD, whose body nobody gets). It encodes
// first, so a value that cannot be encoded is a logged 500, never a 2xx
// with an empty body.
func writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(body, '\n')) // a failed write means the client left
}
