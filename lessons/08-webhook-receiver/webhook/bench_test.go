package webhook

import (
	"bytes"
	"crypto/hmac"
	"fmt"
	"testing"
)

// BenchmarkVerify measures Verify for a 1 KiB and a 1 MiB body.
func BenchmarkVerify(b *testing.B) {
	secret := []byte("benchmark-secret")
	for _, size := range []int{1 << 10, 1 << 20} {
		body := make([]byte, size)
		header := Sign(secret, body)
		b.Run(fmt.Sprintf("%dKiB", size>>10), func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				if !Verify(secret, body, header) {
					b.Fatal("Verify = false")
				}
			}
		})
	}
}

// earlyExitEqual is the comparison not to use on a secret: it stops at the
// first byte that differs, so the time it takes tells how many leading
// bytes of a guess were right.
func earlyExitEqual(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// BenchmarkCompare times two comparisons of a guess with the right 32-byte
// MAC, the guess wrong in its first byte or only in its last: the
// early-exit loop takes longer the more of the guess is right, hmac.Equal
// takes the same time for both.
func BenchmarkCompare(b *testing.B) {
	want := mac([]byte("benchmark-secret"), []byte(vectorBody))
	wrongFirst, wrongLast := bytes.Clone(want), bytes.Clone(want)
	wrongFirst[0] ^= 1
	wrongLast[len(wrongLast)-1] ^= 1
	compares := []struct {
		name  string
		equal func(a, b []byte) bool
	}{{"early-exit", earlyExitEqual}, {"hmac.Equal", hmac.Equal}}
	guesses := []struct {
		name string
		mac  []byte
	}{{"first-byte-wrong", wrongFirst}, {"last-byte-wrong", wrongLast}}
	for _, c := range compares {
		for _, g := range guesses {
			b.Run(c.name+"/"+g.name, func(b *testing.B) {
				for b.Loop() {
					if c.equal(g.mac, want) {
						b.Fatal("a wrong guess compared equal")
					}
				}
			})
		}
	}
}
