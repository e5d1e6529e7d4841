package main

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"apicourse/shared/webtest"
)

// newHandler returns the lesson's whole HTTP stack over the seeded
// profiles and a fresh static folder, whose path it also returns. Every
// response is held to openapi.json.
func newHandler(t testing.TB) (http.Handler, string) {
	t.Helper()
	return newHandlerOver(t, NewProfiles())
}

// newHandlerOver is newHandler over the given profiles.
func newHandlerOver(t testing.TB, profiles *Profiles) (http.Handler, string) {
	t.Helper()
	dir := t.TempDir()
	uploads, err := OpenUploads(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { uploads.Close() })
	h := NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), profiles, uploads)
	return webtest.ParseAPI(t, openapiJSON).Check(t, h), dir
}

// encode returns a 4×4 image in the given format.
func encode(t testing.TB, format string) []byte {
	t.Helper()
	img := image.NewPaletted(image.Rect(0, 0, 4, 4), color.Palette{color.White, color.Black})
	var b bytes.Buffer
	var err error
	switch format {
	case "png":
		err = png.Encode(&b, img)
	case "jpg":
		err = jpeg.Encode(&b, img, nil)
	case "gif":
		err = gif.Encode(&b, img, nil)
	case "webp": // the RIFF header is what the sniffer reads
		b.WriteString("RIFF\x1a\x00\x00\x00WEBPVP8 \x0e\x00\x00\x00\x30\x01\x00\x9d\x01\x2a\x01\x00\x01\x00")
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// multipartBody returns a body with one part named field holding data, sent
// under filename with the client's own Content-Type claim.
func multipartBody(t testing.TB, field, filename, claimedType string, data []byte) (io.Reader, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="`+field+`"; filename="`+filename+`"`)
	h.Set("Content-Type", claimedType)
	part, err := mw.CreatePart(h)
	if err != nil {
		t.Fatal(err)
	}
	part.Write(data)
	mw.Close()
	return &b, mw.FormDataContentType()
}

// upload posts data as user's image and returns the response.
func upload(t testing.TB, h http.Handler, user, filename string, data []byte) *webtest.Response {
	t.Helper()
	body, ct := multipartBody(t, "file", filename, "image/png", data)
	r := httptest.NewRequest("POST", "/profiles/"+user+"/upload-image", body)
	r.Header.Set("Content-Type", ct)
	return webtest.Do(h, r)
}

// filesIn lists the file names in dir/uploads, hidden ones included.
func filesIn(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(dir, "uploads"))
	if err != nil {
		t.Fatal(err)
	}
	names := []string{}
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestGetProfile(t *testing.T) {
	h, _ := newHandler(t)
	w := webtest.Send(t, h, "GET", "/profiles/john_doe", "")
	w.WantStatus(t, http.StatusOK)
	w.WantJSON(t, `{"username":"john_doe","full_name":"John Doe","bio":"","profile_image_url":null}`)
	webtest.Send(t, h, "GET", "/profiles/jane_doe", "").WantJSON(t, `{"username":"jane_doe","full_name":"Jane Doe","bio":"","profile_image_url":null}`)

	for _, user := range []string{"nobody", "John_Doe", "john_doe%00", "john_doe%2F"} {
		w := webtest.Send(t, h, "GET", "/profiles/"+user, "")
		w.WantStatus(t, http.StatusNotFound)
		w.WantJSON(t, `{"detail":"Profile not found"}`)
	}
}

func TestUploadImageStoresEachImageTypeUnderItsSniffedExtension(t *testing.T) {
	for _, format := range []string{"png", "jpg", "gif", "webp"} {
		t.Run("stores a "+format+" sent as avatar.exe", func(t *testing.T) {
			h, dir := newHandler(t)
			w := upload(t, h, "john_doe", "avatar.exe", encode(t, format))
			w.WantStatus(t, http.StatusOK)
			w.WantJSON(t, `{"username":"john_doe","full_name":"John Doe","bio":"",
				"profile_image_url":"/static/uploads/john_doe.`+format+`"}`)
			if got := filesIn(t, dir); !slices.Equal(got, []string{"john_doe." + format}) {
				t.Errorf("uploads folder = %v, want [john_doe.%s]", got, format)
			}
			stored, _ := os.ReadFile(filepath.Join(dir, "uploads", "john_doe."+format))
			if !bytes.Equal(stored, encode(t, format)) {
				t.Errorf("stored file differs from the upload")
			}
		})
	}
}

func TestUploadImageRefusesWhatIsNotAnImage(t *testing.T) {
	tests := []struct {
		name string
		data []byte
	}{
		{"an SVG (it can carry script)", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`)},
		{"an HTML page", []byte(`<!DOCTYPE html><html><script>alert(1)</script></html>`)},
		{"plain text", []byte("just some words")},
		{"an empty file", nil},
		{"an HTML page with a PNG signature inside", []byte("<html>\x89PNG\r\n\x1a\n")},
	}
	for _, tt := range tests {
		t.Run("refuses "+tt.name, func(t *testing.T) {
			h, dir := newHandler(t)
			w := upload(t, h, "john_doe", "photo.png", tt.data)
			w.WantStatus(t, http.StatusUnsupportedMediaType)
			w.WantJSON(t, `{"detail":"File must be a JPEG, PNG, GIF or WebP image"}`)
			if got := filesIn(t, dir); len(got) != 0 {
				t.Errorf("uploads folder = %v after a refused upload, want empty", got)
			}
		})
	}
}

func TestUploadImageOverTheCap(t *testing.T) {
	h, dir := newHandler(t)
	upload(t, h, "john_doe", "old.gif", encode(t, "gif"))
	big := append(encode(t, "png"), make([]byte, maxImageBytes)...)
	w := upload(t, h, "john_doe", "big.png", big)
	w.WantStatus(t, http.StatusRequestEntityTooLarge)
	w.WantJSON(t, `{"detail":"Request body too large"}`)
	if got := filesIn(t, dir); !slices.Equal(got, []string{"john_doe.gif"}) {
		t.Errorf("uploads folder = %v, want only the earlier john_doe.gif (no partial file)", got)
	}
	t.Run("accepts an image of exactly 5 MiB", func(t *testing.T) {
		exact := append(encode(t, "png"), make([]byte, maxImageBytes-len(encode(t, "png")))...)
		upload(t, h, "jane_doe", "exact.png", exact).WantStatus(t, http.StatusOK)
	})
}

func TestUploadImageReplacesTheEarlierAvatar(t *testing.T) {
	h, dir := newHandler(t)
	upload(t, h, "john_doe", "a.png", encode(t, "png"))
	w := upload(t, h, "john_doe", "b.jpg", encode(t, "jpg"))
	w.WantStatus(t, http.StatusOK)
	if got := filesIn(t, dir); !slices.Equal(got, []string{"john_doe.jpg"}) {
		t.Errorf("uploads folder = %v, want only john_doe.jpg", got)
	}
	p := webtest.Decode[Profile](t, webtest.Send(t, h, "GET", "/profiles/john_doe", ""))
	if p.ProfileImageURL == nil || *p.ProfileImageURL != "/static/uploads/john_doe.jpg" {
		t.Errorf("profile_image_url = %v, want /static/uploads/john_doe.jpg", p.ProfileImageURL)
	}
}

func TestConcurrentUploadsLeaveOneFileThatMatchesTheProfile(t *testing.T) {
	h, dir := newHandler(t)
	var wg sync.WaitGroup
	for i := range 20 {
		format := []string{"png", "jpg", "gif", "webp"}[i%4]
		wg.Go(func() { upload(t, h, "john_doe", "x", encode(t, format)) })
	}
	wg.Wait()
	p := webtest.Decode[Profile](t, webtest.Send(t, h, "GET", "/profiles/john_doe", ""))
	files := filesIn(t, dir)
	if len(files) != 1 || p.ProfileImageURL == nil || *p.ProfileImageURL != "/static/uploads/"+files[0] {
		t.Errorf("after 20 concurrent uploads: files %v, profile_image_url %v; want one file, named by the URL", files, p.ProfileImageURL)
	}
}

// onFirstRead is a request body that calls do once, as the handler reads
// its first bytes.
type onFirstRead struct {
	r    io.Reader
	do   func()
	once sync.Once
}

func (o *onFirstRead) Read(p []byte) (int, error) {
	o.once.Do(o.do)
	return o.r.Read(p)
}

func TestUploadImageForAProfileRemovedWhileTheFileArrives(t *testing.T) {
	profiles := NewProfiles()
	h, dir := newHandlerOver(t, profiles)
	body, ct := multipartBody(t, "file", "a.png", "image/png", encode(t, "png"))
	// The handler has found john_doe by the time it reads the body; the
	// profile goes before the image is saved and published.
	r := httptest.NewRequest("POST", "/profiles/john_doe/upload-image", &onFirstRead{r: body, do: func() {
		profiles.mu.Lock()
		defer profiles.mu.Unlock()
		delete(profiles.profiles, "john_doe")
	}})
	r.Header.Set("Content-Type", ct)
	w := webtest.Do(h, r)
	w.WantStatus(t, http.StatusNotFound)
	w.WantJSON(t, `{"detail":"Profile not found"}`)
	if got := filesIn(t, dir); len(got) != 0 {
		t.Errorf("uploads folder = %v, want it empty: the image is nobody's avatar", got)
	}
}

func TestUploadImageRejectsBadRequests(t *testing.T) {
	h, dir := newHandler(t)
	t.Run("answers 404 for an unknown user before reading the file", func(t *testing.T) {
		w := upload(t, h, "mallory", "a.png", encode(t, "png"))
		w.WantStatus(t, http.StatusNotFound)
		w.WantJSON(t, `{"detail":"Profile not found"}`)
	})
	t.Run("answers 422 when there is no file part", func(t *testing.T) {
		body, ct := multipartBody(t, "picture", "a.png", "image/png", encode(t, "png"))
		r := httptest.NewRequest("POST", "/profiles/john_doe/upload-image", body)
		r.Header.Set("Content-Type", ct)
		webtest.Do(h, r).WantProblem(t, "missing", "body.file")
	})
	t.Run("answers 415 for a body that is not multipart", func(t *testing.T) {
		w := webtest.Send(t, h, "POST", "/profiles/john_doe/upload-image", `{"file":"x"}`)
		w.WantStatus(t, http.StatusUnsupportedMediaType)
	})
	t.Run("answers 400 for a multipart body cut short", func(t *testing.T) {
		body, ct := multipartBody(t, "file", "a.png", "image/png", encode(t, "png"))
		b, _ := io.ReadAll(body)
		r := httptest.NewRequest("POST", "/profiles/john_doe/upload-image", bytes.NewReader(b[:len(b)-20]))
		r.Header.Set("Content-Type", ct)
		webtest.Do(h, r).WantStatus(t, http.StatusBadRequest)
	})
	t.Run("never uses the client's file name as a path", func(t *testing.T) {
		upload(t, h, "jane_doe", "../../../etc/passwd", encode(t, "png"))
		if got := filesIn(t, dir); !slices.Equal(got, []string{"jane_doe.png"}) {
			t.Errorf("uploads folder = %v, want [jane_doe.png]", got)
		}
	})
}

func TestStaticServesUploadsSafely(t *testing.T) {
	h, dir := newHandler(t)
	upload(t, h, "john_doe", "a.png", encode(t, "png"))
	os.WriteFile(filepath.Join(dir, "uploads", tempPrefix+"half"), []byte("partial"), 0o644)

	w := webtest.Send(t, h, "GET", "/static/uploads/john_doe.png", "")
	w.WantStatus(t, http.StatusOK)
	if got := w.Header().Get("Content-Type"); got != "image/png" {
		t.Errorf("Content-Type = %q, want image/png", got)
	}
	if !bytes.Equal(w.Body.Bytes(), encode(t, "png")) {
		t.Errorf("served bytes differ from the upload")
	}

	for _, path := range []string{
		"/static/", "/static/uploads/", "/static/uploads", "/static/nope.png",
		"/static/uploads/" + tempPrefix + "half",
		"/static/../go.mod", "/static/%2e%2e/go.mod", "/static/uploads/..%2f..%2fgo.mod",
		"/static/uploads/%2e%2e%2f%2e%2e%2fgo.mod", "/static/..%5c..%5cgo.mod", "/static//etc/passwd",
	} {
		t.Run("does not serve "+path, func(t *testing.T) {
			w := webtest.Do(h, httptest.NewRequest("GET", path, nil))
			if w.Code == http.StatusOK || strings.Contains(w.Body.String(), "module") || strings.Contains(w.Body.String(), "partial") {
				t.Errorf("GET %s = %d %q, want no file", path, w.Code, w.Body)
			}
		})
	}
	t.Run("sends nosniff on files and on refusals", func(t *testing.T) {
		for _, path := range []string{"/static/uploads/john_doe.png", "/static/uploads/"} {
			if got := webtest.Send(t, h, "GET", path, "").Header().Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("GET %s X-Content-Type-Options = %q, want nosniff", path, got)
			}
		}
	})
}

func TestUpdateBio(t *testing.T) {
	h, _ := newHandler(t)
	send := func(body, contentType string) *webtest.Response {
		r := httptest.NewRequest("PATCH", "/profiles/john_doe", strings.NewReader(body))
		r.Header.Set("Content-Type", contentType)
		return webtest.Do(h, r)
	}
	const form = "application/x-www-form-urlencoded"

	w := send("bio=Gopher+%26+hiker", form)
	w.WantStatus(t, http.StatusOK)
	w.WantJSON(t, `{"username":"john_doe","full_name":"John Doe","bio":"Gopher & hiker","profile_image_url":null}`)

	t.Run("leaves the bio alone when no bio is sent", func(t *testing.T) {
		if p := webtest.Decode[Profile](t, send("other=1", form)); p.Bio != "Gopher & hiker" {
			t.Errorf("bio = %q, want it unchanged", p.Bio)
		}
	})
	t.Run("accepts a multipart form", func(t *testing.T) {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		mw.WriteField("bio", "from multipart")
		mw.Close()
		if p := webtest.Decode[Profile](t, send(b.String(), mw.FormDataContentType())); p.Bio != "from multipart" {
			t.Errorf("bio = %q, want from multipart", p.Bio)
		}
	})
	t.Run("accepts 500 characters and refuses 501", func(t *testing.T) {
		send("bio="+strings.Repeat("é", 500), form).WantStatus(t, http.StatusOK)
		send("bio="+strings.Repeat("a", 501), form).WantProblem(t, "string_too_long", "form.bio")
	})
	t.Run("answers 404 for an unknown user", func(t *testing.T) {
		r := httptest.NewRequest("PATCH", "/profiles/nobody", strings.NewReader("bio=x"))
		r.Header.Set("Content-Type", form)
		webtest.Do(h, r).WantStatus(t, http.StatusNotFound)
	})
	t.Run("answers 415 for JSON and 413 for a huge form", func(t *testing.T) {
		send(`{"bio":"x"}`, "application/json").WantStatus(t, http.StatusUnsupportedMediaType)
		send("bio="+strings.Repeat("a", maxFormBytes), form).WantStatus(t, http.StatusRequestEntityTooLarge)
	})
}

// A client that asks before sending (Expect: 100-continue) an upload over
// the cap is refused before it sends a byte of it.
func TestATooLongUploadIs413BeforeTheBodyIsRead(t *testing.T) {
	h, _ := newHandler(t)
	r := httptest.NewRequest("POST", "/profiles/john_doe/upload-image", unreadable{t})
	r.Header.Set("Content-Type", "multipart/form-data; boundary=x")
	r.Header.Set("Expect", "100-continue")
	r.ContentLength = maxUploadBody + 1
	webtest.Do(h, r).WantStatus(t, http.StatusRequestEntityTooLarge)
}

// unreadable is a body the test fails on if anyone reads it.
type unreadable struct{ t testing.TB }

func (u unreadable) Read([]byte) (int, error) {
	u.t.Error("the body was read")
	return 0, io.EOF
}

// TestFileServerWouldServeWhatStaticHides puts the one-liner
// http.StripPrefix("/static/", http.FileServer(http.Dir(dir))) beside the
// lesson's handleStatic, on the same folder.
func TestFileServerWouldServeWhatStaticHides(t *testing.T) {
	h, dir := newHandler(t)
	upload(t, h, "john_doe", "a.png", encode(t, "png")).WantStatus(t, http.StatusOK)
	os.WriteFile(filepath.Join(dir, "uploads", tempPrefix+"half"), []byte("partial"), 0o644) // as a crash leaves it
	fileServer := http.StripPrefix("/static/", http.FileServer(http.Dir(dir)))

	t.Run("lists the uploads folder, where the lesson answers 404", func(t *testing.T) {
		w := webtest.Do(fileServer, httptest.NewRequest("GET", "/static/uploads/", nil))
		if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `<a href="john_doe.png">`) {
			t.Errorf("http.FileServer: GET /static/uploads/ = %d %q, want 200 and a listing", w.Code, w.Body)
		}
		webtest.Send(t, h, "GET", "/static/uploads/", "").WantStatus(t, http.StatusNotFound)
	})
	t.Run("serves a half-written "+tempPrefix+" file, where the lesson answers 404", func(t *testing.T) {
		w := webtest.Do(fileServer, httptest.NewRequest("GET", "/static/uploads/"+tempPrefix+"half", nil))
		if w.Code != http.StatusOK || w.Body.String() != "partial" {
			t.Errorf("http.FileServer: GET %shalf = %d %q, want 200 partial", tempPrefix, w.Code, w.Body)
		}
		webtest.Send(t, h, "GET", "/static/uploads/"+tempPrefix+"half", "").WantStatus(t, http.StatusNotFound)
	})
	t.Run("sends no nosniff with an image, where the lesson sends it", func(t *testing.T) {
		w := webtest.Do(fileServer, httptest.NewRequest("GET", "/static/uploads/john_doe.png", nil))
		if w.Code != http.StatusOK || w.Header().Get("X-Content-Type-Options") != "" {
			t.Errorf("http.FileServer: GET john_doe.png = %d, X-Content-Type-Options %q, want 200 and none", w.Code, w.Header().Get("X-Content-Type-Options"))
		}
		got := webtest.Send(t, h, "GET", "/static/uploads/john_doe.png", "").Header().Get("X-Content-Type-Options")
		if got != "nosniff" {
			t.Errorf("lesson: X-Content-Type-Options = %q, want nosniff", got)
		}
	})
}

// TestFormFileWouldTakeTheClientsWord puts the one-liner
// r.FormFile("file") beside the lesson's upload handler, on the same bodies.
func TestFormFileWouldTakeTheClientsWord(t *testing.T) {
	formFile := func(t *testing.T, filename string, data []byte) *multipart.FileHeader {
		t.Helper()
		body, ct := multipartBody(t, "file", filename, "image/png", data)
		r := httptest.NewRequest("POST", "/profiles/john_doe/upload-image", body)
		r.Header.Set("Content-Type", ct)
		f, header, err := r.FormFile("file")
		if err != nil {
			t.Fatalf("r.FormFile: %v", err)
		}
		t.Cleanup(func() { f.Close(); r.MultipartForm.RemoveAll() })
		return header
	}
	svg, err := os.ReadFile("testdata/evil.svg")
	if err != nil {
		t.Fatal(err)
	}

	t.Run("gives an SVG sent as innocent.png the name and type the client claims, where the lesson answers 415", func(t *testing.T) {
		header := formFile(t, "innocent.png", svg)
		if header.Filename != "innocent.png" || header.Header.Get("Content-Type") != "image/png" {
			t.Errorf("r.FormFile: filename %q, type %q, want the claims innocent.png, image/png", header.Filename, header.Header.Get("Content-Type"))
		}
		h, _ := newHandler(t)
		upload(t, h, "john_doe", "innocent.png", svg).WantStatus(t, http.StatusUnsupportedMediaType)
	})
	t.Run("reads a 6 MB file whole, where the lesson stops at 5 MiB with 413", func(t *testing.T) {
		big := append(encode(t, "png"), make([]byte, 6_000_000)...)
		header := formFile(t, "big.png", big)
		if header.Size != int64(len(big)) {
			t.Errorf("r.FormFile: size %d, want the whole %d bytes", header.Size, len(big))
		}
		h, _ := newHandler(t)
		upload(t, h, "john_doe", "big.png", big).WantStatus(t, http.StatusRequestEntityTooLarge)
	})
}
