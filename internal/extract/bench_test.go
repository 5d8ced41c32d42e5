package extract

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// BenchmarkExtract10KB extracts a 10 KB report of an official visit with two
// child meetings, ceremonies, an agreement and page furniture. The issue asks
// for less than 5 ms per article.
func BenchmarkExtract10KB(b *testing.B) {
	text := articleText(b, "13_long_official_visit.txt")
	if len(text) < 10*1024 {
		b.Fatalf("the article has %d bytes, want at least 10 KB", len(text))
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Extract(text, Options{})
	}
}

// BenchmarkExtractSeeds extracts each seed report.
func BenchmarkExtractSeeds(b *testing.B) {
	for n := 0; n < 5; n++ {
		text := seedText(b, n)
		b.Run(fmt.Sprintf("%03d", n), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				Extract(text, Options{})
			}
		})
	}
}

// TestExtractFast guards the time budget loosely, so that a slow or busy
// machine does not fail it: the best of ten runs on the 10 KB article must
// take less than 50 ms (ten times the 5 ms), and a 200 KB run-on
// text less than 2 s, to catch a rule that goes quadratic.
func TestExtractFast(t *testing.T) {
	if testing.Short() {
		t.Skip()
	}
	best := func(text string) time.Duration {
		b := time.Duration(1 << 62)
		for range 10 {
			st := time.Now()
			Extract(text, Options{})
			b = min(b, time.Since(st))
		}
		return b
	}
	if d := best(articleText(t, "13_long_official_visit.txt")); d > 50*time.Millisecond {
		t.Errorf("Extract takes %v on a 10 KB article", d)
	}
	long := strings.Repeat("Minister of Defense Colonel General Zakir Hasanov received General Levent Ergün and signed the plan for 2026 ", 2000)
	if d := best(long); d > 2*time.Second {
		t.Errorf("Extract takes %v on a 200 KB run-on text", d)
	}
}
