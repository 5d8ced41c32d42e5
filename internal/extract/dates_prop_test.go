package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/milmeet/milmeet/internal/domain"
)

// trainReport is what the date property tests need of a train report.
type trainReport struct {
	id, text string
	url      string
	want     domain.PartialDate // zero when the report gives no date
}

func loadTrain(t *testing.T) []trainReport {
	t.Helper()
	names, err := filepath.Glob("testdata/corpus/train/*.json")
	if err != nil || len(names) == 0 {
		t.Fatalf("no train reports: %v", err)
	}
	var out []trainReport
	for _, n := range names {
		raw, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		var a struct {
			URL  string `json:"url"`
			Want struct {
				Date *string `json:"date"`
			} `json:"want"`
		}
		if err := json.Unmarshal(raw, &a); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		txt, err := os.ReadFile(strings.TrimSuffix(n, ".json") + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		r := trainReport{id: strings.TrimSuffix(filepath.Base(n), ".json"), text: string(txt), url: a.URL}
		if a.Want.Date != nil {
			if r.want, err = domain.ParsePartialDate(*a.Want.Date); err != nil {
				t.Fatalf("%s: %v", n, err)
			}
		}
		out = append(out, r)
	}
	return out
}

// cutDates deletes from text every date written with a day for which drop
// is true, with an "on" or "of" just before it, and returns what is left.
// Relative days ("yesterday", "on Thursday") count as days.
func cutDates(text string, drop func(e dateExpr) bool) string {
	toks := tokenize(text, 0, len(text))
	var b strings.Builder
	at := 0
	for _, e := range findDates(toks) {
		if e.d == 0 && e.rel == 0 || !drop(e) {
			continue
		}
		from := toks[e.i].start
		if e.i > 0 && toks[e.i-1].kind == 'w' && (toks[e.i-1].low == "on" || toks[e.i-1].low == "since") {
			from = toks[e.i-1].start
		}
		if from < at {
			continue
		}
		b.WriteString(text[at:from])
		at = toks[e.j-1].end
	}
	b.WriteString(text[at:])
	return b.String()
}

// TestNoDayWithoutDates: a train report with every day written in it
// deleted, and no URL, gets no day.
func TestNoDayWithoutDates(t *testing.T) {
	for _, r := range loadTrain(t) {
		text := cutDates(r.text, func(dateExpr) bool { return true })
		res := Extract(text, Options{Language: "en"})
		if d := res.Meeting.Date; d.Day != 0 {
			t.Errorf("%s: got day %s from a text with no day written in it", r.id, d)
		}
	}
}

// TestNoDayWithoutItsDates: a train report with the dates that give its
// meeting's day deleted (the day itself, a span holding it, every
// relative day), and no URL, does not get another day of the text.
func TestNoDayWithoutItsDates(t *testing.T) {
	for _, r := range loadTrain(t) {
		if r.want.Day == 0 {
			continue
		}
		text := cutDates(r.text, func(e dateExpr) bool {
			if e.rel != 0 {
				return true
			}
			hi := max(e.d2, e.d)
			return (e.m == r.want.Month || e.thisMonth) && e.d <= r.want.Day && r.want.Day <= hi ||
				e.amb && e.d == r.want.Month && e.m == r.want.Day
		})
		res := Extract(text, Options{Language: "en"})
		if hasWarning(res, "only by its dateline") {
			continue // the dateline's day, said to rest on it alone
		}
		if d := res.Meeting.Date; d.Day != 0 {
			t.Errorf("%s: got day %s (want %s) with the meeting's own dates deleted", r.id, d, r.want)
		}
	}
}

// TestStampFormatsAgree: a train report whose crawler's stamp is rewritten
// as a page's stamp in another format (with a time, a label, a weekday, a
// byline) gets the same date.
func TestStampFormatsAgree(t *testing.T) {
	// day and month that could be swapped give no day: not compared
	amb := func(d time.Time) bool { return d.Day() <= 12 }
	formats := []func(time.Time) string{
		func(d time.Time) string { return "Published: " + d.Format("02.01.2006 15:04") },
		func(d time.Time) string { return d.Format("January 2, 2006") },
		func(d time.Time) string { return d.Format("2 January 2006, 15:04") },
		func(d time.Time) string { return "Politics | " + d.Format("02/01/2006 15:04") + " IST" },
		func(d time.Time) string { return d.Format("Monday, January 2, 2006 - 15:04") },
		func(d time.Time) string { return "Posted on " + d.Format("Jan 2, 2006") + " by admin" },
		func(d time.Time) string { return d.Format("2006-01-02T15:04:05Z") },
	}
	for _, r := range loadTrain(t) {
		if !strings.HasPrefix(r.text, " date ") {
			continue
		}
		nl := strings.IndexByte(r.text, '\n')
		first := r.text[:max(nl, 0)]
		if nl < 0 || len(first) < 16 {
			continue
		}
		d, err := time.Parse("2006-01-02", first[6:16])
		if err != nil {
			continue
		}
		d = d.Add(14*time.Hour + 5*time.Minute)
		rest := strings.TrimLeft(first[16:], " ")
		base := Extract(r.text, Options{}).Meeting.Date.String()
		for k, f := range formats {
			text := f(d) + "\n" + rest + r.text[nl:]
			got := Extract(text, Options{}).Meeting.Date.String()
			if got != base && !(amb(d) && k == 3) {
				t.Errorf("%s: date %q under the stamp %q, %q under the crawler's", r.id, got, f(d), base)
			}
		}
	}
}
