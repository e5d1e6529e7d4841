//go:build exercises

package main

import (
	"encoding/json"
	"maps"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"apicourse/lessons/08-webhook-receiver/webhook"
	"apicourse/shared/webtest"
)

// Exercise 1: GitHub sends a "ping" event when a webhook is created. A
// verified ping is answered 200 {"status":"pong"} and is not processed.
// An unsigned ping is still 401.
func TestExercise1AnswerPings(t *testing.T) {
	docs := webtest.DocsLast(t) // openapi.json is held to the answers in the last step, once they are right
	rv := newReceiver(t)
	body := `{"zen":"Keep it logically awesome."}`
	w := rv.deliver(body, signed(body, "ping", "p-1"))
	w.WantStatus(t, http.StatusOK)
	w.WantJSON(t, `{"status":"pong"}`)
	if rv.rec.count() != 0 {
		t.Errorf("a ping was processed %d times, want 0", rv.rec.count())
	}
	w = rv.deliver(body, map[string]string{"X-GitHub-Event": "ping"})
	w.WantStatus(t, http.StatusUnauthorized)
	t.Run("openapi.json documents every answer above", docs.Want)
}

// stamped returns the headers of a delivery signed the way exercise 2
// asks: X-Webhook-Timestamp holds at in Unix seconds, and the signature
// covers "<timestamp>\n<delivery id>\n<event>\n<body>".
func stamped(at time.Time, delivery, event, body string) map[string]string {
	ts := strconv.FormatInt(at.Unix(), 10)
	h := map[string]string{
		"X-Webhook-Timestamp":   ts,
		"X-GitHub-Delivery":     delivery,
		"X-GitHub-Event":        event,
		webhook.SignatureHeader: webhook.Sign([]byte(testSecret), []byte(ts+"\n"+delivery+"\n"+event+"\n"+body)),
	}
	for k, v := range h {
		if v == "" { // not sent
			delete(h, k)
		}
	}
	return h
}

// withHeader returns a copy of headers with key set to value: a captured
// delivery, changed by whoever replays it.
func withHeader(headers map[string]string, key, value string) map[string]string {
	changed := maps.Clone(headers)
	changed[key] = value
	return changed
}

// sameJSON reports whether got and want are the same JSON value.
func sameJSON(got, want string) bool {
	var g, w any
	return json.Unmarshal([]byte(got), &g) == nil && json.Unmarshal([]byte(want), &w) == nil && reflect.DeepEqual(g, w)
}

// Exercise 2: refuse replays. Every delivery carries X-Webhook-Timestamp
// (Unix seconds) and X-GitHub-Delivery, and X-Hub-Signature-256 signs
// "<timestamp>\n<delivery id>\n<event>\n<body>": a captured delivery
// cannot be sent again under a new id, a new timestamp or as another event.
// A timestamp more than 5 minutes from the receiver's clock is 401
// {"detail":"Timestamp is more than 5 minutes from the receiver's clock"};
// a delivery signed as GitHub signs (the body alone, no timestamp) is 401
// {"detail":"Invalid signature"}; one without an id is 400
// {"detail":"X-GitHub-Delivery is required"}.
func TestExercise2RejectReplays(t *testing.T) {
	docs := webtest.DocsLast(t)
	const (
		received  = `{"status":"received","event":"push"}`
		invalid   = `{"detail":"Invalid signature"}`
		tooOld    = `{"detail":"Timestamp is more than 5 minutes from the receiver's clock"}`
		noID      = `{"detail":"X-GitHub-Delivery is required"}`
		duplicate = `{"status":"duplicate"}`
	)
	rv := newReceiver(t) // the receiver's clock reads rv.now: testNow, until the test moves it
	deliver := func(what string, headers map[string]string, wantStatus int, wantBody string) bool {
		t.Helper()
		w := rv.deliver(payload, headers)
		if got := strings.TrimSpace(w.Body.String()); w.Code != wantStatus || !sameJSON(got, wantBody) {
			t.Errorf("%s: %d %s, want %d %s", what, w.Code, got, wantStatus, wantBody)
			return false
		}
		return true
	}
	captured := stamped(testNow, "d-1", "push", payload)
	if !deliver("a delivery stamped now and signed with its timestamp, id and event", captured, http.StatusOK, received) {
		t.FailNow() // nothing below means anything until this works
	}
	rv.now = testNow.Add(time.Minute)
	deliver("the same delivery a minute later", captured, http.StatusOK, duplicate)
	deliver("the captured delivery replayed with a new X-GitHub-Delivery", withHeader(captured, "X-GitHub-Delivery", "d-2"), http.StatusUnauthorized, invalid)
	deliver("the captured delivery replayed with a new timestamp", withHeader(captured, "X-Webhook-Timestamp", strconv.FormatInt(rv.now.Unix(), 10)), http.StatusUnauthorized, invalid)
	deliver("the captured delivery replayed as another event", withHeader(captured, "X-GitHub-Event", "release"), http.StatusUnauthorized, invalid)
	deliver("a delivery signed as GitHub signs, the body alone, without X-Webhook-Timestamp", map[string]string{
		webhook.SignatureHeader: webhook.Sign([]byte(testSecret), []byte(payload)),
		"X-GitHub-Delivery":     "d-3",
		"X-GitHub-Event":        "push",
	}, http.StatusUnauthorized, invalid)
	deliver("a delivery whose timestamp is not a number", withHeader(stamped(testNow, "d-4", "push", payload), "X-Webhook-Timestamp", "soon"), http.StatusUnauthorized, invalid)
	deliver("a delivery without X-GitHub-Delivery", stamped(rv.now, "", "push", payload), http.StatusBadRequest, noID)

	rv.now = testNow.Add(6 * time.Minute)
	deliver("the captured delivery 6 minutes after it was signed", captured, http.StatusUnauthorized, tooOld)
	deliver("a delivery stamped 6 minutes ahead of the receiver's clock", stamped(rv.now.Add(6*time.Minute), "d-5", "push", payload), http.StatusUnauthorized, tooOld)
	deliver("a delivery stamped 4 minutes ago", stamped(rv.now.Add(-4*time.Minute), "d-6", "push", payload), http.StatusOK, received)
	if n := rv.rec.count(); n != 2 {
		t.Errorf("processed %d deliveries, want 2 (d-1 and d-6)", n)
	}
	t.Run("openapi.json documents every answer above", docs.Want)
}
