package webhook

import (
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
