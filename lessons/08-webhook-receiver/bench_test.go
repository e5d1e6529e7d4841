package main

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"apicourse/lessons/08-webhook-receiver/webhook"
)

// BenchmarkWebhook1KiB measures POST /webhook with a 1 KiB signed payload
// through the whole stack: read, verify, check JSON, respond.
func BenchmarkWebhook1KiB(b *testing.B) {
	h := NewServer(slog.New(slog.DiscardHandler), []byte(testSecret), NewDeliveries(maxDeliveries), (&recorder{}).process)
	body := `{"data":"` + strings.Repeat("x", 1012) + `"}`
	sig := webhook.Sign([]byte(testSecret), []byte(body))
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest("POST", "/webhook", strings.NewReader(body))
		r.Header.Set(webhook.SignatureHeader, sig)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			b.Fatalf("status = %d", w.Code)
		}
	}
}
