package web

import (
	"bytes"
	"errors"
	"mime/multipart"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestParseForm(t *testing.T) {
	var mp bytes.Buffer
	mw := multipart.NewWriter(&mp)
	_ = mw.WriteField("bio", "from multipart")
	mw.Close()

	tests := []struct {
		name, contentType, body string
		wantStatus              int // 0: parsed
		wantBio                 string
	}{
		{"reads an urlencoded form", "application/x-www-form-urlencoded", "bio=hello+there", 0, "hello there"},
		{"reads a multipart form", mw.FormDataContentType(), mp.String(), 0, "from multipart"},
		{"refuses JSON with 415", "application/json", `{"bio":"x"}`, 415, ""},
		{"refuses a body over the cap with 413", "application/x-www-form-urlencoded", "bio=" + strings.Repeat("a", 600), 413, ""},
		{"refuses a broken multipart body with 400", "multipart/form-data; boundary=zzz", "--zzz\r\nnonsense", 400, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/", strings.NewReader(tt.body))
			r.Header.Set("Content-Type", tt.contentType)
			err := ParseForm(httptest.NewRecorder(), r, 512)
			var se *StatusError
			switch {
			case tt.wantStatus == 0 && err != nil:
				t.Fatalf("ParseForm error = %v, want nil", err)
			case tt.wantStatus == 0:
				if got := r.PostFormValue("bio"); got != tt.wantBio {
					t.Errorf("bio = %q, want %q", got, tt.wantBio)
				}
			case !errors.As(err, &se) || se.Status != tt.wantStatus:
				t.Errorf("ParseForm error = %v, want status %d", err, tt.wantStatus)
			}
		})
	}
}
