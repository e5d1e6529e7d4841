package webtest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"mime"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// API is a lesson's openapi.json, read by the tests that hold it to the
// code: the routes it lists and the responses it promises.
type API struct {
	paths      map[string]map[string]*operation // path → lower-case method
	responses  map[string]*response             // components.responses
	parameters map[string]parameter             // components.parameters
	schemas    schemaRefs                       // components.schemas
}

type operation struct {
	Parameters []parameter          `json:"parameters"`
	Responses  map[string]*response `json:"responses"`
}

type parameter struct {
	Ref  string `json:"$ref"`
	Name string `json:"name"`
	In   string `json:"in"`
}

type response struct {
	Ref     string                `json:"$ref"`
	Content map[string]*mediaType `json:"content"`
}

type mediaType struct {
	Schema *Schema `json:"schema"`
}

// methods are the path item members that are operations.
var methods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// ParseAPI reads an OpenAPI 3.1 document and fails the test when it is not
// one this package can check.
func ParseAPI(t testing.TB, doc []byte) *API {
	t.Helper()
	api, err := parseAPI(doc)
	if err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	return api
}

func parseAPI(doc []byte) (*API, error) {
	var raw struct {
		OpenAPI    string                                `json:"openapi"`
		Paths      map[string]map[string]json.RawMessage `json:"paths"`
		Components struct {
			Schemas    map[string]*Schema   `json:"schemas"`
			Responses  map[string]*response `json:"responses"`
			Parameters map[string]parameter `json:"parameters"`
		} `json:"components"`
	}
	if err := json.Unmarshal(doc, &raw); err != nil {
		return nil, err
	}
	if !strings.HasPrefix(raw.OpenAPI, "3.1.") {
		return nil, fmt.Errorf("openapi = %q, want 3.1.x", raw.OpenAPI)
	}
	api := &API{paths: map[string]map[string]*operation{}, responses: raw.Components.Responses,
		parameters: raw.Components.Parameters, schemas: raw.Components.Schemas}
	for path, item := range raw.Paths {
		api.paths[path] = map[string]*operation{}
		var shared []parameter // parameters of the path item belong to all its operations
		if rawParams, ok := item["parameters"]; ok {
			if err := json.Unmarshal(rawParams, &shared); err != nil {
				return nil, fmt.Errorf("%s parameters: %w", path, err)
			}
		}
		for _, m := range methods {
			if rawOp, ok := item[m]; ok {
				var op operation
				if err := json.Unmarshal(rawOp, &op); err != nil {
					return nil, fmt.Errorf("%s %s: %w", strings.ToUpper(m), path, err)
				}
				op.Parameters = append(op.Parameters, shared...)
				api.paths[path][m] = &op
			}
		}
	}
	return api, nil
}

// Operations returns every "METHOD /path" of the document, sorted.
func (a *API) Operations() []string {
	var ops []string
	for path, item := range a.paths {
		for m := range item {
			ops = append(ops, strings.ToUpper(m)+" "+path)
		}
	}
	slices.Sort(ops)
	return ops
}

// Check wraps h so that every response it sends during the test is held to
// the document: its path must be documented (unless no route answered: a
// 404, a redirect, /docs), its status documented for the operation, a JSON
// body must match the schema given for that status, and an accepted
// request's query parameters must be documented.
//
// A difference fails the test that sent the request (Send, Serve) when that
// test ends, after its own checks, so that a test first says what the code
// does and then what openapi.json lacks; a request sent otherwise (Do, a
// real connection) fails t, at the line that called Check. Under a test
// that called DocsLast, the difference waits for its last step instead.
// Benchmarks get h unwrapped.
func (a *API) Check(t testing.TB, h http.Handler) http.Handler {
	if _, ok := t.(*testing.B); ok {
		return h
	}
	t.Helper()
	unsent := &docReport{} // the differences of requests no test sent
	t.Cleanup(func() {
		t.Helper()
		unsent.report(t)
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tee := &teeWriter{ResponseWriter: w}
		h.ServeHTTP(tee, r)
		if tee.hijacked {
			return
		}
		if tee.code == 0 {
			tee.code = http.StatusOK
		}
		msgs := a.CheckResponse(r.Method, r.URL.Path, tee.code, w.Header(), tee.body.Bytes())
		if tee.code < 300 {
			msgs = append(msgs, a.checkQuery(r)...)
		}
		if len(msgs) == 0 {
			return
		}
		rep, ok := r.Context().Value(reportKey{}).(*docReport)
		if d := docsFor(t); !ok && d != nil {
			rep = &d.rep // no test sent it, and t holds its differences for its last step
		} else if !ok {
			rep = unsent
		}
		rep.add(differences(r, tee.code, msgs)...)
	})
}

// CheckResponse returns what is wrong with a response to method and path,
// held to the document; nothing when it conforms or when no route answered
// (a 404 or a redirect on a path the document does not describe, /docs).
func (a *API) CheckResponse(method, path string, status int, header http.Header, body []byte) []string {
	item, _ := a.match(path)
	if item == nil {
		// Not a route: the mux's 404 or its redirect to a clean path, or
		// the page and files that describe the document itself.
		if status == http.StatusNotFound || status/100 == 3 || path == "/openapi.json" ||
			path == "/docs" || strings.HasPrefix(path, "/docs/") {
			return nil
		}
		return []string{fmt.Sprintf("the document has no path %s", path)}
	}
	m := strings.ToLower(method)
	if m == "head" && item["head"] == nil {
		m = "get"
	}
	op := item[m]
	if op == nil {
		if status == http.StatusMethodNotAllowed {
			return nil // the mux's answer to an undocumented method
		}
		return []string{fmt.Sprintf("the document has no %s operation on this path", method)}
	}
	resp := op.Responses[strconv.Itoa(status)]
	if resp == nil {
		resp = op.Responses[strconv.Itoa(status/100)+"XX"]
	}
	if resp == nil {
		resp = op.Responses["default"]
	}
	if resp == nil {
		return []string{fmt.Sprintf("status %d is not documented for %s", status, method)}
	}
	if resp.Ref != "" {
		resp = a.responses[strings.TrimPrefix(resp.Ref, "#/components/responses/")]
		if resp == nil {
			return []string{"unresolved response $ref"}
		}
	}
	return a.checkBody(resp, header.Get("Content-Type"), body)
}

// checkQuery returns a line for each query parameter of an accepted
// request that the document does not list: a parameter the code reads must
// be documented.
func (a *API) checkQuery(r *http.Request) []string {
	item, _ := a.match(r.URL.Path)
	op := item[strings.ToLower(r.Method)]
	if op == nil {
		return nil
	}
	var msgs []string
	for _, name := range sortedKeys(r.URL.Query()) {
		documented := slices.ContainsFunc(op.Parameters, func(p parameter) bool {
			if p.Ref != "" {
				p = a.parameters[strings.TrimPrefix(p.Ref, "#/components/parameters/")]
			}
			return p.In == "query" && p.Name == name
		})
		if !documented {
			msgs = append(msgs, fmt.Sprintf("query parameter %q is not documented", name))
		}
	}
	return msgs
}

func (a *API) checkBody(resp *response, contentType string, body []byte) []string {
	if len(resp.Content) == 0 {
		if len(body) > 0 {
			return []string{fmt.Sprintf("a body of %d bytes, but the document gives this status no content", len(body))}
		}
		return nil
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return []string{fmt.Sprintf("Content-Type %q does not parse", contentType)}
	}
	media, ok := resp.Content[mt]
	if !ok {
		return []string{fmt.Sprintf("Content-Type %s is not documented (want one of %v)", mt, sortedKeys(resp.Content))}
	}
	if media.Schema == nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return []string{fmt.Sprintf("body is not JSON: %v", err)}
	}
	return a.schemas.Validate(media.Schema, v)
}

// match finds the path item whose template matches path; a template with
// fewer {parameters} wins, as a literal segment wins in http.ServeMux.
func (a *API) match(path string) (map[string]*operation, string) {
	var best map[string]*operation
	bestTemplate, bestParams := "", -1
	for template, item := range a.paths {
		params, ok := matchTemplate(template, path)
		if ok && (bestParams < 0 || params < bestParams) {
			best, bestTemplate, bestParams = item, template, params
		}
	}
	return best, bestTemplate
}

// matchTemplate matches "/todos/{todo_id}" against "/todos/7", segment by
// segment, and counts the parameters it used.
func matchTemplate(template, path string) (params int, ok bool) {
	ts, ps := strings.Split(template, "/"), strings.Split(path, "/")
	if len(ts) != len(ps) {
		return 0, false
	}
	for i, seg := range ts {
		switch {
		case strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}"):
			if ps[i] == "" {
				return 0, false
			}
			params++
		case seg != ps[i]:
			return 0, false
		}
	}
	return params, true
}

// teeWriter passes a response through and keeps a copy of its status and
// body for Check.
type teeWriter struct {
	http.ResponseWriter
	code     int
	body     bytes.Buffer
	hijacked bool
}

func (w *teeWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *teeWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	if w.body.Len() < 8<<20 { // enough for any response a test checks
		w.body.Write(b)
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the real writer.
func (w *teeWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Flush passes streaming responses on.
func (w *teeWriter) Flush() { _ = http.NewResponseController(w.ResponseWriter).Flush() }

// Hijack hands the connection to a WebSocket handler; its frames are not
// checked.
func (w *teeWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	w.hijacked = true
	return http.NewResponseController(w.ResponseWriter).Hijack()
}
