//go:build exercises

package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

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
}

// Exercise 2: "@3 hi" from client 1 goes to client 3 only, as
// "Client 1 (private): hi"; the sender gets "You wrote to Client 3: hi". To
// an id that is not connected, the sender gets "Client 3 is not in the chat"
// and nobody else gets anything.
func TestExercise2PrivateMessages(t *testing.T) {
	srv, _ := newChat(t, DefaultHubConfig())
	one := join(t, srv, 1)
	two := join(t, srv, 2, one)
	three := join(t, srv, 3, one, two)

	send(t, one, "@3 meet me at noon")
	wantMessage(t, one, "You wrote to Client 3: meet me at noon")
	wantMessage(t, three, "Client 1 (private): meet me at noon")

	send(t, one, "@42 anyone?")
	wantMessage(t, one, "Client 42 is not in the chat")

	t.Run("a message that is not @id text is for everyone", func(t *testing.T) {
		send(t, two, "@everyone hello")
		wantMessage(t, two, "You wrote: @everyone hello")
		wantMessage(t, one, "Client 2: @everyone hello")
		wantMessage(t, three, "Client 2: @everyone hello")
	})
	t.Run("client 2 saw none of the private traffic", func(t *testing.T) {
		_ = two.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
		var msg string
		if err := websocket.Message.Receive(two, &msg); err == nil {
			t.Errorf("client 2 received %q, want nothing", msg)
		}
	})
}

// Exercise 3: a newcomer first receives the last 10 chat messages
// ("Client X: M", oldest first), then the room as usual. Joins, leaves and
// echoes are not history.
func TestExercise3HistoryForNewcomers(t *testing.T) {
	srv, _ := newChat(t, DefaultHubConfig())
	one := join(t, srv, 1)
	for i := 1; i <= 12; i++ {
		send(t, one, fmt.Sprintf("message %d", i))
		wantMessage(t, one, fmt.Sprintf("You wrote: message %d", i))
	}
	late := join(t, srv, 2, one)
	for i := 3; i <= 12; i++ {
		wantMessage(t, late, fmt.Sprintf("Client 1: message %d", i))
	}
	send(t, one, "welcome")
	wantMessage(t, late, "Client 1: welcome")

	t.Run("an empty room has no history", func(t *testing.T) {
		srv, _ := newChat(t, DefaultHubConfig())
		first := join(t, srv, 1)
		second := join(t, srv, 2, first)
		send(t, second, "hi")
		wantMessage(t, second, "You wrote: hi")
	})
}
