package main

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

// joined reserves and joins a client without a socket: the hub only
// queues messages, so a test can read a client's queue directly.
func joined(t testing.TB, hub *Hub, id int64) *Client {
	t.Helper()
	c, err := hub.Reserve(id)
	if err != nil {
		t.Fatalf("Reserve(%d): %v", id, err)
	}
	hub.Join(c)
	return c
}

// queued drains and returns what is waiting in c's queue.
func queued(c *Client) []string {
	var msgs []string
	for {
		select {
		case m := <-c.send:
			msgs = append(msgs, m)
		default:
			return msgs
		}
	}
}

func wantQueued(t *testing.T, c *Client, want ...string) {
	t.Helper()
	if got := queued(c); !slices.Equal(got, want) {
		t.Errorf("client %d queue = %q, want %q", c.ID, got, want)
	}
}

func TestHubQueuesTheRightTextsForEachClient(t *testing.T) {
	hub := NewHub(DefaultHubConfig())
	one := joined(t, hub, 1)
	two := joined(t, hub, 2)
	wantQueued(t, one, "Client 2 joined the chat")
	wantQueued(t, two)

	hub.Say(two, "hi")
	wantQueued(t, one, "Client 2: hi")
	wantQueued(t, two, "You wrote: hi")

	hub.Leave(two)
	wantQueued(t, one, "Client 2 left the chat")
}

func TestHubReserveRefusesATakenIdUntilItsClientLeaves(t *testing.T) {
	hub := NewHub(DefaultHubConfig())
	c, err := hub.Reserve(5)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := hub.Reserve(5); err != ErrIDTaken {
		t.Fatalf("second Reserve(5) = %v, want ErrIDTaken", err)
	}
	other := joined(t, hub, 6)
	hub.Leave(c) // reserved, never joined: nobody is told
	wantQueued(t, other)
	if _, err := hub.Reserve(5); err != nil {
		t.Errorf("Reserve(5) after Leave = %v, want nil", err)
	}
}

func TestHubDisconnectsAClientWhoseQueueIsFull(t *testing.T) {
	hub := NewHub(HubConfig{QueueSize: 2, WriteTimeout: time.Second})
	talker := joined(t, hub, 1)
	slow := joined(t, hub, 2)
	queued(talker)
	conn := &fakeConn{}
	hub.attach(slow, conn)

	hub.Say(talker, "a")
	hub.Say(talker, "b")
	wantQueued(t, talker, "You wrote: a", "You wrote: b") // the talker reads
	select {
	case <-slow.quit:
		t.Fatal("client 2 was closed with a queue that is only full")
	default:
	}
	hub.Say(talker, "c") // the third does not fit
	select {
	case <-slow.quit:
	default:
		t.Fatal("client 2 is still open with a full queue")
	}
	if !slow.kicked.Load() || conn.deadline.IsZero() || conn.deadline.After(time.Now()) {
		t.Errorf("kicked = %v, deadline = %v; want true and a deadline in the past", slow.kicked.Load(), conn.deadline)
	}
	wantQueued(t, talker, "You wrote: c")

	t.Run("its reader leaves and the others are told", func(t *testing.T) {
		hub.Leave(slow)
		wantQueued(t, talker, "Client 2 left the chat")
		if n := hub.Len(); n != 1 {
			t.Errorf("hub has %d clients, want 1", n)
		}
	})
}

func TestHubLeaveAndCloseAreIdempotent(t *testing.T) {
	hub := NewHub(DefaultHubConfig())
	one := joined(t, hub, 1)
	two := joined(t, hub, 2)
	queued(one)
	hub.Leave(two)
	hub.Leave(two)
	two.Close()
	two.kick()
	wantQueued(t, one, "Client 2 left the chat") // once, not twice

	hub.Close()
	hub.Close()
	one.Close()
	hub.Leave(one)
	hub.Leave(one)
	hub.Wait()
	if _, err := hub.Reserve(3); err != ErrHubClosed {
		t.Errorf("Reserve after Close = %v, want ErrHubClosed", err)
	}
}

func TestHubLeaveOfAStaleClientDoesNotRemoveItsSuccessor(t *testing.T) {
	hub := NewHub(DefaultHubConfig())
	old := joined(t, hub, 1)
	hub.Leave(old)
	successor := joined(t, hub, 1)
	hub.Leave(old)
	if n := hub.Len(); n != 1 {
		t.Fatalf("hub has %d clients after a stale Leave, want 1", n)
	}
	hub.Leave(successor)
}

// fakeConn records the deadline kick sets.
type fakeConn struct{ deadline time.Time }

func (f *fakeConn) SetDeadline(t time.Time) error {
	f.deadline = t
	return nil
}

func ExampleHub() {
	hub := NewHub(DefaultHubConfig())
	alice, _ := hub.Reserve(1)
	hub.Join(alice)
	bob, _ := hub.Reserve(2)
	hub.Join(bob)
	hub.Say(bob, "hello")
	fmt.Println(queued(alice))
	fmt.Println(queued(bob))
	// Output:
	// [Client 2 joined the chat Client 2: hello]
	// [You wrote: hello]
}
