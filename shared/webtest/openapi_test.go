package webtest

import (
	"net/http"
	"slices"
	"testing"
)

// testDoc documents a small API the way a lesson's openapi.json does.
const testDoc = `{
  "openapi": "3.1.0",
  "paths": {
    "/items": {
      "get": {
        "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer"}}],
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}}}}}}
      },
      "post": {
        "responses": {
          "201": {"description": "made", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}},
          "422": {"$ref": "#/components/responses/Invalid"}
        }
      }
    },
    "/items/{id}": {
      "parameters": [{"$ref": "#/components/parameters/ID"}],
      "delete": {"responses": {"204": {"description": "gone"}, "4XX": {"description": "refused", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Detail"}}}}}}
    },
    "/items/special": {
      "get": {"responses": {"200": {"description": "a page", "content": {"text/html": {}}}}}
    }
  },
  "components": {
    "parameters": {"ID": {"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}},
    "schemas": {
      "Item": {"type": "object", "required": ["id"], "additionalProperties": false, "properties": {"id": {"type": "integer"}}},
      "Detail": {"type": "object", "required": ["detail"], "properties": {"detail": {"type": "string"}}}
    },
    "responses": {"Invalid": {"description": "invalid", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Detail"}}}}}
  }
}`

func jsonHeader(ct string) http.Header { return http.Header{"Content-Type": {ct}} }

func TestCheckResponseAcceptsWhatTheDocumentPromises(t *testing.T) {
	api := ParseAPI(t, []byte(testDoc))
	tests := []struct {
		name, method, path string
		status             int
		contentType, body  string
	}{
		{"a list of items", "GET", "/items", 200, "application/json", `[{"id":1}]`},
		{"a HEAD answered as the GET", "HEAD", "/items", 200, "application/json", `[]`},
		{"a component response by $ref", "POST", "/items", 422, "application/json", `{"detail":"bad"}`},
		{"a 4XX range", "DELETE", "/items/3", 404, "application/json", `{"detail":"Item not found"}`},
		{"an empty 204", "DELETE", "/items/3", 204, "", ``},
		{"a literal segment over a parameter", "GET", "/items/special", 200, "text/html; charset=utf-8", `<p>hi</p>`},
		{"the mux's 405 on an undocumented method", "PATCH", "/items", 405, "application/json", `{"detail":"Method Not Allowed"}`},
		{"the mux's 404 on a path the document does not describe", "GET", "/nope", 404, "application/json", `{"detail":"Not Found"}`},
		{"the mux's redirect to a clean path", "GET", "/static/../go.mod", 307, "text/html; charset=utf-8", `<a href="/go.mod">Temporary Redirect</a>.`},
		{"the page that shows the document", "GET", "/docs/page.js", 200, "text/javascript; charset=utf-8", `"use strict";`},
	}
	for _, tt := range tests {
		t.Run("accepts "+tt.name, func(t *testing.T) {
			if errs := api.CheckResponse(tt.method, tt.path, tt.status, jsonHeader(tt.contentType), []byte(tt.body)); len(errs) > 0 {
				t.Errorf("CheckResponse(%s %s → %d) = %q, want none", tt.method, tt.path, tt.status, errs)
			}
		})
	}
}

func TestCheckResponseRefusesWhatTheDocumentDoesNotSay(t *testing.T) {
	api := ParseAPI(t, []byte(testDoc))
	tests := []struct {
		name, method, path string
		status             int
		contentType, body  string
		want               string
	}{
		{"an undocumented status", "POST", "/items", 409, "application/json", `{"detail":"x"}`, "status 409 is not documented for POST"},
		{"a body off its schema", "POST", "/items", 201, "application/json", `{"id":"1"}`, `$.id: "1" is string, want integer`},
		{"an undocumented member", "GET", "/items", 200, "application/json", `[{"id":1,"secret":"x"}]`, `$[0]: member "secret" is not in the schema`},
		{"an undocumented Content-Type", "GET", "/items", 200, "text/plain", `[]`, "Content-Type text/plain is not documented (want one of [application/json])"},
		{"a body where none is documented", "DELETE", "/items/3", 204, "", `x`, "a body of 1 bytes, but the document gives this status no content"},
		{"a body that is not JSON", "GET", "/items", 200, "application/json", `[`, "body is not JSON: unexpected EOF"},
		{"an undocumented method that was answered", "PUT", "/items", 200, "application/json", `{}`, "the document has no PUT operation on this path"},
		{"an answer on a path the document does not describe", "GET", "/items/3/notes", 200, "application/json", `[]`, "the document has no path /items/3/notes"},
	}
	for _, tt := range tests {
		t.Run("refuses "+tt.name, func(t *testing.T) {
			errs := api.CheckResponse(tt.method, tt.path, tt.status, jsonHeader(tt.contentType), []byte(tt.body))
			if !slices.Contains(errs, tt.want) {
				t.Errorf("CheckResponse(%s %s → %d) = %q, want it to contain %q", tt.method, tt.path, tt.status, errs, tt.want)
			}
		})
	}
}

// recordingTB collects what a helper reports instead of failing the test,
// and runs the cleanups it was given when end is called, as a test's end
// would.
type recordingTB struct {
	testing.TB
	errors   []string
	cleanups []func()
}

func (r *recordingTB) Helper() {}
func (r *recordingTB) Errorf(format string, args ...any) {
	r.errors = append(r.errors, sprintf(format, args...))
}
func (r *recordingTB) Failed() bool     { return len(r.errors) > 0 }
func (r *recordingTB) Cleanup(f func()) { r.cleanups = append(r.cleanups, f) }

// end runs the cleanups, last first, and returns what was reported.
func (r *recordingTB) end() []string {
	for i := len(r.cleanups) - 1; i >= 0; i-- {
		r.cleanups[i]()
	}
	r.cleanups = nil
	return r.errors
}

func TestMatchTemplate(t *testing.T) {
	tests := []struct {
		template, path string
		params         int
		ok             bool
	}{
		{"/todos", "/todos", 0, true},
		{"/todos/{id}", "/todos/7", 1, true},
		{"/todos/{id}", "/todos/", 0, false},
		{"/todos/{id}", "/todos/7/x", 0, false},
		{"/a/{x}/b/{y}", "/a/1/b/2", 2, true},
		{"/", "/", 0, true},
	}
	for _, tt := range tests {
		params, ok := matchTemplate(tt.template, tt.path)
		if params != tt.params || ok != tt.ok {
			t.Errorf("matchTemplate(%q, %q) = %d, %v; want %d, %v", tt.template, tt.path, params, ok, tt.params, tt.ok)
		}
	}
}
