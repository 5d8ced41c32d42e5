package extract

import "strings"

// dline is the dateline that opens a report: "KUWAIT, March 6 (KUNA) --",
// "Baku. 9 October. REPORT.AZ/", "NAIROBI, Kenya -", "Jakarta, MINA –".
type dline struct {
	start, end int    // byte offsets of the whole dateline
	city       string // the city, when known
	code       string // the country of the place
	date       dateExpr
	hasDate    bool
	dateW      wspan
	outlet     string
	s          int // for a date read as a dateline inside the body: its sentence
}

// datelineAt reads a dateline at the start of toks (a paragraph) and
// returns how many tokens it takes; 0 when there is none. A dateline is
// perhaps the outlet in capitals, a place (a known city or country, or a
// name in capitals), then perhaps more places, a date and the outlet, then a
// dash, colon, slash or full stop; it needs a date, an outlet or a place in capitals, so that "Azerbaijan –
// Belarus talks ..." is not one.
func datelineAt(toks []tok) (int, *dline) { return datelineRead(toks, false) }

// datelineLine reads a line that is a dateline and nothing else, the
// report's first words on the line below it: "Kathmandu, Sept 5 :". It must
// give a place and a day.
func datelineLine(toks []tok) *dline {
	k, dl := datelineRead(toks, true)
	if k != len(toks) || dl == nil || !dl.hasDate || dl.date.d == 0 {
		return nil
	}
	return dl
}

// datelineRead reads a dateline; whole is set when it stands alone on its
// line, with no words after its separator.
func datelineRead(toks []tok, whole bool) (int, *dline) {
	n := len(toks)
	k := 0
	dl := &dline{}
	// a syndication mark before it: "(MENAFN- Kuwait News Agency (KUNA))"
	if n > 2 && toks[0].s == "(" {
		depth, j := 0, 0
		for j = 0; j < n && j < 16; j++ {
			if toks[j].s == "(" {
				depth++
			} else if toks[j].s == ")" {
				depth--
				if depth == 0 {
					break
				}
			}
		}
		if j < n && j < 16 && depth == 0 && j > 1 && (toks[1].upper || outletForms[strings.ToLower(toks[1].s)] != "") {
			k = j + 1
		}
	}
	start := k
	// the outlet first: "AKP Phnom Penh, June 18, 2018 —"
	if k+1 < n && toks[k].kind == 'w' && toks[k].upper && len(toks[k].s) >= 2 && toks[k+1].kind == 'w' && !toks[k+1].upper {
		if name, _, _ := cityAt(toks, k+1); name != "" {
			if c, _ := countryAt(toks, k); c == "" || c == "-" {
				if name, _, _ := cityAt(toks, k); name == "" {
					dl.outlet = toks[k].s
					k++
				}
			}
		}
	}
	places, caps := 0, false
	for places < 3 && k < n {
		t := toks[k]
		if t.kind != 'w' || !t.cap {
			break
		}
		if c, j := countryAt(toks, k); c != "" && c != "-" {
			if dl.code == "" {
				dl.code = c
			}
			caps = caps || toks[k].upper
			k = j
		} else if name, code, j := cityAt(toks, k); name != "" {
			if dl.city == "" {
				dl.city, dl.code = name, code
			}
			caps = caps || toks[k].upper
			k = j
		} else if t.upper && places == 0 && outletForms[t.low] == "" {
			// a city in capitals the table does not know: "VIENTIANE"
			j := k
			for j < n && j < k+3 && toks[j].kind == 'w' && toks[j].upper {
				j++
			}
			caps = true
			k = j
		} else {
			break
		}
		places++
		// "Ulaanbaatar [Mongolia]", "Tashkent (Uzbekistan)"
		if k+2 < n && (toks[k].s == "[" || toks[k].s == "(") && (toks[k+2].s == "]" || toks[k+2].s == ")") {
			if c, j := countryAt(toks, k+1); c != "" && c != "-" && j == k+2 {
				if dl.code == "" {
					dl.code = c
				}
				k += 3
			}
		}
		if k < n && (toks[k].is(",") || toks[k].is(".")) && k+1 < n && toks[k+1].kind == 'w' && toks[k+1].cap {
			if _, ok := dateAt(toks, k+1); ok {
				k++
				break
			}
			if c, _ := countryAt(toks, k+1); c != "" && c != "-" {
				k++
				continue
			}
			if name, _, _ := cityAt(toks, k+1); name != "" {
				k++
				continue
			}
			k++
			break
		}
		if k < n && (toks[k].is(",") || toks[k].is(".")) {
			k++
		}
		break
	}
	if places == 0 {
		if whole {
			return 0, nil
		}
		return datelineDateFirst(toks, start, dl)
	}
	// a date in brackets: "ISLAMABAD: (Tuesday, March 12, 2024):"
	if k+1 < n && (toks[k].is("(") || (toks[k].is(":") || toks[k].isDash()) && toks[k+1].is("(")) {
		o := k
		if !toks[k].is("(") {
			o++
		}
		if e, ok := dateAt(toks, o+1); ok && e.rel == 0 && e.m != 0 && e.d != 0 && e.j < n && toks[e.j].is(")") {
			dl.date, dl.hasDate = e, true
			dl.dateW = wspan{toks[e.i].start, toks[e.j-1].end}
			k = e.j + 1
		}
	}
	// a date after a separator: "Tbilisi / June 12, 2021 /"
	if k+1 < n && !dl.hasDate && (toks[k].is("/") || toks[k].is("|")) {
		if e, ok := dateAt(toks, k+1); ok && e.rel == 0 && e.m != 0 && e.d != 0 {
			k++
		}
	}
	// a date: "March 6", "9 October", "October 28, 2024"
	if k < n && !dl.hasDate {
		if e, ok := dateAt(toks, k); ok && e.rel == 0 && e.m != 0 {
			dl.date, dl.hasDate = e, true
			dl.dateW = wspan{toks[e.i].start, toks[e.j-1].end}
			k = e.j
			if k < n && (toks[k].is(",") || (toks[k].is(".") && k+1 < n && toks[k+1].kind == 'w' && toks[k+1].upper)) {
				k++
			}
		}
	}
	// the outlet: "(KUNA)", "(AA)", "REPORT.AZ", "MINA", "AZERTAC"
	if k < n {
		switch {
		case toks[k].s == "(":
			j := k + 1
			for j < n && j < k+6 && toks[j].s != ")" {
				j++
			}
			if j < n && toks[j].s == ")" && j > k+1 {
				dl.outlet = strings.TrimSpace(strings.Join(tokStrings(toks[k+1:j]), ""))
				k = j + 1
			}
		case toks[k].kind == 'w' && (toks[k].upper || outletForms[strings.ToLower(toks[k].s)] != ""):
			j := k + 1
			for j+1 < n && toks[j].is(".") && !toks[j].sp && toks[j+1].kind == 'w' && !toks[j+1].sp {
				j += 2
			}
			name := strings.Join(tokStrings(toks[k:j]), "")
			if j < n && isDatelineEnd(toks, j) {
				dl.outlet = name
				k = j
			} else if j < n && outletForms[strings.ToLower(name)] != "" && toks[j].kind == 'w' && toks[j].cap {
				// "NUR-SULTAN. KAZINFORM Defense Minister ...": a known
				// outlet needs no dash
				dl.outlet = name
				dl.start, dl.end = toks[start].start, toks[j-1].end
				return j, dl
			}
		}
	}
	if k < n && caps && dl.hasDate && toks[k].kind == 'w' && toks[k].cap && !isDatelineEnd(toks, k) {
		// "BANGKOK, Oct 8 China's ambassador ...": no dash after the date
		dl.start, dl.end = toks[start].start, toks[k-1].end
		return k, dl
	}
	if k >= n || !isDatelineEnd(toks, k) {
		return 0, nil
	}
	if !dl.hasDate && dl.outlet == "" && !caps {
		return 0, nil
	}
	// the separator, "--" written as two dashes
	k++
	for k < n && toks[k].isDash() {
		k++
	}
	if whole && k == n {
		dl.start, dl.end = toks[start].start, toks[k-1].end
		return k, dl
	}
	if k >= n || !(toks[k].cap || toks[k].isQuote() || toks[k].kind == 'n') {
		return 0, nil
	}
	dl.start, dl.end = toks[start].start, toks[k-1].end
	return k, dl
}

// datelineDateFirst reads a dateline that opens with its date, with its
// year: "12 March 2024 — ", "March 12, 2024 (Baku) - ".
func datelineDateFirst(toks []tok, start int, dl *dline) (int, *dline) {
	n := len(toks)
	e, ok := dateAt(toks, start)
	if !ok || e.rel != 0 || e.m == 0 || e.d == 0 || e.y == 0 {
		return 0, nil
	}
	k := e.j
	if k+1 < n && toks[k].is("(") {
		name, code, j := cityAt(toks, k+1)
		if name == "" {
			if c, jc := countryAt(toks, k+1); c != "" && c != "-" {
				code, j = c, jc
			}
		}
		if j == k+1 || j >= n || !toks[j].is(")") {
			return 0, nil
		}
		dl.city, dl.code = name, code
		k = j + 1
	} else if k+1 < n && toks[k].is(",") {
		// "16 September 2022, Amman –", "16 September 2022, Amman, Jordan:"
		j := k + 1
		for p := 0; p < 2 && j < n && toks[j].kind == 'w' && toks[j].cap; p++ {
			name, code, jn := cityAt(toks, j)
			if name == "" {
				c, jc := countryAt(toks, j)
				if c == "" || c == "-" {
					break
				}
				code, jn = c, jc
			}
			if dl.code == "" {
				dl.city, dl.code = name, code
			}
			j = jn
			if j+1 < n && toks[j].is(",") && toks[j+1].kind == 'w' && toks[j+1].cap {
				j++
			}
		}
		if dl.code != "" {
			k = j
		}
	}
	if k >= n || !(toks[k].isDash() || toks[k].is(":")) {
		return 0, nil
	}
	for k < n && (toks[k].isDash() || toks[k].is(":")) {
		k++
	}
	if k >= n || !(toks[k].cap || toks[k].isQuote() || toks[k].kind == 'n') {
		return 0, nil
	}
	dl.date, dl.hasDate = e, true
	dl.dateW = wspan{toks[e.i].start, toks[e.j-1].end}
	dl.start, dl.end = toks[start].start, toks[k-1].end
	return k, dl
}

// isDatelineEnd reports whether toks[k] closes a dateline.
func isDatelineEnd(toks []tok, k int) bool {
	t := toks[k]
	return t.kind == 'p' && (t.isDash() || t.s == ":" || t.s == "/" || t.s == ".")
}

func tokStrings(ts []tok) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.s
	}
	return out
}

// datelineAbove reads a dateline written on a line of its own just above
// the body ("Kathmandu, Sept 5 :" over the first paragraph) as the
// report's dateline; the line is then no headline.
func (d *doc) datelineAbove(bodyStart int) {
	if d.dl != nil {
		return
	}
	for i := bodyStart - 1; i >= 0; i-- {
		l := d.lines[i]
		if l.kind == lkEmpty {
			continue
		}
		if l.kind != lkOther || l.words > 8 {
			return
		}
		if dl := datelineLine(tokenize(d.text, l.start, l.end)); dl != nil {
			d.dl = dl
			d.lines[i].kind = lkFurniture
		}
		return
	}
}
