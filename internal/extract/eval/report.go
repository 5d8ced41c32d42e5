package eval

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/milmeet/milmeet/internal/extract"
)

// Thresholds are the confidences the calibration table is given at.
var Thresholds = []float64{0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95}

// Calibration is one row of the calibration table: of the reports whose
// draft has confidence at or above the threshold, how many are fully right.
type Calibration struct {
	Threshold  float64 `json:"threshold"`
	Reports    int     `json:"reports"`
	FullyRight int     `json:"fully_right"`
}

// Split is the evaluation of one split of a corpus.
type Split struct {
	Name        string           `json:"name"`
	Reports     int              `json:"reports"`
	Counts      map[string]Count `json:"counts"`
	Invented    int              `json:"dates_invented"`
	FullyRight  int              `json:"fully_right"`
	Calibration []Calibration    `json:"calibration"`
	Outcomes    []Outcome        `json:"outcomes,omitempty"`
}

// Run extracts every report and scores it, split by split: train first, then
// test, then any other set, each in the order given.
func Run(reports []Report) []Split {
	var names []string
	for _, r := range reports {
		if !slices.Contains(names, r.Split) {
			names = append(names, r.Split)
		}
	}
	rank := func(n string) int {
		switch n {
		case Train:
			return 0
		case Test:
			return 1
		}
		return 2
	}
	slices.SortStableFunc(names, func(a, b string) int { return rank(a) - rank(b) })
	var out []Split
	for _, n := range names {
		var os []Outcome
		for _, r := range reports {
			if r.Split == n {
				os = append(os, Score(r, extract.Extract(r.Text, Options(r))))
			}
		}
		out = append(out, Summarize(n, os))
	}
	return out
}

// Summarize adds up the outcomes of one split.
func Summarize(name string, os []Outcome) Split {
	s := Split{Name: name, Reports: len(os), Counts: map[string]Count{}, Outcomes: os}
	for _, o := range os {
		for f, c := range o.counts {
			t := s.Counts[f]
			t.Right += c.Right
			t.Of += c.Of
			t.Got += c.Got
			t.Expected += c.Expected
			t.Found += c.Found
			s.Counts[f] = t
		}
		if o.Invented {
			s.Invented++
		}
		if o.FullyRight {
			s.FullyRight++
		}
	}
	for _, th := range Thresholds {
		c := Calibration{Threshold: th}
		for _, o := range os {
			if o.Confidence >= th {
				c.Reports++
				if o.FullyRight {
					c.FullyRight++
				}
			}
		}
		s.Calibration = append(s.Calibration, c)
	}
	return s
}

// How each field is read: a share of reports, a set scored by precision,
// recall and F1, or a single value scored both ways.
var (
	setFields  = []string{FCountryItems, FHeads, FOfficials, FAgreements, FCeremonies}
	bothFields = []string{FHost, FDate}
)

// Write prints a split's figures; with detail, also what was wrong in each
// report. The test split is never printed in detail, so that nobody tunes on
// it.
func (s Split) Write(w io.Writer, detail bool) {
	fmt.Fprintf(w, "== %s: %d reports ==\n", s.Name, s.Reports)
	fmt.Fprintf(w, "%-30s %9s %6s %6s %6s %6s\n", "field", "right/of", "share", "P", "R", "F1")
	num := func(x float64, ok bool) string {
		if !ok {
			return "-"
		}
		return fmt.Sprintf("%.2f", x)
	}
	for _, f := range Fields {
		c := s.Counts[f]
		switch {
		case slices.Contains(setFields, f):
			fmt.Fprintf(w, "%-30s %9s %6s %6s %6s %6s   (given %d, annotated %d)\n", f, fmt.Sprintf("%d", c.Right), "",
				num(c.Precision(), c.Got > 0), num(c.Recall(), c.Expected > 0), num(c.F1(), c.Got+c.Expected > 0), c.Got, c.Expected)
		case slices.Contains(bothFields, f):
			fmt.Fprintf(w, "%-30s %9s %6s %6s %6s %6s\n", f, fmt.Sprintf("%d/%d", c.Right, c.Of), num(c.Share(), c.Of > 0),
				num(c.Precision(), c.Got > 0), num(c.Recall(), c.Expected > 0), num(c.F1(), c.Got+c.Expected > 0))
		default:
			fmt.Fprintf(w, "%-30s %9s %6s\n", f, fmt.Sprintf("%d/%d", c.Right, c.Of), num(c.Share(), c.Of > 0))
		}
	}
	fmt.Fprintf(w, "%-30s %9d\n", "dates invented", s.Invented)
	fmt.Fprintf(w, "%-30s %9s %6s\n", "fully right", fmt.Sprintf("%d/%d", s.FullyRight, s.Reports), num(ratio(s.FullyRight, s.Reports), s.Reports > 0))
	fmt.Fprintf(w, "calibration (fully right = countries, host, date and heads all right):\n")
	fmt.Fprintf(w, "  %-12s %8s %12s %6s\n", "confidence", "reports", "fully right", "share")
	for _, c := range s.Calibration {
		fmt.Fprintf(w, "  >= %-9.2f %8d %12d %6s\n", c.Threshold, c.Reports, c.FullyRight, num(ratio(c.FullyRight, c.Reports), c.Reports > 0))
	}
	if !detail || s.Name == Test {
		return
	}
	fmt.Fprintf(w, "per report:\n")
	for _, o := range s.Outcomes {
		verdict := "fully right"
		if !o.FullyRight {
			verdict = "not fully right"
		}
		fmt.Fprintf(w, "  %s  confidence %.2f  %s\n", o.ID, o.Confidence, verdict)
		for _, p := range o.Problems {
			fmt.Fprintf(w, "      %s\n", strings.ReplaceAll(p, "\n", " "))
		}
	}
}

// Public returns the split as it may be shown: the test split without its
// per-report outcomes.
func (s Split) Public() Split {
	if s.Name == Test {
		s.Outcomes = nil
	}
	return s
}
