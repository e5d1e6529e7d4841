package webtest

import (
	"fmt"
	"net/http"
	"slices"
	"testing"

	"apicourse/shared/apidoc"
)

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

func TestWantRoutesPassesWhenRoutesAndDocumentAgree(t *testing.T) {
	api := ParseAPI(t, []byte(testDoc))
	var routes Routes
	routes.Handle("GET /items", nil)
	routes.Handle("POST /items", nil)
	routes.Handle("DELETE /items/{id}", nil)
	routes.Handle("GET /items/special", nil)
	apidoc.Register(&routes, nil) // the docs routes are left out of the comparison
	rec := &recordingTB{TB: t}
	api.WantRoutes(rec, &routes)
	if len(rec.errors) > 0 {
		t.Errorf("WantRoutes reported %q, want nothing", rec.errors)
	}
}

func TestWantRoutesNamesEveryDifference(t *testing.T) {
	api := ParseAPI(t, []byte(testDoc))
	var routes Routes
	routes.Handle("GET /items", nil)
	routes.Handle("POST /items", nil)
	routes.Handle("GET /items/special", nil)
	routes.Handle("PUT /items/{id}", nil) // not documented
	rec := &recordingTB{TB: t}
	api.WantRoutes(rec, &routes)
	want := []string{
		`routes.go registers "PUT /items/{id}", which openapi.json lacks: ` +
			`document it there (the exercise's text in README.md shows what to write)`,
		`openapi.json documents "DELETE /items/{id}"; routes.go registers no route for it: ` +
			`add the route to routes.go, or take the operation out of openapi.json`,
	}
	if !slices.Equal(rec.errors, want) {
		t.Errorf("WantRoutes reported %q, want %q", rec.errors, want)
	}
}

func TestWantRoutesLetsASubtreeCoverTheOperationsBelowIt(t *testing.T) {
	api := ParseAPI(t, []byte(`{"openapi":"3.1.0","paths":{
		"/":{"get":{"responses":{}}},
		"/static/uploads/{name}":{"get":{"responses":{}}},
		"/v1/items":{"get":{"responses":{}}}}}`))
	var routes Routes
	routes.Handle("GET /{$}", nil)
	routes.Handle("GET /static/", nil)
	v1 := routes.Under("/v1")
	v1.Handle("GET /items", http.NotFoundHandler())
	routes.Handle("/v1/", nil)
	rec := &recordingTB{TB: t}
	api.WantRoutes(rec, &routes)
	if len(rec.errors) > 0 {
		t.Errorf("WantRoutes reported %q, want nothing", rec.errors)
	}

	routes.Handle("/v2/", nil)
	api.WantRoutes(rec, &routes)
	if want := `routes.go registers "/v2/", and openapi.json documents nothing below it: ` +
		`document it there (the exercise's text in README.md shows what to write)`; !slices.Contains(rec.errors, want) {
		t.Errorf("WantRoutes reported %q, want %q", rec.errors, want)
	}
}

func TestExerciseNamingFindsTheExerciseThatAddsARoute(t *testing.T) {
	const readme = "# Lesson\n\nSee `DELETE /todos` below.\n\n## Exercises\n\nRun one with go test.\n\n" +
		"1. **Filter by status.** `GET /todos?completed=true` lists only completed todos,\n" +
		"   and `GET /todos` all of them.\n" +
		"2. **Clear the completed ones.** `DELETE /todos?completed=true` removes every\n" +
		"   completed todo; a bare `DELETE /todos` is refused.\n" +
		"3. **Delete a post.** `DELETE /posts/{slug}` answers 204.\n\n## Hints\n\n`PUT /todos/{id}`\n"
	tests := []struct {
		method, path string
		wantNumber   string
		wantTitle    string
	}{
		{"DELETE", "/todos", "2", "Clear the completed ones"},
		{"GET", "/todos", "1", "Filter by status"},
		{"DELETE", "/posts/{slug}", "3", "Delete a post"},
		{"DELETE", "/posts", "", ""},   // only a longer path is named
		{"PUT", "/todos/{id}", "", ""}, // named after the Exercises section only
		{"", "/static/", "", ""},       // a pattern without a method
		{"POST", "/nowhere", "", ""},   // named by no exercise
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			n, title := exerciseNaming([]byte(readme), tt.method, tt.path)
			if n != tt.wantNumber || title != tt.wantTitle {
				t.Errorf("exerciseNaming(%s %s) = %q, %q; want %q, %q", tt.method, tt.path, n, title, tt.wantNumber, tt.wantTitle)
			}
		})
	}
}
