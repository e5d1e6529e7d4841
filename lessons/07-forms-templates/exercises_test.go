//go:build exercises

package main

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"apicourse/shared/webtest"
)

// postTo submits a form to path.
func postTo(t *testing.T, h http.Handler, path string, values url.Values) *webtest.Response {
	t.Helper()
	r := httptest.NewRequest("POST", path, strings.NewReader(values.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return webtest.Serve(t, h, r)
}

// parsed stops the test unless w is an HTML page with the given status,
// and returns the page's tree. A page with another status is named by its
// heading, not printed whole.
func parsed(t *testing.T, w *webtest.Response, status int) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(w.Body.String()))
	if err != nil {
		t.Fatalf("%s: the page is not HTML: %v", w.Req, err)
	}
	if w.Code != status {
		t.Fatalf("%s status = %d, want %d; the page says %q", w.Req, w.Code, status, shorten(text(first(doc, "h1"))))
	}
	if ct := w.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("%s Content-Type = %q, want text/html; charset=utf-8", w.Req, ct)
	}
	return doc
}

// elements returns the elements named tag under n that have every
// attribute of want, in any order; an attribute wanted with the value "*"
// only has to be there.
func elements(n *html.Node, tag string, want ...html.Attribute) []*html.Node {
	var found []*html.Node
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && d.Data == tag && hasAll(d, want) {
			found = append(found, d)
		}
	}
	return found
}

func hasAll(n *html.Node, want []html.Attribute) bool {
	for _, w := range want {
		if v, ok := attr(n, w.Key); !ok || (w.Val != "*" && v != w.Val) {
			return false
		}
	}
	return true
}

// attr returns the value of n's attribute key and whether n has it.
func attr(n *html.Node, key string) (string, bool) {
	if n == nil {
		return "", false
	}
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// first returns the first element named tag under n, or nil.
func first(n *html.Node, tag string) *html.Node {
	if found := elements(n, tag); len(found) > 0 {
		return found[0]
	}
	return nil
}

// text returns the text under n with its white space collapsed.
func text(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data + " ")
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// tag writes n's start tag as the page has it: what a failure shows of
// the element that was wrong.
func tag(n *html.Node) string {
	if n == nil {
		return "nothing"
	}
	var b strings.Builder
	b.WriteString("<" + n.Data)
	for _, a := range n.Attr {
		b.WriteString(" " + a.Key)
		if a.Val != "" || !booleanAttrs[a.Key] {
			b.WriteString(`="` + html.EscapeString(a.Val) + `"`)
		}
	}
	return b.String() + ">"
}

// booleanAttrs are written without a value: checked, not checked="".
var booleanAttrs = map[string]bool{"checked": true, "required": true, "novalidate": true, "disabled": true, "selected": true, "multiple": true, "readonly": true, "autofocus": true, "hidden": true}

// tags writes the start tags of a list of elements, for failures.
func tags(ns []*html.Node) string {
	if len(ns) == 0 {
		return "none"
	}
	var list []string
	for _, n := range ns {
		list = append(list, tag(n))
	}
	return strings.Join(list, ", ")
}

// besides returns the text that follows n up to the next label or the end
// of its form: where the error message of n's field appears.
func besides(n *html.Node) string {
	var b strings.Builder
	for s := n.NextSibling; s != nil && s.Data != "label" && s.Data != "button"; s = s.NextSibling {
		if s.Type == html.TextNode {
			b.WriteString(s.Data + " ")
		} else {
			b.WriteString(text(s) + " ")
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func shorten(s string) string {
	if len(s) > 120 {
		return s[:120] + "..."
	}
	return s
}

// Exercise 1: an unsubscribe form. GET /unsubscribe shows a form with an
// email field posting to /unsubscribe. A subscribed address is removed and
// the answer is 303 to /unsubscribed, a page saying "You are unsubscribed";
// the address may subscribe again later. An address that is not subscribed
// is 422 with "This email is not subscribed" beside the field, pre-filled.
func TestExercise1Unsubscribe(t *testing.T) {
	docs := webtest.DocsLast(t) // openapi.json is held to the answers in the last step, once they are right
	h, _ := newHandler(t)
	post(h, url.Values{"name": {"Ada"}, "email": {"ada@example.com"}}).WantStatus(t, http.StatusSeeOther)

	doc := parsed(t, webtest.Send(t, h, "GET", "/unsubscribe", ""), http.StatusOK)
	form := elements(doc, "form", html.Attribute{Key: "action", Val: "/unsubscribe"})
	if len(form) != 1 || len(elements(form[0], "input", html.Attribute{Key: "name", Val: "email"})) != 1 {
		t.Errorf("GET /unsubscribe has no <form action=\"/unsubscribe\"> with an <input name=\"email\">; its forms: %s", tags(elements(doc, "form")))
	}

	doc = parsed(t, postTo(t, h, "/unsubscribe", url.Values{"email": {"nobody@example.com"}}), http.StatusUnprocessableEntity)
	found := elements(doc, "input", html.Attribute{Key: "name", Val: "email"})
	if len(found) != 1 {
		t.Fatalf("POST /unsubscribe of an unknown address: the page has %d inputs named email, want 1; its inputs: %s", len(found), tags(elements(doc, "input")))
	}
	email := found[0]
	if v, _ := attr(email, "value"); v != "nobody@example.com" {
		t.Errorf("POST /unsubscribe of an unknown address: the email field is %s, want it filled with value=\"nobody@example.com\"", tag(email))
	}
	if got := besides(email); !strings.Contains(got, "This email is not subscribed") {
		t.Errorf("POST /unsubscribe of an unknown address: beside the email field is %q, want \"This email is not subscribed\"", shorten(got))
	}

	w := postTo(t, h, "/unsubscribe", url.Values{"email": {"ada@example.com"}})
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/unsubscribed" {
		t.Fatalf("POST /unsubscribe of a subscribed address = %d to %q, want 303 to /unsubscribed", w.Code, w.Header().Get("Location"))
	}
	doc = parsed(t, webtest.Send(t, h, "GET", "/unsubscribed", ""), http.StatusOK)
	if got := text(doc); !strings.Contains(got, "You are unsubscribed") {
		t.Errorf("GET /unsubscribed says %q, want \"You are unsubscribed\"", shorten(got))
	}
	if w := post(h, url.Values{"name": {"Ada"}, "email": {"ada@example.com"}}); w.Code != http.StatusSeeOther {
		t.Errorf("subscribing again after unsubscribing: status = %d, want 303", w.Code)
	}
	t.Run("openapi.json documents every answer above", docs.Want)
}

// topicBoxes returns the form's checkboxes named topics.
func topicBoxes(doc *html.Node) []*html.Node {
	return elements(doc, "input", html.Attribute{Key: "type", Val: "checkbox"}, html.Attribute{Key: "name", Val: "topics"})
}

// successText follows w's redirect to the success page and returns what
// the page says.
func successText(t *testing.T, h http.Handler, w *webtest.Response) string {
	t.Helper()
	if w.Code != http.StatusSeeOther {
		t.Fatalf("%s status = %d, want 303 to the success page", w.Req, w.Code)
	}
	return text(parsed(t, webtest.Send(t, h, "GET", w.Header().Get("Location"), ""), http.StatusOK))
}

// Exercise 2: topics. The form gets a checkbox group "topics" with the
// values news, offers and events. None ticked means all three; a value not
// offered is refused ("Please choose from the topics listed"); boxes ticked
// stay ticked when the form comes back; the success page lists the topics,
// in the form's order ("Topics: news, events").
func TestExercise2ChooseTopics(t *testing.T) {
	docs := webtest.DocsLast(t)
	h, _ := newHandler(t)
	doc := parsed(t, webtest.Send(t, h, "GET", "/", ""), http.StatusOK)
	if len(topicBoxes(doc)) == 0 {
		t.Fatalf("GET / has no <input type=\"checkbox\" name=\"topics\">, want one each for news, offers and events; its inputs: %s", tags(elements(doc, "input")))
	}
	for _, topic := range []string{"news", "offers", "events"} {
		if len(elements(doc, "input", html.Attribute{Key: "type", Val: "checkbox"}, html.Attribute{Key: "name", Val: "topics"}, html.Attribute{Key: "value", Val: topic})) != 1 {
			t.Errorf("GET / has no checkbox <input type=\"checkbox\" name=\"topics\" value=%q>; its checkboxes named topics: %s", topic, tags(topicBoxes(doc)))
		}
	}

	got := successText(t, h, post(h, url.Values{"name": {"Bob"}, "email": {"bob@example.com"}}))
	if !strings.Contains(got, "Topics: news, offers, events") {
		t.Errorf("with no topic ticked, the success page says %q, want \"Topics: news, offers, events\" (none means all three)", shorten(got))
	}

	doc = parsed(t, post(h, url.Values{"name": {"A"}, "email": {"ada@example.com"}, "topics": {"events", "news"}}), http.StatusUnprocessableEntity)
	for _, box := range []struct {
		value   string
		checked bool
	}{{"news", true}, {"offers", false}, {"events", true}} {
		found := elements(doc, "input", html.Attribute{Key: "name", Val: "topics"}, html.Attribute{Key: "value", Val: box.value})
		if len(found) != 1 {
			t.Errorf("the form sent back after a short name has no checkbox for %s; its checkboxes: %s", box.value, tags(topicBoxes(doc)))
			continue
		}
		switch _, checked := attr(found[0], "checked"); {
		case box.checked && !checked:
			t.Errorf("%s was ticked, but the form sent back after a short name has %s, not checked", box.value, tag(found[0]))
		case !box.checked && checked:
			t.Errorf("%s was not ticked, but the form sent back after a short name has %s", box.value, tag(found[0]))
		}
	}

	doc = parsed(t, post(h, url.Values{"name": {"Ada"}, "email": {"ada@example.com"}, "topics": {"news", "casino"}}), http.StatusUnprocessableEntity)
	if got := text(doc); !strings.Contains(got, "Please choose from the topics listed") {
		t.Errorf("POST /subscribe with topics=casino: the form says %q, want \"Please choose from the topics listed\"", shorten(got))
	}

	got = successText(t, h, post(h, url.Values{"name": {"Ada"}, "email": {"ada@example.com"}, "topics": {"events", "news"}}))
	if !strings.Contains(got, "Topics: news, events") {
		t.Errorf("with events and news ticked, the success page says %q, want \"Topics: news, events\" (the form's order)", shorten(got))
	}
	t.Run("openapi.json documents every answer above", docs.Want)
}
