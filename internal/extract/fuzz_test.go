package extract

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/milmeet/milmeet/internal/domain"
)

// FuzzExtract feeds the extractor arbitrary text, starting from the seed
// reports, the test articles and the corpus's train reports, and checks that it never panics, that every
// evidence span lies inside the text and names a field of the draft, and that
// a draft that does not validate comes with a warning.
func FuzzExtract(f *testing.F) {
	for _, dir := range []string{"testdata/seeds", "testdata/articles"} {
		files, err := fs.ReadDir(testdata, dir)
		if err != nil {
			f.Fatal(err)
		}
		for _, e := range files {
			b, err := testdata.ReadFile(dir + "/" + e.Name())
			if err != nil {
				f.Fatal(err)
			}
			f.Add(string(b), "2024-05-01")
			f.Add(string(b), "")
		}
	}
	// the real pages of the corpus's train split, with their furniture
	train, err := fs.Glob(os.DirFS("testdata/corpus/train"), "*.txt")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range train {
		b, err := os.ReadFile("testdata/corpus/train/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b), "")
	}
	f.Add("", "")
	f.Add("On December 30, Z. Hasanov met J.", "2025-01-02")
	f.Add("BAKU, October 28. \u201cThe \"Book of Honor\" was signed.", "")
	f.Add("\xff\xfe On 31 February, General X. received", "2024-02-29")
	f.Fuzz(func(t *testing.T, text, pub string) {
		var opt Options
		if d, err := domain.ParseDay(pub); err == nil {
			opt.PublishedAt = &d
		}
		done := make(chan Result, 1)
		go func() { done <- Extract(text, opt) }()
		var res Result
		select {
		case res = <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("Extract has not returned after 5 s on %q (published %q)", text, pub)
		}
		if problems := resultProblems(text, res); len(problems) > 0 {
			t.Fatalf("%s\ntext: %q", strings.Join(problems, "\n"), text)
		}
	})
}
