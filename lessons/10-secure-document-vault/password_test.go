package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"apicourse/shared/web"
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
	p := NewPasswords(demoHashes, demoDummyHash, 1, 1, loginWait)
	if ok, err := p.Check(context.Background(), testClient, "alice", demoPasswords["alice"]); !ok || err != nil {
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
// slots comparison slots, any number of them for one client, comparing
// through a gate.
func gatedPasswords(slots int) (*Passwords, *gate) {
	return gatedPasswordsShared(slots, slots)
}

// gatedPasswordsShared is gatedPasswords with at most perClient slots for
// one client.
func gatedPasswordsShared(slots, perClient int) (*Passwords, *gate) {
	g := &gate{
		entered: make(chan string, 16),
		release: make(chan struct{}),
		timeout: make(chan time.Time),
		waited:  make(chan time.Duration, 16),
	}
	p := NewPasswords(map[string]string{"alice": "alice-hash"}, "dummy-hash", slots, perClient, loginWait)
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

// The clients of the tests: a login is from testClient unless a test
// says otherwise.
const (
	testClient  = "127.0.0.1"
	otherClient = "127.0.0.3"
)

// goCheck runs p.Check for testClient in a goroutine and returns where its
// result lands.
func goCheck(ctx context.Context, p *Passwords, username, password string) <-chan checkResult {
	return goCheckFrom(ctx, p, testClient, username, password)
}

// goCheckFrom is goCheck for a login from client.
func goCheckFrom(ctx context.Context, p *Passwords, client, username, password string) <-chan checkResult {
	done := make(chan checkResult, 1)
	go func() {
		ok, err := p.Check(ctx, client, username, password)
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

func TestOneClientHoldsAtMostItsShareOfTheComparisonSlots(t *testing.T) {
	p, g := gatedPasswordsShared(2, 1)
	ctx := context.Background()
	attacker := "127.0.0.2"
	first := goCheckFrom(ctx, p, attacker, "alice", "guess1")
	<-g.entered
	second := goCheckFrom(ctx, p, attacker, "alice", "guess2")
	select {
	case <-g.waited: // the attacker's second login waits: its client's one slot is taken
	case <-g.entered:
		t.Fatal("the attacker's second login compared while its first held the client's one slot")
	}

	alice := goCheckFrom(ctx, p, otherClient, "alice", "alice123")
	select {
	case hash := <-g.entered:
		if hash != "alice-hash" {
			t.Fatalf("another client's login compared against %s, want alice's hash", hash)
		}
	case r := <-alice:
		t.Fatalf("another client's login = %v, %v while the attacker held one of two slots; want it to get the other", r.ok, r.err)
	}
	close(g.timeout)
	wantBusy(t, g, second, "the attacker's second login while its first compares")

	g.release <- struct{}{}
	g.release <- struct{}{}
	if r := <-alice; !r.ok || r.err != nil {
		t.Errorf("alice's login from another client = %v, %v; want true, nil", r.ok, r.err)
	}
	if r := <-first; r.ok || r.err != nil {
		t.Errorf("the attacker's first guess = %v, %v; want false, nil", r.ok, r.err)
	}
}

// countedPasswords returns Passwords for alice (alice123) and bob
// (bob123) whose comparisons are instant and counted, with a clock the
// test moves.
func countedPasswords() (p *Passwords, now *time.Time, compared *int) {
	p = NewPasswords(map[string]string{"alice": "alice-hash", "bob": "bob-hash"}, "dummy-hash", 4, 4, loginWait)
	start := testNow
	now, compared = &start, new(int)
	p.now = func() time.Time { return *now }
	p.compare = func(hash, password []byte) error {
		*compared++
		if string(hash) == "alice-hash" && string(password) == "alice123" || string(hash) == "bob-hash" && string(password) == "bob123" {
			return nil
		}
		return bcrypt.ErrMismatchedHashAndPassword
	}
	return p, now, compared
}

// wantLimited checks that a login is a 429 with the given Retry-After and
// cost no comparison.
func wantLimited(t *testing.T, p *Passwords, compared *int, client, username, password string, retry time.Duration) {
	t.Helper()
	before := *compared
	ok, err := p.Check(context.Background(), client, username, password)
	var se *web.StatusError
	if ok || !errors.As(err, &se) || se.Status != http.StatusTooManyRequests || se.RetryAfter != retry {
		t.Errorf("%s as %s from %s = %v, %v; want a 429 with Retry-After %v", password, username, client, ok, err, retry)
	}
	if *compared != before {
		t.Errorf("a login over the limit ran a comparison")
	}
}

// wantChecked checks that a login costs a comparison and answers want.
func wantChecked(t *testing.T, p *Passwords, compared *int, client, username, password string, want bool) {
	t.Helper()
	before := *compared
	ok, err := p.Check(context.Background(), client, username, password)
	if ok != want || err != nil || *compared != before+1 {
		t.Errorf("%s as %s from %s = %v, %v after %d comparisons; want %v, nil after one", password, username, client, ok, err, *compared-before, want)
	}
}

func TestFailedLoginsAreLimitedPerAccountAndClient(t *testing.T) {
	attacker := "127.0.0.2"
	guessAlice := func(p *Passwords, n int) {
		for i := range n {
			_, _ = p.Check(context.Background(), attacker, "alice", fmt.Sprint("guess", i))
		}
	}
	t.Run("ten wrong passwords for alice from one client, then 429 for a minute without a comparison", func(t *testing.T) {
		p, now, compared := countedPasswords()
		guessAlice(p, accountFailures)
		if *compared != accountFailures {
			t.Fatalf("%d guesses ran %d comparisons", accountFailures, *compared)
		}
		wantLimited(t, p, compared, attacker, "alice", "guess", time.Minute)
		wantLimited(t, p, compared, attacker, "alice", "alice123", time.Minute) // even the right one: the client is over its limit
		*now = now.Add(30 * time.Second)
		wantLimited(t, p, compared, attacker, "alice", "guess", 30*time.Second)
		*now = now.Add(30 * time.Second)
		wantChecked(t, p, compared, attacker, "alice", "guess", false) // one more guess a minute
		wantLimited(t, p, compared, attacker, "alice", "guess", time.Minute)
	})
	t.Run("alice still logs in from another client while the attacker's client is limited", func(t *testing.T) {
		p, _, compared := countedPasswords()
		guessAlice(p, accountFailures)
		wantLimited(t, p, compared, attacker, "alice", "guess", time.Minute)
		wantChecked(t, p, compared, otherClient, "alice", "alice123", true)
		wantChecked(t, p, compared, otherClient, "alice", "typo", false) // her own failures are hers
	})
	t.Run("the limited client may still try another account, until its own limit", func(t *testing.T) {
		p, _, compared := countedPasswords()
		guessAlice(p, accountFailures)
		wantChecked(t, p, compared, attacker, "bob", "guess", false)
	})
	t.Run("thirty failures from one client over thirty names, then 429 for any name", func(t *testing.T) {
		p, now, compared := countedPasswords()
		for i := range clientFailures {
			wantChecked(t, p, compared, attacker, fmt.Sprint("user", i), "guess", false)
		}
		wantLimited(t, p, compared, attacker, "someone-new", "guess", 10*time.Second)
		wantLimited(t, p, compared, attacker, "bob", "bob123", 10*time.Second)
		wantChecked(t, p, compared, otherClient, "bob", "bob123", true)
		*now = now.Add(10 * time.Second)
		wantChecked(t, p, compared, attacker, "bob", "guess", false)
	})
	t.Run("unknown names are counted as known ones, so the 429 tells nobody who has an account", func(t *testing.T) {
		p, _, compared := countedPasswords()
		for range accountFailures {
			_, _ = p.Check(context.Background(), attacker, "mallory", "guess")
		}
		wantLimited(t, p, compared, attacker, "mallory", "guess", time.Minute)
	})
	t.Run("a correct password costs no failure", func(t *testing.T) {
		p, _, compared := countedPasswords()
		for range 2 * accountFailures {
			wantChecked(t, p, compared, attacker, "alice", "alice123", true)
		}
	})
}
