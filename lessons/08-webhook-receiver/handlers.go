package main

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"

	"apicourse/lessons/08-webhook-receiver/webhook"
	"apicourse/shared/web"
)

const (
	// maxBodyBytes caps a delivery's body: it is read whole into memory
	// before the signature is checked, so a stranger must not choose its size.
	maxBodyBytes = 1 << 20
	// maxDeliveryID caps the delivery ids we remember (GitHub's are UUIDs).
	maxDeliveryID = 128
)

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
		body, err := readBody(w, r)
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
			web.JSON(w, r, http.StatusOK, map[string]string{"status": "duplicate"})
			return
		}
		event := r.Header.Get("X-GitHub-Event")
		process(event, delivery, body)
		var shown *string // null when the sender named no event
		if event != "" {
			shown = &event
		}
		web.JSON(w, r, http.StatusOK, struct {
			Status string  `json:"status"`
			Event  *string `json:"event"`
		}{"received", shown})
	})
}

// readBody reads the whole body, byte for byte as it was signed: more than
// maxBodyBytes is 413 (before a byte is read, when Content-Length says
// so), a body cut short is 400.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	if r.ContentLength > maxBodyBytes { // refused before "100 Continue" invites the body
		return nil, web.ErrBodyTooLarge
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return nil, web.ErrBodyTooLarge
	case err != nil:
		return nil, web.Errorf(http.StatusBadRequest, "Could not read the request body")
	}
	return body, nil
}
