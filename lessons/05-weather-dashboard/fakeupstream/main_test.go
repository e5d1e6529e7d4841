package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
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
	for _, tt := range tests {
		w := httptest.NewRecorder()
		forecast(w, httptest.NewRequest("GET", tt.path, nil))
		if w.Code != tt.wantStatus || !strings.Contains(w.Body.String(), tt.wantBody) {
			t.Errorf("GET %s = %d %s, want %d with %s", tt.path, w.Code, w.Body, tt.wantStatus, tt.wantBody)
		}
	}
}
