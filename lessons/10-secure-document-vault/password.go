package main

import (
	"context"
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

// errLoginsBusy is the answer to a login that found no free slot in time.
var errLoginsBusy = web.Busy("Too many login attempts, try again later", time.Second)

// Passwords checks passwords against bcrypt hashes, spending the same time
// whether or not the user exists, and running at most a fixed number of
// comparisons at once so that a flood of logins cannot take every CPU.
type Passwords struct {
	hashes  map[string][]byte
	dummy   []byte                            // a hash of nothing anyone knows, same cost
	compare func(hash, password []byte) error // bcrypt.CompareHashAndPassword

	// slots holds one value per comparison running. Senders blocked on a
	// full channel are woken in the order they came, so waiting is fair.
	slots chan struct{}
	wait  time.Duration
	after func(time.Duration) <-chan time.Time // time.After; tests fire it by hand
}

// NewPasswords checks passwords against hashes (username → bcrypt hash);
// dummy is a hash of the same cost, compared for unknown users. At most
// maxComparisons comparisons run at once; a login waits at most wait for
// one of them to finish.
func NewPasswords(hashes map[string]string, dummy string, maxComparisons int, wait time.Duration) *Passwords {
	p := &Passwords{
		hashes:  map[string][]byte{},
		dummy:   []byte(dummy),
		compare: bcrypt.CompareHashAndPassword,
		slots:   make(chan struct{}, maxComparisons),
		wait:    wait,
		after:   time.After,
	}
	for user, h := range hashes {
		p.hashes[user] = []byte(h)
	}
	return p
}

// Check reports whether password is username's. An unknown user or a
// password over 72 bytes still costs one bcrypt comparison, in a slot like
// any other, so the answer takes as long as for a real user with a wrong
// password. With no slot free within the wait (or once ctx is done), the
// error is a 503 that says when to try again.
func (p *Passwords) Check(ctx context.Context, username, password string) (bool, error) {
	hash, ok := p.hashes[username]
	if !ok || len(password) > maxPasswordBytes {
		hash, password, ok = p.dummy, "dummy password", false
	}
	select {
	case p.slots <- struct{}{}:
	default:
		select {
		case p.slots <- struct{}{}:
		case <-p.after(p.wait):
			return false, errLoginsBusy
		case <-ctx.Done():
			return false, errLoginsBusy
		}
	}
	defer func() { <-p.slots }()
	return p.compare(hash, []byte(password)) == nil && ok, nil
}
