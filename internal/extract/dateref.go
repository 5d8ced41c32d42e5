package extract

import "time"

// The days relative dates count from, and the days a report's dates stand for.

// dateRef returns the day relative dates count from: the dateline's date
// (its year from the publication date when it has none), else the day the
// report says its news was released, else the publication date when its day is known and it is not a re-publication. A
// dateline without a year gives a reference in year 0: enough for "today"
// and "yesterday", not for a weekday.
func (b *builder) dateRef() (time.Time, bool) {
	if dl := b.lineDate(); dl != nil && dl.date.d != 0 {
		y := dl.date.y
		if y == 0 && b.pub != nil && !b.republished {
			y = nearestYear(dl.date.m, dl.date.d, *b.pub)
		}
		if y == 0 {
			y = b.urlYear
		}
		if y != 0 && validDay(y, dl.date.m, dl.date.d) {
			return time.Date(y, time.Month(dl.date.m), dl.date.d, 0, 0, 0, 0, time.UTC), true
		}
		if y == 0 && validDay(2001, dl.date.m, dl.date.d) && !(dl.date.m == 3 && dl.date.d == 1) {
			// year 1 of the calendar stands for an unknown, non-leap year
			return time.Date(0, time.Month(dl.date.m), dl.date.d, 0, 0, 0, 0, time.UTC), true
		}
	}
	if t, ok := b.releaseDate(); ok {
		return t, true
	}
	if b.pub != nil && !b.pubMonth && !b.republished && !b.pubDoubt {
		return *b.pub, true
	}
	if p := b.partial; p != nil && b.pub == nil {
		y := b.urlYear
		if y == 0 && (p.date.m == 2 && p.date.d == 29 || p.date.m == 3 && p.date.d == 1) {
			return time.Time{}, false
		}
		return time.Date(y, time.Month(p.date.m), p.date.d, 0, 0, 0, 0, time.UTC), true
	}
	return time.Time{}, false
}

// releaseDate returns the one day the report says its news was given on:
// "the press service reported on 12 March 2024", "a statement issued on 12
// March". It outranks a stamp it contradicts: a page is often crawled or
// stamped days after the release it carries.
func (b *builder) releaseDate() (time.Time, bool) {
	d := b.d
	var found time.Time
	for s := range d.sents {
		T := d.st(s)
		for _, e := range findDates(T) {
			if e.rel != 0 || e.d == 0 || e.d2 != 0 || !(reported(T, e.i) || wordIn(T, e.i-4, e.i, releaseWords)) {
				continue
			}
			y := e.y
			if y == 0 && b.pub != nil && !b.republished {
				y = nearestYear(e.m, e.d, *b.pub)
			}
			if y == 0 || !validDay(y, e.m, e.d) {
				continue
			}
			t := time.Date(y, time.Month(e.m), e.d, 0, 0, 0, 0, time.UTC)
			if b.pub != nil && t.After(*b.pub) {
				continue // released after the page's stamp: not the page's release
			}
			if !found.IsZero() && !sameDay(found, t) {
				return time.Time{}, false // two release days: neither is sure
			}
			found = t
		}
	}
	return found, !found.IsZero()
}

// releaseWords before a date say the report's news was given that day.
var releaseWords = setOf("release", "statement", "issued", "dated")

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
			diff = diff*4 + 24*time.Hour // a report rarely comes before the event
		}
		if diff < bestDiff {
			best, bestDiff = y, diff
		}
	}
	return best
}

// resolveDay returns the day a date of the text stands for, counting a
// relative one from ref and completing a missing year from it.
func resolveDay(e dateExpr, ref time.Time, refOK bool) (time.Time, bool) {
	if e.rel != 0 {
		if !refOK || ref.Year() == 0 {
			return time.Time{}, false
		}
		return relDay(e, ref), true
	}
	y := e.y
	if y == 0 && refOK && ref.Year() != 0 {
		y = nearestYear(e.m, max(e.d, 1), ref)
	}
	if y == 0 || e.d == 0 || !validDay(y, e.m, e.d) {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(e.m), e.d, 0, 0, 0, 0, time.UTC), true
}

// newsBefore reports whether one of the days the news was given on comes
// before the day of date e.
func newsBefore(news []dateExpr, e dateExpr, ref time.Time, refOK bool) bool {
	at, ok := resolveDay(e, ref, refOK)
	if !ok {
		return false
	}
	for _, n := range news {
		if t, ok := resolveDay(n, ref, refOK); ok && t.Before(at) {
			return true
		}
	}
	return false
}

// relDay counts a relative date from ref: "yesterday" the day before,
// a weekday the last such day on or before it ("Thursday last week" in the
// week before), "the day before yesterday" two days before.
func relDay(e dateExpr, ref time.Time) time.Time {
	t := ref
	switch e.rel {
	case 2:
		t = t.AddDate(0, 0, -1)
	case 3:
		if e.lastWeek {
			// back to the Sunday that ends the week before the reference's
			t = t.AddDate(0, 0, -(int(t.Weekday())+6)%7-1)
		}
		for k := 0; k < 7 && int(t.Weekday()) != e.wd; k++ {
			t = t.AddDate(0, 0, -1)
		}
	}
	return t.AddDate(0, 0, -e.back)
}

// afterRef reports whether a date lies more than two days after the day
// the report counts from (its dateline, release or stamp), its year
// completed as the meeting's would be: a meeting reported as held is not
// later than its report, so the date is of something to come.
func afterRef(e dateExpr, ref time.Time, refOK bool) bool {
	if !refOK || ref.Year() == 0 || e.d == 0 || e.m == 0 {
		return false
	}
	y := e.y
	if y == 0 {
		y = nearestYear(e.m, e.d, ref)
	}
	if y == 0 || !validDay(y, e.m, e.d) {
		return false
	}
	t := time.Date(y, time.Month(e.m), e.d, 0, 0, 0, 0, time.UTC)
	if e.y == 0 && e.wday != 0 && int(t.Weekday())+1 != e.wday {
		return false // "Friday, 7 March" is no Friday in that year: another year's
	}
	return t.After(ref.AddDate(0, 0, 2))
}
