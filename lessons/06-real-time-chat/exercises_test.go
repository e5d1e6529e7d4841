//go:build exercises

package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"apicourse/shared/webtest"

	"golang.org/x/net/websocket"
)

// listClients returns the ids GET /clients answers with.
func listClients(t *testing.T, url string) []int64 {
	t.Helper()
	resp, err := http.Get(url + "/clients")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /clients status = %d, want 200", resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("GET /clients Content-Type = %q, want application/json", ct)
	}
	var ids []int64
	if err := json.NewDecoder(resp.Body).Decode(&ids); err != nil {
		t.Fatalf("GET /clients body: %v", err)
	}
	if ids == nil {
		t.Fatal("GET /clients = null, want a list ([] when nobody is connected)")
	}
	return ids
}

// Exercise 1: GET /clients lists the ids of the connected clients, in
// ascending order; [] when the room is empty.
func TestExercise1ListConnectedClients(t *testing.T) {
	docs := webtest.DocsLast(t) // openapi.json is held to the answers in the last step, once they are right
	srv, hub := newChat(t, DefaultHubConfig())
	if got := listClients(t, srv.URL); len(got) != 0 {
		t.Fatalf("GET /clients on an empty room = %v, want []", got)
	}
	nine := join(t, srv, 9)
	two := join(t, srv, 2, nine)
	forty := join(t, srv, 40, nine, two)
	if got, want := listClients(t, srv.URL), []int64{2, 9, 40}; !slices.Equal(got, want) {
		t.Errorf("GET /clients = %v, want %v", got, want)
	}
	forty.Close()
	wantMessage(t, nine, "Client 40 left the chat")
	waitForClients(t, hub, 2)
	if got, want := listClients(t, srv.URL), []int64{2, 9}; !slices.Equal(got, want) {
		t.Errorf("GET /clients after 40 left = %v, want %v", got, want)
	}
	t.Run("openapi.json documents every answer above", docs.Want)
}

// wantNext fails the test unless the next message on ws, the socket of
// the named client, is want.
func wantNext(t *testing.T, ws *websocket.Conn, name, want string) {
	t.Helper()
	if got := receive(t, ws); got != want {
		t.Fatalf("%s received %q, want %q", name, shorten(got), shorten(want))
	}
}

// Exercise 2: "@3 hi" from client 1 goes to client 3 only, as
// "Client 1 (private): hi"; the sender gets "You wrote to Client 3: hi". To
// an id that is not connected, the sender gets "Client 3 is not in the chat"
// and nobody else gets anything.
func TestExercise2PrivateMessages(t *testing.T) {
	docs := webtest.DocsLast(t)
	srv, _ := newChat(t, DefaultHubConfig())
	one := join(t, srv, 1)
	two := join(t, srv, 2, one)
	three := join(t, srv, 3, one, two)

	send(t, one, "@3 meet me at noon")
	wantNext(t, one, "client 1", "You wrote to Client 3: meet me at noon")
	wantNext(t, three, "client 3", "Client 1 (private): meet me at noon")
	send(t, one, "@42 anyone?")
	wantNext(t, one, "client 1", "Client 42 is not in the chat")

	// Client 2's next message is the echo of its own: had it been sent any
	// of the private traffic above, that would come first.
	send(t, two, "@everyone hello")
	wantNext(t, two, "client 2, which must not see private messages to others,", "You wrote: @everyone hello")
	t.Run("a message that is not @id text is for everyone", func(t *testing.T) {
		wantNext(t, one, "client 1", "Client 2: @everyone hello")
		wantNext(t, three, "client 3", "Client 2: @everyone hello")
	})
	t.Run("openapi.json documents every answer above", docs.Want)
}

// messagesBefore returns the messages ws receives before marker, which
// the test has made sure is on its way, so that it never waits for a
// message that will not come.
func messagesBefore(t *testing.T, ws *websocket.Conn, marker string) []string {
	t.Helper()
	var got []string
	_ = ws.SetReadDeadline(time.Now().Add(waitFor)) // only if the hub is broken
	for {
		var msg string
		if err := websocket.Message.Receive(ws, &msg); err != nil {
			t.Fatalf("waiting for %q, received %s, then %v", marker, describe(got), err)
		}
		if msg == marker {
			return got
		}
		got = append(got, msg)
	}
}

// describe writes a list of messages short: the first and the last.
func describe(msgs []string) string {
	switch len(msgs) {
	case 0:
		return "nothing"
	case 1:
		return fmt.Sprintf("1 message, %q", shorten(msgs[0]))
	}
	return fmt.Sprintf("%d messages, %q ... %q", len(msgs), shorten(msgs[0]), shorten(msgs[len(msgs)-1]))
}

// Exercise 3: a newcomer first receives the last 10 chat messages
// ("Client X: M", oldest first), then the room as usual. Joins, leaves and
// echoes are not history.
func TestExercise3HistoryForNewcomers(t *testing.T) {
	docs := webtest.DocsLast(t)
	srv, _ := newChat(t, DefaultHubConfig())
	one := join(t, srv, 1)
	var want []string
	for i := 1; i <= 12; i++ {
		send(t, one, fmt.Sprintf("message %d", i))
		wantMessage(t, one, fmt.Sprintf("You wrote: message %d", i))
		if i > 2 {
			want = append(want, fmt.Sprintf("Client 1: message %d", i))
		}
	}
	late := join(t, srv, 2, one)
	send(t, one, "welcome") // the first live message the newcomer gets
	if got := messagesBefore(t, late, "Client 1: welcome"); !slices.Equal(got, want) {
		t.Errorf("before the first live message, the newcomer received %s; want the last 10 chat messages, oldest first: %s", describe(got), describe(want))
	}

	t.Run("an empty room has no history", func(t *testing.T) {
		srv, _ := newChat(t, DefaultHubConfig())
		first := join(t, srv, 1)
		second := join(t, srv, 2, first)
		send(t, second, "hi")
		wantNext(t, second, "client 2, the first in the room to speak,", "You wrote: hi")
	})
	t.Run("openapi.json documents every answer above", docs.Want)
}
