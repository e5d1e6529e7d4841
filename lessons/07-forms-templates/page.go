package main

import (
	"bytes"
	"embed"
	"errors"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"

	"apicourse/shared/web"
)

//go:embed templates
var templateFS embed.FS

// Pages holds every page, each parsed once at start together with the
// shared layout.
type Pages struct {
	logger *slog.Logger
	pages  map[string]*template.Template
}

// ParsePages parses the layout with each page of fsys (form.html,
// success.html, error.html). A broken template fails here, at start, not
// in front of a user.
func ParsePages(fsys fs.FS, logger *slog.Logger) (*Pages, error) {
	p := &Pages{logger: logger, pages: map[string]*template.Template{}}
	for _, name := range []string{"form.html", "success.html", "error.html"} {
		t, err := template.ParseFS(fsys, "templates/layout.html", "templates/"+name)
		if err != nil {
			return nil, err
		}
		p.pages[name] = t
	}
	return p, nil
}

// Render writes the page with data and status. The page is rendered into
// a buffer first, so a template error is a clean 500, never half a page.
func (p *Pages) Render(w http.ResponseWriter, status int, name string, data any) {
	var buf bytes.Buffer
	if err := p.pages[name].ExecuteTemplate(&buf, "layout", data); err != nil {
		p.logger.Error("render page", "page", name, "err", err)
		http.Error(w, "Internal Server Error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	// No scripts at all, no framing (clickjacking), forms post only here.
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// Error is the one place where an error becomes a page, as web.Error is
// for JSON: a *web.StatusError is its status and message; anything else is
// the 500 page, with err on the request's log line: what failed stays on
// the server.
func (p *Pages) Error(w http.ResponseWriter, r *http.Request, err error) {
	var se *web.StatusError
	if !errors.As(err, &se) {
		web.LogCause(r, err)
		p.ErrorPage(w, r, http.StatusInternalServerError)
		return
	}
	p.message(w, se.Status, se.Msg)
}

// ErrorPage is the web.ErrorWriter of the site: the statuses the server
// decides itself (an unknown path, a wrong method, a crash), as pages in
// the site's layout.
func (p *Pages) ErrorPage(w http.ResponseWriter, _ *http.Request, status int) {
	messages := map[int]string{
		http.StatusNotFound:            "There is no page at this address.",
		http.StatusMethodNotAllowed:    "This page cannot be used that way.",
		http.StatusInternalServerError: "Something went wrong on our side. Please try again.",
	}
	p.message(w, status, messages[status])
}

// message renders the error page with the status as its title and a message.
func (p *Pages) message(w http.ResponseWriter, status int, message string) {
	p.Render(w, status, "error.html", struct{ Title, Message string }{http.StatusText(status), message})
}
