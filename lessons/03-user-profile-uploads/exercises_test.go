//go:build exercises

package main

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"testing"

	"apicourse/shared/webtest"
)

// Exercise 1: DELETE /profiles/{username}/image removes the avatar file
// and answers 200 with the profile, whose profile_image_url is null again.
// A profile without an image is 404 {"detail":"Profile has no image"}.
func TestExercise1DeleteAvatar(t *testing.T) {
	docs := webtest.DocsLast(t) // openapi.json is held to the answers in the last step, once they are right
	h, dir := newHandler(t)
	upload(t, h, "john_doe", "a.png", encode(t, "png")).WantStatus(t, http.StatusOK)

	w := webtest.Send(t, h, "DELETE", "/profiles/john_doe/image", "")
	w.WantStatus(t, http.StatusOK)
	w.WantJSON(t, `{"username":"john_doe","full_name":"John Doe","bio":"","profile_image_url":null}`)
	if got := filesIn(t, dir); len(got) != 0 {
		t.Errorf("uploads folder = %v after DELETE, want empty", got)
	}
	webtest.Send(t, h, "GET", "/static/uploads/john_doe.png", "").WantStatus(t, http.StatusNotFound)

	w = webtest.Send(t, h, "DELETE", "/profiles/john_doe/image", "")
	w.WantStatus(t, http.StatusNotFound)
	w.WantJSON(t, `{"detail":"Profile has no image"}`)
	w = webtest.Send(t, h, "DELETE", "/profiles/nobody/image", "")
	w.WantJSON(t, `{"detail":"Profile not found"}`)
	t.Run("openapi.json documents every answer above", docs.Want)
}

// pngOfSize returns a PNG of the given size.
func pngOfSize(t *testing.T, width, height int) []byte {
	t.Helper()
	img := image.NewPaletted(image.Rect(0, 0, width, height), color.Palette{color.White})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Exercise 2: an avatar is at most 1024×1024 pixels. A larger JPEG, PNG
// or GIF is 422 value_error at ["body","file"] and nothing is stored.
// Read only the image's header (image.DecodeConfig), never the pixels: a
// small file can claim a huge size. WebP passes unchecked (no decoder in
// the standard library).
func TestExercise2LimitImageDimensions(t *testing.T) {
	docs := webtest.DocsLast(t)
	tests := []struct {
		name          string
		width, height int
		wantStatus    int
	}{
		{"accepts exactly 1024×1024", 1024, 1024, http.StatusOK},
		{"refuses 1025 pixels wide", 1025, 1, http.StatusUnprocessableEntity},
		{"refuses 2000 pixels tall", 1, 2000, http.StatusUnprocessableEntity},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, dir := newHandler(t)
			w := upload(t, h, "jane_doe", "a.png", pngOfSize(t, tt.width, tt.height))
			if w.Code != tt.wantStatus {
				t.Fatalf("uploading a %d×%d PNG: status = %d, want %d", tt.width, tt.height, w.Code, tt.wantStatus)
			}
			if tt.wantStatus == http.StatusOK {
				return
			}
			w.WantProblem(t, "value_error", "body.file")
			if got := filesIn(t, dir); len(got) != 0 {
				t.Errorf("uploads folder = %v after a refused upload, want empty", got)
			}
		})
	}
	t.Run("openapi.json documents every answer above", docs.Want)
}
