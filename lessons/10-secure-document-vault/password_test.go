package main

import (
	"testing"

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
	p := NewPasswords(demoHashes, demoDummyHash)
	if !p.Check("alice", demoPasswords["alice"]) {
		t.Error("alice's demo password does not match her hash")
	}
}
