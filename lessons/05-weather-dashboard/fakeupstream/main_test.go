package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

func TestForecastAnswersLikeOpenMeteo(t *testing.T) {
	tests := []struct {
		path       string
		wantStatus int
		wantBody   string
	}{
		{"/v1/forecast?latitude=52.5&longitude=13.4&current_weather=true", http.StatusOK, `"current_weather":{"interval":900`},
		{"/v1/forecast?latitude=x&longitude=13.4", http.StatusBadRequest, "must be numbers"},
		{"/other", http.StatusNotFound, "Not Found"},
	}
	f := &forecaster{}
	for _, tt := range tests {
		w := httptest.NewRecorder()
		f.ServeHTTP(w, httptest.NewRequest("GET", tt.path, nil))
		if w.Code != tt.wantStatus || !strings.Contains(w.Body.String(), tt.wantBody) {
			t.Errorf("GET %s = %d %s, want %d with %s", tt.path, w.Code, w.Body, tt.wantStatus, tt.wantBody)
		}
	}
	if got := f.served.Load(); got != 1 {
		t.Errorf("served = %d, want 1 (only the forecast counts)", got)
	}
}

func TestTheFakeCountsForecastsAndThePeak(t *testing.T) {
	f := &forecaster{}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			f.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/v1/forecast?latitude=1&longitude=2", nil))
		})
	}
	wg.Wait()
	if f.served.Load() != 8 || f.peak.Load() < 1 || f.peak.Load() > 8 || f.inFlight.Load() != 0 {
		t.Errorf("served %d, peak %d, in flight %d; want 8, 1..8, 0", f.served.Load(), f.peak.Load(), f.inFlight.Load())
	}
}
