package webtest

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"apicourse/shared/apidoc"
	"apicourse/shared/web"
)

// Routes records the patterns a lesson's addRoutes registers. It is a
// web.Mux, so a test passes it where the program passes an *http.ServeMux,
// and the routes it compares with openapi.json are the real registrations.
type Routes struct {
	patterns []string
}

// Handle records pattern; the handler is not needed.
func (r *Routes) Handle(pattern string, _ http.Handler) {
	if !slices.Contains(apidoc.Patterns(), pattern) {
		r.patterns = append(r.patterns, pattern)
	}
}

// Under returns a web.Mux that records into r with prefix in front of each
// path: a router mounted at prefix (lesson 09's versions) registers on it.
func (r *Routes) Under(prefix string) web.Mux { return prefixed{r, prefix} }

type prefixed struct {
	r      *Routes
	prefix string
}

func (p prefixed) Handle(pattern string, h http.Handler) {
	method, path, hasMethod := strings.Cut(pattern, " ")
	if !hasMethod {
		method, path = "", pattern
	}
	p.r.Handle(strings.TrimSpace(method+" "+p.prefix+path), h)
}

// addToDocument is the next step for a route openapi.json lacks: an
// exercise that adds a route shows, in its text, what to write.
const addToDocument = "add it to openapi.json (the exercise's text in README.md shows what to write)"

// WantRoutes fails the test unless the routes recorded in r and the
// operations of the document are the same set. A subtree pattern
// ("GET /static/", "/v1/") stands for the documented operations below it.
func (a *API) WantRoutes(t testing.TB, r *Routes) {
	t.Helper()
	ops := a.Operations()
	covered := map[string]bool{}
	var subtrees []string
	for _, p := range r.patterns {
		method, path := splitPattern(p)
		if strings.HasSuffix(p, "/") { // no {$}: the pattern matches every path below
			subtrees = append(subtrees, p)
			continue
		}
		found := false
		for _, op := range ops {
			opMethod, opPath := splitPattern(op)
			if opPath == path && (method == "" || method == opMethod) {
				covered[op], found = true, true
			}
		}
		if !found {
			t.Errorf("routes.go registers %q; openapi.json has no operation for it: %s", p, addToDocument)
		}
	}
	for _, p := range subtrees {
		method, prefix := splitPattern(p)
		found := false
		for _, op := range ops {
			opMethod, opPath := splitPattern(op)
			if strings.HasPrefix(opPath, prefix) && (method == "" || method == opMethod) {
				found, covered[op] = true, true
			}
		}
		if !found {
			t.Errorf("routes.go registers %q; openapi.json documents nothing below it: %s", p, addToDocument)
		}
	}
	for _, op := range ops {
		if !covered[op] {
			t.Errorf("openapi.json documents %q; routes.go registers no route for it: add the route to routes.go, or take the operation out of openapi.json", op)
		}
	}
}

// splitPattern turns a ServeMux pattern into its method and the path as
// OpenAPI writes it: "GET /{$}" → "GET", "/"; "{name...}" → "{name}".
func splitPattern(p string) (method, path string) {
	method, path, ok := strings.Cut(p, " ")
	if !ok {
		method, path = "", p
	}
	path = strings.TrimSuffix(path, "{$}")
	path = strings.ReplaceAll(path, "...}", "}")
	if path != "/" && strings.HasSuffix(p, "{$}") {
		path = strings.TrimSuffix(path, "/")
	}
	return method, path
}
