package eval

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/extract"
)

// Count is one figure of a split: of how many reports how many were right,
// and what the extractor gave, what the annotation holds and how many of the
// given values (or items, for fields scored as sets) are right.
type Count struct {
	Right    int `json:"right"`    // reports right, or items matched (share = Right/Of)
	Of       int `json:"of"`       // reports counted
	Got      int `json:"got"`      // values or items the extractor gave
	Expected int `json:"expected"` // values or items the annotation holds
	Found    int `json:"found"`    // given and right (precision = Found/Got, recall = Found/Expected)
}

// Share returns Right/Of, or 0 when Of is 0.
func (c Count) Share() float64 { return ratio(c.Right, c.Of) }

// Precision returns Found/Got, or 0 when nothing was given.
func (c Count) Precision() float64 { return ratio(c.Found, c.Got) }

// Recall returns Found/Expected, or 0 when nothing was expected.
func (c Count) Recall() float64 { return ratio(c.Found, c.Expected) }

// F1 returns the harmonic mean of precision and recall.
func (c Count) F1() float64 { return ratio(2*c.Found, c.Got+c.Expected) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Outcome is how the extractor did on one report.
type Outcome struct {
	ID         string   `json:"id"`
	Confidence float64  `json:"confidence"`
	Countries  bool     `json:"countries"`
	Host       bool     `json:"host"`
	Date       bool     `json:"date"`
	Invented   bool     `json:"invented_date"` // a day given that the text does not support
	Heads      bool     `json:"heads"`
	Kind       bool     `json:"kind"`
	FullyRight bool     `json:"fully_right"` // countries, host, date and heads all right
	Problems   []string `json:"problems"`    // what was wrong, one line each

	counts map[string]Count
}

// The fields a split's figures are given for, in the order they are printed.
const (
	FCountries    = "countries (exact set)"
	FCountryItems = "countries (each)"
	FHost         = "host (when there is one)"
	FHostNull     = "host (none when none)"
	FHostAll      = "host (every report)"
	FDate         = "date"
	FKind         = "kind"
	FHeads        = "heads"
	FOfficials    = "officials"
	FRank         = "official rank (matched)"
	FPosition     = "official position (matched)"
	FPositionIn   = "  or one within the other"
	FAgreements   = "agreements (type)"
	FPeriod       = "agreement period (matched)"
	FCeremonies   = "ceremony types"
)

// Fields lists the figures in print order.
var Fields = []string{FCountries, FCountryItems, FHost, FHostNull, FHostAll, FDate, FKind,
	FHeads, FOfficials, FRank, FPosition, FPositionIn, FAgreements, FPeriod, FCeremonies}

// Options are how the evaluation calls the extractor: with the report's URL
// and its language only, never the outlet or the publication date, as on a
// report it has never seen.
func Options(r Report) extract.Options {
	u := r.Ann.URL
	return extract.Options{URL: &u, Language: "en"}
}

// Score compares the extractor's result on a report with its annotation.
func Score(r Report, res extract.Result) Outcome {
	w := r.Ann.Want
	m := res.Meeting
	o := Outcome{ID: r.ID, Confidence: Confidence(res), counts: map[string]Count{}}
	wrong := func(format string, args ...any) { o.Problems = append(o.Problems, fmt.Sprintf(format, args...)) }
	add := func(f string, c Count) { o.counts[f] = c }
	// items matched are the found ones
	set := func(f string, c Count) { c.Found = c.Right; add(f, c) }
	yes := func(b bool) int {
		if b {
			return 1
		}
		return 0
	}

	got := m.Countries()
	o.Countries = slices.Equal(got, w.Countries)
	add(FCountries, Count{Right: yes(o.Countries), Of: 1})
	ci := Count{Got: len(got), Expected: len(w.Countries)}
	for _, c := range got {
		ci.Right += yes(slices.Contains(w.Countries, c))
	}
	set(FCountryItems, ci)
	if !o.Countries {
		wrong("countries: got %v, want %v", got, w.Countries)
	}

	gh, wh := deref(m.HostCountry), deref(w.Host)
	o.Host = gh == wh
	if wh != "" {
		add(FHost, Count{Right: yes(o.Host), Of: 1, Got: yes(gh != ""), Expected: 1, Found: yes(o.Host)})
	} else {
		add(FHostNull, Count{Right: yes(o.Host), Of: 1})
	}
	add(FHostAll, Count{Right: yes(o.Host), Of: 1})
	if !o.Host {
		wrong("host: got %s, want %s", orNull(gh), orNull(wh))
	}

	gd := m.Date.String()
	o.Date = dateRight(gd, w)
	o.Invented = !o.Date && invented(m.Date, w)
	add(FDate, Count{Right: yes(o.Date), Of: 1, Got: yes(gd != ""), Expected: yes(w.Date != nil), Found: yes(o.Date && gd != "")})
	if !o.Date {
		want := orNull(deref(w.Date))
		if w.DateFromStamp {
			want += " (from the stamp: the day or its month)"
		}
		inv := ""
		if o.Invented {
			inv = " [invented day]"
		}
		wrong("date: got %s, want %s%s", orNull(gd), want, inv)
	}

	o.Kind = string(m.Kind) == w.Kind
	add(FKind, Count{Right: yes(o.Kind), Of: 1})
	if !o.Kind {
		wrong("kind: got %s, want %s", m.Kind, w.Kind)
	}

	// heads of the main meeting's delegations
	var gotHeads, wantHeads []person
	for _, d := range m.Delegations {
		if d.Head != nil {
			gotHeads = append(gotHeads, person{country: d.Country, name: d.Head.Name})
		}
	}
	for _, c := range w.Countries {
		if h := w.Heads[c]; h != nil {
			wantHeads = append(wantHeads, person{country: c, name: *h})
		}
	}
	hm := matchPeople(gotHeads, wantHeads)
	set(FHeads, Count{Right: len(hm.pairs), Got: len(gotHeads), Expected: len(wantHeads), Of: 1})
	o.Heads = len(hm.pairs) == len(gotHeads) && len(hm.pairs) == len(wantHeads)
	for _, p := range hm.extra {
		wrong("head: extra %s %q", p.country, p.name)
	}
	for _, p := range hm.missing {
		wrong("head: missing %s %q", p.country, p.name)
	}

	// officials of the whole visit, by country and name
	var gotOff, wantOff []person
	seen := map[string]bool{}
	for _, mm := range append([]domain.Meeting{m}, m.ChildMeetings...) {
		for _, d := range mm.Delegations {
			ps := d.Members
			if d.Head != nil {
				ps = append([]domain.Participant{*d.Head}, ps...)
			}
			for _, p := range ps {
				k := d.Country + "|" + domain.Fold(p.Name)
				if !seen[k] {
					seen[k] = true
					gotOff = append(gotOff, person{country: d.Country, name: p.Name, rank: deref(p.Rank), position: deref(p.Position)})
				}
			}
		}
	}
	for _, x := range w.Officials {
		wantOff = append(wantOff, person{country: x.Country, name: x.Name, rank: deref(x.Rank), position: deref(x.Position)})
	}
	om := matchPeople(gotOff, wantOff)
	set(FOfficials, Count{Right: len(om.pairs), Got: len(gotOff), Expected: len(wantOff), Of: 1})
	var rank, pos, posIn Count
	for _, p := range om.pairs {
		g, x := gotOff[p[0]], wantOff[p[1]]
		rank.Of++
		pos.Of++
		posIn.Of++
		if within(g.position, x.position) {
			posIn.Right++
		}
		if domain.Fold(g.rank) == domain.Fold(x.rank) {
			rank.Right++
		} else {
			wrong("rank of %s %q: got %s, want %s", x.country, x.name, orNull(g.rank), orNull(x.rank))
		}
		if domain.Fold(g.position) == domain.Fold(x.position) {
			pos.Right++
		} else {
			wrong("position of %s %q: got %s, want %s", x.country, x.name, orNull(g.position), orNull(x.position))
		}
	}
	add(FRank, rank)
	add(FPosition, pos)
	add(FPositionIn, posIn)
	for _, p := range om.extra {
		wrong("official: extra %s %q", p.country, p.name)
	}
	for _, p := range om.missing {
		wrong("official: missing %s %q", p.country, p.name)
	}

	// agreements: by type, one to one, periods compared among the matched
	var ga []Agreement
	for _, mm := range append([]domain.Meeting{m}, m.ChildMeetings...) {
		for _, a := range mm.Agreements {
			ga = append(ga, Agreement{Type: string(a.Type), Period: a.Period})
		}
	}
	ac, period := scoreAgreements(ga, w.Agreements, wrong)
	set(FAgreements, ac)
	add(FPeriod, period)

	// ceremony types over the visit, as sets
	gc := map[string]bool{}
	for _, mm := range append([]domain.Meeting{m}, m.ChildMeetings...) {
		for _, c := range mm.Ceremonies {
			gc[string(c.Type)] = true
		}
	}
	cc := Count{Got: len(gc), Expected: len(w.Ceremonies), Of: 1}
	for _, c := range w.Ceremonies {
		if gc[c] {
			cc.Right++
		} else {
			wrong("ceremony: missing %s", c)
		}
	}
	for _, c := range slices.Sorted(maps.Keys(gc)) {
		if !slices.Contains(w.Ceremonies, c) {
			wrong("ceremony: extra %s", c)
		}
	}
	set(FCeremonies, cc)

	o.FullyRight = o.Countries && o.Host && o.Date && o.Heads
	return o
}

// within reports whether one position, folded, is the other or holds it
// whole ("Defense Minister" within "Chinese Defense Minister"): a position
// given shorter or longer than written, rather than another one.
func within(a, b string) bool {
	x, y := " "+domain.Fold(a)+" ", " "+domain.Fold(b)+" "
	return strings.Contains(x, y) || strings.Contains(y, x)
}

// dateRight reports whether the extractor's date (ISO text, "" for none) is
// the annotated one; a day known only from the publication stamp may be
// given as that day or its month.
func dateRight(got string, w Want) bool {
	if w.Date == nil {
		return got == ""
	}
	if got == *w.Date {
		return true
	}
	return w.DateFromStamp && len(*w.Date) == len("2006-01-02") && got == (*w.Date)[:len("2006-01")]
}

// invented reports whether a wrong date names a day the text does not
// support: a day where the annotation has none, another day, or the right day
// and month in another (or an unsupported) year. The right day without its
// year is incomplete, not invented.
func invented(got domain.PartialDate, w Want) bool {
	p := got.Precision()
	if p != domain.PrecisionDay && p != domain.PrecisionMonthDay {
		return false
	}
	if w.Date == nil {
		return true
	}
	want, err := domain.ParsePartialDate(*w.Date)
	if err != nil || want.Day == 0 {
		return true
	}
	if got.Month != want.Month || got.Day != want.Day {
		return true
	}
	return p == domain.PrecisionDay && got.Year != want.Year
}

func scoreAgreements(got, want []Agreement, wrong func(string, ...any)) (Count, Count) {
	c := Count{Got: len(got), Expected: len(want), Of: 1}
	var period Count
	usedG := make([]bool, len(got))
	usedW := make([]bool, len(want))
	// first pairs that agree on type and period, then on type alone
	for _, samePeriod := range []bool{true, false} {
		for j, x := range want {
			if usedW[j] {
				continue
			}
			for i, g := range got {
				if usedG[i] || g.Type != x.Type || (samePeriod && deref(g.Period) != deref(x.Period)) {
					continue
				}
				usedG[i], usedW[j] = true, true
				c.Right++
				period.Of++
				if samePeriod {
					period.Right++
				} else {
					wrong("agreement %s: period got %s, want %s", x.Type, orNull(deref(g.Period)), orNull(deref(x.Period)))
				}
				break
			}
		}
	}
	for i, g := range got {
		if !usedG[i] {
			wrong("agreement: extra %s (period %s)", g.Type, orNull(deref(g.Period)))
		}
	}
	for j, x := range want {
		if !usedW[j] {
			wrong("agreement: missing %s (period %s)", x.Type, orNull(deref(x.Period)))
		}
	}
	return c, period
}

type person struct {
	country, name, rank, position string
}

type match struct {
	pairs          [][2]int // indexes into got and want
	extra, missing []person
}

// matchPeople pairs people of the same country and name, one to one, exact
// folded names first.
func matchPeople(got, want []person) match {
	var mt match
	usedG := make([]bool, len(got))
	usedW := make([]bool, len(want))
	for _, exact := range []bool{true, false} {
		for j, w := range want {
			if usedW[j] {
				continue
			}
			for i, g := range got {
				if usedG[i] || g.country != w.country {
					continue
				}
				if exact && domain.Fold(g.name) != domain.Fold(w.name) || !exact && !SameName(g.name, w.name) {
					continue
				}
				usedG[i], usedW[j] = true, true
				mt.pairs = append(mt.pairs, [2]int{i, j})
				break
			}
		}
	}
	for i, g := range got {
		if !usedG[i] {
			mt.extra = append(mt.extra, g)
		}
	}
	for j, w := range want {
		if !usedW[j] {
			mt.missing = append(mt.missing, w)
		}
	}
	return mt
}

// Confidence returns how sure the extractor is of a draft as a whole: the
// Result's own overall confidence.
func Confidence(res extract.Result) float64 { return res.Confidence }

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func orNull(s string) string {
	if s == "" {
		return "null"
	}
	return fmt.Sprintf("%q", strings.TrimSpace(s))
}
