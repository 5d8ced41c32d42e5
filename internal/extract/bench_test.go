package extract

import (
	"fmt"
	"os"
	"path/filepath"
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

// BenchmarkTokenize10KB is the floor for BenchmarkExtract10KB in the same
// run: reading the same report once into lines and tokens.
func BenchmarkTokenize10KB(b *testing.B) {
	text := articleText(b, "13_long_official_visit.txt")
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		classify(text, splitLines(text))
		tokenize(text, 0, len(text))
	}
}

// BenchmarkExtractCorpus extracts every report of the corpus's train split
// once per op; its MB/s gives the time per 10 KB on real pages.
func BenchmarkExtractCorpus(b *testing.B) {
	files, err := filepath.Glob("testdata/corpus/train/*.txt")
	if err != nil || len(files) == 0 {
		b.Fatalf("no corpus reports: %v", err)
	}
	var texts []string
	size := 0
	for _, f := range files {
		t, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(t))
		size += len(t)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			Extract(t, Options{Language: "en"})
		}
	}
}
