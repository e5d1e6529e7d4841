package main

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"

	"apicourse/shared/web"
)

// The limits of a todo's fields, checked on create and on update.
var (
	titleLength       = web.Length(1, 200)
	descriptionLength = web.Length(0, 2000)
)

// errTodoNotFound is what a client sees for an id that is not in the store.
var errTodoNotFound = web.Errorf(http.StatusNotFound, "Todo not found")

func handleCreateTodo(store *Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The request body: id and completed are the server's, so a client
		// that sends them gets extra_forbidden.
		var in struct {
			Title       string
			Description *string
		}
		err := web.DecodeJSON(w, r,
			web.Field("title", &in.Title, titleLength),
			web.Nullable("description", &in.Description, descriptionLength),
		)
		if err != nil {
			web.Error(w, r, err)
			return
		}
		todo, err := store.Create(in.Title, in.Description)
		if err != nil {
			web.Error(w, r, storeError(err))
			return
		}
		web.Created(w, "/todos/"+strconv.FormatInt(todo.ID, 10), todo)
	})
}

func handleListTodos(store *Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeTodos(w, store.List())
	})
}

// todosPerWrite is how many todos writeTodos encodes at a time: for the
// largest todos, about 600 KB of JSON.
const todosPerWrite = 100

// writeTodos writes todos as one JSON array, todosPerWrite at a time. A
// store full of the largest todos is a 60 MB array: encoded whole
// (web.JSON), each GET /todos would hold two or three times that until it
// is sent, and a few concurrent ones gigabytes. Written in pieces, a GET
// holds the list's copy (its strings are shared with the store) and one
// piece of the answer.
func writeTodos(w http.ResponseWriter, todos []Todo) {
	if len(todos) <= todosPerWrite {
		web.JSON(w, http.StatusOK, todos) // one piece anyway: the usual way is the fastest
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	for start := 0; start < len(todos); start += todosPerWrite {
		b, _ := json.Marshal(todos[start:min(start+todosPerWrite, len(todos))]) // strings, bools and ints always encode
		// b is "[t1,t2,...]": the first piece opens the array, the next
		// ones go on after a comma instead, and none closes it.
		if start > 0 {
			b[0] = ','
		}
		if _, err := w.Write(b[:len(b)-1]); err != nil {
			return // the client left
		}
	}
	_, _ = io.WriteString(w, "]\n")
}

func handleGetTodo(store *Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := web.PathID(r, "todo_id")
		if err != nil {
			web.Error(w, r, err)
			return
		}
		todo, err := store.Get(id)
		if err != nil {
			web.Error(w, r, storeError(err))
			return
		}
		web.JSON(w, http.StatusOK, todo)
	})
}

func handleUpdateTodo(store *Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, idErr := web.PathID(r, "todo_id")
		// Every field is optional; only the ones sent change.
		// "description": null clears it, "title": null is a type error.
		var in struct {
			Title       web.Optional[string]
			Description web.Optional[string]
			Completed   web.Optional[bool]
		}
		err := web.DecodeJSON(w, r,
			web.IfSent("title", &in.Title, titleLength),
			web.IfSentOrNull("description", &in.Description, descriptionLength),
			web.IfSent("completed", &in.Completed),
		)
		// A bad id and a bad body are reported together, the path first.
		if err := web.Collect(idErr, err); err != nil {
			web.Error(w, r, err)
			return
		}
		todo, err := store.Update(id, func(t *Todo) {
			if in.Title.Set {
				t.Title = in.Title.Value
			}
			if in.Description.Set {
				t.Description = nil
				if !in.Description.Null {
					t.Description = &in.Description.Value
				}
			}
			if in.Completed.Set {
				t.Completed = in.Completed.Value
			}
		})
		if err != nil {
			web.Error(w, r, storeError(err))
			return
		}
		web.JSON(w, http.StatusOK, todo)
	})
}

func handleDeleteTodo(store *Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := web.PathID(r, "todo_id")
		if err != nil {
			web.Error(w, r, err)
			return
		}
		if err := store.Delete(id); err != nil {
			web.Error(w, r, storeError(err))
			return
		}
		web.NoContent(w)
	})
}

// storeError turns the store's errors into what the client should see.
func storeError(err error) error {
	switch {
	case errors.Is(err, ErrNotFound):
		return errTodoNotFound
	case errors.Is(err, ErrFull):
		return web.ErrStorageFull // 507 {"detail":"Storage limit reached"}
	}
	return err
}
