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
	c, err := hub.Reserve(id, "127.0.0.1")
	if err != nil {
		t.Fatalf("Reserve(%d): %v", id, err)
	}
	hub.Join(c)
	return c
}

// limits is the program's configuration with the queue, write timeout and
// room size a test needs.
func limits(queue int, writeTimeout time.Duration, maxClients int) HubConfig {
	cfg := DefaultHubConfig()
	cfg.QueueSize, cfg.WriteTimeout, cfg.MaxClients = queue, writeTimeout, maxClients
	return cfg
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
	c, err := hub.Reserve(5, "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := hub.Reserve(5, "127.0.0.1"); err != ErrIDTaken {
		t.Fatalf("second Reserve(5) = %v, want ErrIDTaken", err)
	}
	other := joined(t, hub, 6)
	hub.Leave(c) // reserved, never joined: nobody is told
	wantQueued(t, other)
	if _, err := hub.Reserve(5, "127.0.0.1"); err != nil {
		t.Errorf("Reserve(5) after Leave = %v, want nil", err)
	}
}

// returns runs f in a goroutine and fails the test unless it returns
// within waitFor.
func returns(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(waitFor):
		t.Fatalf("%s did not return within %v", what, waitFor)
	}
}

func TestHubMakesTheSenderWaitForRoomInsteadOfDroppingAListener(t *testing.T) {
	hub := NewHub(limits(2, time.Second, 10))
	talker := joined(t, hub, 1)
	slow := joined(t, hub, 2)
	queued(talker)

	hub.Say(talker, "a")
	hub.Say(talker, "b") // client 2's queue is now full
	wantQueued(t, talker, "You wrote: a", "You wrote: b")
	said := make(chan struct{})
	go func() {
		defer close(said)
		hub.Say(talker, "c") // waits for room in client 2's queue
	}()
	if got := <-slow.send; got != "Client 1: a" { // client 2 reads one: room for one
		t.Fatalf("client 2 read %q, want Client 1: a", got)
	}
	<-said
	select {
	case <-slow.quit:
		t.Fatal("client 2 was closed for having a full queue; only a stalled socket may close it")
	default:
	}
	wantQueued(t, slow, "Client 1: b", "Client 1: c") // nothing lost, in order
	wantQueued(t, talker, "You wrote: c")

	t.Run("a listener that goes frees the sender waiting for it", func(t *testing.T) {
		for _, m := range []string{"d", "e"} { // client 2's queue is full again
			hub.Say(talker, m)
			queued(talker)
		}
		returns(t, "Say to a full queue whose client then leaves", func() {
			go hub.Leave(slow) // as its writer does when its socket stalls
			hub.Say(talker, "f")
		})
		queued(talker)
	})
	t.Run("a sender that goes stops waiting", func(t *testing.T) {
		other := joined(t, hub, 3)
		queued(other) // whatever a newcomer is given first
		queued(talker)
		hub.Say(talker, "g")
		hub.Say(talker, "h") // both queues are full now
		returns(t, "Say from a closed sender to full queues", func() {
			talker.Close()
			hub.Say(talker, "i")
		})
		wantQueued(t, other, "Client 1: g", "Client 1: h")
	})
}

func TestHubRefusesOneClientTooMany(t *testing.T) {
	hub := NewHub(limits(2, time.Second, 2))
	one := joined(t, hub, 1)
	joined(t, hub, 2)
	if _, err := hub.Reserve(3, "127.0.0.1"); err != ErrHubFull {
		t.Fatalf("Reserve(3) with 2 of 2 clients = %v, want ErrHubFull", err)
	}
	hub.Leave(one)
	if _, err := hub.Reserve(3, "127.0.0.1"); err != nil {
		t.Errorf("Reserve(3) after a client left = %v, want nil", err)
	}
}

func TestHubLeaveAndCloseAreIdempotent(t *testing.T) {
	hub := NewHub(DefaultHubConfig())
	one := joined(t, hub, 1)
	two := joined(t, hub, 2)
	queued(one)
	hub.Leave(two)
	hub.Leave(two)
	two.Close()
	wantQueued(t, one, "Client 2 left the chat") // once, not twice

	hub.Close()
	hub.Close()
	one.Close()
	hub.Leave(one)
	hub.Leave(one)
	hub.Wait()
	if _, err := hub.Reserve(3, "127.0.0.1"); err != ErrHubClosed {
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

func ExampleHub() {
	hub := NewHub(DefaultHubConfig())
	alice, _ := hub.Reserve(1, "127.0.0.1")
	hub.Join(alice)
	bob, _ := hub.Reserve(2, "127.0.0.1")
	hub.Join(bob)
	hub.Say(bob, "hello")
	fmt.Println(queued(alice))
	fmt.Println(queued(bob))
	// Output:
	// [Client 2 joined the chat Client 2: hello]
	// [You wrote: hello]
}

func TestHubGivesEachAddressItsShareOfTheRoom(t *testing.T) {
	cfg := limits(2, time.Second, 10)
	cfg.MaxPerIP = 2
	hub := NewHub(cfg)
	first, _ := hub.Reserve(1, "127.0.0.2")
	hub.Reserve(2, "127.0.0.2")
	if _, err := hub.Reserve(3, "127.0.0.2"); err != ErrIPFull {
		t.Fatalf("Reserve(3) with 2 of 2 clients from the address = %v, want ErrIPFull", err)
	}
	if _, err := hub.Reserve(3, "127.0.0.3"); err != nil {
		t.Errorf("Reserve(3) from another address = %v, want nil", err)
	}
	hub.Leave(first)
	if _, err := hub.Reserve(4, "127.0.0.2"); err != nil {
		t.Errorf("Reserve(4) after one of the address's clients left = %v, want nil", err)
	}
}
