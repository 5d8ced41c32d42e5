package extract

import (
	"slices"
	"time"
)

// otherTimeWords in a sentence that is not the meeting's put its dates on
// another occasion: one recalled ("recalled the visit of ... on 5 May",
// "Earlier, on 5 May, ...", "its last session on 2 March") or one to come
// ("the next meeting will be held on 5 September").
var otherTimeWords = setOf("recalled", "recalling", "recall", "recalls", "earlier", "previously", "previous", "last",
	"former", "formerly", "ago", "past", "prior", "will", "shall", "next", "planned", "scheduled", "forthcoming",
	"upcoming", "would", "anniversary", "recent", "expected")

// meetingNouns name a meeting: a sentence that names one, or a person of the
// meeting, may date it; "the exercise was held on 2 June" does not.
var meetingNouns = setOf("talks", "meeting", "meetings", "visit", "negotiations", "discussions", "conversation",
	"call", "consultations", "session", "signing", "ceremony", "sides", "ministers", "delegations", "delegation",
	"counterpart", "counterparts", "guest", "guests", "he", "she", "they", "both")

// aboutOther reports whether sentence s, which is not the meeting's, dates
// another occasion: its place is a city of a country that takes no part in
// the meeting, or it tells of a legislature and names none of the
// meeting's people. (A sentence that recalls an earlier occasion or tells of one
// to come before its date is told apart at the date.)
func (b *builder) aboutOther(m *meetingDraft, s int) bool {
	cs := m.countries()
	if len(cs) == 0 {
		return false
	}
	for _, c := range b.d.cityM[s] {
		if c.code != "" && !slices.Contains(cs, c.code) {
			return true
		}
	}
	// "the parliament approved the budget at its session on 12 September":
	// a legislature's sitting, unless one of the meeting's people is named
	if hasWordSet(b.d.st(s), legislatureWords) {
		for _, idx := range b.d.bySent[s] {
			if c, _ := b.d.countryOf(idx); c != "" && slices.Contains(cs, c) {
				return false
			}
		}
		return true
	}
	return false
}

// legislatureWords name a legislature, whose sittings are not the meeting.
var legislatureWords = setOf("parliament", "parliamentary", "senate", "congress", "legislature", "lawmakers",
	"legislators", "plenary", "duma", "majlis", "mejlis", "cabinet")

// aboutMeeting reports whether sentence s, which is not the meeting's,
// speaks of the meeting: it names a meeting, one of its people, or two of
// its countries. (One country of the meeting named alone does not: "the
// fleet review was held on 30 November" in one of them is another
// occasion.)
func (b *builder) aboutMeeting(m *meetingDraft, s int) bool {
	d := b.d
	if hasWordSet(d.st(s), meetingNouns) {
		return true
	}
	cs := m.countries()
	for _, idx := range d.bySent[s] {
		if c, _ := d.countryOf(idx); c != "" && slices.Contains(cs, c) {
			return true
		}
	}
	// both sides named: "Guyana and Brazil yesterday signed ..."
	named := map[string]bool{}
	for _, c := range d.ctry[s] {
		if slices.Contains(cs, c.code) {
			named[c.code] = true
		}
	}
	return len(named) >= 2
}

// countries returns the countries of the meeting's delegations.
func (m *meetingDraft) countries() []string {
	var cs []string
	for _, x := range m.dlgs {
		cs = append(cs, x.code)
	}
	return cs
}

// signedBefore reports whether the date at token i tells when a document
// was signed, as a participle after its noun: "the agreement signed on 5
// May 2015", "the memorandum concluded in 2019". Such a document is an old
// one the report recalls.
func signedBefore(T []tok, i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if T[k].kind != 'w' {
			continue
		}
		if T[k].low == "signed" || T[k].low == "concluded" {
			return docNouns[prevWord(T, k)] != "" || prevWord(T, k) == ")"
		}
	}
	return false
}

// republishedDate reports whether a full date years before the stamp,
// written early in the report, shows the stamp to be a re-publication. A
// date that belongs to another occasion ("founded on", "since", "the
// anniversary of the treaty of") does not.
func republishedDate(T []tok, e dateExpr) bool {
	if e.d == 0 || wordIn(T, e.i-4, e.i, notEventWords) || wordIn(T, e.i-4, e.i, blockWords) || signedBefore(T, e.i) {
		return false
	}
	if p := prevWord(T, e.i); p == "of" {
		return false // "the treaty of 12 June 1992"
	}
	return !hasWordSet(T, otherTimeWords)
}

// slashReading settles a date written with numbers only whose day and month
// could be swapped ("05/06/2021"): the reading the written weekday fits, or
// the one the publication date allows (on or before it, and the nearer);
// ok is false when nothing tells them apart.
func (b *builder) slashReading(e dateExpr) (dateExpr, bool) {
	if !e.amb || e.y == 0 {
		return e, true
	}
	sw := e
	sw.m, sw.d = e.d, e.m
	fits := func(x dateExpr) bool {
		if !validDay(x.y, x.m, x.d) {
			return false
		}
		t := time.Date(x.y, time.Month(x.m), x.d, 0, 0, 0, 0, time.UTC)
		if x.wday != 0 && int(t.Weekday())+1 != x.wday {
			return false
		}
		return b.pub == nil || b.pubMonth || !t.After(b.pub.AddDate(0, 0, 1))
	}
	a, c := fits(e), fits(sw)
	switch {
	case a && !c:
		return e, true
	case c && !a:
		return sw, true
	case a && c && b.pub != nil && !b.pubMonth && e.wday == 0:
		ta := time.Date(e.y, time.Month(e.m), e.d, 0, 0, 0, 0, time.UTC)
		tc := time.Date(sw.y, time.Month(sw.m), sw.d, 0, 0, 0, 0, time.UTC)
		// the nearer reading when the other is weeks further back
		if da, dc := b.pub.Sub(ta), b.pub.Sub(tc); da*4 < dc {
			return e, true
		} else if dc*4 < da {
			return sw, true
		}
	}
	return e, false
}

// afterPub reports whether a date written with its year comes after the
// page's date: a meeting reported as held cannot be later than its report,
// so the date is of something to come.
func (b *builder) afterPub(e dateExpr) bool {
	if e.y == 0 || e.d == 0 || b.pub == nil || b.pubMonth || b.republished || !validDay(e.y, e.m, e.d) {
		return false
	}
	t := time.Date(e.y, time.Month(e.m), e.d, 0, 0, 0, 0, time.UTC)
	return t.After(b.pub.AddDate(0, 0, 2))
}

// farFromPage reports whether a day and month completed with year y lie
// more than half a year from the page's date (its dateline, the day its
// news was released, or its stamp): the year is then a guess.
func (b *builder) farFromPage(y, mo, day int, ref time.Time, refOK bool) bool {
	var at time.Time
	switch {
	case b.lineDate() != nil && b.lineDate().date.y != 0 && validDay(b.lineDate().date.y, b.lineDate().date.m, max(b.lineDate().date.d, 1)):
		dl := b.lineDate().date
		at = time.Date(dl.y, time.Month(dl.m), max(dl.d, 1), 0, 0, 0, 0, time.UTC)
	case refOK && ref.Year() != 0:
		at = ref
	case b.pub != nil:
		at = *b.pub
	default:
		return false
	}
	if !validDay(y, mo, day) {
		return false
	}
	diff := at.Sub(time.Date(y, time.Month(mo), day, 0, 0, 0, 0, time.UTC))
	return diff > 200*24*time.Hour || diff < -200*24*time.Hour
}

// lineDate returns the dateline with its date, read as one or found at the
// opening of the body; nil when none.
func (b *builder) lineDate() *dline {
	if dl := b.d.dl; dl != nil && dl.hasDate {
		return dl
	}
	return b.lead
}

// leadDate reads a date that opens the body as a dateline does, when no
// dateline was read: "Baku, June 12, 2021 | Defence Minister ...", "[Baku,
// 12 June 2021] ...", "12.06.2021, 15:40 On 10 June, ...". The date has
// its day and month, only names, numbers and marks come before it, it is
// not "On <date>" nor a date set off by a comma that opens the sentence
// ("12 June, the minister ..."), and a capitalised word follows.
func (b *builder) leadDate() *dline {
	d := b.d
	if d.dl != nil && d.dl.hasDate {
		return nil
	}
	for s := 0; s < len(d.sents) && s < 2; s++ {
		T := d.st(s)
		es := findDates(T)
		if len(es) == 0 {
			continue
		}
		e := es[0]
		if e.rel != 0 || e.m == 0 || e.d == 0 || e.i > 10 || prevWord(T, e.i) == "on" || e.j >= len(T) {
			continue
		}
		if e.i == 0 && T[e.j].is(",") && !hasTime(d.text[T[e.j].start:T[min(e.j+3, len(T)-1)].end]) {
			continue
		}
		lead := true
		for k := 0; k < e.i; k++ {
			if markupWord(T, k) {
				continue // "first_img": a page's markup, not its words
			}
			if T[k].kind == 'w' && (!T[k].cap || T[k].low == "on") {
				lead = false
				break
			}
		}
		if !lead || !capAfter(T, e.j) {
			continue
		}
		w := wspan{T[e.i].start, T[e.j-1].end}
		return &dline{s: s, start: w.off, end: w.end, date: e, hasDate: true, dateW: w}
	}
	return nil
}

// capAfter reports whether a capitalised word follows token k past marks,
// numbers and a clock time: "| Defence Minister", ", 15:40 On".
func capAfter(T []tok, k int) bool {
	for ; k < len(T) && k < 12; k++ {
		switch t := T[k]; {
		case t.kind == 'w':
			return t.cap
		case t.kind == 'p' && t.isTerminal() && t.s != ".":
			return false
		}
	}
	return false
}

// pastSpan reports whether a sentence sets its events over days before the
// report rather than on one: "for the past two days", "over the last three
// days", "over the weekend", "earlier this week", "earlier this month", "a
// few days ago".
func pastSpan(T []tok) bool {
	for i, t := range T {
		if t.kind != 'w' {
			continue
		}
		switch t.low {
		case "past", "last", "previous":
			n, k := nextWord(T, i)
			if numberWords[n] > 0 || n == "few" || n == "several" {
				n, _ = nextWord(T, k)
			}
			if n == "days" || n == "week" {
				return true
			}
		case "weekend":
			if p := prevWord(T, i); p == "the" && i >= 2 && (T[i-2].low == "over" || T[i-2].low == "during" || T[i-2].low == "at") || p == "this" || p == "last" {
				return true
			}
		case "week", "month":
			if prevWord(T, i) == "this" {
				return true // "earlier this week", "earlier this month"
			}
		case "ago":
			// "a few days ago", "weeks ago"
			if p := prevWord(T, i); p == "days" || p == "weeks" {
				return true
			}
		}
	}
	return false
}

// saidDuring reports whether the news dated at e was given at the meeting
// itself: "said on Friday during his official visit to Athens", not "said
// on Wednesday that during his visit ...".
func saidDuring(T []tok, e dateExpr) bool {
	for k := e.j; k < len(T) && k < e.j+4; k++ {
		switch T[k].low {
		case "that", ",":
			return false
		case "during", "at", "while", "after":
			for j := k + 1; j < len(T) && j < k+7; j++ {
				if T[j].low == "visit" || T[j].low == "talks" || T[j].low == "meeting" || T[j].low == "meetings" {
					return true
				}
			}
			return false
		}
	}
	return false
}

// saidAfter reports whether a verb of saying follows the date at e: "on
// Wednesday night said that ...", "on Monday told reporters".
func saidAfter(T []tok, e dateExpr) bool {
	n, k := nextWord(T, e.j-1)
	switch n {
	case "night", "morning", "evening", "afternoon":
		n, _ = nextWord(T, k)
	}
	return reportVerbs[n]
}

// archiveCaption reports whether a sentence is the caption of an archive
// photo ("FILE PHOTO: ...", "File photo of ..."): another occasion.
func archiveCaption(T []tok) bool {
	k := 0
	for k < len(T) && T[k].kind == 'p' {
		k++
	}
	return k+1 < len(T) && (T[k].low == "file" || T[k].low == "archive" || T[k].low == "archival") &&
		(T[k+1].low == "photo" || T[k+1].low == "picture" || T[k+1].low == "image")
}

// partOfDay reports whether "on the morning of" (afternoon, evening, night)
// comes before the date at token i: as good as "on".
func partOfDay(T []tok, i int) bool {
	return i >= 4 && T[i-1].low == "of" && T[i-3].low == "the" && T[i-4].low == "on" &&
		(T[i-2].low == "morning" || T[i-2].low == "afternoon" || T[i-2].low == "evening" || T[i-2].low == "night")
}

// textYear returns the year the report's own dates give a day and month
// written without one: the year of its dates in that month when they all
// agree, else the year that puts the day nearest the report's first full
// date, when that is less than half a year away; 0 otherwise.
func (b *builder) textYear(mo, day int) int {
	y, first := 0, time.Time{}
	for s := range b.d.sents {
		for _, e := range findDates(b.d.st(s)) {
			if e.y == 0 {
				continue
			}
			if e.d != 0 && first.IsZero() && validDay(e.y, e.m, e.d) {
				first = time.Date(e.y, time.Month(e.m), e.d, 0, 0, 0, 0, time.UTC)
			}
			if e.m != mo {
				continue
			}
			if y != 0 && e.y != y {
				return 0
			}
			y = e.y
		}
	}
	if y != 0 || first.IsZero() {
		return y
	}
	y = nearestYear(mo, day, first)
	if y == 0 || !validDay(y, mo, day) {
		return 0
	}
	if diff := first.Sub(time.Date(y, time.Month(mo), day, 0, 0, 0, 0, time.UTC)); diff > 200*24*time.Hour || diff < -200*24*time.Hour {
		return 0
	}
	return y
}

// talkNouns name talks whose span is their own: "the meeting held from 12
// to 13 January".
var talkNouns = setOf("meeting", "meetings", "talks", "consultations", "negotiations", "session", "conference")

// visitNouns name a visit, whose span is not the day of its talks.
var visitNouns = setOf("visit", "visits", "trip", "tour", "stay")

// multiDay reports whether the date at e opens a visit of several days
// rather than dating one day of it: "a three-day visit to Jordan on 13
// September", "on a visit from 13 September", "on 13 September for a
// two-day visit".
func multiDay(T []tok, e dateExpr) bool {
	if e.i > 0 && T[e.i-1].low == "from" && wordIn(T, e.i-10, e.i, visitNouns) {
		return true
	}
	return visitDays(T, e) > 0
}

// visitDays returns the length in days of a visit the date at e opens, as
// written beside it ("a three-day visit ... on 13 September", "on 13
// September for a two-day official visit"); 0 when none is written.
func visitDays(T []tok, e dateExpr) int {
	days := func(from, to int) int {
		for k := max(from, 2); k < to && k < len(T); k++ {
			if (T[k].low == "day" || T[k].low == "days") && T[k-1].isDash() && !T[k].sp && numberWords[T[k-2].low] > 0 {
				n, _ := nextWord(T, k)
				if visitNouns[n] || n == "official" || n == "working" || n == "state" {
					return numberWords[T[k-2].low]
				}
			}
		}
		return 0
	}
	if n := days(e.i-10, e.i); n > 0 {
		return n
	}
	return days(e.j, e.j+8)
}

// spanWeekday returns the one day of a visit's span the report gives
// ("from 12 to 14 November 2018", "a 3-day visit ... on November 12,
// 2018") that falls on weekday wd: "met on Tuesday" during that visit.
func (b *builder) spanWeekday(m *meetingDraft, wd int) (dateExpr, bool) {
	var found []time.Time
	for _, s := range m.sents {
		T := b.d.st(s)
		for _, e := range findDates(T) {
			if e.rel != 0 || e.y == 0 || e.m == 0 || e.d == 0 || !validDay(e.y, e.m, e.d) {
				continue
			}
			n := 0
			switch {
			case e.d2 > e.d:
				n = e.d2 - e.d + 1
			default:
				n = visitDays(T, e)
			}
			if n < 2 || n > 7 {
				continue
			}
			first := time.Date(e.y, time.Month(e.m), e.d, 0, 0, 0, 0, time.UTC)
			for k := 0; k < n; k++ {
				if t := first.AddDate(0, 0, k); int(t.Weekday()) == wd && !slices.ContainsFunc(found, func(x time.Time) bool { return x.Equal(t) }) {
					found = append(found, t)
				}
			}
		}
	}
	if len(found) != 1 {
		return dateExpr{}, false
	}
	t := found[0]
	return dateExpr{y: t.Year(), m: int(t.Month()), d: t.Day()}, true
}

// markupWord reports whether token k is joined by an underscore to another
// word: a name from a page's markup ("first_img"), which prose never uses.
func markupWord(T []tok, k int) bool {
	return k+1 < len(T) && T[k+1].is("_") && !T[k+1].sp || k > 0 && T[k-1].is("_") && !T[k].sp
}

// saidInClause reports whether a date that opens a clause dates a verb of
// saying: "On 16 September, the ministry reported that ...", "Yesterday
// the press service said: ...".
func saidInClause(T []tok, e dateExpr) bool {
	k := e.j
	if k < len(T) && T[k].is(",") {
		k++
	}
	for n := 0; k < len(T) && n < 8; k, n = k+1, n+1 {
		t := T[k]
		if t.kind == 'p' && !t.isQuote() && !t.is("'s") {
			return false
		}
		if t.kind != 'w' {
			continue
		}
		if meetingWords[t.low] || talkWords[t.low] {
			return false
		}
		if reportVerbs[t.low] {
			nx, _ := nextWord(T, k)
			return nx == "that" || k+1 < len(T) && (T[k+1].is(":") || T[k+1].is(","))
		}
	}
	return false
}

// lastMonth reports whether a sentence sets its events in the month before
// the report's: "last month", "the previous month".
func lastMonth(T []tok) bool {
	for i, t := range T {
		if t.kind == 'w' && t.low == "month" {
			if p := prevWord(T, i); p == "last" || p == "previous" {
				return true
			}
		}
	}
	return false
}

// daysAgo reads "two days ago", "3 days ago": a day counted back from the
// report's.
func daysAgo(T []tok, i int) (dateExpr, bool) {
	n := numberWords[T[i].low]
	if n == 0 || i+2 >= len(T) || T[i+1].low != "days" || T[i+2].low != "ago" {
		return dateExpr{}, false
	}
	return dateExpr{i: i, j: i + 3, rel: 1, back: n}, true
}

// partsOfToday returns the "this morning", "this afternoon" and "this
// evening" of a sentence as dates of the report's day. They date the
// meeting only, under a dateline whose day they are (findDates leaves them
// out: elsewhere they tell of the hour of a day some other date gives).
func partsOfToday(T []tok) []dateExpr {
	var out []dateExpr
	for i := 0; i+1 < len(T); i++ {
		if T[i].low == "this" && (T[i+1].low == "morning" || T[i+1].low == "afternoon" || T[i+1].low == "evening") {
			out = append(out, dateExpr{i: i, j: i + 2, rel: 1})
		}
	}
	return out
}
