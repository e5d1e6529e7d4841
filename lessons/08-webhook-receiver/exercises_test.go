//go:build exercises

package main

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"apicourse/lessons/08-webhook-receiver/webhook"
)

// Exercise 1: GitHub sends a "ping" event when a webhook is created. A
// verified ping is answered 200 {"status":"pong"} and is not processed.
// An unsigned ping is still 401.
func TestExercise1AnswerPings(t *testing.T) {
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
}

// Exercise 2: stop replays. A sender may add X-Webhook-Timestamp (Unix
// seconds); then the signature covers "<timestamp>.<body>", and a
// timestamp more than 5 minutes from the server's clock is 401
// {"detail":"Invalid signature"}, so a captured delivery cannot be replayed
// later. Without the header, deliveries are checked as before.
func TestExercise2RejectReplays(t *testing.T) {
	rv := newReceiver(t)
	withTimestamp := func(ts, signedPart string) map[string]string {
		return map[string]string{
			"X-Webhook-Timestamp":   ts,
			webhook.SignatureHeader: webhook.Sign([]byte(testSecret), []byte(signedPart)),
		}
	}
	now := strconv.FormatInt(time.Now().Unix(), 10)
	old := strconv.FormatInt(time.Now().Add(-10*time.Minute).Unix(), 10)
	future := strconv.FormatInt(time.Now().Add(10*time.Minute).Unix(), 10)
	tests := []struct {
		name    string
		headers map[string]string
		want    int
	}{
		{"accepts a fresh timestamp signed with the body", withTimestamp(now, now+"."+payload), http.StatusOK},
		{"refuses a timestamp 10 minutes old", withTimestamp(old, old+"."+payload), http.StatusUnauthorized},
		{"refuses a timestamp 10 minutes ahead", withTimestamp(future, future+"."+payload), http.StatusUnauthorized},
		{"refuses a timestamp the signature does not cover", withTimestamp(now, payload), http.StatusUnauthorized},
		{"refuses a timestamp that is not a number", withTimestamp("soon", "soon."+payload), http.StatusUnauthorized},
		{"still accepts a delivery without a timestamp", signed(payload, "push", ""), http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rv.deliver(payload, tt.headers).WantStatus(t, tt.want)
		})
	}
}
