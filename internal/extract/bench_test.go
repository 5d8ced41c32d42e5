package extract

import (
	"fmt"
	"testing"
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
