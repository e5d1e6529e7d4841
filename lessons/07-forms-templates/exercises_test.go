//go:build exercises

package main

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"apicourse/shared/webtest"
)

// postTo submits a form to path.
func postTo(h http.Handler, path string, values url.Values) *webtest.Response {
	r := httptest.NewRequest("POST", path, strings.NewReader(values.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return webtest.Do(h, r)
}

// Exercise 1: an unsubscribe form. GET /unsubscribe shows a form with an
// email field posting to /unsubscribe. A subscribed address is removed and
// the answer is 303 to /unsubscribed, a page saying "You are unsubscribed";
// the address may subscribe again later. An address that is not subscribed
// is 422 with "This email is not subscribed" beside the field, pre-filled.
func TestExercise1Unsubscribe(t *testing.T) {
	h, _ := newHandler(t)
	post(h, url.Values{"name": {"Ada"}, "email": {"ada@example.com"}}).WantStatus(t, http.StatusSeeOther)

	html := wantHTML(t, webtest.Send(t, h, "GET", "/unsubscribe", ""), "GET /unsubscribe", http.StatusOK)
	if !strings.Contains(html, `action="/unsubscribe"`) || !strings.Contains(html, `name="email"`) {
		t.Errorf("GET /unsubscribe is not a form with an email field posting to /unsubscribe:\n%s", html)
	}

	w := postTo(h, "/unsubscribe", url.Values{"email": {"nobody@example.com"}})
	html = wantHTML(t, w, "POST /unsubscribe (unknown)", http.StatusUnprocessableEntity)
	if block := fieldBlock(t, html, "email"); !strings.Contains(block, "This email is not subscribed") || !strings.Contains(block, `value="nobody@example.com"`) {
		t.Errorf("the email field lacks the error or the typed value:\n%s", block)
	}

	w = postTo(h, "/unsubscribe", url.Values{"email": {"ada@example.com"}})
	w.WantStatus(t, http.StatusSeeOther)
	if got := w.Header().Get("Location"); got != "/unsubscribed" {
		t.Errorf("Location = %q, want /unsubscribed", got)
	}
	if html := wantHTML(t, webtest.Send(t, h, "GET", "/unsubscribed", ""), "GET /unsubscribed", http.StatusOK); !strings.Contains(html, "You are unsubscribed") {
		t.Errorf("GET /unsubscribed lacks the confirmation:\n%s", html)
	}
	post(h, url.Values{"name": {"Ada"}, "email": {"ada@example.com"}}).WantStatus(t, http.StatusSeeOther)
}

// Exercise 2: topics. The form gets a checkbox group "topics" with the
// values news, offers and events. None ticked means all three; a value not
// offered is refused ("Please choose from the topics listed"); boxes ticked
// stay ticked when the form comes back; the success page lists the topics,
// in the form's order ("Topics: news, events").
func TestExercise2ChooseTopics(t *testing.T) {
	h, _ := newHandler(t)
	html := wantHTML(t, webtest.Send(t, h, "GET", "/", ""), "GET /", http.StatusOK)
	for _, topic := range []string{"news", "offers", "events"} {
		if !strings.Contains(html, `name="topics" value="`+topic+`"`) {
			t.Errorf("the form has no checkbox for %s", topic)
		}
	}

	w := post(h, url.Values{"name": {"Bob"}, "email": {"bob@example.com"}})
	w.WantStatus(t, http.StatusSeeOther)
	html = wantHTML(t, webtest.Send(t, h, "GET", w.Header().Get("Location"), ""), "GET the success page", http.StatusOK)
	if !strings.Contains(html, "Topics: news, offers, events") {
		t.Errorf("no topics ticked does not mean all three:\n%s", html)
	}
	html = wantHTML(t, post(h, url.Values{"name": {"A"}, "email": {"ada@example.com"}, "topics": {"events", "news"}}), "POST with a short name", http.StatusUnprocessableEntity)
	for _, topic := range []string{"news", "events"} {
		if !strings.Contains(html, `value="`+topic+`" checked`) {
			t.Errorf("%s is not ticked any more after the re-render", topic)
		}
	}
	if strings.Contains(html, `value="offers" checked`) {
		t.Error("offers is ticked although it was not chosen")
	}
	html = wantHTML(t, post(h, url.Values{"name": {"Ada"}, "email": {"ada@example.com"}, "topics": {"news", "casino"}}), "POST with an unknown topic", http.StatusUnprocessableEntity)
	if !strings.Contains(html, "Please choose from the topics listed") {
		t.Error("no error for a topic that is not offered")
	}

	w = post(h, url.Values{"name": {"Ada"}, "email": {"ada@example.com"}, "topics": {"events", "news"}})
	w.WantStatus(t, http.StatusSeeOther)
	html = wantHTML(t, webtest.Send(t, h, "GET", w.Header().Get("Location"), ""), "GET the success page", http.StatusOK)
	if !strings.Contains(html, "Topics: news, events") {
		t.Errorf("the success page does not list news, events:\n%s", html)
	}
}
