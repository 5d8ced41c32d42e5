package extract

import (
	"strconv"
	"time"
)

// dateExpr is a date written in the text.
type dateExpr struct {
	i, j    int // tokens [i, j) relative to the slice searched
	y, m, d int // 0 when not given
	d2      int // last day of a span ("10-12 December")
	rel     int // relative: 1 today, 2 yesterday, 3 weekday (wd)
	wd      int
	amb     bool // written with numbers only, day and month could be swapped
	wday    int  // the weekday written with the date, 1 (Sunday) to 7; 0 when none
	// thisMonth marks days of the month the report was written in: "from
	// 12 to 13 this month"
	thisMonth bool
	back      int // days further back: 1 for "the day before yesterday"
	// cross is the month of the date that closes a span this day opens:
	// 5 for "from 30 April to 3 May"; 0 when none
	cross    int
	lastWeek bool // a weekday of the week before: "on Thursday last week"
}

func numVal(t tok, maxDigits int) (int, bool) {
	if t.kind != 'n' {
		return 0, false
	}
	s := t.s
	k := 0
	for k < len(s) && s[k] >= '0' && s[k] <= '9' {
		k++
	}
	if k == 0 || k > maxDigits {
		return 0, false
	}
	rest := s[k:]
	if rest != "" && rest != "st" && rest != "nd" && rest != "rd" && rest != "th" {
		return 0, false
	}
	n, err := strconv.Atoi(s[:k])
	return n, err == nil
}

func dayVal(t tok) (int, bool) {
	n, ok := numVal(t, 2)
	return n, ok && n >= 1 && n <= 31
}

func yearVal(t tok) (int, bool) {
	if t.kind != 'n' || len(t.s) != 4 {
		return 0, false
	}
	n, err := strconv.Atoi(t.s)
	return n, err == nil && n >= 1900 && n <= 2200
}

func monthVal(t tok) (int, bool) {
	if t.kind != 'w' {
		return 0, false
	}
	if !t.cap {
		m, ok := foreignMonths[t.low]
		return m, ok
	}
	m, ok := monthNames[t.low]
	if !ok {
		m, ok = foreignMonths[t.low]
	}
	if ok && t.low == "may" && t.s != "May" {
		return 0, false
	}
	return m, ok
}

// dateAt parses a date starting at toks[i].
func dateAt(toks []tok, i int) (dateExpr, bool) {
	n := len(toks)
	skipDot := func(k int) int {
		if k < n && toks[k].is(".") && !toks[k].sp {
			return k + 1
		}
		return k
	}
	year := func(k int) (int, int) {
		k0 := k
		if k < n && toks[k].is(",") {
			k++
		}
		if k < n {
			if y, ok := yearVal(toks[k]); ok {
				return y, k + 1
			}
		}
		return 0, k0
	}
	t := toks[i]
	if e, ok := daysAgo(toks, i); ok {
		return e, true
	}
	// Month Day[-Day2][, Year]
	if m, ok := monthVal(t); ok {
		k := skipDot(i + 1)
		if k+3 < n && toks[k].is(",") {
			// "September, 4, 2018": a stray comma, when the year follows
			if _, ok := dayVal(toks[k+1]); ok && toks[k+2].is(",") {
				if _, ok := yearVal(toks[k+3]); ok {
					k++
				}
			}
		}
		if k < n {
			if d, ok := dayVal(toks[k]); ok {
				e := dateExpr{i: i, m: m, d: d}
				k++
				if k+1 < n && toks[k].isDash() {
					if d2, ok := dayVal(toks[k+1]); ok && d2 > d {
						e.d2 = d2
						k += 2
					}
				}
				e.y, e.j = year(k)
				return e, true
			}
			if y, ok := yearVal(toks[k]); ok {
				return dateExpr{i: i, j: k + 1, m: m, y: y}, true
			}
		}
		return dateExpr{}, false
	}
	// Day[-Day2] [of] Month[,] [Year]
	if d, ok := dayVal(t); ok {
		k := i + 1
		e := dateExpr{i: i, d: d}
		if k+1 < n && toks[k].isDash() {
			if d2, ok := dayVal(toks[k+1]); ok && d2 > d {
				e.d2 = d2
				k += 2
			}
		} else if k+1 < n && toks[k].kind == 'w' && (toks[k].low == "to" || toks[k].low == "and") {
			if d2, ok := dayVal(toks[k+1]); ok && d2 > d {
				e.d2 = d2
				k += 2
			}
		}
		if k < n && toks[k].low == "of" {
			k++
		}
		if k+1 < n && toks[k].low == "this" && toks[k+1].low == "month" {
			e.j, e.thisMonth = k+2, true
			return e, true
		}
		dashed := false
		if e.d2 == 0 && k+1 < n && toks[k].isDash() && !toks[k].sp && !toks[k+1].sp {
			if _, ok := monthVal(toks[k+1]); ok {
				k, dashed = k+1, true // "10-Sep-2021"
			}
		}
		if k < n {
			if m, ok := monthVal(toks[k]); ok {
				e.m = m
				k = skipDot(k + 1)
				if dashed && k+1 < n && toks[k].isDash() && !toks[k].sp {
					if _, ok := yearVal(toks[k+1]); ok {
						k++
					}
				}
				e.y, e.j = year(k)
				return e, true
			}
			// "23 ноя 2021", "5 Kas 2022": a stamp's abbreviated month of
			// another language, only between a day and a year
			if m, ok := stampMonths[toks[k].low]; ok && toks[k].kind == 'w' {
				if y, j := year(skipDot(k + 1)); y != 0 && e.d2 == 0 {
					e.m, e.y, e.j = m, y, j
					return e, true
				}
			}
		}
		// dd.mm.yyyy, dd/mm/yyyy, dd-mm-yyyy; mm/dd/yyyy when the second
		// number cannot be a month
		if i+4 < n && numSep(toks[i+1]) && !toks[i+1].sp && !toks[i+2].sp && toks[i+3].s == toks[i+1].s && !toks[i+4].sp &&
			len(toks[i].s) <= 2 && len(toks[i+2].s) <= 2 {
			m, ok1 := numVal(toks[i+2], 2)
			y, ok2 := yearVal(toks[i+4])
			if ok1 && ok2 {
				e := dateExpr{i: i, j: i + 5, y: y, m: m, d: d}
				if m > 12 && d <= 12 && toks[i+1].s == "/" {
					e.m, e.d = d, m
				}
				// dots and dashes are written day first; a slash may be
				// either way
				e.amb = toks[i+1].s == "/" && e.m != e.d && e.m <= 12 && e.d <= 12
				if e.m >= 1 && e.m <= 12 {
					return e, true
				}
			}
		}
		return dateExpr{}, false
	}
	// "2016. május 28." (Hungarian order), "2024 March 12"
	if y, ok := yearVal(t); ok && i+2 < n {
		k := i + 1
		if toks[k].is(".") && !toks[k].sp {
			k++
		}
		if k+1 < n {
			if m, ok := monthVal(toks[k]); ok {
				if d, ok := dayVal(toks[k+1]); ok {
					return dateExpr{i: i, j: skipDot(k + 2), y: y, m: m, d: d}, true
				}
			}
		}
	}
	// yyyy-mm-dd, yyyy/mm/dd, yyyy.mm.dd
	if y, ok := yearVal(t); ok && i+4 < n && numSep(toks[i+1]) && !toks[i+1].sp && toks[i+3].s == toks[i+1].s && !toks[i+3].sp {
		m, ok1 := numVal(toks[i+2], 2)
		d, ok2 := dayVal(toks[i+4])
		if !ok2 {
			d, ok2 = isoDay(toks[i+4]) // "2022-09-08T14:28:56"
		}
		if ok1 && ok2 && m >= 1 && m <= 12 && len(toks[i+2].s) == 2 {
			return dateExpr{i: i, j: i + 5, y: y, m: m, d: d}, true
		}
	}
	if t.kind == 'w' {
		switch t.low {
		case "today", "tonight":
			return dateExpr{i: i, j: i + 1, rel: 1}, true

		case "yesterday":
			return dateExpr{i: i, j: i + 1, rel: 2}, true
		case "day":
			// "the day before yesterday"
			if i+2 < n && toks[i+1].low == "before" && toks[i+2].low == "yesterday" {
				return dateExpr{i: i, j: i + 3, rel: 2, back: 1}, true
			}
		}
		if wd, ok := weekdays[t.low]; ok && t.cap {
			// "Tuesday May 7 2024", "Tuesday, 7 May", "Tuesday (Dec 13)"
			k := i + 1
			paren := k < n && toks[k].is("(")
			if k < n && (toks[k].is(",") || paren) {
				k++
			}
			if k < n {
				if e, ok := dateAt(toks, k); ok && e.rel == 0 && (!paren || e.j < n && toks[e.j].is(")")) {
					e.i, e.wday = i, wd+1
					if paren {
						e.j++
					}
					return e, true
				}
			}
			e := dateExpr{i: i, j: i + 1, rel: 3, wd: wd}
			// "Thursday last week", "Thursday of last week"
			k = i + 1
			if k < n && toks[k].low == "of" {
				k++
			}
			if k+1 < n && toks[k].low == "last" && toks[k+1].low == "week" {
				e.j, e.lastWeek = k+2, true
			}
			return e, true
		}
	}
	return dateExpr{}, false
}

// weekdayPair reports whether the weekday e is one of two joined ones, "on
// Monday and Tuesday", "Thursday to Saturday": the days of a visit, not the
// day of its talks.
func weekdayPair(T []tok, e dateExpr) bool {
	if e.rel != 3 {
		return false
	}
	joined := func(k int) bool {
		return k >= 0 && k < len(T) && (T[k].isDash() || T[k].kind == 'w' && (T[k].low == "and" || T[k].low == "or" || T[k].low == "to" || T[k].low == "through"))
	}
	isWeekday := func(k int) bool {
		if k < 0 || k >= len(T) || T[k].kind != 'w' || !T[k].cap {
			return false
		}
		_, ok := weekdays[T[k].low]
		return ok
	}
	return joined(e.j) && isWeekday(e.j+1) || joined(e.i-1) && isWeekday(e.i-2)
}

// numSep reports whether a token separates the numbers of a date.
func numSep(t tok) bool { return t.kind == 'p' && (t.s == "." || t.s == "/" || t.s == "-") }

// findDates returns every date written in toks.
func findDates(toks []tok) []dateExpr {
	var out []dateExpr
	for i := 0; i < len(toks); i++ {
		if e, ok := dateAt(toks, i); ok {
			out = append(out, e)
			i = e.j - 1
		}
	}
	return out
}

// valid reports whether the day exists in the month (in a leap year when
// the year is unknown).
func validDay(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	if y == 0 {
		y = 2000
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d
}

// isDateLine reports whether text[start:end] is a date with perhaps a time
// and zone and nothing else: a publication stamp.
func isDateLine(text string, start, end int) bool {
	_, ok := dateLine(text, start, end)
	return ok
}

var dateLineWords = setOf("utc", "gmt", "am", "pm", "published", "updated", "posted", "date", "time", "at",
	"last", "modified", "on", "est", "edt", "pst", "cet", "cest", "msk", "pkt", "ist", "trt", "azt", "by", "admin",
	"created", "issued", "release", "released", "news", "press", "views", "view", "comments", "min", "mins", "read",
	"of", "and", "in", "gst", "ast", "eet", "eest", "bst", "jst", "kst", "wib", "ict", "sgt", "hkt", "cst")

var stampSeps = setOf("|", "/", "•", "·", "–", "—", "-", ":", "»", "›", ">")

// dateLine parses a publication stamp line: a date with a year, perhaps a
// weekday, a time and zone, leading words ("Published on", "Posted"), a
// place, or a few section labels or a byline set off by a separator
// ("Politics | 12.03.2024 14:05").
func dateLine(text string, start, end int) (dateExpr, bool) {
	if end-start > 100 {
		return dateExpr{}, false
	}
	toks := tokenize(text, start, end)
	var found dateExpr
	got, others, sep := false, 0, false
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if !got {
			if e, ok := dateAt(toks, i); ok && e.rel == 0 {
				found, got = e, true
				i = e.j - 1
				continue
			}
		}
		switch {
		case t.kind == 'p':
			if stampSeps[t.s] {
				sep = true
			}
		case t.kind == 'n':
		case t.kind == 'w' && dateLineWords[t.low]:
		case t.kind == 'w':
			if _, ok := weekdays[t.low]; ok {
				continue
			}
			if name, _, j := cityAt(toks, i); name != "" {
				i = j - 1
				continue
			}
			if !t.cap {
				return dateExpr{}, false
			}
			others++
		}
	}
	if !got || found.m == 0 || found.d == 0 && found.y == 0 {
		return dateExpr{}, false
	}
	if found.y == 0 && (others > 0 || !hasTime(text[start:end])) {
		return dateExpr{}, false // "19:10, 3 March" is a stamp, "3 March" alone may be anything
	}
	if others > 0 && (!sep || others > 4) {
		return dateExpr{}, false
	}
	return found, true
}

// hasTime reports whether the line holds a clock time such as 18:40.
func hasTime(s string) bool {
	for i := 1; i+2 < len(s); i++ {
		if s[i] == ':' && s[i-1] >= '0' && s[i-1] <= '9' && s[i+1] >= '0' && s[i+1] <= '5' && s[i+2] >= '0' && s[i+2] <= '9' {
			return true
		}
	}
	return false
}

// dateOpening returns the number of tokens of a date that opens a sentence:
// "On 3 May 2024", "Yesterday"; 0 when none.
func dateOpening(T []tok) int {
	k := 0
	if len(T) > 0 && T[0].low == "on" {
		k = 1
	}
	if e, ok := dateAt(T, k); ok {
		return e.j
	}
	return 0
}

// isoDay reads the day of an ISO 8601 date joined to its time: "08T14".
func isoDay(t tok) (int, bool) {
	s := t.s
	if t.kind != 'n' || len(s) < 4 || s[2] != 'T' || s[3] < '0' || s[3] > '9' {
		return 0, false
	}
	n, err := strconv.Atoi(s[:2])
	return n, err == nil && n >= 1 && n <= 31
}

// stampMonths are the abbreviated month names (folded) that pages in other
// languages put in the date stamps of English reports: Russian, Ukrainian,
// Serbian, Turkish, Azerbaijani, German, French, Spanish, Portuguese,
// Italian, Polish, Hungarian and Romanian. They count only between a day
// and a year ("23 ноя 2021"), where no English word stands.
var stampMonths = monthTable([12]string{
	"янв|січ|јан|oca|yan|janv|ene|gen|sty|ian",
	"фев|лют|феб|sub|fev|fevr|lut|febr",
	"мар|бер|марта|marc|maerz",
	"апр|квіт|кві|nis|avr|abr|kwi",
	"май|тра|трав|мај|mag|maj",
	"июн|чер|черв|јун|haz|iyn|giu|cze|iun",
	"июл|лип|јул|tem|iyl|juil|lug|lip|iul",
	"авг|сер|серп|agu|avq|ago|avg|sie",
	"сен|сент|вер|верес|сеп|eyl|sen|set|wrz|szept",
	"окт|жов|жовт|eki|okt|ott|out|paz",
	"ноя|нояб|лис|лист|нов|kas|noy|lis|noi",
	"дек|гру|груд|дец|ara|dek|dez|dic|gru",
})
