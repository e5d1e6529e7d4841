package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"apicourse/shared/web"
	"apicourse/shared/webtest"
)

// currentJSON is what the fake Open-Meteo reports.
const currentJSON = `{"time":"2026-11-25T09:00","interval":900,"temperature":6.4,"windspeed":11.2,"winddirection":250,"is_day":1,"weathercode":3}`

// fakeAPI stands in for Open-Meteo and counts its calls.
type fakeAPI struct {
	URL     string
	calls   atomic.Int32
	mu      sync.Mutex
	queries []string
}

// newFakeAPI serves respond (or a good forecast when respond is nil).
func newFakeAPI(t testing.TB, respond http.HandlerFunc) *fakeAPI {
	t.Helper()
	api := &fakeAPI{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		api.calls.Add(1)
		api.mu.Lock()
		api.queries = append(api.queries, r.URL.Path+"?"+r.URL.RawQuery)
		api.mu.Unlock()
		if respond != nil {
			respond(w, r)
			return
		}
		io.WriteString(w, `{"latitude":52.52,"current_weather":`+currentJSON+`}`)
	}))
	t.Cleanup(srv.Close)
	api.URL = srv.URL
	return api
}

// blocking returns a handler that answers a good forecast once release is
// called (or the request ends), after announcing itself on started.
func blocking(t testing.TB) (handler http.HandlerFunc, started chan struct{}, release func()) {
	started, released := make(chan struct{}, 1000), make(chan struct{})
	var once sync.Once
	release = func() { once.Do(func() { close(released) }) }
	t.Cleanup(release)
	return func(w http.ResponseWriter, r *http.Request) {
		started <- struct{}{}
		select {
		case <-released:
			io.WriteString(w, `{"current_weather":`+currentJSON+`}`)
		case <-r.Context().Done():
		}
	}, started, release
}

// clock is a fake clock the test moves by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// app is the lesson wired to a fake API and a fake clock.
type app struct {
	h     http.Handler
	cache *Cache
	clock *clock
}

// limits is what clients may ask of the upstream in a test app.
type limits struct {
	calls, share int           // upstream calls at once, and one client's share
	burst        int           // new places one client may ask for at once
	interval     time.Duration // then one per interval, on the app's clock
}

// generous is 16 calls at once and rates no test reaches.
var generous = limits{calls: 16, share: 16, burst: 1000, interval: time.Second}

// newApp wires the lesson to api, with every response held to openapi.json.
func newApp(t testing.TB, api *fakeAPI, timeout time.Duration, size int) *app {
	t.Helper()
	return newAppWith(t, api, timeout, size, generous)
}

// newAppWith wires the lesson to api with the limits l.
func newAppWith(t testing.TB, api *fakeAPI, timeout time.Duration, size int, l limits) *app {
	t.Helper()
	c := &clock{t: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)}
	upstream := NewUpstream(api.URL, timeout, l.calls)
	misses := web.NewLimiter(l.interval, l.burst, 100, c.now)
	cache := NewCache(upstream.CurrentWeather, c.now, 15*time.Minute, size, web.NewSlots(l.calls, l.share), misses)
	h := NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), cache)
	return &app{h: webtest.ParseAPI(t, openapiJSON).Check(t, h), cache: cache, clock: c}
}

// sendFrom sends GET path to h from the client at ip, with ctx.
func sendFrom(ctx context.Context, h http.Handler, ip, path string) *webtest.Response {
	r := httptest.NewRequestWithContext(ctx, "GET", path, nil)
	r.RemoteAddr = ip + ":1234"
	return webtest.Do(h, r)
}

// weather is the response shape.
type weather struct {
	CityName       *string        `json:"city_name"`
	Latitude       float64        `json:"latitude"`
	Longitude      float64        `json:"longitude"`
	CurrentWeather map[string]any `json:"current_weather"`
	Cached         bool           `json:"cached"`
}

func TestWeatherIsFetchedOnceThenCached(t *testing.T) {
	api := newFakeAPI(t, nil)
	a := newApp(t, api, time.Second, 100)

	w := webtest.Send(t, a.h, "GET", "/weather?latitude=52.52&longitude=13.41&city_name=Berlin", "")
	w.WantStatus(t, http.StatusOK)
	w.WantJSON(t, `{"city_name":"Berlin","latitude":52.52,"longitude":13.41,"current_weather":`+currentJSON+`,"cached":false}`)
	if got := api.queries[0]; got != "/v1/forecast?latitude=52.5&longitude=13.4&current_weather=true" {
		t.Errorf("upstream request = %s, want the rounded key", got)
	}

	w = webtest.Send(t, a.h, "GET", "/weather?latitude=52.54&longitude=13.36", "")
	got := webtest.Decode[weather](t, w)
	if !got.Cached || got.CityName != nil || got.Latitude != 52.54 || api.calls.Load() != 1 {
		t.Errorf("a nearby point: cached %v, city %v, latitude %v, upstream calls %d; want cached, null, 52.54, 1", got.Cached, got.CityName, got.Latitude, api.calls.Load())
	}

	a.clock.advance(15*time.Minute - time.Second)
	if got := webtest.Decode[weather](t, webtest.Send(t, a.h, "GET", "/weather?latitude=52.5&longitude=13.4", "")); !got.Cached {
		t.Error("just before the TTL, the answer is not from the cache")
	}
	a.clock.advance(time.Second)
	if got := webtest.Decode[weather](t, webtest.Send(t, a.h, "GET", "/weather?latitude=52.5&longitude=13.4", "")); got.Cached || api.calls.Load() != 2 {
		t.Errorf("at the TTL: cached %v after %d upstream calls, want a fresh fetch (2 calls)", got.Cached, api.calls.Load())
	}
}

func TestConcurrentMissesMakeOneUpstreamCall(t *testing.T) {
	handler, started, release := blocking(t)
	api := newFakeAPI(t, handler)
	// One call slot and one miss: a request that joins the call in flight
	// needs neither.
	a := newAppWith(t, api, 5*time.Second, 100, limits{calls: 1, share: 1, burst: 1, interval: time.Hour})
	var wg sync.WaitGroup
	var ok atomic.Int32
	for range 100 {
		wg.Go(func() {
			if w := webtest.Send(t, a.h, "GET", "/weather?latitude=-33.87&longitude=151.21", ""); w.Code == http.StatusOK {
				ok.Add(1)
			}
		})
	}
	<-started
	release()
	wg.Wait()
	if ok.Load() != 100 || api.calls.Load() != 1 {
		t.Errorf("%d of 100 requests got 200 with %d upstream calls, want 100 and 1", ok.Load(), api.calls.Load())
	}
}

func TestAClientThatHangsUpDoesNotFailTheOthers(t *testing.T) {
	handler, started, release := blocking(t)
	api := newFakeAPI(t, handler)
	a := newApp(t, api, 5*time.Second, 100)

	ctx, cancel := context.WithCancel(context.Background())
	first := make(chan int)
	go func() {
		r := httptest.NewRequestWithContext(ctx, "GET", "/weather?latitude=1&longitude=2", nil)
		first <- webtest.Do(a.h, r).Code
	}()
	<-started // the upstream call is under way, started by the first client
	second := make(chan *webtest.Response)
	go func() { second <- webtest.Send(t, a.h, "GET", "/weather?latitude=1&longitude=2", "") }()
	waitForWaiters(t, a.cache, Key{Lat: 10, Lon: 20}, 2) // the second joined the call
	cancel()
	<-first
	release()
	w := <-second
	w.WantStatus(t, http.StatusOK)
	if api.calls.Load() != 1 {
		t.Errorf("upstream calls = %d, want 1", api.calls.Load())
	}
}

func TestUpstreamFailuresAreMappedAndNeverCached(t *testing.T) {
	tests := []struct {
		name       string
		respond    http.HandlerFunc
		wantStatus int
		wantDetail string
	}{
		{"a 500", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "oops", 500) }, 502, "Weather service unavailable"},
		{"a 404", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) }, 502, "Weather service unavailable"},
		{"a body that is not JSON", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "<html>") }, 502, "Weather service unavailable"},
		{"no current_weather", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, `{"latitude":1}`) }, 502, "Weather service unavailable"},
		{"a current_weather that is not an object", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, `{"current_weather":[1]}`) }, 502, "Weather service unavailable"},
		{"a body over 1 MiB", func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, `{"current_weather":`+currentJSON+`,"pad":"`+strings.Repeat("x", 1<<20)+`"}`)
		}, 502, "Weather service unavailable"},
		{"no answer within the timeout", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }, 504, "Weather service timed out"},
	}
	for _, tt := range tests {
		t.Run("answers "+tt.name+" with "+http.StatusText(tt.wantStatus), func(t *testing.T) {
			api := newFakeAPI(t, tt.respond)
			// Only the timeout case needs a short timeout; a loaded machine
			// may take longer than that to move a 1 MiB body.
			timeout := 5 * time.Second
			if tt.wantStatus == http.StatusGatewayTimeout {
				timeout = 100 * time.Millisecond
			}
			a := newApp(t, api, timeout, 100)
			for i := range 2 {
				w := webtest.Send(t, a.h, "GET", "/weather?latitude=10&longitude=20", "")
				w.WantStatus(t, tt.wantStatus)
				w.WantJSON(t, `{"detail":"`+tt.wantDetail+`"}`)
				if int(api.calls.Load()) != i+1 {
					t.Errorf("after %d requests, %d upstream calls; a failure must not be cached", i+1, api.calls.Load())
				}
			}
		})
	}
}

func TestTheCacheStaysWithinItsSize(t *testing.T) {
	api := newFakeAPI(t, nil)
	a := newApp(t, api, time.Second, 2)
	for _, q := range []string{"latitude=1&longitude=1", "latitude=2&longitude=2", "latitude=3&longitude=3"} {
		webtest.Send(t, a.h, "GET", "/weather?"+q, "").WantStatus(t, http.StatusOK)
		if n := a.cache.Len(); n > 2 {
			t.Fatalf("cache holds %d entries, want at most 2", n)
		}
		a.clock.advance(time.Second) // each entry expires a second after the one before
	}
	// The oldest entry (1,1) made room; the newest (3,3) is still cached.
	if got := webtest.Decode[weather](t, webtest.Send(t, a.h, "GET", "/weather?latitude=3&longitude=3", "")); !got.Cached {
		t.Error("the newest entry was evicted")
	}
	if got := webtest.Decode[weather](t, webtest.Send(t, a.h, "GET", "/weather?latitude=1&longitude=1", "")); got.Cached {
		t.Error("the oldest entry was kept past the size limit")
	}
}

func TestWeatherParametersAreChecked(t *testing.T) {
	api := newFakeAPI(t, nil)
	a := newApp(t, api, time.Second, 100)
	tests := []struct {
		query, wantType, wantLoc string
	}{
		{"longitude=13", "missing", "query.latitude"},
		{"latitude=52", "missing", "query.longitude"},
		{"latitude=NaN&longitude=13", "finite_number", "query.latitude"},
		{"latitude=52&longitude=inf", "finite_number", "query.longitude"},
		{"latitude=0x10&longitude=13", "float_parsing", "query.latitude"},
		{"latitude=1_0&longitude=13", "float_parsing", "query.latitude"},
		{"latitude=abc&longitude=13", "float_parsing", "query.latitude"},
		{"latitude=%zz&longitude=13", "float_parsing", "query.latitude"}, // r.URL.Query would drop it: missing
		{"latitude=90.01&longitude=13", "less_than_equal", "query.latitude"},
		{"latitude=-90.5&longitude=13", "greater_than_equal", "query.latitude"},
		{"latitude=52&longitude=180.1", "less_than_equal", "query.longitude"},
		{"latitude=52&longitude=-181", "greater_than_equal", "query.longitude"},
		{"latitude=52&longitude=13&city_name=" + strings.Repeat("x", 101), "string_too_long", "query.city_name"},
	}
	for _, tt := range tests {
		t.Run("refuses "+tt.query[:min(len(tt.query), 40)], func(t *testing.T) {
			webtest.Send(t, a.h, "GET", "/weather?"+tt.query, "").WantProblem(t, tt.wantType, tt.wantLoc)
		})
	}
	t.Run("reports both coordinates at once", func(t *testing.T) {
		w := webtest.Send(t, a.h, "GET", "/weather", "")
		w.WantJSON(t, `{"detail":[
			{"type":"missing","loc":["query","latitude"],"msg":"Field required"},
			{"type":"missing","loc":["query","longitude"],"msg":"Field required"}]}`)
	})
	t.Run("accepts the edges of the ranges", func(t *testing.T) {
		webtest.Send(t, a.h, "GET", "/weather?latitude=-90&longitude=180", "").WantStatus(t, http.StatusOK)
	})
	if api.calls.Load() != 1 {
		t.Errorf("upstream calls = %d, want 1: invalid requests never reach it", api.calls.Load())
	}
}

func TestAFullCacheDropsEveryExpiredEntryFirst(t *testing.T) {
	api := newFakeAPI(t, nil)
	a := newApp(t, api, time.Second, 3)
	get := func(q string) {
		t.Helper()
		webtest.Send(t, a.h, "GET", "/weather?"+q, "").WantStatus(t, http.StatusOK)
	}
	get("latitude=1&longitude=1") // expires at 09:15
	a.clock.advance(time.Minute)
	get("latitude=2&longitude=2") // expires at 09:16
	a.clock.advance(19 * time.Minute)
	get("latitude=3&longitude=3") // 09:20, expires at 09:35; the first two have expired
	get("latitude=4&longitude=4") // the cache is full: both expired entries go
	if n := a.cache.Len(); n != 2 {
		t.Errorf("cache holds %d entries, want 2: both expired ones dropped to make room", n)
	}
}
