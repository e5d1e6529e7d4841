package main

import (
	"golang.org/x/crypto/bcrypt"
)

const (
	// bcryptCost is passlib's default, the FastAPI original's: about a
	// quarter of a second per check on a laptop, which is the point.
	bcryptCost = 12
	// maxPasswordBytes is bcrypt's limit. Longer passwords are refused:
	// bcrypt would silently ignore everything after byte 72.
	maxPasswordBytes = 72
)

// Passwords checks passwords against bcrypt hashes, spending the same time
// whether or not the user exists.
type Passwords struct {
	hashes  map[string][]byte
	dummy   []byte                            // a hash of nothing anyone knows, same cost
	compare func(hash, password []byte) error // bcrypt.CompareHashAndPassword
}

// NewPasswords checks passwords against hashes (username → bcrypt hash);
// dummy is a hash of the same cost, compared for unknown users.
func NewPasswords(hashes map[string]string, dummy string) *Passwords {
	p := &Passwords{hashes: map[string][]byte{}, dummy: []byte(dummy), compare: bcrypt.CompareHashAndPassword}
	for user, h := range hashes {
		p.hashes[user] = []byte(h)
	}
	return p
}

// Check reports whether password is username's. An unknown user or a
// password over 72 bytes still costs one bcrypt comparison, so the answer
// takes as long as for a real user with a wrong password.
func (p *Passwords) Check(username, password string) bool {
	hash, known := p.hashes[username]
	if !known || len(password) > maxPasswordBytes {
		p.compare(p.dummy, []byte("dummy password"))
		return false
	}
	return p.compare(hash, []byte(password)) == nil
}
