package extract

import (
	"embed"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/seed"
)

//go:embed testdata/seeds/*.txt testdata/articles/*.txt
var testdata embed.FS

// seedText returns the text of seed n (000..004).
func seedText(t testing.TB, n int) string {
	t.Helper()
	files, err := testdata.ReadDir("testdata/seeds")
	if err != nil {
		t.Fatal(err)
	}
	prefix := fmt.Sprintf("%03d_", n)
	for _, f := range files {
		if strings.HasPrefix(f.Name(), prefix) {
			b, err := testdata.ReadFile(path.Join("testdata/seeds", f.Name()))
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatalf("no seed %s", prefix)
	return ""
}

func day(t testing.TB, s string) *domain.Day {
	t.Helper()
	d, err := domain.ParseDay(s)
	if err != nil {
		t.Fatal(err)
	}
	return &d
}

// stampDay reads the publication date from the " date YYYY-MM-DD" first line
// the crawler put on seeds 000-002.
func stampDay(t testing.TB, text string) *domain.Day {
	t.Helper()
	s := strings.TrimLeft(text, " ")
	if !strings.HasPrefix(s, "date ") || len(s) < 15 {
		t.Fatalf("no date stamp in %q", text[:min(40, len(text))])
	}
	return day(t, s[5:15])
}

// A fieldFacts turns one aspect of a meeting into comparable facts.
type fieldFacts struct {
	name  string
	facts func(m domain.Meeting) []string
}

func fold(s *string) string {
	if s == nil {
		return "-"
	}
	return domain.Fold(*s)
}

func role(d domain.Delegation) string { return d.Country + ":" + string(d.Role) }

func headOf(d domain.Delegation) string {
	if d.Head == nil {
		return d.Country + ":-"
	}
	return d.Country + ":" + domain.Fold(d.Head.Name)
}

func officials(m domain.Meeting) []string {
	var out []string
	for _, d := range m.Delegations {
		ps := d.Members
		if d.Head != nil {
			ps = append([]domain.Participant{*d.Head}, ps...)
		}
		for _, p := range ps {
			out = append(out, fmt.Sprintf("%s|%s|%s|%s", d.Country, domain.Fold(p.Name), fold(p.Rank), fold(p.Position)))
		}
	}
	return out
}

// withChildren applies f to the meeting and, prefixed, to its child meetings.
func withChildren(f func(domain.Meeting) []string) func(domain.Meeting) []string {
	return func(m domain.Meeting) []string {
		out := f(m)
		for i, c := range m.ChildMeetings {
			for _, x := range f(c) {
				out = append(out, fmt.Sprintf("child%d/%s", i, x))
			}
		}
		return out
	}
}

var seedFields = []fieldFacts{
	{"countries+roles", withChildren(func(m domain.Meeting) []string {
		var out []string
		for _, d := range m.Delegations {
			out = append(out, role(d))
		}
		return out
	})},
	{"host_country", withChildren(func(m domain.Meeting) []string { return []string{fold(m.HostCountry)} })},
	{"date", withChildren(func(m domain.Meeting) []string {
		return []string{m.Date.String() + "|" + string(m.Date.Precision())}
	})},
	{"kind", withChildren(func(m domain.Meeting) []string { return []string{string(m.Kind)} })},
	{"delegation heads", withChildren(func(m domain.Meeting) []string {
		var out []string
		for _, d := range m.Delegations {
			out = append(out, headOf(d))
		}
		return out
	})},
	{"officials (name|rank|position)", withChildren(officials)},
	{"ceremonies (type|site)", withChildren(func(m domain.Meeting) []string {
		var out []string
		for _, c := range m.Ceremonies {
			out = append(out, string(c.Type)+"|"+fold(c.Site))
		}
		return out
	})},
	{"ceremonies honoured", withChildren(func(m domain.Meeting) []string {
		var out []string
		for _, c := range m.Ceremonies {
			if c.Honoured != nil {
				out = append(out, fold(c.Site)+"|"+fold(c.Honoured))
			}
		}
		return out
	})},
	{"awards (award|recipient)", withChildren(func(m domain.Meeting) []string {
		var out []string
		for _, c := range m.Ceremonies {
			if c.Type != "award" {
				continue
			}
			r := "-"
			if c.Recipient != nil {
				r = fmt.Sprintf("%s|%s|%s|%s", domain.Fold(c.Recipient.Name), c.Recipient.Country, fold(c.Recipient.Rank), fold(c.Recipient.Position))
			}
			out = append(out, fold(c.Award)+"|"+r)
		}
		return out
	})},
	{"agreements (type|period|signed_on|parties)", withChildren(func(m domain.Meeting) []string {
		var out []string
		for _, a := range m.Agreements {
			ps := slices.Sorted(slices.Values(a.Parties))
			on := "-"
			if a.SignedOn != nil {
				on = a.SignedOn.String()
			}
			out = append(out, fmt.Sprintf("%s|%s|%s|%s|signatories=%d", a.Type, fold(a.Period), on, strings.Join(ps, ","), len(a.Signatories)))
		}
		return out
	})},
	{"agreement titles", withChildren(func(m domain.Meeting) []string {
		var out []string
		for _, a := range m.Agreements {
			out = append(out, domain.Fold(a.Title))
		}
		return out
	})},
	{"child meetings", func(m domain.Meeting) []string {
		var out []string
		for _, c := range m.ChildMeetings {
			var ds []string
			for _, d := range c.Delegations {
				ds = append(ds, role(d)+"="+headOf(d))
			}
			out = append(out, fmt.Sprintf("%s|%s|%s", c.Date, c.Kind, strings.Join(ds, ";")))
		}
		return out
	}},
	{"topics", withChildren(func(m domain.Meeting) []string {
		var out []string
		for _, t := range m.Topics {
			out = append(out, string(t))
		}
		return out
	})},
	{"series", func(m domain.Meeting) []string {
		if m.Series == nil {
			return []string{"-"}
		}
		ed := 0
		if m.Series.Edition != nil {
			ed = *m.Series.Edition
		}
		return []string{fmt.Sprintf("%s|%d", m.Series.Name, ed)}
	}},
	{"city", withChildren(func(m domain.Meeting) []string { return []string{fold(m.City)} })},
	{"venue", withChildren(func(m domain.Meeting) []string { return []string{fold(m.Venue)} })},
	{"title", withChildren(func(m domain.Meeting) []string { return []string{m.Title} })},
	{"source (outlet|title|published|language)", func(m domain.Meeting) []string {
		var out []string
		for _, s := range m.Sources {
			pub := "-"
			if s.PublishedAt != nil {
				pub = s.PublishedAt.String()
			}
			out = append(out, fmt.Sprintf("%s|%s|%s|%s|%s", fold(s.URL), fold(s.Outlet), fold(s.Title), pub, fold(s.Language)))
		}
		return out
	}},
	{"alternate titles", func(m domain.Meeting) []string {
		var out []string
		for _, s := range m.Sources {
			for _, a := range s.AlternateTitles {
				out = append(out, a.Language+"|"+a.Title)
			}
		}
		return out
	}},
}

// score counts matches between two multisets of facts.
func score(got, want []string) (tp, fp, fn int, extra, missing []string) {
	left := map[string]int{}
	for _, w := range want {
		left[w]++
	}
	for _, g := range got {
		if left[g] > 0 {
			left[g]--
			tp++
		} else {
			fp++
			extra = append(extra, g)
		}
	}
	for w, n := range left {
		for ; n > 0; n-- {
			fn++
			missing = append(missing, w)
		}
	}
	sort.Strings(missing)
	return
}

type seedRun struct {
	name string
	n    int
	opt  func(t *testing.T, text string) Options
	want func(m domain.Meeting) domain.Meeting
}

func seedRuns() []seedRun {
	stamp := func(t *testing.T, text string) Options { return Options{PublishedAt: stampDay(t, text)} }
	same := func(m domain.Meeting) domain.Meeting { return m }
	return []seedRun{
		{"000 Uzbekistan", 0, stamp, same},
		{"001 Türkiye", 1, stamp, same},
		{"002 Kazakhstan", 2, stamp, same},
		{"003 Georgia", 3, func(t *testing.T, _ string) Options { return Options{PublishedAt: day(t, "2023-11-27")} }, same},
		{"004 Pakistan, year unknown", 4, func(*testing.T, string) Options { return Options{} }, same},
		{"004 Pakistan, published 2023-10-28", 4, func(t *testing.T, _ string) Options {
			return Options{PublishedAt: day(t, "2023-10-28")}
		}, func(m domain.Meeting) domain.Meeting {
			m.Date = domain.PartialDate{Year: 2023, Month: 10, Day: 28}
			for i := range m.ChildMeetings {
				m.ChildMeetings[i].Date = m.Date
			}
			d, _ := domain.ParseDay("2023-10-28")
			m.Sources[0].PublishedAt = &d
			return m
		}},
	}
}

// TestSeedsGolden extracts the five seed reports and compares the drafts
// field by field with the hand-made seed records, printing precision and
// recall per field.
func TestSeedsGolden(t *testing.T) {
	want, err := seed.Meetings()
	if err != nil {
		t.Fatal(err)
	}
	if len(want) != 5 {
		t.Fatalf("seed.Meetings() returned %d meetings, want 5", len(want))
	}
	type tally struct{ tp, fp, fn int }
	totals := map[string]*tally{}
	for _, f := range seedFields {
		totals[f.name] = &tally{}
	}
	for _, run := range seedRuns() {
		t.Run(run.name, func(t *testing.T) {
			text := seedText(t, run.n)
			opt := run.opt(t, text)
			res := Extract(text, opt)
			exp := run.want(want[run.n])
			checkResult(t, text, res)
			if err := res.Meeting.Validate(); err != nil {
				t.Errorf("draft does not validate: %v", err)
			}
			for _, f := range seedFields {
				tp, fp, fn, extra, missing := score(f.facts(res.Meeting), f.facts(exp))
				tl := totals[f.name]
				tl.tp, tl.fp, tl.fn = tl.tp+tp, tl.fp+fp, tl.fn+fn
				if fp+fn > 0 {
					t.Errorf("%s: extra %q, missing %q", f.name, extra, missing)
				}
			}
			if run.n == 4 && opt.PublishedAt == nil {
				if res.Meeting.Date.Year != 0 {
					t.Errorf("seed 004 without a publication date: year %d, want unknown", res.Meeting.Date.Year)
				}
				if !hasWarning(res, "year") {
					t.Errorf("seed 004 without a publication date: no warning about the unknown year in %q", res.Warnings)
				}
			}
			if run.n == 1 && !hasWarning(res, "no date") {
				t.Errorf("seed 001: no warning that the month of publication stands in for the date: %q", res.Warnings)
			}
		})
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-44s %5s %5s %5s %9s %7s\n", "field", "tp", "fp", "fn", "precision", "recall")
	for _, f := range seedFields {
		tl := totals[f.name]
		p, r := ratio(tl.tp, tl.tp+tl.fp), ratio(tl.tp, tl.tp+tl.fn)
		fmt.Fprintf(&b, "%-44s %5d %5d %5d %9.3f %7.3f\n", f.name, tl.tp, tl.fp, tl.fn, p, r)
		if p != 1 || r != 1 {
			t.Errorf("%s: precision %.3f recall %.3f, want 1.0", f.name, p, r)
		}
	}
	t.Log(b.String())
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func hasWarning(res Result, sub string) bool {
	for _, w := range res.Warnings {
		if strings.Contains(strings.ToLower(w), strings.ToLower(sub)) {
			return true
		}
	}
	return false
}
