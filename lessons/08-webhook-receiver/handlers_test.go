package main

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"apicourse/lessons/08-webhook-receiver/webhook"
	"apicourse/shared/webtest"
)

const testSecret = "test-secret"

// recorder keeps the events the receiver processed, with their payloads.
type recorder struct {
	mu       sync.Mutex
	events   []string
	payloads []Payload
}

func (rec *recorder) process(event, delivery string, payload Payload) {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.events = append(rec.events, event+" "+delivery)
	rec.payloads = append(rec.payloads, payload)
}

// last returns the payload of the last event processed.
func (rec *recorder) last(t *testing.T) Payload {
	t.Helper()
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.payloads) == 0 {
		t.Fatal("no event was processed")
	}
	return rec.payloads[len(rec.payloads)-1]
}

func (rec *recorder) count() int {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return len(rec.events)
}

// testNow is when the tests happen, by the receiver's clock.
var testNow = time.Date(2026, time.March, 2, 9, 30, 0, 0, time.UTC)

// receiver is the lesson's whole stack with a recording processor and the
// log kept for inspection. Every response it sends is held to openapi.json.
// now is the time a test wants the receiver to see: NewServer takes no
// clock yet; exercise 2 gives it one that reads now.
type receiver struct {
	h    http.Handler
	rec  *recorder
	logs *bytes.Buffer
	now  time.Time
}

func newReceiver(t testing.TB) *receiver {
	t.Helper()
	rv := &receiver{rec: &recorder{}, logs: &bytes.Buffer{}, now: testNow}
	h := NewServer(slog.New(slog.NewTextHandler(rv.logs, nil)), []byte(testSecret), NewDeliveries(maxDeliveries), rv.rec.process)
	rv.h = webtest.ParseAPI(t, openapiJSON).Check(t, h)
	return rv
}

// deliver posts body with the given headers (signature, event, delivery).
func (rv *receiver) deliver(body string, headers map[string]string) *webtest.Response {
	r := httptest.NewRequest("POST", "/webhook", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	for k, v := range headers {
		r.Header.Set(k, v)
	}
	return webtest.Do(rv.h, r)
}

// signed returns the headers of a correctly signed delivery.
func signed(body, event, delivery string) map[string]string {
	h := map[string]string{webhook.SignatureHeader: webhook.Sign([]byte(testSecret), []byte(body))}
	if event != "" {
		h["X-GitHub-Event"] = event
	}
	if delivery != "" {
		h["X-GitHub-Delivery"] = delivery
	}
	return h
}

const payload = `{"ref":"refs/heads/main","secret_marker":"do-not-log-me"}`

func TestAcceptsASignedDelivery(t *testing.T) {
	rv := newReceiver(t)
	w := rv.deliver(payload, signed(payload, "push", "d-1"))
	w.WantStatus(t, http.StatusOK)
	w.WantJSON(t, `{"status":"received","event":"push"}`)
	if rv.rec.count() != 1 {
		t.Errorf("processed %d events, want 1", rv.rec.count())
	}
	t.Run("answers event null without X-GitHub-Event", func(t *testing.T) {
		w := rv.deliver(payload, signed(payload, "", ""))
		w.WantJSON(t, `{"status":"received","event":null}`)
	})
	t.Run("uses the secret it was given", func(t *testing.T) {
		rv := NewServer(slog.New(slog.DiscardHandler), []byte("It's a Secret to Everybody"), NewDeliveries(10), (&recorder{}).process)
		rv = webtest.ParseAPI(t, openapiJSON).Check(t, rv)
		r := httptest.NewRequest("POST", "/webhook", strings.NewReader(`"Hello, World!"`))
		r.Header.Set(webhook.SignatureHeader, webhook.Sign([]byte("It's a Secret to Everybody"), []byte(`"Hello, World!"`)))
		webtest.Do(rv, r).WantStatus(t, http.StatusOK)
	})
	if strings.Contains(rv.logs.String(), "do-not-log-me") {
		t.Errorf("the log contains the payload:\n%s", rv.logs)
	}
}

func TestTheVerifiedPayloadIsDecoded(t *testing.T) {
	push, err := os.ReadFile("testdata/payload.json")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, body string
		want       Payload
	}{
		{"a push: its repository and ref", string(push), payloadOf("", "refs/heads/main", "octocat/hello-webhooks")},
		{"an issues event: its action", `{"action":"opened","issue":{"number":1},"repository":{"full_name":"octocat/hello"}}`, payloadOf("opened", "", "octocat/hello")},
		{"JSON of another shape: nothing", `["not","an","object"]`, Payload{}},
		{"a field of another type: the rest", `{"action":7,"ref":"refs/heads/dev"}`, payloadOf("", "refs/heads/dev", "")},
	}
	for i, tt := range tests {
		t.Run("reads "+tt.name, func(t *testing.T) {
			rv := newReceiver(t)
			rv.deliver(tt.body, signed(tt.body, "push", fmt.Sprint("d-", i))).WantJSON(t, `{"status":"received","event":"push"}`)
			if got := rv.rec.last(t); got != tt.want {
				t.Errorf("processed payload = %+v, want %+v", got, tt.want)
			}
		})
	}
	t.Run("logEvent logs the repository and ref it read", func(t *testing.T) {
		var logs bytes.Buffer
		logEvent(slog.New(slog.NewTextHandler(&logs, nil)))("push", "d-1", payloadOf("", "refs/heads/main", "octocat/hello-webhooks"))
		if !strings.Contains(logs.String(), "repository=octocat/hello-webhooks") || !strings.Contains(logs.String(), "ref=refs/heads/main") {
			t.Errorf("the log does not name the repository and ref:\n%s", &logs)
		}
	})
}

// payloadOf builds the Payload a test expects.
func payloadOf(action, ref, repository string) Payload {
	p := Payload{Action: action, Ref: ref}
	p.Repository.FullName = repository
	return p
}

func TestRefusesWhatIsNotSignedRight(t *testing.T) {
	good := webhook.Sign([]byte(testSecret), []byte(payload))
	tests := []struct {
		name, body, header string
	}{
		{"no signature", payload, ""},
		{"a tampered body", strings.Replace(payload, "main", "evil", 1), good},
		{"a body with an added space", payload + " ", good},
		{"the wrong secret", payload, webhook.Sign([]byte("wrong-secret"), []byte(payload))},
		{"the hex without sha256=", payload, strings.TrimPrefix(good, "sha256=")},
		{"a sha1 signature", payload, "sha1=" + strings.TrimPrefix(good, "sha256=")},
		{"bad hex", payload, "sha256=" + strings.Repeat("zz", 32)},
		{"a short signature", payload, good[:20]},
		{"an empty sha256=", payload, "sha256="},
	}
	for _, tt := range tests {
		t.Run("refuses "+tt.name, func(t *testing.T) {
			rv := newReceiver(t)
			w := rv.deliver(tt.body, map[string]string{webhook.SignatureHeader: tt.header, "X-GitHub-Delivery": "d-1"})
			w.WantStatus(t, http.StatusUnauthorized)
			w.WantJSON(t, `{"detail":"Invalid signature"}`)
			if rv.rec.count() != 0 {
				t.Error("an unverified delivery was processed")
			}
			if strings.Contains(rv.logs.String(), "do-not-log-me") || strings.Contains(rv.logs.String(), "evil") {
				t.Errorf("the log contains the payload:\n%s", rv.logs)
			}
			// The refused delivery id was not remembered: the real one still gets through.
			rv.deliver(payload, signed(payload, "push", "d-1")).WantJSON(t, `{"status":"received","event":"push"}`)
		})
	}
}

func TestRefusesAVerifiedBodyThatIsNotJSON(t *testing.T) {
	rv := newReceiver(t)
	for _, body := range []string{"not json", `{"a":1}{"b":2}`, ""} {
		w := rv.deliver(body, signed(body, "push", ""))
		w.WantStatus(t, http.StatusBadRequest)
		w.WantJSON(t, `{"detail":"Payload is not valid JSON"}`)
	}
	if rv.rec.count() != 0 {
		t.Error("a body that is not JSON was processed")
	}
}

func TestRefusesABodyOver1MiB(t *testing.T) {
	rv := newReceiver(t)
	body := `{"x":"` + strings.Repeat("a", 1<<20) + `"}`
	w := rv.deliver(body, signed(body, "push", ""))
	w.WantStatus(t, http.StatusRequestEntityTooLarge)
	w.WantJSON(t, `{"detail":"Request body too large"}`)
}

func TestProcessesEachDeliveryOnce(t *testing.T) {
	rv := newReceiver(t)
	rv.deliver(payload, signed(payload, "push", "d-1")).WantJSON(t, `{"status":"received","event":"push"}`)
	rv.deliver(payload, signed(payload, "push", "d-1")).WantJSON(t, `{"status":"duplicate"}`)
	rv.deliver(payload, signed(payload, "push", "d-2")).WantJSON(t, `{"status":"received","event":"push"}`)
	if rv.rec.count() != 2 {
		t.Errorf("processed %d events, want 2", rv.rec.count())
	}

	t.Run("of 20 concurrent copies, one is received", func(t *testing.T) {
		rv := newReceiver(t)
		var wg sync.WaitGroup
		for range 20 {
			wg.Go(func() { rv.deliver(payload, signed(payload, "push", "same")) })
		}
		wg.Wait()
		if rv.rec.count() != 1 {
			t.Errorf("processed %d times, want 1", rv.rec.count())
		}
	})
	t.Run("refuses a delivery id over 128 bytes", func(t *testing.T) {
		w := rv.deliver(payload, signed(payload, "push", strings.Repeat("x", 129)))
		w.WantStatus(t, http.StatusBadRequest)
	})
}

func TestDeliveriesForgetTheOldestBeyondTheLimit(t *testing.T) {
	d := NewDeliveries(3)
	for i := range 4 {
		if d.Seen(fmt.Sprint(i)) {
			t.Fatalf("id %d seen before it was sent", i)
		}
	}
	if d.Len() != 3 {
		t.Errorf("Len = %d, want 3", d.Len())
	}
	if d.Seen("0") {
		t.Error("id 0 is still remembered after 3 newer ones")
	}
	if !d.Seen("3") {
		t.Error("id 3, the newest, is forgotten")
	}
}

func TestOnlyPostIsAllowed(t *testing.T) {
	w := webtest.Send(t, newReceiver(t).h, "GET", "/webhook", "")
	w.WantStatus(t, http.StatusMethodNotAllowed)
	if got := w.Header().Get("Allow"); got != "POST" {
		t.Errorf("GET /webhook Allow = %q, want POST", got)
	}
}

// A client that asks before sending (Expect: 100-continue) a body over the
// cap is refused before it sends a byte of it.
func TestATooLongContentLengthIs413BeforeTheBodyIsRead(t *testing.T) {
	rv := newReceiver(t)
	r := httptest.NewRequest("POST", "/webhook", unreadable{t})
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Expect", "100-continue")
	r.ContentLength = maxBodyBytes + 1
	webtest.Do(rv.h, r).WantStatus(t, http.StatusRequestEntityTooLarge)
}

// unreadable is a body the test fails on if anyone reads it.
type unreadable struct{ t testing.TB }

func (u unreadable) Read([]byte) (int, error) {
	u.t.Error("the body was read")
	return 0, io.EOF
}
