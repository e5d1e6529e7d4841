package main

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"apicourse/shared/webtest"
)

// members are currentJSON's seven members, in order, as raw JSON values.
var members = [][2]string{
	{"time", `"2026-11-25T09:00"`}, {"interval", "900"}, {"temperature", "6.4"}, {"windspeed", "11.2"},
	{"winddirection", "250"}, {"is_day", "1"}, {"weathercode", "3"},
}

// forecastWith returns a forecast body whose current_weather is currentJSON
// with the member name given the raw value (or left out when value is "").
func forecastWith(name, value string) string {
	var parts []string
	for _, m := range members {
		switch {
		case m[0] != name:
			parts = append(parts, `"`+m[0]+`":`+m[1])
		case value != "":
			parts = append(parts, `"`+m[0]+`":`+value)
		}
	}
	return `{"latitude":10,"current_weather":{` + strings.Join(parts, ",") + `}}`
}

// answering returns a fake handler that answers body with 200.
func answering(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, body) }
}

func TestUpstreamCallsAreBoundedAndTheRestAreBusy(t *testing.T) {
	handler, started, release := blocking(t)
	api := newFakeAPI(t, handler)
	a := newAppWith(t, api, 5*time.Second, 100, limits{calls: 2, share: 2, burst: 100, interval: time.Second})

	// Two misses of two points take both slots and wait in the upstream.
	answers := make(chan *webtest.Response, 2)
	for _, q := range []string{"latitude=1&longitude=1", "latitude=2&longitude=2"} {
		go func() { answers <- webtest.Send(t, a.h, "GET", "/weather?"+q, "") }()
		<-started
	}

	for i := range 2 { // the refusal is not cached either
		w := webtest.Send(t, a.h, "GET", "/weather?latitude=3&longitude=3", "")
		w.WantStatus(t, http.StatusServiceUnavailable)
		w.WantJSON(t, `{"detail":"Weather service busy"}`)
		if got := w.Header().Get("Retry-After"); got != "1" {
			t.Errorf("request %d: Retry-After = %q, want 1", i+1, got)
		}
	}
	if got := api.calls.Load(); got != 2 {
		t.Errorf("upstream calls = %d, want 2: a busy request never reaches the upstream", got)
	}

	release()
	for range 2 {
		(<-answers).WantStatus(t, http.StatusOK)
	}
	w := webtest.Send(t, a.h, "GET", "/weather?latitude=3&longitude=3", "")
	w.WantStatus(t, http.StatusOK)
	if got := w.Header().Get("Retry-After"); got != "" {
		t.Errorf("a 200 carries Retry-After %q", got)
	}
}

func TestAnUpstreamAnswerIsCheckedBeforeItIsUsed(t *testing.T) {
	type test struct{ name, body string }
	tests := []test{
		{"invalid UTF-8 inside current_weather", forecastWith("time", "\"2026-11-25T09:00\xff\"")},
		{"invalid UTF-8 elsewhere in the body", strings.Replace(forecastWith("", ""), `"latitude":10`, "\"timezone\":\"\xfe\xfe\"", 1)},
		{"a current_weather of null", `{"current_weather":null}`},
		{"a current_weather that is a string", `{"current_weather":"sunny"}`},
		{"a member name in another case", strings.Replace(forecastWith("", ""), `"time"`, `"TIME"`, 1)},
		{"a member name capitalised", strings.Replace(forecastWith("", ""), `"temperature"`, `"Temperature"`, 1)},
		{"current_weather's name in another case", strings.Replace(forecastWith("", ""), `"current_weather"`, `"Current_Weather"`, 1)},
		{"a time that is a number", forecastWith("time", "900")},
		{"an interval that is a string", forecastWith("interval", `"900"`)},
		{"an interval with a fraction", forecastWith("interval", "900.5")},
		{"a temperature that is a string", forecastWith("temperature", `"6.4"`)},
		{"a windspeed that is a boolean", forecastWith("windspeed", "true")},
		{"a winddirection that is an array", forecastWith("winddirection", "[250]")},
		{"an is_day that is an object", forecastWith("is_day", "{}")},
		{"a weathercode with a fraction", forecastWith("weathercode", "3.5")},
		{"a temperature too big for a float64", forecastWith("temperature", "1e999")},
		{"a time of 65 bytes", forecastWith("time", `"`+strings.Repeat("9", 65)+`"`)},
		{"a time of almost 1 MiB", forecastWith("time", `"`+strings.Repeat("9", 1<<20-200)+`"`)},
	}
	for _, m := range members {
		tests = append(tests,
			test{"no " + m[0], forecastWith(m[0], "")},
			test{"null for " + m[0], forecastWith(m[0], "null")})
	}
	for _, tt := range tests {
		t.Run("answers 502 to "+tt.name, func(t *testing.T) {
			api := newFakeAPI(t, answering(tt.body))
			a := newApp(t, api, 5*time.Second, 100)
			for i := range 2 {
				w := webtest.Send(t, a.h, "GET", "/weather?latitude=10&longitude=20", "")
				w.WantStatus(t, http.StatusBadGateway)
				w.WantJSON(t, `{"detail":"Weather service unavailable"}`)
				if int(api.calls.Load()) != i+1 {
					t.Errorf("after %d requests, %d upstream calls; a refused answer must not be cached", i+1, api.calls.Load())
				}
			}
		})
	}
	t.Run("accepts the good forecast these are made from", func(t *testing.T) {
		a := newApp(t, newFakeAPI(t, answering(forecastWith("", ""))), 5*time.Second, 100)
		webtest.Send(t, a.h, "GET", "/weather?latitude=10&longitude=20", "").WantStatus(t, http.StatusOK)
	})
	t.Run("accepts a time of 64 bytes", func(t *testing.T) {
		a := newApp(t, newFakeAPI(t, answering(forecastWith("time", `"`+strings.Repeat("9", 64)+`"`))), 5*time.Second, 100)
		webtest.Send(t, a.h, "GET", "/weather?latitude=10&longitude=20", "").WantStatus(t, http.StatusOK)
	})
}

func TestTheWeatherIsEncodedAgainNotRelayed(t *testing.T) {
	// Same values, written differently, with a member the lesson does not know.
	upstream := `{ "current_weather" : { "weathercode":3, "is_day":1, "note":"<b>hi</b>",
		"winddirection":250.0, "windspeed":11.20, "temperature":64e-1, "interval":900,
		"time":"\u0032026-11-25T09:00" } }`
	a := newApp(t, newFakeAPI(t, answering(upstream)), 5*time.Second, 100)
	for _, req := range []string{"the fetch", "the cached answer"} {
		w := webtest.Send(t, a.h, "GET", "/weather?latitude=10&longitude=20", "")
		w.WantStatus(t, http.StatusOK)
		if want := `"current_weather":` + currentJSON + `,`; !strings.Contains(w.Body.String(), want) {
			t.Errorf("%s: body = %s\nwant it to contain %s", req, w.Body, want)
		}
	}
}

func TestRedirectsAreNotFollowed(t *testing.T) {
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere.Add(1)
		io.WriteString(w, forecastWith("", ""))
	}))
	t.Cleanup(other.Close)
	tests := []struct {
		name   string
		status int
		to     func(r *http.Request) string
	}{
		{"a 302 to another host", http.StatusFound, func(r *http.Request) string { return other.URL + r.URL.RequestURI() }},
		{"a 301 to the same host", http.StatusMovedPermanently, func(r *http.Request) string { return "/v2" + r.URL.RequestURI() }},
		{"a 307 to another host", http.StatusTemporaryRedirect, func(r *http.Request) string { return other.URL + r.URL.RequestURI() }},
	}
	for _, tt := range tests {
		t.Run("answers 502 to "+tt.name, func(t *testing.T) {
			api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != "/v1/forecast" {
					io.WriteString(w, forecastWith("", ""))
					return
				}
				http.Redirect(w, r, tt.to(r), tt.status)
			})
			a := newApp(t, api, 5*time.Second, 100)
			w := webtest.Send(t, a.h, "GET", "/weather?latitude=10&longitude=20", "")
			w.WantStatus(t, http.StatusBadGateway)
			w.WantJSON(t, `{"detail":"Weather service unavailable"}`)
			if api.calls.Load() != 1 || elsewhere.Load() != 0 {
				t.Errorf("upstream calls %d, calls to the redirect's target %d; want 1 and 0", api.calls.Load(), elsewhere.Load())
			}
		})
	}
}

// FuzzParseForecast checks that whatever parseForecast accepts encodes
// again as valid UTF-8 JSON with exactly the seven members, and that it
// refuses everything else with errUpstreamBad.
func FuzzParseForecast(f *testing.F) {
	for _, seed := range []string{
		forecastWith("", ""), forecastWith("time", "\"\xff\""), forecastWith("interval", "900.5"),
		forecastWith("temperature", "null"), `{"current_weather":[]}`, `[]`, `{"current_weather":{}}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		cw, err := parseForecast(body)
		if err != nil {
			if !errors.Is(err, errUpstreamBad) {
				t.Fatalf("parseForecast(%q) = %v, want errUpstreamBad", body, err)
			}
			return
		}
		out, err := json.Marshal(cw)
		if err != nil || !utf8.Valid(out) {
			t.Fatalf("parseForecast(%q) accepted %#v, which encodes as %q (%v)", body, cw, out, err)
		}
		var back map[string]any
		if err := json.Unmarshal(out, &back); err != nil || len(back) != len(members) {
			t.Fatalf("parseForecast(%q) encodes as %s, want the seven members", body, out)
		}
	})
}
