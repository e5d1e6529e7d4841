package main

import (
	"context"
	"crypto/sha256"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"

	"apicourse/shared/web"
)

const (
	// bcryptCost is passlib's default, the FastAPI original's: about a
	// quarter of a second per check on a laptop, which is the point.
	bcryptCost = 12
	// maxPasswordBytes is bcrypt's limit. Longer passwords are refused:
	// bcrypt would silently ignore everything after byte 72.
	maxPasswordBytes = 72
	// loginWait is how long a login waits for a free comparison slot
	// before it is turned away with 503.
	loginWait = 500 * time.Millisecond
)

// The limits on failed logins, each a token bucket (web.Limiter): a burst,
// then one more failure per interval. A failure counts against the pair
// (account, client) and against the client; a client over either limit is
// answered 429 before any comparison. No limit counts an account's
// failures from every client together, so an attacker elsewhere cannot
// lock its owner out.
const (
	// accountFailures failures for one account from one client, then one
	// per accountInterval: 10 guesses at alice's password from one address,
	// then one a minute.
	accountFailures = 10
	accountInterval = time.Minute
	// clientFailures failures from one client, whatever the accounts, then
	// one per clientInterval: 30 made-up or real usernames, then one every
	// 10 s.
	clientFailures = 30
	clientInterval = 10 * time.Second
	// maxLimiterKeys bounds what each limiter remembers (web.Limiter
	// forgets the longest unused first).
	maxLimiterKeys = 10000
)

// errLoginsBusy is the answer to a login that found no free slot in time.
var errLoginsBusy = web.Busy("Too many login attempts, try again later", time.Second)

// Passwords checks passwords against bcrypt hashes, spending the same time
// whether or not the user exists, and running at most a fixed number of
// comparisons at once, each client at most its share, so that a flood of
// logins can neither take every CPU nor every slot. It also limits failed
// logins per account and client (429).
type Passwords struct {
	hashes  map[string][]byte
	dummy   []byte                            // a hash of nothing anyone knows, same cost
	compare func(hash, password []byte) error // bcrypt.CompareHashAndPassword

	// slots are the comparisons running, at most perClient of them for
	// one client. A login that finds none free waits for one to be given
	// back: freed is closed, and replaced, each time one is.
	slots   *web.Slots
	mu      sync.Mutex
	freed   chan struct{}
	wait    time.Duration
	after   func(time.Duration) <-chan time.Time // time.After; tests fire it by hand
	now     func() time.Time                     // the limiters' clock; tests move it
	account *web.Limiter                         // failures per (account, client)
	client  *web.Limiter                         // failures per client
}

// NewPasswords checks passwords against hashes (username → bcrypt hash);
// dummy is a hash of the same cost, compared for unknown users. At most
// maxComparisons comparisons run at once, at most perClient of them for
// one client; a login waits at most wait for one of them to finish.
func NewPasswords(hashes map[string]string, dummy string, maxComparisons, perClient int, wait time.Duration) *Passwords {
	p := &Passwords{
		hashes:  map[string][]byte{},
		dummy:   []byte(dummy),
		compare: bcrypt.CompareHashAndPassword,
		slots:   web.NewSlots(maxComparisons, perClient),
		freed:   make(chan struct{}),
		wait:    wait,
		after:   time.After,
		now:     time.Now,
	}
	clock := func() time.Time { return p.now() }
	p.account = web.NewLimiter(accountInterval, accountFailures, maxLimiterKeys, clock)
	p.client = web.NewLimiter(clientInterval, clientFailures, maxLimiterKeys, clock)
	for user, h := range hashes {
		p.hashes[user] = []byte(h)
	}
	return p
}

// Check reports whether password is username's, for a login from client.
// An unknown user or a password over 72 bytes still costs one bcrypt
// comparison, in a slot like any other, so the answer takes as long as
// for a real user with a wrong password. A client over its failure limit
// for the account, or over its own, gets a 429 without a comparison; with
// no slot free for the client within the wait (or once ctx is done), the
// error is a 503. Both say when to try again.
func (p *Passwords) Check(ctx context.Context, client, username, password string) (bool, error) {
	hash, ok := p.hashes[username]
	if !ok || len(password) > maxPasswordBytes {
		hash, password, ok = p.dummy, "dummy password", false
	}
	// The account's key is a hash of the name: a made-up name of 16 KiB
	// costs the limiter 32 bytes, and known and unknown names are counted
	// alike, so the 429 tells nobody which accounts exist.
	sum := sha256.Sum256([]byte(username))
	accountKey := client + " " + string(sum[:])
	if err := p.limited(client, accountKey); err != nil {
		return false, err
	}
	release, err := p.take(ctx, client)
	if err != nil {
		return false, err
	}
	defer release()
	// Checked again: the client's other logins may have failed while this
	// one waited for its slot.
	if err := p.limited(client, accountKey); err != nil {
		return false, err
	}
	if p.compare(hash, []byte(password)) == nil && ok {
		return true, nil
	}
	p.account.Allow(accountKey) // a failure takes a token from both
	p.client.Allow(client)
	return false, nil
}

// limited is the 429 for a client that has used up its failures for the
// account or its own, nil otherwise.
func (p *Passwords) limited(client, accountKey string) error {
	if ok, retry := p.account.Peek(accountKey); !ok {
		return web.TooMany("Too many failed logins for this account, try again later", retry)
	}
	if ok, retry := p.client.Peek(client); !ok {
		return web.TooMany("Too many failed logins, try again later", retry)
	}
	return nil
}

// take takes a comparison slot for client, waiting at most p.wait for one
// to be given back when every slot, or the client's share, is taken.
func (p *Passwords) take(ctx context.Context, client string) (release func(), err error) {
	var timeout <-chan time.Time
	for {
		p.mu.Lock()
		freed := p.freed // read before trying, so no release is missed
		p.mu.Unlock()
		if give, ok := p.slots.TryTake(client); ok {
			return func() { give(); p.signal() }, nil
		}
		if timeout == nil {
			timeout = p.after(p.wait)
		}
		select {
		case <-freed:
		case <-timeout:
			return nil, errLoginsBusy
		case <-ctx.Done():
			return nil, errLoginsBusy
		}
	}
}

// signal wakes every login waiting for a slot; each tries again.
func (p *Passwords) signal() {
	p.mu.Lock()
	close(p.freed)
	p.freed = make(chan struct{})
	p.mu.Unlock()
}
