package main

import (
	"testing"
)

// BenchmarkBroadcast100 measures the hub's hot path: one message queued
// for 100 clients (the sender's echo and 99 broadcasts), under the lock.
// The clients have no sockets; the benchmark empties their queues.
func BenchmarkBroadcast100(b *testing.B) {
	hub := NewHub(DefaultHubConfig())
	clients := make([]*Client, 100)
	for i := range clients {
		clients[i] = joined(b, hub, int64(i+1))
		for _, c := range clients[:i] {
			queued(c) // the join notices, before a queue fills up
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		hub.Say(clients[0], "Hello, everyone!")
		for _, c := range clients {
			<-c.send
		}
	}
}

// BenchmarkChatRoundTrip measures one message through the whole stack over
// a real socket: a client sends it, the server reads it, queues the echo,
// its writer sends it back.
func BenchmarkChatRoundTrip(b *testing.B) {
	srv, _ := newChat(b, DefaultHubConfig())
	ws := dial(b, srv, 1)
	b.ReportAllocs()
	for b.Loop() {
		send(b, ws, "Hello, everyone!")
		if got := receive(b, ws); got != "You wrote: Hello, everyone!" {
			b.Fatalf("received %q", got)
		}
	}
}
