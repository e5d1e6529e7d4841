package webtest

import (
	"fmt"
	"net/http"
	"os"
	"regexp"
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
// exercise that adds a route shows, in its text, what to write. When the
// lesson's README.md names the route in an exercise, the step names it.
func addToDocument(method, path string) string {
	readme, _ := os.ReadFile("README.md") // the lesson's: go test runs in its folder
	if n, title := exerciseNaming(readme, method, path); n != "" {
		return fmt.Sprintf("document it there, as exercise %s (%s) in README.md shows", n, title)
	}
	return "document it there (the exercise's text in README.md shows what to write)"
}

// exerciseItem is "2. **Clear the completed ones.** ..." in a README's
// Exercises section.
var exerciseItem = regexp.MustCompile(`^(\d+)\. \*\*(.+?)\.?\*\*`)

// exerciseNaming returns the number and title of the first exercise in a
// README whose text names the route as `METHOD /path` or
// `METHOD /path?query`; "" if none does.
func exerciseNaming(readme []byte, method, path string) (number, title string) {
	_, section, _ := strings.Cut(string(readme), "\n## Exercises")
	section, _, _ = strings.Cut(section, "\n## ")
	route := "`" + method + " " + path
	names := func(item string) bool {
		_, rest, found := strings.Cut(item, route)
		return found && (strings.HasPrefix(rest, "`") || strings.HasPrefix(rest, "?"))
	}
	var item string // the text of the exercise being read
	for line := range strings.Lines(section + "\n0. **the end**") {
		m := exerciseItem.FindStringSubmatch(line)
		if m == nil {
			item += " " + strings.TrimSpace(line)
			continue
		}
		if number != "" && method != "" && names(item) {
			return number, title
		}
		number, title, item = m[1], m[2], line
	}
	return "", ""
}

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
			t.Errorf("routes.go registers %q, which openapi.json lacks: %s", p, addToDocument(method, path))
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
			t.Errorf("routes.go registers %q, and openapi.json documents nothing below it: %s", p, addToDocument(method, prefix))
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
