package webhook

import (
	"strings"
	"testing"
)

// GitHub's published test vector ("Validating webhook deliveries").
const (
	vectorSecret    = "It's a Secret to Everybody"
	vectorBody      = "Hello, World!"
	vectorSignature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
)

func TestSignMatchesGitHubsTestVector(t *testing.T) {
	if got := Sign([]byte(vectorSecret), []byte(vectorBody)); got != vectorSignature {
		t.Errorf("Sign(vector) = %s, want %s", got, vectorSignature)
	}
}

func TestVerify(t *testing.T) {
	secret, body := []byte(vectorSecret), []byte(vectorBody)
	hexDigits := strings.TrimPrefix(vectorSignature, "sha256=")
	tests := []struct {
		name   string
		secret string
		body   string
		header string
		want   bool
	}{
		{"accepts the right signature", vectorSecret, vectorBody, vectorSignature, true},
		{"accepts upper-case hex", vectorSecret, vectorBody, "sha256=" + strings.ToUpper(hexDigits), true},
		{"refuses a changed body", vectorSecret, "Hello, World?", vectorSignature, false},
		{"refuses a body with one more space", vectorSecret, vectorBody + " ", vectorSignature, false},
		{"refuses the wrong secret", "It's a Secret to Nobody", vectorBody, vectorSignature, false},
		{"refuses an empty header", vectorSecret, vectorBody, "", false},
		{"refuses the bare hex without sha256=", vectorSecret, vectorBody, hexDigits, false},
		{"refuses the sha1= prefix", vectorSecret, vectorBody, "sha1=" + hexDigits, false},
		{"refuses a prefix in capitals", vectorSecret, vectorBody, "SHA256=" + hexDigits, false},
		{"refuses a truncated signature", vectorSecret, vectorBody, vectorSignature[:len(vectorSignature)-2], false},
		{"refuses a signature with extra digits", vectorSecret, vectorBody, vectorSignature + "00", false},
		{"refuses hex with a non-hex digit", vectorSecret, vectorBody, vectorSignature[:len(vectorSignature)-1] + "g", false},
		{"refuses spaces around the value", vectorSecret, vectorBody, " " + vectorSignature, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Verify([]byte(tt.secret), []byte(tt.body), tt.header); got != tt.want {
				t.Errorf("Verify(%q, %q, %q) = %v, want %v", tt.secret, tt.body, tt.header, got, tt.want)
			}
		})
	}
	if !Verify(secret, body, Sign(secret, body)) {
		t.Error("Verify does not accept what Sign produced")
	}
}

// FuzzVerify checks that no header makes Verify panic and that only the
// one true signature (in either hex case) verifies.
func FuzzVerify(f *testing.F) {
	for _, seed := range []string{vectorSignature, "", "sha256=", "sha256=zz", "sha1=abc", strings.ToUpper(vectorSignature)} {
		f.Add(seed, vectorBody)
	}
	f.Fuzz(func(t *testing.T, header, body string) {
		secret := []byte(vectorSecret)
		want := Sign(secret, []byte(body))
		if Verify(secret, []byte(body), header) && !strings.EqualFold(header[len("sha256="):], want[len("sha256="):]) {
			t.Fatalf("Verify accepted %q for body %q; the signature is %s", header, body, want)
		}
	})
}
