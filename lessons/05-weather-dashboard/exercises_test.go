//go:build exercises

package main

import (
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"apicourse/shared/webtest"
)

// Exercise 1: tell HTTP caches what the lesson's cache knows. A 200 carries
// Cache-Control: max-age=<seconds until the entry expires> and Age:
// <seconds since it was fetched>; a 502 or 504 carries Cache-Control:
// no-store.
func TestExercise1CacheHeaders(t *testing.T) {
	docs := webtest.DocsLast(t) // openapi.json is held to the answers in the last step, once they are right
	api := newFakeAPI(t, nil)
	a := newApp(t, api, time.Second, 100)
	const path = "/weather?latitude=52.52&longitude=13.41"
	check := func(when, wantCacheControl, wantAge string) {
		t.Helper()
		w := webtest.Send(t, a.h, "GET", path, "")
		w.WantStatus(t, http.StatusOK)
		if got := w.Header().Get("Cache-Control"); got != wantCacheControl {
			t.Errorf("%s: Cache-Control = %q, want %q", when, got, wantCacheControl)
		}
		if got := w.Header().Get("Age"); got != wantAge {
			t.Errorf("%s: Age = %q, want %q", when, got, wantAge)
		}
	}
	check("fetched now with a 15-minute TTL", "max-age=900", "0")
	a.clock.advance(5 * time.Minute)
	check("from the cache 5 minutes later", "max-age=600", "300")

	broken := newApp(t, newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", 500) }), time.Second, 100)
	w := webtest.Send(t, broken.h, "GET", path, "")
	w.WantStatus(t, http.StatusBadGateway)
	if got := w.Header().Get("Cache-Control"); got != "no-store" {
		t.Errorf("Cache-Control on a 502 = %q, want no-store", got)
	}
	t.Run("openapi.json documents every answer above", docs.Want)
}

// Exercise 2: stale-if-error. When the upstream fails and an entry for the
// key expired less than an hour ago, answer 200 with that entry and
// "cached":true,"stale":true instead of 502/504. Older than that, the
// failure stands. Fresh answers have no "stale" member or "stale":false.
func TestExercise2StaleIfError(t *testing.T) {
	docs := webtest.DocsLast(t)
	var down atomic.Bool
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, `{"current_weather":`+currentJSON+`}`)
	})
	a := newApp(t, api, time.Second, 100)
	const path = "/weather?latitude=40.71&longitude=-74.01"
	webtest.Send(t, a.h, "GET", path, "").WantStatus(t, http.StatusOK)

	down.Store(true)
	a.clock.advance(15*time.Minute + 30*time.Minute) // expired half an hour ago
	w := webtest.Send(t, a.h, "GET", path, "")
	if w.Code != http.StatusOK {
		t.Fatalf("GET %s with the upstream down, half an hour after the entry expired: status = %d, want 200 with the old entry and \"stale\":true", path, w.Code)
	}
	got := webtest.Decode[struct {
		Cached         bool           `json:"cached"`
		Stale          bool           `json:"stale"`
		CurrentWeather map[string]any `json:"current_weather"`
	}](t, w)
	if !got.Cached || !got.Stale || got.CurrentWeather["temperature"] != 6.4 {
		t.Errorf("stale answer = %+v, want cached and stale with the old weather", got)
	}

	a.clock.advance(31 * time.Minute) // now more than an hour past expiry
	if w := webtest.Send(t, a.h, "GET", path, ""); w.Code != http.StatusBadGateway {
		t.Errorf("GET %s with the upstream down, over an hour after the entry expired: status = %d, want 502", path, w.Code)
	}

	down.Store(false)
	w = webtest.Send(t, a.h, "GET", path, "")
	if got := webtest.Decode[map[string]any](t, w); got["stale"] == true || got["cached"] != false {
		t.Errorf("after recovery = %v, want a fresh, not stale, answer", got)
	}
	t.Run("openapi.json documents every answer above", docs.Want)
}
