package extract

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Where the publication date came from, most trusted first.
const (
	pubNone  = iota
	pubGiven // Options.PublishedAt
	pubPage  // a stamp line of the page
	pubURL   // a date in the report's URL
	pubCrawl // the crawler's " date YYYY-MM-DD" line
)

// splitCrawlStamp cuts the crawler's stamp off the first line when the
// page's own first words follow it on the same line (" date 2023-10-07
// Serbian Defense Minister ..."), so that they are read as the page.
func splitCrawlStamp(ls []line) []line {
	for i, l := range ls {
		if l.text == "" {
			continue
		}
		if !isCrawlStamp(l.text) || len(l.text) <= 15 {
			return ls
		}
		rest := strings.TrimLeft(l.text[15:], " \t\u00a0")
		if rest == "" {
			return ls
		}
		r := line{start: l.end - len(rest), end: l.end, text: rest}
		ls[i] = line{start: l.start, end: l.start + 15, text: l.text[:15]}
		out := make([]line, 0, len(ls)+1)
		out = append(out, ls[:i+1]...)
		out = append(out, r)
		return append(out, ls[i+1:]...)
	}
	return ls
}

// crawlDate reads the crawler's stamp line.
func crawlDate(s string) (time.Time, bool) {
	if !isCrawlStamp(s) {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", s[5:15])
	return t, err == nil && t.Year() >= 1900 && t.Year() <= 2200
}

var (
	urlYMD = regexp.MustCompile(`/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|$|[-_.])`)
	urlYM  = regexp.MustCompile(`/((?:19|20)\d\d)/(0?[1-9]|1[0-2])/`)
	// /202410/14/: the year and month as one segment, the day the next
	urlYMSlashD = regexp.MustCompile(`/((?:19|20)\d\d)(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])/`)
	// /2020/jan/10/: the month as a word
	urlYMonD = regexp.MustCompile(`(?i)/((?:19|20)\d\d)/(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*/(0?[1-9]|[12]\d|3[01])(?:/|$)`)
	urlDMY   = regexp.MustCompile(`(?:^|[/_-])(0?[1-9]|[12]\d|3[01])[-.](0?[1-9]|1[0-2])[-.]((?:19|20)\d\d)(?:$|[/_.-])`)
	// 20240312 as a segment of its own, perhaps with its time
	// (202403121405), or after letters ("AEN20220427...")
	urlCompact = regexp.MustCompile(`(?:(?:^|[/_-])((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[01]\d[0-5]\d|2[0-3][0-5]\d)?(?:$|[/_.-])|[a-zA-Z]{2}((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01]))`)
	urlYear    = regexp.MustCompile(`[/_-]((?:19|20)\d\d)(?:$|[/.])`)
	// /18/05/2022/: day first, read only when the day cannot be a month
	urlDMYPath = regexp.MustCompile(`/(1[3-9]|2\d|3[01])/(0?[1-9]|1[0-2])/((?:19|20)\d\d)(?:/|$)`)
	// ?ud=20210910000719: a query value that is a date, perhaps with its time
	urlQuery = regexp.MustCompile(`(?:^|&)[A-Za-z_]+=((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:([01]\d|2[0-3])[0-5]\d[0-5]\d)?(?:&|$)`)
)

// urlDate reads a date from a report's URL: /2024/03/12/, /2024/03/,
// 12-03-2024, /18/05/2022/, /202403/12/, 20240312, ?ud=20240312101500. monthOnly is set
// when only the month is given.
func urlDate(raw string) (t time.Time, monthOnly, ok bool) {
	u, err := url.Parse(raw)
	if err != nil {
		return time.Time{}, false, false
	}
	p := u.Path
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	mk := func(y, m, d int) (time.Time, bool) {
		if !validDay(y, m, d) {
			return time.Time{}, false
		}
		return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
	}
	if m := urlYMD.FindStringSubmatch(p); m != nil {
		if t, ok := mk(atoi(m[1]), atoi(m[2]), atoi(m[3])); ok {
			return t, false, true
		}
	}
	if m := urlYMSlashD.FindStringSubmatch(p); m != nil {
		if t, ok := mk(atoi(m[1]), atoi(m[2]), atoi(m[3])); ok {
			return t, false, true
		}
	}
	if m := urlYMonD.FindStringSubmatch(p); m != nil {
		if t, ok := mk(atoi(m[1]), monthNames[strings.ToLower(m[2])], atoi(m[3])); ok {
			return t, false, true
		}
	}
	if m := urlDMY.FindStringSubmatch(p); m != nil {
		if t, ok := mk(atoi(m[3]), atoi(m[2]), atoi(m[1])); ok {
			return t, false, true
		}
	}
	if m := urlDMYPath.FindStringSubmatch(p); m != nil {
		if t, ok := mk(atoi(m[3]), atoi(m[2]), atoi(m[1])); ok {
			return t, false, true
		}
	}
	if m := urlCompact.FindStringSubmatch(p); m != nil {
		if m[1] == "" {
			m = m[3:]
		}
		if t, ok := mk(atoi(m[1]), atoi(m[2]), atoi(m[3])); ok {
			return t, false, true
		}
	}
	if m := urlQuery.FindStringSubmatch(u.RawQuery); m != nil {
		if t, ok := mk(atoi(m[1]), atoi(m[2]), atoi(m[3])); ok {
			return t, false, true
		}
	}
	if m := urlYM.FindStringSubmatch(p); m != nil {
		if t, ok := mk(atoi(m[1]), atoi(m[2]), 1); ok {
			return t, true, true
		}
	}
	return time.Time{}, false, false
}

// urlYearOnly reads a year that ends a URL's path or one of its segments
// ("...-166183-2025"): a hint for a date written without its year.
func urlYearOnly(raw string) int {
	u, err := url.Parse(raw)
	if err != nil {
		return 0
	}
	if m := urlYear.FindStringSubmatch(u.Path); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y
	}
	return 0
}

// setPublished settles the publication date: from the options; else a
// stamp line of the page (before the body, or alone after it); else the
// report's URL; else the crawler's stamp. A date written with numbers only
// whose day and month could be swapped takes the reading the URL or the
// crawler's stamp agrees with.
func (b *builder) setPublished() {
	if b.opt.PublishedAt != nil && !b.opt.PublishedAt.IsZero() {
		t := b.opt.PublishedAt.Time
		if t.Year() >= 1900 && t.Year() <= 2200 {
			b.pub, b.pubKind = &t, pubGiven
			return
		}
		b.warn("the publication date %s given is out of range and was left out", b.opt.PublishedAt.Format("2006-01-02"))
	}
	d := b.d
	var crawl, fromURL *time.Time
	urlMonth := false
	if d.crawlLine >= 0 {
		if t, ok := crawlDate(d.lines[d.crawlLine].text); ok {
			crawl = &t
		}
	}
	if b.opt.URL != nil {
		if t, mo, ok := urlDate(*b.opt.URL); ok {
			fromURL, urlMonth = &t, mo
		}
	}
	agrees := func(t time.Time) bool {
		return (fromURL != nil && sameDay(*fromURL, t)) || (crawl != nil && sameDay(*crawl, t))
	}
	best, bestScore, ambYear := -1, -1, 0
	var amb *dline
	var bestT time.Time
	lastBody := -1
	for i := len(d.lines) - 1; i >= 0 && d.bodyStart >= 0; i-- {
		if d.lines[i].kind == lkBody {
			lastBody = i
			break
		}
	}
	tail := tailDates(d, lastBody)
	for _, li := range d.dateLines {
		if d.bodyStart >= 0 && li > d.bodyStart && li < lastBody {
			continue // a date among the paragraphs: a caption, not the stamp
		}
		if tail > 1 && d.bodyStart >= 0 && li > lastBody {
			continue // several dates below the text: a list of other news
		}
		l := d.lines[li]
		e, ok := dateLine(d.text, l.start, l.end)
		if ok && e.y == 0 && e.d != 0 && validDay(0, e.m, e.d) && b.partial == nil {
			// "19:10, 3 March": a stamp without its year
			b.partial = &dline{start: l.start, end: l.end, date: e, hasDate: true}
			toks := tokenize(d.text, l.start, l.end)
			b.partial.dateW = wspan{toks[e.i].start, toks[e.j-1].end}
			continue
		}
		if !ok || e.y == 0 || e.d == 0 || !validDay(e.y, e.m, e.d) {
			continue
		}
		t := time.Date(e.y, time.Month(e.m), e.d, 0, 0, 0, 0, time.UTC)
		if e.amb && !agrees(t) {
			sw := time.Date(e.y, time.Month(e.d), e.m, 0, 0, 0, 0, time.UTC)
			if !validDay(e.y, e.d, e.m) || !agrees(sw) {
				// "05/06/2024" that nothing confirms gives its year only
				if ambYear == 0 {
					ambYear = e.y
					toks := tokenize(d.text, l.start, l.end)
					amb = &dline{start: l.start, end: l.end, date: e, hasDate: true, dateW: wspan{toks[e.i].start, toks[e.j-1].end}}
				}
				continue
			}
			t = sw
		}
		score := 1
		if updateStamp(l.text) {
			score -= 3 // when the page was changed, not published
		}
		if hasTime(l.text) {
			score++
		}
		if d.bodyStart < 0 || li < d.bodyStart {
			score += 2
		}
		if agrees(t) {
			score += 2
		}
		if score > bestScore {
			best, bestScore, bestT = li, score, t
		}
	}
	switch {
	case best >= 0:
		l := d.lines[best]
		b.pub, b.pubKind, b.pubText, b.pubStart, b.pubEnd = &bestT, pubPage, true, l.start, l.end
		// a page's "Updated" stamp may come days after the report: no
		// relative day counts from it ("By JT - May 20, 2022 - Last updated
		// at May 20, 2022" gives the day of publication first)
		if e, ok := dateLine(d.text, l.start, l.end); ok {
			toks := tokenize(d.text, l.start, l.end)
			b.pubDoubt = updateStamp(d.text[l.start:toks[e.i].start])
		}
		if crawl != nil && absDays(crawl.Sub(bestT)) > 1 && !(crawl.After(bestT) && releaseLabel(l.text)) {
			// the page's stamp and the crawler's disagree: neither day is
			// sure enough to count "yesterday" or a weekday from, unless
			// the page's says it is the day of the release ("Press
			// release, 16 September 2022") and the crawler's is later
			b.pubDoubt = true
			b.warn("the page's stamp (%s) and the crawler's (%s) disagree: no relative day is counted from either", bestT.Format("2006-01-02"), crawl.Format("2006-01-02"))
		}
		toks := tokenize(d.text, l.start, l.end)
		for i := range toks {
			if e, ok := dateAt(toks, i); ok && e.rel == 0 {
				b.pubW = wspan{toks[e.i].start, toks[e.j-1].end}
				break
			}
		}
	case fromURL != nil && !urlMonth:
		b.pub, b.pubKind = fromURL, pubURL
	case crawl != nil && (fromURL == nil || (urlMonth && crawl.Year() == fromURL.Year() && crawl.Month() == fromURL.Month())):
		l := d.lines[d.crawlLine]
		b.pub, b.pubKind, b.pubText, b.pubStart, b.pubEnd = crawl, pubCrawl, true, l.start, l.end
		b.pubW = wspan{l.start + 5, l.start + 15}
	case fromURL != nil:
		b.pub, b.pubKind, b.pubMonth = fromURL, pubURL, true
	}
	if b.pub == nil && b.opt.URL != nil {
		if y := urlYearOnly(*b.opt.URL); y != 0 && !d.yearOutsideDates(y) {
			b.urlYear = y
		}
	}
	if b.pub == nil && b.urlYear == 0 {
		b.urlYear = ambYear
	}
	if b.pub == nil {
		b.ambStamp = amb
	}
}

func sameDay(a, b time.Time) bool {
	return a.Year() == b.Year() && a.Month() == b.Month() && a.Day() == b.Day()
}

// checkRepublished marks a stamp (the crawler's or the page's) that cannot
// be the report's date: a document signed for a year two or more years
// before it ("the plan for 2020" signed puts the meeting in 2019 or 2020),
// or a full date as old in the opening sentences. (Years the report names
// are not enough: reports recall old treaties and earlier visits.) Its year
// then completes no date and its day resolves no "yesterday".
func (b *builder) checkRepublished() {
	if b.pub == nil || b.pubKind == pubGiven || b.pubKind == pubURL {
		return
	}
	d := b.d
	py := b.pub.Year()
	old := false
	for s := range d.sents {
		T := d.st(s)
		for i, t := range T {
			y, ok := yearVal(t)
			if !ok || y > py+1 {
				continue
			}
			if y > py-2 {
				continue
			}
			// "the plan for 2020", "for 2019-2020", signed
			if p := prevWord(T, i); (p == "for" || p == "year") && hasWord(T, "signed", "signing", "inked") {
				old = true
			}
			// "on May 2, 2013" in the first sentences
			if s < 3 {
				for _, e := range findDates(T) {
					if e.i <= i && i < e.j && republishedDate(T, e) {
						old = true
					}
				}
			}
		}
	}
	if old {
		b.republished = true
		b.warn("the page's stamp (%s) is years after the events the report gives a year for: it is taken for a re-publication, not the report's date", b.pub.Format("2006-01-02"))
	}
}

// absDays returns the whole days of a duration, without its sign.
func absDays(d time.Duration) int {
	if d < 0 {
		d = -d
	}
	return int(d / (24 * time.Hour))
}

// tailDates counts the distinct full dates of the stamp lines below the
// report's last paragraph.
func tailDates(d *doc, lastBody int) int {
	if d.bodyStart < 0 {
		return 0
	}
	seen := map[string]bool{}
	for _, li := range d.dateLines {
		if li <= lastBody {
			continue
		}
		l := d.lines[li]
		if e, ok := dateLine(d.text, l.start, l.end); ok && e.d != 0 {
			seen[fmt.Sprint(e.y, e.m, e.d)] = true
		}
	}
	return len(seen)
}

// releaseLabel reports whether a stamp line says its date is the day the
// page or its news was released: "Press release, ...", "Published on
// ...", "Issued ...", "Posted ...".
func releaseLabel(line string) bool {
	for _, w := range foldWords(line) {
		switch w {
		case "release", "released", "published", "issued", "posted":
			return true
		}
	}
	return false
}

// yearOutsideDates reports whether the report writes year y other than in
// a date: "the cooperation plan for 2018", a headline's "2018". A URL whose
// slug ends with such a year copies the title; the year is not the page's.
func (d *doc) yearOutsideDates(y int) bool {
	outside := func(T []tok) bool {
		es := findDates(T)
		k := 0
		for i, t := range T {
			for k < len(es) && es[k].j <= i {
				k++
			}
			if v, ok := yearVal(t); ok && v == y && !(k < len(es) && es[k].i <= i) {
				return true
			}
		}
		return false
	}
	for s := range d.sents {
		if outside(d.st(s)) {
			return true
		}
	}
	if d.headline >= 0 {
		l := d.lines[d.headline]
		return outside(tokenize(d.text, l.start, l.end))
	}
	return false
}

// updateStamp reports whether a stamp line dates a change of the page, not
// its publication: "Updated: ...", "Last modified ...".
func updateStamp(line string) bool {
	low := strings.ToLower(line)
	return strings.Contains(low, "updat") || strings.Contains(low, "modified") || strings.Contains(low, "actualiz")
}
