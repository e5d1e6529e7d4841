// Package webhook signs and verifies webhook deliveries the way GitHub
// does: an HMAC-SHA256 of the raw body, hex-encoded, in the
// X-Hub-Signature-256 header. The receiver and the sender of lesson 08
// both use it, so they cannot disagree about the format.
package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// SignatureHeader is the header that carries the signature.
const SignatureHeader = "X-Hub-Signature-256"

// prefix names the algorithm in the header value.
const prefix = "sha256="

// Sign returns the header value for body: "sha256=" and the hex HMAC-SHA256
// of body under secret.
func Sign(secret, body []byte) string {
	return prefix + hex.EncodeToString(mac(secret, body))
}

// Verify reports whether header is a valid signature of body under secret.
// A missing prefix, bad hex or a wrong length is simply invalid. The
// comparison takes the same time wherever the bytes differ.
func Verify(secret, body []byte, header string) bool {
	got, ok := parseHeader(header)
	return ok && hmac.Equal(got, mac(secret, body))
}

// parseHeader returns the 32 MAC bytes of a "sha256=<64 hex digits>" value.
func parseHeader(header string) ([]byte, bool) {
	digits, ok := strings.CutPrefix(header, prefix)
	if !ok || len(digits) != hex.EncodedLen(sha256.Size) {
		return nil, false
	}
	got, err := hex.DecodeString(digits)
	return got, err == nil
}

func mac(secret, body []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write(body)
	return m.Sum(nil)
}
