package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/milmeet/milmeet/internal/domain"
)

// spanProblems checks that the words of every evidence item lie in the text
// and, when strict, that they read as the value they support.
func spanProblems(text string, res Result, strict bool) []string {
	var out []string
	bad := func(e Evidence, format string, args ...any) {
		out = append(out, fmt.Sprintf("%s = %v: words %q: %s", e.Field, e.Value, e.Text, fmt.Sprintf(format, args...)))
	}
	people := map[string][]string{}
	var collect func(m domain.Meeting)
	collect = func(m domain.Meeting) {
		for _, d := range m.Delegations {
			if d.Head != nil {
				people[d.Country] = append(people[d.Country], d.Head.Name)
			}
			for _, p := range d.Members {
				people[d.Country] = append(people[d.Country], p.Name)
			}
		}
		for _, c := range m.ChildMeetings {
			collect(c)
		}
	}
	collect(res.Meeting)
	for _, e := range res.Evidence {
		if e.Offset < 0 || e.Length < 0 || e.Offset+e.Length > len(text) {
			bad(e, "offset %d length %d outside the text of %d bytes", e.Offset, e.Length, len(text))
			continue
		}
		if text[e.Offset:e.Offset+e.Length] != e.Text {
			bad(e, "text[offset:offset+length] is %q", text[e.Offset:e.Offset+e.Length])
			continue
		}
		if e.Length == 0 {
			if e.Start != 0 || e.End != 0 {
				bad(e, "no words, yet a sentence [%d,%d)", e.Start, e.End)
			}
			continue
		}
		if !strict {
			continue
		}
		leaf := e.Field[strings.LastIndexByte(e.Field, '/')+1:]
		if leaf != "signed_on" && (e.Offset < e.Start || e.Offset+e.Length > e.End) {
			bad(e, "the words lie outside the sentence [%d,%d)", e.Start, e.End)
		}
		if w := readsAs(e, leaf, people); w != "" {
			bad(e, "%s", w)
		}
	}
	return out
}

// readsAs says why the words of e do not read as its value ("" when they do).
func readsAs(e Evidence, leaf string, people map[string][]string) string {
	toks := tokenize(e.Text, 0, len(e.Text))
	words := strings.Join(foldWords(e.Text), " ")
	str, _ := e.Value.(string)
	inParent := func(p string) bool { return strings.Contains(e.Field, "/"+p+"/") }
	switch {
	case leaf == "country" || leaf == "host_country":
		if len(toks) == 0 {
			return "no words"
		}
		// a participant whose position or name tells the country
		for _, n := range people[str] {
			if strings.Contains(" "+words+" ", " "+strings.Join(foldWords(n), " ")+" ") {
				return ""
			}
		}
		if c, j := countryAt(toks, 0); c == str && j == len(toks) {
			return ""
		}
		if _, c, j := cityAt(toks, 0); c == str && j == len(toks) {
			return ""
		}
		return "not a name of " + str
	case leaf == "date" || leaf == "end_date" || leaf == "signed_on" || leaf == "published_at":
		de, ok := dateAt(toks, 0)
		if !ok {
			return "not a date"
		}
		pd, err := domain.ParsePartialDate(str)
		if err != nil {
			return "bad value"
		}
		if de.rel == 0 && ((de.m != 0 && pd.Month != 0 && de.m != pd.Month) || (de.d != 0 && pd.Day != 0 && de.d != pd.Day && de.d2 != pd.Day) ||
			(de.y != 0 && pd.Year != 0 && de.y != pd.Year)) {
			return "another date"
		}
	case leaf == "rank":
		if ranks[words] != str {
			return "not the rank " + str
		}
	case leaf == "city":
		if c, ok := cities[words]; !ok || c.name != str {
			return "not the city " + str
		}
	case leaf == "outlet":
		if outletForms[strings.ToLower(e.Text)] != str && words != strings.Join(foldWords(str), " ") {
			return "not the outlet " + str
		}
	case leaf == "period":
		y, _, _ := strings.Cut(str, "-")
		if !strings.HasPrefix(e.Text, y) {
			return "not the period " + str
		}
	case leaf == "series":
		s, ok := e.Value.(domain.Series)
		if ok && words != strings.Join(foldWords(s.Name), " ") {
			return "not the series"
		}
	case leaf == "name" || leaf == "position" || leaf == "site" || leaf == "honoured" || leaf == "award" ||
		leaf == "venue" || leaf == "summary" || inParent("alternate_titles") ||
		(leaf == "title" && (inParent("agreements") || strings.HasPrefix(e.Field, "/sources/"))):
		if words != strings.Join(foldWords(str), " ") {
			return "not the words of the value"
		}
	}
	return ""
}

// TestEvidenceSpans checks, on the seeds and the test articles, that every
// evidence item's words are where it says and read as its value.
func TestEvidenceSpans(t *testing.T) {
	check := func(t *testing.T, text string, res Result) {
		for _, p := range spanProblems(text, res, true) {
			t.Error(p)
		}
	}
	for _, run := range seedRuns() {
		t.Run("seed "+run.name, func(t *testing.T) {
			text := seedText(t, run.n)
			check(t, text, Extract(text, run.opt(t, text)))
		})
	}
	for _, w := range articleWants {
		t.Run(w.file, func(t *testing.T) {
			text := articleText(t, w.file)
			check(t, text, Extract(text, w.opt(t)))
			check(t, text, Extract(text, Options{}))
		})
	}
}

// TestConfidence checks that the overall confidence falls when the date,
// the countries or the heads are shaky.
func TestConfidence(t *testing.T) {
	seed4 := seedText(t, 4)
	withYear := Extract(seed4, Options{PublishedAt: day(t, "2023-10-28")})
	noYear := Extract(seed4, Options{})
	if !(noYear.Confidence < withYear.Confidence) {
		t.Errorf("seed 004: confidence %.3f without a year, %.3f with one", noYear.Confidence, withYear.Confidence)
	}
	noDate := Extract(articleText(t, "09_no_date.txt"), Options{})
	if noDate.Confidence > confNoDate {
		t.Errorf("a draft without a date has confidence %.3f", noDate.Confidence)
	}
	oneSide := Extract("On 3 May 2024, Defence Minister John Smith visited a military school.", Options{})
	if len(oneSide.Meeting.Delegations) < 2 && oneSide.Confidence > confFewCountries {
		t.Errorf("a draft with %d delegations has confidence %.3f", len(oneSide.Meeting.Delegations), oneSide.Confidence)
	}
	monthOnly := Extract(seedText(t, 1), Options{PublishedAt: stampDay(t, seedText(t, 1))})
	if monthOnly.Confidence >= 0.5 {
		t.Errorf("seed 001, dated by the month of publication only: confidence %.3f", monthOnly.Confidence)
	}
	for _, r := range []Result{withYear, noYear, noDate, oneSide, monthOnly} {
		if r.Confidence < 0 || r.Confidence > 1 {
			t.Errorf("confidence %v out of [0, 1]", r.Confidence)
		}
	}
}
