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
	if t.kind != 'w' || !t.cap {
		return 0, false
	}
	m, ok := monthNames[t.low]
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
	// Month Day[-Day2][, Year]
	if m, ok := monthVal(t); ok {
		k := skipDot(i + 1)
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
		} else if k+1 < n && toks[k].kind == 'w' && toks[k].low == "to" {
			if d2, ok := dayVal(toks[k+1]); ok && d2 > d {
				e.d2 = d2
				k += 2
			}
		}
		if k < n && toks[k].low == "of" {
			k++
		}
		if k < n {
			if m, ok := monthVal(toks[k]); ok {
				e.m = m
				k = skipDot(k + 1)
				e.y, e.j = year(k)
				return e, true
			}
		}
		// dd.mm.yyyy
		if i+4 < n && toks[i+1].is(".") && !toks[i+1].sp && !toks[i+2].sp && toks[i+3].is(".") && !toks[i+4].sp {
			m, ok1 := numVal(toks[i+2], 2)
			y, ok2 := yearVal(toks[i+4])
			if ok1 && ok2 && m >= 1 && m <= 12 {
				return dateExpr{i: i, j: i + 5, y: y, m: m, d: d}, true
			}
		}
		return dateExpr{}, false
	}
	// yyyy-mm-dd
	if y, ok := yearVal(t); ok && i+4 < n && toks[i+1].is("-") && !toks[i+1].sp && toks[i+3].is("-") && !toks[i+3].sp {
		m, ok1 := numVal(toks[i+2], 2)
		d, ok2 := dayVal(toks[i+4])
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
		}
		if wd, ok := weekdays[t.low]; ok && t.cap {
			// "Tuesday May 7 2024", "Tuesday, 7 May"
			k := i + 1
			if k < n && toks[k].is(",") {
				k++
			}
			if k < n {
				if e, ok := dateAt(toks, k); ok && e.rel == 0 {
					e.i = i
					return e, true
				}
			}
			return dateExpr{i: i, j: i + 1, rel: 3, wd: wd}, true
		}
	}
	return dateExpr{}, false
}

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
	"last", "modified", "on", "est", "edt", "pst", "cet", "cest", "msk", "pkt", "ist", "trt", "azt", "by", "admin")

// dateLine parses a publication stamp line.
func dateLine(text string, start, end int) (dateExpr, bool) {
	if end-start > 80 {
		return dateExpr{}, false
	}
	toks := tokenize(text, start, end)
	var found dateExpr
	got := false
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if !got {
			if e, ok := dateAt(toks, i); ok && e.rel != 3 && e.rel != 1 && e.rel != 2 {
				found, got = e, true
				i = e.j - 1
				continue
			}
		}
		switch {
		case t.kind == 'p':
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
			return dateExpr{}, false
		}
	}
	if !got || found.m == 0 {
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
