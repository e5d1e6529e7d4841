package main

import (
	"context"
	"io"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"apicourse/shared/webtest"
)

// waitFor fails the test unless ch receives within a generous guard: the
// guard only stops a broken rule from hanging the test, it times nothing.
func waitFor(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(10 * time.Second):
		t.Fatal(what)
	}
}

// waitForWaiters returns once n requests wait for the call for key.
func waitForWaiters(t *testing.T, c *Cache, key Key, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second) // a guard against a hang, not a timing
	for {
		c.mu.Lock()
		f := c.flights[key]
		got := f != nil && f.waiters == n
		c.mu.Unlock()
		if got {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d requests never waited together for the call for %v", n, key)
		}
		runtime.Gosched()
	}
}

func TestALookupNoOneWaitsForIsCancelledAndFreesItsSlot(t *testing.T) {
	var calls atomic.Int32
	started, cancelled, stop := make(chan struct{}, 1), make(chan struct{}, 1), make(chan struct{})
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 { // the first call hangs until it is cancelled
			started <- struct{}{}
			select {
			case <-r.Context().Done():
				cancelled <- struct{}{}
			case <-stop: // the test is over: let the server close
			}
			return
		}
		io.WriteString(w, `{"current_weather":`+currentJSON+`}`)
	})
	t.Cleanup(func() { close(stop) }) // runs before the fake's Close
	// One call slot, and an upstream timeout no test waits for.
	a := newAppWith(t, api, time.Hour, 100, limits{calls: 1, share: 1, burst: 100, interval: time.Second})

	ctx, cancel := context.WithCancel(context.Background())
	abandoned := make(chan *webtest.Response)
	go func() { abandoned <- sendFrom(ctx, a.h, "127.0.0.2", "/weather?latitude=1&longitude=1") }()
	<-started // the one slot is taken
	cancel()  // and its only client hangs up
	<-abandoned

	// The slot is free at once for another client's new point.
	w := sendFrom(context.Background(), a.h, "127.0.0.3", "/weather?latitude=2&longitude=2")
	w.WantStatus(t, http.StatusOK)
	waitFor(t, cancelled, "the upstream call no one waits for was never cancelled")

	// Nothing of the cancelled call was cached: the point is fetched again.
	got := webtest.Decode[weather](t, sendFrom(context.Background(), a.h, "127.0.0.2", "/weather?latitude=1&longitude=1"))
	if got.Cached || calls.Load() != 3 {
		t.Errorf("the abandoned point asked again: cached %v after %d upstream calls, want a new call (3)", got.Cached, calls.Load())
	}
}

func TestOneClientCannotTakeEveryUpstreamSlot(t *testing.T) {
	handler, started, release := blocking(t)
	api := newFakeAPI(t, handler)
	a := newAppWith(t, api, 5*time.Second, 100, limits{calls: 4, share: 2, burst: 100, interval: time.Second})
	var wg sync.WaitGroup
	var ok atomic.Int32
	lookup := func(ip, query string) {
		wg.Go(func() {
			if sendFrom(context.Background(), a.h, ip, "/weather?"+query).Code == http.StatusOK {
				ok.Add(1)
			}
		})
		<-started
	}
	lookup("127.0.0.2", "latitude=1&longitude=1")
	lookup("127.0.0.2", "latitude=2&longitude=2") // the client's share of 2 is taken

	w := sendFrom(context.Background(), a.h, "127.0.0.2", "/weather?latitude=3&longitude=3")
	w.WantStatus(t, http.StatusServiceUnavailable)
	w.WantJSON(t, `{"detail":"Weather service busy"}`)
	if got := w.Header().Get("Retry-After"); got != "1" {
		t.Errorf("a third new point from one client: Retry-After = %q, want 1", got)
	}

	lookup("127.0.0.3", "latitude=3&longitude=3") // another client still gets a call
	release()
	wg.Wait()
	if ok.Load() != 3 || api.calls.Load() != 3 {
		t.Errorf("%d of 3 lookups got 200 with %d upstream calls, want 3 and 3", ok.Load(), api.calls.Load())
	}
}

func TestOneClientsNewPlacesAreLimited(t *testing.T) {
	api := newFakeAPI(t, nil)
	a := newAppWith(t, api, 5*time.Second, 100, limits{calls: 16, share: 16, burst: 2, interval: 10 * time.Second})
	get := func(ip, query string) *webtest.Response {
		t.Helper()
		return sendFrom(context.Background(), a.h, ip, "/weather?"+query)
	}
	get("127.0.0.2", "latitude=1&longitude=1").WantStatus(t, http.StatusOK)
	get("127.0.0.2", "latitude=2&longitude=2").WantStatus(t, http.StatusOK) // the burst of 2 is spent

	for i := range 2 { // the refusal is not cached either
		w := get("127.0.0.2", "latitude=3&longitude=3")
		w.WantStatus(t, http.StatusTooManyRequests)
		w.WantJSON(t, `{"detail":"Too many new places; try again later"}`)
		if got := w.Header().Get("Retry-After"); got != "10" {
			t.Errorf("refusal %d: Retry-After = %q, want 10", i+1, got)
		}
	}
	if got := api.calls.Load(); got != 2 {
		t.Errorf("upstream calls = %d, want 2: a refused point never reaches the upstream", got)
	}

	if got := webtest.Decode[weather](t, get("127.0.0.2", "latitude=1&longitude=1")); !got.Cached {
		t.Error("a cached point was not answered to a client over its rate")
	}
	get("127.0.0.3", "latitude=3&longitude=3").WantStatus(t, http.StatusOK) // another client has its own

	a.clock.advance(10 * time.Second) // one more token
	get("127.0.0.2", "latitude=4&longitude=4").WantStatus(t, http.StatusOK)
	get("127.0.0.2", "latitude=5&longitude=5").WantStatus(t, http.StatusTooManyRequests)
}
