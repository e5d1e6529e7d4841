package main

import (
	"encoding/json"
	"log/slog"
	"net/http"

	"apicourse/lessons/08-webhook-receiver/webhook"
	"apicourse/shared/web"
)

// maxDeliveryID caps the delivery ids we remember (GitHub's are UUIDs).
const maxDeliveryID = 128

var (
	errInvalidSignature = web.Errorf(http.StatusUnauthorized, "Invalid signature")
	errNotJSON          = web.Errorf(http.StatusBadRequest, "Payload is not valid JSON")
	errDeliveryID       = web.Errorf(http.StatusBadRequest, "X-GitHub-Delivery is too long")
)

// ProcessFunc does the work a verified, new event asks for.
type ProcessFunc func(event, delivery string, payload json.RawMessage)

// logEvent is the lesson's processing: it logs that the event arrived
// (its name and id; never the payload).
func logEvent(logger *slog.Logger) ProcessFunc {
	return func(event, delivery string, payload json.RawMessage) {
		logger.Info("webhook processed", "event", event, "delivery", delivery, "bytes", len(payload))
	}
}

func handleWebhook(secret []byte, seen *Deliveries, process ProcessFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The raw bytes, exactly as signed: verify first, parse after.
		body, err := web.ReadBody(w, r, web.MaxBodyBytes)
		if err != nil {
			web.Error(w, r, err)
			return
		}
		if !webhook.Verify(secret, body, r.Header.Get(webhook.SignatureHeader)) {
			web.Error(w, r, errInvalidSignature)
			return
		}
		if !json.Valid(body) {
			web.Error(w, r, errNotJSON)
			return
		}
		delivery := r.Header.Get("X-GitHub-Delivery")
		if len(delivery) > maxDeliveryID {
			web.Error(w, r, errDeliveryID)
			return
		}
		if delivery != "" && seen.Seen(delivery) {
			web.JSON(w, http.StatusOK, map[string]string{"status": "duplicate"})
			return
		}
		event := r.Header.Get("X-GitHub-Event")
		process(event, delivery, body)
		var shown *string // null when the sender named no event
		if event != "" {
			shown = &event
		}
		web.JSON(w, http.StatusOK, struct {
			Status string  `json:"status"`
			Event  *string `json:"event"`
		}{"received", shown})
	})
}
