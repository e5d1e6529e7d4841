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

// Payload is what the receiver reads of a verified body: the fields it
// uses, decoded by encoding/json; the rest of the body is ignored. A field
// the event does not carry stays empty (a push has a ref and no action,
// an issues event an action and no ref).
type Payload struct {
	Action     string `json:"action"`
	Ref        string `json:"ref"`
	Repository struct {
		FullName string `json:"full_name"`
	} `json:"repository"`
}

// ProcessFunc does the work a verified, new event asks for.
type ProcessFunc func(event, delivery string, payload Payload)

// logEvent is the lesson's processing: it logs which event arrived, and
// where (never the whole payload).
func logEvent(logger *slog.Logger) ProcessFunc {
	return func(event, delivery string, p Payload) {
		logger.Info("webhook processed", "event", event, "delivery", delivery,
			"repository", p.Repository.FullName, "action", p.Action, "ref", p.Ref)
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
		// Only now, verified, is the body decoded.
		var payload Payload
		if err := json.Unmarshal(body, &payload); err != nil {
			var otherShape *json.UnmarshalTypeError
			if !errors.As(err, &otherShape) {
				web.Error(w, r, errNotJSON)
				return
			}
			// JSON, but not shaped like GitHub's (an array, a number for a
			// name): still a delivery; what did not fit stays empty.
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
		process(event, delivery, payload)
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
