package main

import (
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/websocket"

	"apicourse/shared/webtest"
)

// waitFor bounds every wait of these tests: a test fails instead of hanging.
const waitFor = 5 * time.Second

// newChat starts the lesson's whole HTTP stack on a real socket, with the
// hub limits cfg and every answer before an upgrade held to openapi.json.
// When the test ends every client is closed and gone.
func newChat(t testing.TB, cfg HubConfig) (*httptest.Server, *Hub) {
	t.Helper()
	hub := NewHub(cfg)
	h := NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), hub)
	srv := httptest.NewServer(webtest.ParseAPI(t, openapiJSON).Check(t, h))
	t.Cleanup(func() { closeChat(t, srv, hub) })
	return srv, hub
}

// closeChat closes every client and the server, failing the test (instead
// of hanging it) if the hub is stuck.
func closeChat(t testing.TB, srv *httptest.Server, hub *Hub) {
	t.Helper()
	closed := make(chan struct{})
	go func() {
		hub.Close()
		hub.Wait()
		close(closed)
	}()
	select {
	case <-closed:
		srv.Close()
	case <-time.After(waitFor):
		t.Errorf("the hub did not close within %v", waitFor)
	}
}

// dial opens a WebSocket as client id, from the server's own origin.
func dial(t testing.TB, srv *httptest.Server, id int) *websocket.Conn {
	t.Helper()
	ws, err := websocket.Dial(wsURL(srv, id), "", srv.URL)
	if err != nil {
		t.Fatalf("dial /ws/%d: %v", id, err)
	}
	t.Cleanup(func() { ws.Close() })
	return ws
}

func wsURL(srv *httptest.Server, id int) string {
	return "ws" + strings.TrimPrefix(srv.URL, "http") + "/ws/" + strconv.Itoa(id)
}

// join dials client id and waits until each of the others has been told
// it joined, so that it receives everything said from then on.
func join(t testing.TB, srv *httptest.Server, id int, others ...*websocket.Conn) *websocket.Conn {
	t.Helper()
	ws := dial(t, srv, id)
	for _, o := range others {
		wantMessage(t, o, "Client "+strconv.Itoa(id)+" joined the chat")
	}
	return ws
}

// receive returns the next message on ws, failing the test after waitFor.
func receive(t testing.TB, ws *websocket.Conn) string {
	t.Helper()
	_ = ws.SetReadDeadline(time.Now().Add(waitFor))
	var msg string
	if err := websocket.Message.Receive(ws, &msg); err != nil {
		t.Fatalf("receive: %v", err)
	}
	return msg
}

func wantMessage(t testing.TB, ws *websocket.Conn, want string) {
	t.Helper()
	if got := receive(t, ws); got != want {
		t.Fatalf("received %q, want %q", shorten(got), shorten(want))
	}
}

func send(t testing.TB, ws *websocket.Conn, msg string) {
	t.Helper()
	_ = ws.SetWriteDeadline(time.Now().Add(waitFor)) // a server that stopped reading fails the test
	if err := websocket.Message.Send(ws, msg); err != nil {
		t.Fatalf("send %q: %v", shorten(msg), err)
	}
}

// wantClosed fails the test unless the server closes ws within waitFor
// (after any messages still in flight).
func wantClosed(t testing.TB, ws *websocket.Conn) {
	t.Helper()
	_ = ws.SetReadDeadline(time.Now().Add(waitFor))
	for {
		var msg string
		err := websocket.Message.Receive(ws, &msg)
		if ne, ok := err.(net.Error); ok && ne.Timeout() {
			t.Fatalf("the connection is still open after %v", waitFor)
		}
		if err != nil {
			return
		}
	}
}

// waitForClients fails the test unless the hub holds n clients within waitFor.
func waitForClients(t testing.TB, hub *Hub, n int) {
	t.Helper()
	deadline := time.Now().Add(waitFor)
	for hub.Len() != n {
		if time.Now().After(deadline) {
			t.Fatalf("hub has %d clients, want %d", hub.Len(), n)
		}
		runtime.Gosched()
	}
}

func shorten(s string) string {
	if len(s) > 60 {
		return s[:60] + "..."
	}
	return s
}

// upgradeRequest is a WebSocket handshake request, made by hand so that
// the test controls Origin and sees the status of a refusal.
func upgradeRequest(t testing.TB, url, origin string) *http.Request {
	t.Helper()
	r, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	r.Header.Set("Connection", "Upgrade")
	r.Header.Set("Upgrade", "websocket")
	r.Header.Set("Sec-WebSocket-Version", "13")
	r.Header.Set("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
	if origin != "" {
		r.Header.Set("Origin", origin)
	}
	return r
}

func TestChatTextsOfJoinEchoBroadcastAndLeave(t *testing.T) {
	srv, hub := newChat(t, DefaultHubConfig())
	one := join(t, srv, 1)
	two := join(t, srv, 2, one)
	three := join(t, srv, 3, one, two)

	send(t, one, "Hello, everyone!")
	wantMessage(t, one, "You wrote: Hello, everyone!")
	wantMessage(t, two, "Client 1: Hello, everyone!")
	wantMessage(t, three, "Client 1: Hello, everyone!")

	send(t, three, "<b>hi</b> & ünïcode 👋")
	wantMessage(t, three, "You wrote: <b>hi</b> & ünïcode 👋")
	wantMessage(t, one, "Client 3: <b>hi</b> & ünïcode 👋")
	wantMessage(t, two, "Client 3: <b>hi</b> & ünïcode 👋")

	two.Close()
	wantMessage(t, one, "Client 2 left the chat")
	wantMessage(t, three, "Client 2 left the chat")
	waitForClients(t, hub, 2)

	t.Run("the sender does not get its own broadcast, only the echo", func(t *testing.T) {
		send(t, one, "a")
		send(t, one, "b")
		wantMessage(t, one, "You wrote: a")
		wantMessage(t, one, "You wrote: b")
		wantMessage(t, three, "Client 1: a")
		wantMessage(t, three, "Client 1: b")
	})
	t.Run("an id is free again once its client has left", func(t *testing.T) {
		join(t, srv, 2, one, three)
	})
}

func TestChatRefusesBeforeTheUpgrade(t *testing.T) {
	srv, hub := newChat(t, DefaultHubConfig())
	first := dial(t, srv, 7)
	waitForClients(t, hub, 1)

	tests := []struct {
		name       string
		path       string
		origin     string
		wantStatus int
		wantDetail string
	}{
		{"an id already connected with 409", "/ws/7", srv.URL, http.StatusConflict, `{"detail":"Client id already connected"}`},
		{"a client_id that is not a number with 400", "/ws/abc", srv.URL, http.StatusBadRequest, `{"detail":"client_id must be a positive integer"}`},
		{"a client_id of 0 with 400", "/ws/0", srv.URL, http.StatusBadRequest, `{"detail":"client_id must be a positive integer"}`},
		{"a negative client_id with 400", "/ws/-3", srv.URL, http.StatusBadRequest, `{"detail":"client_id must be a positive integer"}`},
		{"a client_id too big for int64 with 400", "/ws/99999999999999999999", srv.URL, http.StatusBadRequest, `{"detail":"client_id must be a positive integer"}`},
		{"a page from another site with 403", "/ws/8", "http://evil.example", http.StatusForbidden, `{"detail":"Origin not allowed"}`},
		{"the same host on another port with 403", "/ws/8", "http://127.0.0.1:1", http.StatusForbidden, `{"detail":"Origin not allowed"}`},
		{"the same host over https with 403", "/ws/8", "https" + strings.TrimPrefix(srv.URL, "http"), http.StatusForbidden, `{"detail":"Origin not allowed"}`},
		{"the null origin of a sandboxed page with 403", "/ws/8", "null", http.StatusForbidden, `{"detail":"Origin not allowed"}`},
	}
	for _, tt := range tests {
		t.Run("refuses "+tt.name, func(t *testing.T) {
			resp, err := http.DefaultClient.Do(upgradeRequest(t, srv.URL+tt.path, tt.origin))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			if resp.StatusCode == http.StatusSwitchingProtocols {
				t.Fatalf("GET %s = 101, want %d", tt.path, tt.wantStatus) // the body is a socket: do not read it
			}
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.wantStatus || strings.TrimSpace(string(body)) != tt.wantDetail {
				t.Errorf("GET %s = %d %s, want %d %s", tt.path, resp.StatusCode, body, tt.wantStatus, tt.wantDetail)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("GET %s Content-Type = %q, want application/json", tt.path, ct)
			}
		})
	}
	t.Run("refuses a plain GET with 426 and an Upgrade header", func(t *testing.T) {
		resp, err := http.Get(srv.URL + "/ws/9")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUpgradeRequired || resp.Header.Get("Upgrade") != "websocket" {
			t.Errorf("GET /ws/9 without upgrade = %d, Upgrade %q; want 426, websocket", resp.StatusCode, resp.Header.Get("Upgrade"))
		}
	})
	t.Run("the refused requests left the first client alone", func(t *testing.T) {
		send(t, first, "still here")
		wantMessage(t, first, "You wrote: still here")
		if n := hub.Len(); n != 1 {
			t.Errorf("hub has %d clients, want 1", n)
		}
	})
}

func TestChatAcceptsItsOwnOriginAndNoOrigin(t *testing.T) {
	srv, hub := newChat(t, DefaultHubConfig())
	for _, origin := range []string{"", srv.URL, strings.ToUpper(srv.URL)} {
		t.Run("accepts Origin "+strconv.Quote(origin), func(t *testing.T) {
			resp, err := http.DefaultClient.Do(upgradeRequest(t, srv.URL+"/ws/5", origin))
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != http.StatusSwitchingProtocols {
				t.Errorf("GET /ws/5 Origin %q status = %d, want 101", origin, resp.StatusCode)
			}
			resp.Body.Close() // the socket: the client leaves
			waitForClients(t, hub, 0)
		})
	}
}

func TestChatFreesTheIdWhenTheHandshakeFails(t *testing.T) {
	srv, hub := newChat(t, DefaultHubConfig())
	r := upgradeRequest(t, srv.URL+"/ws/4", "")
	r.Header.Set("Sec-WebSocket-Version", "8") // the package refuses it after the reservation
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusSwitchingProtocols {
		t.Fatalf("GET /ws/4 with version 8 = 101, want a refusal")
	}
	waitForClients(t, hub, 0)
	join(t, srv, 4)
}

func TestChatClosesOnlyTheSenderOfAnOversizedMessage(t *testing.T) {
	srv, hub := newChat(t, DefaultHubConfig())
	big := join(t, srv, 1)
	other := join(t, srv, 2, big)

	t.Run("4096 bytes is allowed", func(t *testing.T) {
		msg := strings.Repeat("x", 4096)
		send(t, big, msg)
		wantMessage(t, big, "You wrote: "+msg)
		wantMessage(t, other, "Client 1: "+msg)
	})
	send(t, big, strings.Repeat("x", 4097))
	wantClosed(t, big)
	wantMessage(t, other, "Client 1 left the chat")
	waitForClients(t, hub, 1)
	send(t, other, "still open")
	wantMessage(t, other, "You wrote: still open")
}

func TestChatClosesASenderOfAnythingButUTF8Text(t *testing.T) {
	tests := []struct {
		name string
		msg  any
	}{
		{"invalid UTF-8", "\xff\xfe"},
		{"a binary frame", []byte("bin")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := newChat(t, DefaultHubConfig())
			bad := join(t, srv, 1)
			other := join(t, srv, 2, bad)
			if err := websocket.Message.Send(bad, tt.msg); err != nil {
				t.Fatal(err)
			}
			wantClosed(t, bad)
			wantMessage(t, other, "Client 1 left the chat")
		})
	}
}

func TestChatDisconnectsAClientWhoseSocketStalls(t *testing.T) {
	// A write deadline short enough that the test is quick; the queue
	// sizes show that only the stalled socket, not a full queue, drops it.
	for _, queue := range []int{1, 4, 1 << 10} {
		t.Run("with a queue of "+strconv.Itoa(queue), func(t *testing.T) {
			srv, hub := newChat(t, limits(queue, 50*time.Millisecond, 10))
			talker := join(t, srv, 1)
			listener := join(t, srv, 2, talker)
			stuck := join(t, srv, 3, talker, listener) // never reads again
			talkUntilClient3Leaves(t, talker, listener)
			waitForClients(t, hub, 2)
			wantClosed(t, stuck)
		})
	}
}

// The contract's burst: one client sends as fast as it can and never reads;
// every listener reads normally. Small queues make the burst far bigger
// than any queue, so only back-pressure on the sender can keep them all.
func TestChatABurstNeverDropsAListenerThatReads(t *testing.T) {
	const listeners, burst = 100, 200
	srv, hub := newChat(t, limits(4, 5*time.Second, listeners+1))
	var conns []*websocket.Conn
	for id := 1; id <= listeners; id++ {
		conns = append(conns, dial(t, srv, id))
	}
	waitForClients(t, hub, listeners)
	sender := dial(t, srv, listeners+1)

	results := make(chan string, listeners)
	for _, ws := range conns {
		go func() { results <- readBurst(ws, listeners+1, burst) }()
	}
	go func() {
		for i := range burst {
			_ = websocket.Message.Send(sender, "m"+strconv.Itoa(i))
		}
	}()
	for range listeners {
		if problem := <-results; problem != "" {
			t.Error(problem)
		}
	}
	if n := hub.Len(); n != listeners+1 {
		t.Errorf("hub has %d clients after the burst, want all %d", n, listeners+1)
	}
}

// readBurst reads ws until it has seen the burst of n messages from client
// from, in order, and returns what went wrong, or "". Join notices of the
// clients who came after it come first.
func readBurst(ws *websocket.Conn, from, n int) string {
	prefix := "Client " + strconv.Itoa(from) + ": "
	want := 0
	_ = ws.SetReadDeadline(time.Now().Add(4 * waitFor))
	for want < n {
		var msg string
		if err := websocket.Message.Receive(ws, &msg); err != nil {
			return fmt.Sprintf("a listener lost its connection after %d of %d messages: %v", want, n, err)
		}
		switch {
		case strings.HasSuffix(msg, " joined the chat"):
		case msg != prefix+"m"+strconv.Itoa(want):
			return fmt.Sprintf("a listener received %q, want %q", msg, prefix+"m"+strconv.Itoa(want))
		default:
			want++
		}
	}
	return ""
}

func TestChatRefusesOneClientTooManyBeforeTheUpgrade(t *testing.T) {
	srv, _ := newChat(t, limits(4, time.Second, 1))
	dial(t, srv, 1)
	resp, err := http.DefaultClient.Do(upgradeRequest(t, srv.URL+"/ws/2", ""))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Errorf("GET /ws/2 with a full room = %d, Retry-After %q; want 503 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	if got := strings.TrimSpace(string(body)); got != `{"detail":"Chat room is full, try again later"}` {
		t.Errorf("GET /ws/2 with a full room body = %s", got)
	}
}

// talkUntilClient3Leaves sends big messages from talker until both talker
// and listener are told client 3 left; each of their reads must succeed
// within waitFor, however stuck client 3 is.
func talkUntilClient3Leaves(t *testing.T, talker, listener *websocket.Conn) {
	t.Helper()
	msg := strings.Repeat("m", 4000)
	for i := 0; ; i++ {
		if i == 20000 {
			t.Fatal("client 3 never read but was not disconnected after 20000 messages")
		}
		send(t, talker, msg)
		got := receive(t, talker)
		if got == "Client 3 left the chat" {
			wantMessage(t, listener, "Client 3 left the chat")
			return
		}
		if got != "You wrote: "+msg {
			t.Fatalf("talker received %q, want its echo", shorten(got))
		}
		if got := receive(t, listener); got == "Client 3 left the chat" {
			wantMessage(t, talker, "Client 3 left the chat")
			return
		} else if got != "Client 1: "+msg {
			t.Fatalf("listener received %q, want client 1's message", shorten(got))
		}
	}
}

func TestChatOutlivesTheServersReadAndWriteTimeouts(t *testing.T) {
	hub := NewHub(DefaultHubConfig())
	srv := httptest.NewUnstartedServer(NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), hub))
	srv.Config.ReadTimeout = 100 * time.Millisecond
	srv.Config.WriteTimeout = 100 * time.Millisecond
	srv.Start()
	t.Cleanup(func() { closeChat(t, srv, hub) })

	ws := dial(t, srv, 1)
	// Wait past both timeouts, bounded by a read deadline, not a sleep.
	_ = ws.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
	var msg string
	if err := websocket.Message.Receive(ws, &msg); err == nil {
		t.Fatalf("received %q from an empty room", msg)
	}
	send(t, ws, "after the timeouts")
	wantMessage(t, ws, "You wrote: after the timeouts")
}

func TestChatLeavesNoGoroutinesBehind(t *testing.T) {
	before := runtime.NumGoroutine()
	srv, hub := newChat(t, DefaultHubConfig())
	var clients []*websocket.Conn
	for id := range 5 {
		clients = append(clients, join(t, srv, id+1, clients...))
	}
	send(t, clients[0], "bye")
	for _, ws := range clients {
		ws.Close()
	}
	waitForClients(t, hub, 0)
	srv.CloseClientConnections()
	srv.Close()
	deadline := time.Now().Add(waitFor)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("%d goroutines, %d before the test:\n%s", runtime.NumGoroutine(), before, buf[:runtime.Stack(buf, true)])
		}
		runtime.Gosched()
	}
}

func TestChatCloseEndsEverySession(t *testing.T) {
	srv, hub := newChat(t, DefaultHubConfig())
	one := join(t, srv, 1)
	two := join(t, srv, 2, one)
	hub.Close()
	wantClosed(t, one)
	wantClosed(t, two)
	hub.Wait()
	t.Run("a closed hub refuses newcomers with 503", func(t *testing.T) {
		resp, err := http.DefaultClient.Do(upgradeRequest(t, srv.URL+"/ws/3", ""))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("GET /ws/3 after Close status = %d, want 503", resp.StatusCode)
		}
	})
}

func TestPage(t *testing.T) {
	h := NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), NewHub(DefaultHubConfig()))
	h = webtest.ParseAPI(t, openapiJSON).Check(t, h)
	w := webtest.Send(t, h, "GET", "/", "")
	w.WantStatus(t, http.StatusOK)
	if ct := w.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("GET / Content-Type = %q, want text/html; charset=utf-8", ct)
	}
	// No other site may frame the page (clickjacking).
	if csp := w.Header().Get("Content-Security-Policy"); csp != "frame-ancestors 'none'" {
		t.Errorf("GET / Content-Security-Policy = %q, want frame-ancestors 'none'", csp)
	}
	if xfo := w.Header().Get("X-Frame-Options"); xfo != "DENY" {
		t.Errorf("GET / X-Frame-Options = %q, want DENY", xfo)
	}
	page := w.Body.String()
	for _, want := range []string{
		`id="log"`, `id="text"`, `>Send</button>`, // message log, text box, Send button
		`location.host + "/ws/" + clientId`, `"wss://"`, `"ws://"`, // never a hard-coded host
		"Math.random()", "ws.onmessage", "ws.onclose", ".textContent",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("GET / page lacks %s", want)
		}
	}
	for _, bad := range []string{"innerHTML", "localhost:8000"} {
		if strings.Contains(page, bad) {
			t.Errorf("GET / page uses %s", bad)
		}
	}
	t.Run("unknown paths and methods are JSON", func(t *testing.T) {
		w := webtest.Send(t, h, "GET", "/nope", "")
		w.WantStatus(t, http.StatusNotFound)
		w.WantJSON(t, `{"detail":"Not Found"}`)
		w = webtest.Send(t, h, "POST", "/ws/1", "")
		w.WantStatus(t, http.StatusMethodNotAllowed)
	})
}
