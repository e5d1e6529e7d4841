package webhook

import (
	"bytes"
	"context"
	"crypto/rand"
	"io"
	"net/http"
)

// maxReply caps how much of the receiver's answer Send reads.
const maxReply = 64 << 10

// Reply is what the receiver answered.
type Reply struct {
	Status string // "200 OK"
	Code   int
	Body   []byte
}

// Send signs body with secret and posts it to url as a delivery of event,
// with a fresh delivery id, as GitHub would.
func Send(ctx context.Context, client *http.Client, url, event string, secret, body []byte) (Reply, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return Reply{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "apicourse-webhook-sender")
	req.Header.Set(SignatureHeader, Sign(secret, body))
	req.Header.Set("X-GitHub-Event", event)
	req.Header.Set("X-GitHub-Delivery", rand.Text())
	resp, err := client.Do(req)
	if err != nil {
		return Reply{}, err
	}
	defer resp.Body.Close()
	reply, err := io.ReadAll(io.LimitReader(resp.Body, maxReply))
	return Reply{Status: resp.Status, Code: resp.StatusCode, Body: reply}, err
}
