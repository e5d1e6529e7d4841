package main

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkGetProfile measures GET /profiles/{username} through the whole
// handler stack.
func BenchmarkGetProfile(b *testing.B) {
	h, _ := newHandler(b)
	r := httptest.NewRequest("GET", "/profiles/john_doe", nil)
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			b.Fatalf("GET /profiles/john_doe status = %d", w.Code)
		}
	}
}

// BenchmarkUploadImage measures a small PNG upload: multipart parsing,
// sniffing, a temporary file, fsync and rename.
func BenchmarkUploadImage(b *testing.B) {
	h, _ := newHandler(b)
	body, ct := multipartBody(b, "file", "a.png", "image/png", encode(b, "png"))
	data, _ := io.ReadAll(body)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest("POST", "/profiles/john_doe/upload-image", bytes.NewReader(data))
		r.Header.Set("Content-Type", ct)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			b.Fatalf("upload status = %d: %s", w.Code, w.Body)
		}
	}
}
