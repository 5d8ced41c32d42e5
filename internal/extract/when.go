package extract

import (
	"time"

	"github.com/milmeet/milmeet/internal/domain"
)

// dateCand is a date the text gives for the meeting.
type dateCand struct {
	s          int // sentence; -1 for a line (the dateline, a stamp)
	start, end int // the line, when s is -1
	e          dateExpr
	w          wspan
	score      float64
}

// notEventWords before a date say it is not the meeting's.
var notEventWords = setOf("forthcoming", "upcoming", "next", "until", "till", "since", "scheduled", "planned",
	"ahead", "anniversary", "birthday", "jubilee", "born", "founded", "established", "celebrated", "celebrate", "observed", "marks",
	"marked", "expires", "valid", "deadline", "before", "through", "throughout")

var meetingWords = setOf("met", "meeting", "received", "hosted", "visit", "talks", "held", "welcomed", "called",
	"spoke", "convened", "discussed", "arrived", "meets", "receives", "hosts", "signed", "visited", "began",
	"paid", "talked", "conversation", "call", "signing", "talk", "discussions", "negotiations", "session", "sitting",
	"welcoming", "ceremony")

// findDate settles the meeting's date. A date of the sentence that reports
// the meeting wins ("On <date>" most); then a sentence that opens with a
// date and speaks of the meeting; then the dateline; then another sentence
// about the meeting. "Today", "yesterday" and weekdays count from the
// dateline's date, else the publication date ("met on Thursday" is the last
// Thursday on or before it). A missing year comes from the dateline or the
// publication date, never from a stamp taken for a re-publication. With no
// date in the text, the month of publication stands in, with a warning.
func (b *builder) findDate(m *meetingDraft) {
	d := b.d
	b.lead = b.leadDate()
	ref, refOK := b.dateRef()
	unresolved, pair, pairMain, spanMain := false, false, false, false
	var best, span *dateCand // span: the month of the visit's span, told beside the meeting
	var news []dateExpr      // days the news was given on, told outside the meeting's sentence
	var mainDays []time.Time // the days the meeting's sentence gives it
	consider := func(c dateCand) {
		if best == nil || c.score > best.score {
			best = &c
		}
	}
	// the sentence before the meeting's, when the meeting's gives no date:
	// "On 4 May, ... . Later, he called on ..." happened that day
	carryS, seq := -1, false
	if b.hasMain && b.mainS > 0 && !datedSentence(d.st(b.mainS)) {
		carryS = b.mainS - 1
		T := d.st(b.mainS)
		seq = len(T) > 0 && sequenceWords[T[0].low]
	}
	for _, s := range m.sents {
		T := d.st(s)
		inMain := b.hasMain && s == b.mainS
		carry := s == carryS
		meetingy := hasWordSet(T, meetingWords) && (inMain || carry || b.aboutMeeting(m, s))
		other := !inMain && !carry && b.aboutOther(m, s) || archiveCaption(T)
		es := joinSpans(T, findDates(T))
		if inMain && b.lineDate() != nil {
			// "Phnom Penh, June 18 - ... received here this afternoon"
			es = append(es, partsOfToday(T)...)
		}
		for _, e := range es {
			if e.thisMonth {
				if !refOK || ref.Year() == 0 {
					continue
				}
				e.y, e.m = ref.Year(), int(ref.Month())
			}
			if e.m == 0 && e.rel == 0 {
				continue
			}
			if e.d != 0 && !validDay(e.y, e.m, e.d) {
				continue
			}
			if b.lead != nil && s == b.lead.s && e.i == b.lead.date.i {
				continue // the dateline's date, weighed below
			}
			if other || !inMain && !carry && wordIn(T, 0, e.i, otherTimeWords) || wordIn(T, e.i-3, e.i, notEventWords) || signedBefore(T, e.i) || b.afterPub(e) || occasionDate(T, e) {
				continue
			}
			said := reported(T, e.i) || saidAfter(T, e) || saidInClause(T, e) || wordIn(T, e.i-4, e.i, releaseWords)
			if !inMain && said && !saidDuring(T, e) {
				news = append(news, e)
				continue // "the ministry said Saturday in a press release": when the news came out
			}
			if r, ok := b.slashReading(e); ok {
				e = r
			} else {
				// "05/06/2021": the day and the month cannot be told apart
				e.m, e.d, e.amb = 0, 0, true
			}
			if weekdayPair(T, e) {
				pair = true
				pairMain = pairMain || inMain
				continue
			}
			arrival := false
			if w := otherEvent(T, e.i); w != "" {
				// the day a visit began is its date when the sentence
				// reports the meeting: "arrived in Serbia on Tuesday, where
				// he was welcomed", "who arrived on Tuesday on an official
				// visit, has called on"
				if !arrivalWords[w] || !inMain && !(carry && seq) {
					continue
				}
				arrival = true
			}
			if e.j < len(T) {
				if n, _ := nextWord(T, e.j-1); n == "day" || n == "anniversary" {
					continue
				}
				if T[e.j].isDash() && e.j+1 < len(T) && T[e.j+1].cap {
					continue // "8 November - Victory Day"
				}
			}
			if e.rel == 3 && (!refOK || ref.Year() == 0) {
				// "met on Tuesday" during a visit the report dates
				// ("a 3-day visit ... on November 12, 2018"): that Tuesday
				if r, ok := b.spanWeekday(m, e.wd); ok {
					e.y, e.m, e.d, e.rel = r.y, r.m, r.d, 0
				}
			}
			if e.rel != 0 && (!refOK || (ref.Year() == 0 && e.rel == 3)) {
				if (meetingy || inMain) && !reported(T, e.i) {
					// "The ambassador on Wednesday paid a call" with nothing
					// to count from: the day is unknown, whatever the
					// dateline says
					unresolved = true
				}
				continue
			}
			// a year far from the page's date is another occasion's; a
			// crawler's stamp may be years late, so it rules out only
			// dates outside the meeting's sentence
			if e.y != 0 && b.pub != nil && (b.pubKind != pubCrawl && b.pubKind != pubPage || !inMain && !carry) && (e.y < b.pub.Year()-1 || e.y > b.pub.Year()+1) {
				continue
			}
			if e.rel == 0 && afterRef(e, ref, refOK) {
				continue // "a follow-up meeting is expected on 20 September": to come
			}
			// an opening date counts as "On <date>" when a comma sets it
			// off: "12/06/2021 Defence Minister ..." may be a stamp
			onWord := (e.i == 1 && T[0].low == "on") || prevWord(T, e.i) == "on" || partOfDay(T, e.i)
			on := onWord || e.i == 0 && e.j < len(T) && T[e.j].is(",")
			var score float64
			switch {
			case said:
				// "the ministry said Monday": when the news came out
				score = 0.83
			case inMain && onWord:
				score = 0.95
			case inMain && on:
				// "16 September 2022, X met Y ... on 14 September": the
				// date set off by a comma may be the page's
				score = 0.94
			case inMain:
				score = 0.9
			case carry && (seq || on && e.i <= 1):
				score = 0.91
			case on && e.i <= 1 && meetingy:
				score = 0.88
			case attached(T, e.i) && meetingy:
				score = 0.86
			case on && meetingy:
				// "visited Baku on 2 June": above any dateline
				score = 0.8
			case meetingy:
				score = 0.7
			default:
				score = 0.4
			}
			if e.d == 0 && e.rel == 0 {
				score -= 0.2 // a month only
			}
			if e.m == 0 && e.rel == 0 {
				score -= 0.1 // a year only
			}
			if e.rel != 0 {
				score -= 0.05 // a date written out says more
			}
			if arrival {
				score = min(score, 0.92) // below a date of the talks themselves
			}
			if inMain && e.rel == 0 && e.d != 0 && spanOfOther(T, e) {
				// "during a visit from 19 to 21 September": the span of the
				// visit, not the day of its talks; a day told elsewhere says
				// more, else its month
				if e.cross != 0 && e.cross != e.m {
					e.m = 0
				}
				e.d, e.d2 = 0, 0
				score -= 0.3
				spanMain = true
			}
			visitSpan := false
			if (e.d2 != 0 || e.cross != 0 || multiDay(T, e)) && !inMain && !wordIn(T, e.i-8, e.i, talkNouns) {
				// the span of a visit, not the day of its talks: its month,
				// its year when it runs over two months
				if e.cross != 0 && e.cross != e.m {
					e.m = 0
				}
				e.d, e.d2, e.cross = 0, 0, 0
				score -= 0.1
				visitSpan = carry || meetingy
			}
			c := dateCand{s: s, e: e, w: d.tokSpan(s, e.i, e.j), score: score}
			if visitSpan && (span == nil || score > span.score) {
				span = &c
			}
			if inMain && !arrival && !said && e.d2 == 0 && e.cross == 0 && (e.d != 0 || e.rel != 0) {
				if t, ok := resolveDay(e, ref, refOK); ok {
					mainDays = append(mainDays, t)
				}
			}
			consider(c)
		}
	}
	if dl := b.lineDate(); dl != nil {
		consider(dateCand{s: -1, start: dl.start, end: dl.end, e: dl.date, w: dl.dateW, score: 0.75})
	}
	if best != nil && best.score >= 0.6 && !((unresolved || pairMain) && best.score < 0.85) {
		if best.s < 0 && best.e.d != 0 && b.hasMain && relDayIn(d.st(b.mainS)) {
			// "ANKARA, March 15 (AA) - ... met until Thursday ...": the
			// meeting's sentence counts its day from the dateline's, so
			// the dateline's day is not the meeting's
			best.e.d, best.e.d2 = 0, 0
			b.warnKey("the meeting's sentence gives its day by a weekday or \"yesterday\" that could not be placed: only the dateline's month is kept")
		}
		if best.s < 0 && best.e.d != 0 && newsBefore(news, best.e, ref, refOK) {
			// "BAKU, Sept 16 -- ... The ministry said on Thursday": the
			// meeting was no later than the news, a day before the dateline's
			best.e.d, best.e.d2 = 0, 0
			b.warnKey("the report gives its news a day before its dateline's: only the dateline's month is kept")
		}
		if best.s < 0 && best.e.d != 0 && spanMain {
			// "(Beijing, 24 November) ... visited China from 17 to 21
			// November": the dateline's day is the release's, and the
			// meeting's sentence gives only the visit's span
			best.e.d, best.e.d2 = 0, 0
			b.warnKey("the meeting's sentence gives the span of the visit, not the day of its talks: only the dateline's month is kept")
		}
		if best.s < 0 && best.e.d != 0 && span != nil {
			// "(Beijing, 24 November 2014) A delegation ... visited China
			// from 17 to 21 November 2014. The minister met ...": the
			// dateline's day is the release's; the visit's span gives the
			// month, not the day of the talks
			best = span
			b.warnKey("the report gives the span of the visit, not the day of the talks: only its month (its year when it runs over two months) is kept")
		}
		if best.s < 0 && b.hasMain && hasWord(d.st(b.mainS), "recently", "lately") {
			// "AMMAN, May 6 - ... met recently": the meeting may lie weeks
			// before the dateline, in another month
			b.warnKey("the text says the meeting was recent and gives no date: the date is left unknown")
			return
		}
		if best.s < 0 && b.hasMain && lastMonth(d.st(b.mainS)) && best.e.m != 0 {
			// "AMMAN, May 6 - ... met last month": the month before the dateline's
			best.e.d, best.e.d2 = 0, 0
			if best.e.m--; best.e.m == 0 {
				best.e.m = 12
				if best.e.y != 0 {
					best.e.y--
				}
			}
			b.warnKey("the meeting took place the month before the dateline's: only that month is kept")
		}
		if best.s < 0 && b.hasMain && pastSpan(d.st(b.mainS)) {
			// "paid a working visit for the past two days" under a
			// dateline: the dateline's day is not the meeting's
			best.e.d, best.e.d2 = 0, 0
			b.warnKey("the meeting took place over days before the dateline's: only the month is kept")
		}
		if best.s >= 0 && best.s == b.mainS && best.e.d2 == 0 && best.e.cross == 0 && disagree(mainDays) {
			// "On Tuesday, X met Y on 2 May" where 2 May is no Tuesday:
			// one of them is wrong
			best.e.d = 0
			b.warnKey("the meeting's sentence gives it two different days: only the month is kept")
		}
		b.setDate(*best, ref, refOK)
		if best.e.amb && best.e.m == 0 {
			b.warnKey("the meeting's date is written with numbers whose day and month could be swapped, and nothing tells which: only its year is kept")
		}
		if b.date.Day != 0 && (best.s < 0 || best.e.rel == 1 && best.e.back == 0 && b.lineDate() != nil) {
			// "received here this afternoon" under a dateline: its day too
			b.warn("the text dates the meeting only by its dateline: the day rests on the day of publication alone")
		}
		return
	}
	if unresolved && !(b.pub != nil && b.pubMonth) {
		b.warnKey("the text dates the meeting by a weekday that nothing dates: the date is left unknown")
		return
	}
	if pair {
		b.warnKey("the text gives the days of the visit as joined weekdays, not the day of the meeting")
	}
	if ms := max(b.mainS, 0); len(d.sents) > 0 && hasWord(d.st(ms), "recently", "lately") {
		// "recently returned from": the meeting may lie in a month before
		// the page's
		b.warnKey("the text says the meeting was recent and gives no date: the date is left unknown")
		return
	}
	if b.pub != nil && !b.republished {
		b.date = domain.PartialDate{Year: b.pub.Year(), Month: int(b.pub.Month())}
		b.dateConf = 0.4
		switch {
		case b.pubText:
			b.dateS = -1
			b.dateStart, b.dateEnd, b.dateW = b.pubStart, b.pubEnd, b.pubW
		default:
			b.dateS, b.dateGiven = -1, true
		}
		b.warnKey("the text gives no date for the meeting: the month of publication (%04d-%02d) is used", b.pub.Year(), int(b.pub.Month()))
		return
	}
	if p := b.partial; p != nil && b.pub == nil {
		b.setDate(dateCand{s: -1, start: p.start, end: p.end, e: p.date, w: p.dateW, score: 0.45}, ref, refOK)
		b.warnKey("the text gives no date for the meeting: the day of the page's stamp is used")
		return
	}
	if a := b.ambStamp; a != nil && !b.republished {
		// "05/09/2022" as the page's stamp: its year is sure, its month is not
		b.date = domain.PartialDate{Year: a.date.y}
		b.dateConf, b.dateS = 0.3, -1
		b.dateStart, b.dateEnd, b.dateW = a.start, a.end, a.dateW
		b.warnKey("the text gives no date for the meeting, and the page's stamp writes a day and month that could be swapped: only its year (%04d) is used", a.date.y)
		return
	}
	b.warnKey("no date for the meeting was found and no publication date is known")
}

// setDate records the meeting's date from a candidate.
func (b *builder) setDate(c dateCand, ref time.Time, refOK bool) {
	d := b.d
	e := c.e
	y, mo, day := e.y, e.m, e.d
	conf := c.score
	if e.rel != 0 {
		t := relDay(e, ref)
		y, mo, day = t.Year(), int(t.Month()), t.Day()
		if ref.Year() == 0 {
			y = 0
		}
		if b.pubKind == pubCrawl && b.lineDate() == nil {
			conf *= 0.9 // counted from the crawler's stamp
		}
	}
	if y == 0 {
		switch {
		case b.lineDate() != nil && b.lineDate().date.y != 0:
			y = b.lineDate().date.y
			if b.lineDate().date.m < mo {
				y-- // "On December 30" under a January dateline
			}
			conf *= 0.95
		case refOK && ref.Year() != 0:
			y = nearestYear(mo, max(day, 1), ref)
			conf *= 0.95
		case b.pub != nil && !b.republished:
			y = nearestYear(mo, max(day, 1), *b.pub)
			conf *= 0.9
		case b.urlYear != 0:
			y = b.urlYear
			conf *= 0.85
		case b.textYear(mo, max(day, 1)) != 0:
			// "On September 20" in a report of a visit "from September
			// 19-21, 2023"; "on November 4th" under a byline of December
			// 1, 2016
			y = b.textYear(mo, max(day, 1))
			conf *= 0.85
		}
	}
	if y != 0 && e.y == 0 && e.rel == 0 && day != 0 && b.farFromPage(y, mo, day, ref, refOK) {
		b.warnKey("the text gives the meeting's day and month but no year, and they fall months away from the page's date: the year is left unknown")
		y = 0
	}
	if y != 0 && e.y == 0 && e.wday != 0 && day != 0 && validDay(y, mo, day) &&
		int(time.Date(y, time.Month(mo), day, 0, 0, 0, 0, time.UTC).Weekday())+1 != e.wday {
		// "Friday, 7 March" is no Friday in that year: the year is not known
		b.warnKey("the weekday written with the meeting's date does not fit the year %d the page suggests: the year is left unknown", y)
		y = 0
	}
	if e.y != 0 && e.wday != 0 && day != 0 && validDay(y, mo, day) &&
		int(time.Date(y, time.Month(mo), day, 0, 0, 0, 0, time.UTC).Weekday())+1 != e.wday {
		// "Tuesday, 4 May 2022" is a Wednesday: the day is not sure
		b.warnKey("the weekday written with the meeting's date does not fit it: only the month is kept")
		day = 0
	}
	if y != 0 && (y < 1900 || y > 2200) {
		y = 0 // beyond what a record may hold
	}
	if pd, err := domain.ParsePartialDate(domain.PartialDate{Year: y, Month: mo, Day: day}.String()); err != nil || pd.IsZero() {
		b.warnKey("the date found for the meeting is not a valid date")
		return
	}
	b.date = domain.PartialDate{Year: y, Month: mo, Day: day}
	b.dateS, b.dateConf, b.dateW = c.s, conf, c.w
	if c.s >= 0 {
		b.dateStart, b.dateEnd = d.sents[c.s].start, d.sents[c.s].end
	} else {
		b.dateStart, b.dateEnd = c.start, c.end
	}
	if y == 0 {
		if b.republished {
			b.warnKey("the text gives the meeting's day and month but no year, and the page's stamp is taken for a re-publication: the year is left unknown")
		} else {
			b.warnKey("the text gives the meeting's day and month but no year, and no publication date is known: the year is left unknown")
		}
	}
	if e.d2 > 0 && y != 0 && validDay(y, mo, e.d2) {
		ed := domain.Day{Time: time.Date(y, time.Month(mo), e.d2, 0, 0, 0, 0, time.UTC)}
		b.endDate = &ed
	}
}

// wordIn reports whether a word of T[from:to] is in the set.
func wordIn(T []tok, from, to int, set map[string]bool) bool {
	for i := max(from, 0); i < to && i < len(T); i++ {
		if T[i].kind == 'w' && set[T[i].low] {
			return true
		}
	}
	return false
}

// reportVerbs tell when news was given, not when the meeting was.
var reportVerbs = setOf("said", "says", "announced", "reported", "stated", "told", "added", "noted", "informed",
	"reports", "announces", "confirmed")

// reported reports whether the date at token i tells when something was
// said: "the ministry said Monday", "announced on Tuesday".
func reported(T []tok, i int) bool {
	p := prevWord(T, i)
	if p == "on" {
		for k := i - 1; k >= 0; k-- {
			if T[k].kind == 'w' {
				p = prevWord(T, k)
				break
			}
		}
	}
	return reportVerbs[p]
}

// talkWords name the meeting itself, as a date's clause must to be tied to it.
var talkWords = setOf("met", "meeting", "meetings", "received", "hosted", "talks", "held", "welcomed", "called",
	"discussed", "signed", "signing", "conversation", "call", "negotiations", "discussions", "spoke", "talked",
	"convened", "meets", "receives", "hosts")

// blockWords name another event a date may belong to.
var blockWords = setOf("since", "appointment", "appointed", "elected", "election", "inauguration", "inaugurated",
	"arrived", "arrives", "arrival", "left", "departed", "departs", "departure", "returned", "returns", "leave",
	"office", "founded", "established", "born", "sworn")

// attached reports whether the date at token i closes a clause about the
// meeting: a meeting word shortly before it and no other event between.
func attached(T []tok, i int) bool {
	for k := i - 1; k >= 0 && k >= i-25; k-- {
		t := T[k]
		if t.is(";") {
			return false
		}
		if t.kind != 'w' {
			continue
		}
		if blockWords[t.low] {
			return false
		}
		if talkWords[t.low] {
			return true
		}
	}
	return false
}

// arrivalWords are the blockWords that tell when a visit began.
var arrivalWords = setOf("arrived", "arrives", "arrival")

// otherEvent returns the word naming another event the date at token i
// belongs to, "" when none: "since the appointment of ... on 18 September".
func otherEvent(T []tok, i int) string {
	for k := i - 1; k >= 0 && k >= i-20; k-- {
		t := T[k]
		if t.is(";") || t.is(",") {
			return ""
		}
		if t.kind == 'w' && blockWords[t.low] {
			return t.low
		}
		if t.kind == 'w' && meetingWords[t.low] {
			return ""
		}
	}
	return ""
}

// sequenceWords open a sentence that goes on from the one before: "Later,
// he called on ...".
var sequenceWords = setOf("later", "then", "afterwards", "afterward", "subsequently", "thereafter", "there")

// datedSentence reports whether a sentence gives a date.
func datedSentence(T []tok) bool {
	for _, e := range findDates(T) {
		if e.m != 0 || e.rel != 0 {
			return true
		}
	}
	return false
}

// relDayIn reports whether a sentence gives a day counted back from the
// report's: "yesterday", a weekday.
func relDayIn(T []tok) bool {
	for _, e := range findDates(T) {
		if e.rel == 2 || e.rel == 3 {
			return true
		}
	}
	return false
}

// disagree reports whether the days differ.
func disagree(days []time.Time) bool {
	for _, t := range days[min(1, len(days)):] {
		if !sameDay(t, days[0]) {
			return true
		}
	}
	return false
}
