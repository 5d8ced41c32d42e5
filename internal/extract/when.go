package extract

import (
	"time"

	"github.com/milmeet/milmeet/internal/domain"
)

// setPublished takes the publication date from the options, else from a
// date line before the body ("27 November 2023 18:40 (UTC+04:00)").
func (b *builder) setPublished() {
	if b.opt.PublishedAt != nil && !b.opt.PublishedAt.IsZero() {
		t := b.opt.PublishedAt.Time
		if t.Year() >= 1900 && t.Year() <= 2200 {
			b.pub = &t
			return
		}
		b.warn("the publication date %s given is out of range and was left out", b.opt.PublishedAt.Format("2006-01-02"))
	}
	d := b.d
	best, bestTime := -1, false
	for _, li := range d.dateLines {
		if d.bodyStart >= 0 && li > d.bodyStart {
			continue
		}
		l := d.lines[li]
		e, ok := dateLine(d.text, l.start, l.end)
		if !ok || e.y == 0 || e.d == 0 || !validDay(e.y, e.m, e.d) {
			continue
		}
		ht := hasTime(l.text)
		if best < 0 || ht || !bestTime {
			if best >= 0 && bestTime && !ht {
				continue
			}
			best, bestTime = li, ht
		}
	}
	if best >= 0 {
		l := d.lines[best]
		e, _ := dateLine(d.text, l.start, l.end)
		t := time.Date(e.y, time.Month(e.m), e.d, 0, 0, 0, 0, time.UTC)
		b.pub, b.pubText, b.pubStart, b.pubEnd = &t, true, l.start, l.end
		toks := tokenize(d.text, l.start, l.end)
		for i := range toks {
			if e, ok := dateAt(toks, i); ok && e.rel == 0 {
				b.pubW = wspan{toks[e.i].start, toks[e.j-1].end}
				break
			}
		}
	}
}

// findDate settles the meeting's date from the main section, with the year
// from the text or the publication date.
func (b *builder) findDate(m *meetingDraft) {
	d := b.d
	type cand struct {
		s     int
		e     dateExpr
		score float64
	}
	var best *cand
	for _, s := range m.sents {
		T := d.st(s)
		meetingy := hasWord(T, "met", "meeting", "received", "hosted", "visit", "talks", "held", "welcomed", "called",
			"spoke", "convened", "discussed", "arrived", "meets", "receives", "hosts")
		for _, e := range findDates(T) {
			if e.m == 0 && e.rel == 0 {
				continue
			}
			if e.rel != 0 && b.pub == nil {
				continue
			}
			if e.d != 0 && !validDay(e.y, e.m, e.d) {
				continue
			}
			if findWord(T, max(0, e.i-3), e.i, "forthcoming", "upcoming", "next", "until", "till", "since", "scheduled",
				"planned", "ahead", "anniversary", "born", "founded", "established", "celebrated", "celebrate",
				"observed", "marks", "marked", "expires", "valid", "deadline", "before") >= 0 {
				continue
			}
			if e.j < len(T) {
				if n, _ := nextWord(T, e.j-1); n == "day" || n == "anniversary" {
					continue
				}
				if T[e.j].isDash() && e.j+1 < len(T) && T[e.j+1].cap {
					continue // "8 November - Victory Day"
				}
			}
			if e.y != 0 && b.pub != nil && (e.y < b.pub.Year()-1 || e.y > b.pub.Year()+1) {
				continue
			}
			score := 0.4
			switch {
			case (e.i == 0 || (e.i == 1 && T[0].low == "on")) && s != 0:
				score = 0.95
			case (e.i == 1 && T[0].low == "on") || (e.i <= 2 && s == b.mainS):
				score = 0.95
			case b.hasMain && s == b.mainS:
				score = 0.9
			case s == 0 && d.isDatelineSentence():
				score = 0.85
			case meetingy:
				score = 0.7
			}
			if e.d == 0 && e.rel == 0 {
				score -= 0.2 // a month only
			}
			if best == nil || score > best.score {
				best = &cand{s, e, score}
			}
		}
	}
	if best != nil && best.score >= 0.6 {
		e := best.e
		y, mo, day := e.y, e.m, e.d
		switch e.rel {
		case 1, 2, 3:
			t := *b.pub
			switch e.rel {
			case 2:
				t = t.AddDate(0, 0, -1)
			case 3:
				for k := 0; k < 7 && int(t.Weekday()) != e.wd; k++ {
					t = t.AddDate(0, 0, -1)
				}
			}
			y, mo, day = t.Year(), int(t.Month()), t.Day()
		}
		conf := best.score
		if y == 0 && b.pub != nil {
			y = nearestYear(mo, max(day, 1), *b.pub)
			conf *= 0.95
		}
		if y != 0 && (y < 1900 || y > 2200) {
			y = 0 // beyond what a record may hold
		}
		if pd, err := domain.ParsePartialDate(domain.PartialDate{Year: y, Month: mo, Day: day}.String()); err != nil || pd.IsZero() {
			b.warnKey("the date found for the meeting is not a valid date")
			return
		}
		b.date = domain.PartialDate{Year: y, Month: mo, Day: day}
		b.dateS, b.dateConf = best.s, conf
		b.dateStart, b.dateEnd = d.sents[best.s].start, d.sents[best.s].end
		b.dateW = d.tokSpan(best.s, e.i, e.j)
		if y == 0 {
			b.warnKey("the text gives the meeting's day and month but no year, and no publication date is known: the year is left unknown")
		}
		if e.d2 > 0 && y != 0 && validDay(y, mo, e.d2) {
			ed := domain.Day{Time: time.Date(y, time.Month(mo), e.d2, 0, 0, 0, 0, time.UTC)}
			b.endDate = &ed
		}
		return
	}
	if b.pub != nil {
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
	b.warnKey("no date for the meeting was found and no publication date is known")
}

// nearestYear returns the year that puts month/day closest to pub: an event
// "On December 30" reported on January 2 was the year before.
func nearestYear(mo, day int, pub time.Time) int {
	best, bestDiff := 0, time.Duration(1<<62)
	for _, y := range []int{pub.Year() - 1, pub.Year(), pub.Year() + 1} {
		if !validDay(y, mo, day) {
			continue
		}
		t := time.Date(y, time.Month(mo), day, 0, 0, 0, 0, time.UTC)
		diff := t.Sub(pub)
		if diff < 0 {
			diff = -diff
		} else {
			diff += 24 * time.Hour // a report rarely comes before the event
		}
		if diff < bestDiff {
			best, bestDiff = y, diff
		}
	}
	return best
}

func (d *doc) isDatelineSentence() bool {
	_, _, ok := d.dateline()
	return ok
}
