package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
)

func TestDemoHashesAreBcryptCost12(t *testing.T) {
	for user, hash := range demoHashes {
		if cost, err := bcrypt.Cost([]byte(hash)); err != nil || cost != bcryptCost {
			t.Errorf("%s's hash has cost %d (%v), want %d", user, cost, err, bcryptCost)
		}
	}
	if cost, err := bcrypt.Cost([]byte(demoDummyHash)); err != nil || cost != bcryptCost {
		t.Errorf("the dummy hash has cost %d (%v), want %d: unknown users must cost as much as known ones", cost, err, bcryptCost)
	}
}

// TestDemoPasswordsMatch runs the real cost-12 comparison once: the README's
// password must open alice's account.
func TestDemoPasswordsMatch(t *testing.T) {
	p := NewPasswords(demoHashes, demoDummyHash, 1, loginWait)
	if ok, err := p.Check(context.Background(), "alice", demoPasswords["alice"]); !ok || err != nil {
		t.Error("alice's demo password does not match her hash")
	}
}

// gate is a fake bcrypt for Passwords: each comparison announces the hash
// it compares against on entered, then blocks until the test sends on
// release. A wait for a slot ends only when the test closes timeout.
type gate struct {
	entered chan string
	release chan struct{}
	timeout chan time.Time
	waited  chan time.Duration // what each slow-path wait was asked for
}

// gatedPasswords returns Passwords for alice (password alice123) with
// slots comparison slots, comparing through a gate.
func gatedPasswords(slots int) (*Passwords, *gate) {
	g := &gate{
		entered: make(chan string, 16),
		release: make(chan struct{}),
		timeout: make(chan time.Time),
		waited:  make(chan time.Duration, 16),
	}
	p := NewPasswords(map[string]string{"alice": "alice-hash"}, "dummy-hash", slots, loginWait)
	p.compare = func(hash, password []byte) error {
		g.entered <- string(hash)
		<-g.release
		if string(hash) == "alice-hash" && string(password) == "alice123" {
			return nil
		}
		return bcrypt.ErrMismatchedHashAndPassword
	}
	p.after = func(d time.Duration) <-chan time.Time {
		g.waited <- d
		return g.timeout
	}
	return p, g
}

type checkResult struct {
	ok  bool
	err error
}

// goCheck runs p.Check in a goroutine and returns where its result lands.
func goCheck(ctx context.Context, p *Passwords, username, password string) <-chan checkResult {
	done := make(chan checkResult, 1)
	go func() {
		ok, err := p.Check(ctx, username, password)
		done <- checkResult{ok, err}
	}()
	return done
}

// wantBusy waits for a login that should be turned away, and fails if a
// comparison starts instead.
func wantBusy(t *testing.T, g *gate, done <-chan checkResult, what string) {
	t.Helper()
	select {
	case r := <-done:
		if r.ok || r.err != errLoginsBusy {
			t.Errorf("%s = %v, %v; want false, %v", what, r.ok, r.err, errLoginsBusy)
		}
	case hash := <-g.entered:
		t.Fatalf("%s started a comparison (against %s) while every slot was taken", what, hash)
	}
}

func TestLoginsRunAtMostMaxLoginsComparisonsAtOnce(t *testing.T) {
	t.Run("a third login waits while two compare, is turned away when the wait ends, and a freed slot serves the next", func(t *testing.T) {
		p, g := gatedPasswords(2)
		ctx := context.Background()
		first := goCheck(ctx, p, "alice", "wrong")
		second := goCheck(ctx, p, "mallory", "whatever") // an unknown user takes a slot too
		holders := map[string]bool{<-g.entered: true, <-g.entered: true}
		if !holders["alice-hash"] || !holders["dummy-hash"] {
			t.Fatalf("the two comparisons running are against %v, want alice's hash and the dummy", holders)
		}

		close(g.timeout)
		wantBusy(t, g, goCheck(ctx, p, "alice", "alice123"), "a third login while two compare")
		if d := <-g.waited; d != 500*time.Millisecond {
			t.Errorf("the third login waited for a slot for %v, want 500ms", d)
		}

		g.release <- struct{}{} // one of the two finishes and frees its slot
		var finished checkResult
		select {
		case finished = <-first:
		case finished = <-second:
		}
		if finished.ok || finished.err != nil {
			t.Errorf("a wrong login = %v, %v; want false, nil", finished.ok, finished.err)
		}
		next := goCheck(ctx, p, "alice", "alice123")
		select {
		case hash := <-g.entered:
			if hash != "alice-hash" {
				t.Errorf("the login after a slot freed compared against %s, want alice's hash", hash)
			}
		case r := <-next:
			t.Fatalf("the login after a slot freed = %v, %v; want it to get the freed slot", r.ok, r.err)
		}
		g.release <- struct{}{}
		g.release <- struct{}{}
		if r := <-next; !r.ok || r.err != nil {
			t.Errorf("the login after a slot freed = %v, %v; want true, nil", r.ok, r.err)
		}
	})

	turnedAway := []struct {
		name, username, password string
	}{
		{"an unknown user", "mallory", "whatever"},
		{"a password over 72 bytes", "alice", strings.Repeat("a", 73)},
		{"a known user", "alice", "alice123"},
	}
	for _, tt := range turnedAway {
		t.Run("needs a slot for "+tt.name, func(t *testing.T) {
			p, g := gatedPasswords(1)
			holder := goCheck(context.Background(), p, "alice", "wrong")
			<-g.entered
			close(g.timeout)
			wantBusy(t, g, goCheck(context.Background(), p, tt.username, tt.password), "a login of "+tt.name)
			g.release <- struct{}{}
			<-holder
		})
	}

	t.Run("stops waiting when the client goes away", func(t *testing.T) {
		p, g := gatedPasswords(1)
		holder := goCheck(context.Background(), p, "alice", "wrong")
		<-g.entered
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		wantBusy(t, g, goCheck(ctx, p, "alice", "alice123"), "a login whose client left")
		g.release <- struct{}{}
		<-holder
	})
}
