package extract_test

import (
	"os"
	"strings"
	"testing"

	"github.com/milmeet/milmeet/internal/extract/eval"
)

// TestCorpus scores the extractor on the annotated corpus and prints, per
// split, the per-field figures, the dates it invented and the calibration of
// its confidence; per report detail for train only. Low scores are reported,
// not failed: the test fails on a malformed annotation or a report in the
// wrong split.
//
//	go test ./internal/extract -run TestCorpus -v
func TestCorpus(t *testing.T) {
	reports, err := eval.Load(os.DirFS("testdata"), "corpus")
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			t.Error(line)
		}
		t.FailNow()
	}
	for _, s := range eval.Run(reports) {
		var b strings.Builder
		s.Write(&b, true)
		t.Log("\n" + b.String())
	}
}
