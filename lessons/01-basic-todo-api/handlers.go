package main

import (
	"errors"
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
		switch {
		case errors.Is(err, ErrFull):
			web.Error(w, r, web.ErrStorageFull) // 507 {"detail":"Storage limit reached"}
			return
		case err != nil:
			web.Error(w, r, err)
			return
		}
		web.Created(w, "/todos/"+strconv.FormatInt(todo.ID, 10), todo)
	})
}

func handleListTodos(store *Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// A full store is a 60 MB array: written 32 KiB at a time, not
		// encoded whole into a buffer that doubles as it grows.
		web.JSONArray(w, http.StatusOK, store.List())
	})
}

func handleGetTodo(store *Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := web.PathID(r, "todo_id")
		if err != nil {
			web.Error(w, r, err)
			return
		}
		todo, err := store.Get(id)
		switch {
		case errors.Is(err, ErrNotFound):
			web.Error(w, r, errTodoNotFound)
			return
		case err != nil:
			web.Error(w, r, err)
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
		switch {
		case errors.Is(err, ErrNotFound):
			web.Error(w, r, errTodoNotFound)
			return
		case err != nil:
			web.Error(w, r, err)
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
		err = store.Delete(id)
		switch {
		case errors.Is(err, ErrNotFound):
			web.Error(w, r, errTodoNotFound)
			return
		case err != nil:
			web.Error(w, r, err)
			return
		}
		web.NoContent(w)
	})
}
