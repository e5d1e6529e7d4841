package web

import (
	"net/http/httptest"
	"testing"
	"time"
)

func TestClientIPIsTheConnectionsAddressNeverAForwardingHeader(t *testing.T) {
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr = "127.0.0.2:51234"
	r.Header.Set("X-Forwarded-For", "127.0.0.3")
	r.Header.Set("Forwarded", "for=127.0.0.3")
	if got := ClientIP(r); got != "127.0.0.2" {
		t.Errorf("ClientIP = %q, want 127.0.0.2", got)
	}
	r.RemoteAddr = "[::1]:443"
	if got := ClientIP(r); got != "::1" {
		t.Errorf("ClientIP = %q, want ::1", got)
	}
}

func TestSlotsKeepAShareForEveryOtherClient(t *testing.T) {
	s := NewSlots(4, 2)
	a1, ok1 := s.TryTake("a")
	_, ok2 := s.TryTake("a")
	if !ok1 || !ok2 {
		t.Fatal("client a could not take its share of 2")
	}
	if _, ok := s.TryTake("a"); ok {
		t.Error("client a took a third place; its share is 2")
	}
	_, okB1 := s.TryTake("b")
	_, okB2 := s.TryTake("b")
	if !okB1 || !okB2 {
		t.Fatal("client b found no place while a held only its share")
	}
	if _, ok := s.TryTake("c"); ok {
		t.Error("client c took a fifth place; there are 4")
	}
	a1()
	a1() // a second release gives nothing back twice
	if _, ok := s.TryTake("c"); !ok {
		t.Error("client c found no place after a gave one back")
	}
	if _, ok := s.TryTake("d"); ok {
		t.Error("client d took a place: a's double release counted twice")
	}
}

func TestLimiterAllowsABurstThenOnePerInterval(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	l := NewLimiter(10*time.Second, 3, 100, func() time.Time { return now })
	for i := range 3 {
		if ok, _ := l.Allow("alice"); !ok {
			t.Fatalf("event %d of the burst of 3 refused", i+1)
		}
	}
	ok, retry := l.Allow("alice")
	if ok || retry != 10*time.Second {
		t.Fatalf("fourth event = %v, retry after %v; want refused, 10s", ok, retry)
	}
	if ok, _ := l.Allow("bob"); !ok {
		t.Error("bob refused because alice used her burst")
	}
	now = now.Add(4 * time.Second)
	if ok, retry := l.Peek("alice"); ok || retry != 6*time.Second {
		t.Errorf("after 4 s Peek = %v, %v; want refused, 6s", ok, retry)
	}
	now = now.Add(6 * time.Second)
	if ok, _ := l.Allow("alice"); !ok {
		t.Error("a token did not come back after 10 s")
	}
	if ok, _ := l.Allow("alice"); ok {
		t.Error("two tokens came back after 10 s; one per interval")
	}
}

func TestLimiterForgetsTheLongestUnusedKeyWhenFull(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	l := NewLimiter(time.Hour, 1, 2, func() time.Time { return now })
	l.Allow("old")
	now = now.Add(time.Second)
	l.Allow("new")
	now = now.Add(time.Second)
	l.Allow("newest") // the map holds 2: "old" goes
	if len(l.buckets) != 2 {
		t.Fatalf("the limiter holds %d keys, want at most 2", len(l.buckets))
	}
	if _, ok := l.buckets["old"]; ok {
		t.Error("the longest unused key was kept")
	}
	if ok, _ := l.Allow("new"); ok {
		t.Error("a key still remembered got a second token within the hour")
	}
}

func TestTooManyIsA429WithRetryAfter(t *testing.T) {
	w := httptest.NewRecorder()
	Error(w, httptest.NewRequest("POST", "/token", nil), TooMany("Too many failed logins, try again later", 1500*time.Millisecond))
	if w.Code != 429 || w.Header().Get("Retry-After") != "2" {
		t.Errorf("TooMany = %d, Retry-After %q; want 429, 2", w.Code, w.Header().Get("Retry-After"))
	}
}
