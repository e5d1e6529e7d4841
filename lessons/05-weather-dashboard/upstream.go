package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
	"unicode/utf8"
)

// maxUpstreamBody caps how much of Open-Meteo's answer we read.
const maxUpstreamBody = 1 << 20

var (
	// errUpstreamTimeout means Open-Meteo did not answer in time.
	errUpstreamTimeout = errors.New("weather service timed out")
	// errUpstreamBad means Open-Meteo answered something we cannot use.
	errUpstreamBad = errors.New("weather service answered badly")
)

// maxUpstreamString is the longest string member we take from Open-Meteo,
// in bytes. Its time is 16 ("2026-11-25T09:00"); a longer one is refused,
// not cached: 10,000 entries of 1 MiB each would be 10 GB.
const maxUpstreamString = 64

// CurrentWeather is Open-Meteo's current_weather object, checked member by
// member. The lesson answers with these typed values, encoded again: never
// with the bytes the upstream sent.
type CurrentWeather struct {
	Time          string  `json:"time"`
	Interval      int     `json:"interval"`
	Temperature   float64 `json:"temperature"`
	WindSpeed     float64 `json:"windspeed"`
	WindDirection float64 `json:"winddirection"`
	IsDay         int     `json:"is_day"`
	WeatherCode   int     `json:"weathercode"`
}

// Upstream is the Open-Meteo API, reached with a client of its own.
type Upstream struct {
	base   string
	client *http.Client
}

// NewUpstream returns a client for the API at base whose every call,
// connecting and reading included, ends after timeout, and which keeps up
// to maxCalls connections open (the cache makes at most that many calls at
// once). It never follows a redirect.
func NewUpstream(base string, timeout time.Duration, maxCalls int) *Upstream {
	transport := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: timeout}).DialContext,
		TLSHandshakeTimeout:   timeout,
		ResponseHeaderTimeout: timeout,
		MaxConnsPerHost:       maxCalls,
		MaxIdleConnsPerHost:   maxCalls,
		IdleConnTimeout:       90 * time.Second,
	}
	client := &http.Client{
		Timeout:   timeout,
		Transport: transport,
		// A redirect is an answer we cannot use (and may point anywhere):
		// hand it back as it is, so the status check below refuses it.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return &Upstream{base: base, client: client}
}

// CurrentWeather fetches the current weather at key. It ends when ctx
// does: the cache cancels a call no request waits for any more.
func (u *Upstream) CurrentWeather(ctx context.Context, key Key) (CurrentWeather, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.base+"/v1/forecast?"+key.Query(), nil)
	if err != nil {
		return CurrentWeather{}, err
	}
	resp, err := u.client.Do(req)
	if err != nil {
		return CurrentWeather{}, upstreamError(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 && resp.StatusCode <= 399 {
		return CurrentWeather{}, fmt.Errorf("%w: status %s to %q (redirects are not followed)", errUpstreamBad, resp.Status, resp.Header.Get("Location"))
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return CurrentWeather{}, fmt.Errorf("%w: status %s", errUpstreamBad, resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxUpstreamBody+1))
	if err != nil {
		return CurrentWeather{}, upstreamError(err)
	}
	if len(body) > maxUpstreamBody {
		return CurrentWeather{}, fmt.Errorf("%w: body over %d bytes", errUpstreamBad, maxUpstreamBody)
	}
	return parseForecast(body)
}

// parseForecast checks an upstream body and returns its current_weather.
// The body must be valid UTF-8 (encoding/json would quietly turn bad bytes
// into U+FFFD) and a JSON object whose current_weather object has the
// seven members, each non-null and of its type, the string no longer than
// maxUpstreamString. Members are looked up by
// their exact names, through a map: decoding into the struct directly
// would also take "TIME" or "Temperature", since encoding/json matches
// names ignoring case.
func parseForecast(body []byte) (CurrentWeather, error) {
	if !utf8.Valid(body) {
		return CurrentWeather{}, fmt.Errorf("%w: body is not valid UTF-8", errUpstreamBad)
	}
	var forecast map[string]json.RawMessage
	if err := json.Unmarshal(body, &forecast); err != nil {
		return CurrentWeather{}, fmt.Errorf("%w: body is not a JSON object: %v", errUpstreamBad, err)
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(forecast["current_weather"], &members); err != nil || members == nil {
		return CurrentWeather{}, fmt.Errorf("%w: no current_weather object", errUpstreamBad)
	}
	var cw CurrentWeather
	for _, m := range []struct {
		name, kind string
		dst        any
	}{
		{"time", "string", &cw.Time}, {"interval", "integer", &cw.Interval},
		{"temperature", "number", &cw.Temperature}, {"windspeed", "number", &cw.WindSpeed},
		{"winddirection", "number", &cw.WindDirection}, {"is_day", "integer", &cw.IsDay},
		{"weathercode", "integer", &cw.WeatherCode},
	} {
		raw, ok := members[m.name]
		if !ok {
			return CurrentWeather{}, fmt.Errorf("%w: current_weather has no %s", errUpstreamBad, m.name)
		}
		// null would decode into anything, leaving the zero value.
		if bytes.Equal(raw, []byte("null")) || json.Unmarshal(raw, m.dst) != nil {
			return CurrentWeather{}, fmt.Errorf("%w: current_weather.%s is %.40s, not a %s", errUpstreamBad, m.name, raw, m.kind)
		}
	}
	if len(cw.Time) > maxUpstreamString {
		return CurrentWeather{}, fmt.Errorf("%w: current_weather.time is %d bytes, more than %d", errUpstreamBad, len(cw.Time), maxUpstreamString)
	}
	return cw, nil
}

// upstreamError tells a timeout from any other failure to talk to the API.
func upstreamError(err error) error {
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
		return fmt.Errorf("%w: %v", errUpstreamTimeout, err)
	}
	return fmt.Errorf("%w: %v", errUpstreamBad, err)
}
