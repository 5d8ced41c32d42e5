package extract

import (
	"strings"
)

// doc is the parsed input: its lines, the article body cut into paragraphs,
// sentences and tokens, and what was found in them.
type doc struct {
	text  string
	lines []line
	toks  []tok
	sents []sentence
	paras []paragraph

	bodyStart, bodyEnd int // line range of the body; bodyStart -1 when none
	headline           int // line index, -1 when none
	alts               []int
	outletLines        []int
	dateLines          []int
	crawlLine          int // the crawler's " date YYYY-MM-DD" line, -1 when none
	dl                 *dline

	ctry   [][]cmention // country mentions by sentence
	cmask  [][]string   // per sentence and token: country code, "-" for a non-country phrase
	cityM  [][]cmention // city mentions by sentence
	people []pmention
	bySent [][]int // person mentions by sentence
	ents   map[string]*entity
	order  []string // entity keys in order of first mention

	hlLast, hlFirst map[string][]string // the headline's full names, by last and first word

	anchors []*anchorMemo // by sentence, filled on first use
	dlgMemo [][]dmention
	dlgDone []bool
}

type anchorMemo struct {
	a  anchor
	ok bool
}

func (d *doc) st(s int) []tok {
	se := d.sents[s]
	return d.toks[se.t0:se.t1]
}

func (d *doc) sentText(s int) string {
	return d.text[d.sents[s].start:d.sents[s].end]
}

// span returns the text of tokens [i, j) of sentence s as written.
func (d *doc) span(s, i, j int) string {
	T := d.st(s)
	if i < 0 || j > len(T) || i >= j {
		return ""
	}
	return d.text[T[i].start:T[j-1].end]
}

func parse(text string) *doc { return parseDoc(text, false) }

// parseDoc parses a report; withHeadline reads the headline as the first
// paragraph too, for a report whose body reports no meeting that its
// headline does ("X met Y and discussed ..." above a body about it).
func parseDoc(text string, withHeadline bool) *doc {
	d := &doc{text: text, headline: -1, bodyStart: -1, crawlLine: -1}
	d.lines = splitCrawlStamp(splitLines(text))
	classify(text, d.lines)
	for i, l := range d.lines {
		if l.text != "" {
			if isCrawlStamp(l.text) {
				d.crawlLine = i
			}
			break
		}
	}
	start := -1
	for i, l := range d.lines {
		if l.kind == lkBody {
			start = i
			break
		}
		if l.kind == lkOther && l.words >= 5 {
			if j := d.blockEnd(i, len(d.lines)); j > i && d.blockIsBody(i, j) {
				for k := i; k <= j; k++ {
					d.lines[k].kind = lkBody
				}
				start = i
				break
			}
		}
	}
	end := len(d.lines)
	if start >= 0 {
		for i := start + 1; i < len(d.lines); i++ {
			if d.lines[i].kind == lkCut {
				end = i
				break
			}
		}
		// a list of other news before the article: take the segment between
		// markers that holds the most text
		best := 0
		for i := start; i < end; i++ {
			if d.lines[i].kind == lkBody {
				best += d.lines[i].words
			}
		}
		for i := end; i < len(d.lines); {
			j := i + 1
			for j < len(d.lines) && d.lines[j].kind != lkCut {
				j++
			}
			words, first := 0, -1
			for k := i + 1; k < j; k++ {
				if d.lines[k].kind == lkBody {
					words += d.lines[k].words
					if first < 0 {
						first = k
					}
				}
			}
			if first >= 0 && words > 2*best && words >= 60 {
				start, end, best = first, j, words
			}
			i = j
		}
	}
	d.bodyStart, d.bodyEnd = start, end
	d.toks = make([]tok, 0, len(text)/5+16)
	limit := end
	if start < 0 {
		limit = len(d.lines)
	}
	for i := 0; i < limit; i++ {
		switch d.lines[i].kind {
		case lkAlt:
			d.alts = append(d.alts, i)
		case lkOutlet:
			d.outletLines = append(d.outletLines, i)
		case lkDate:
			d.dateLines = append(d.dateLines, i)
		}
	}
	for i := limit; i < len(d.lines); i++ {
		if d.lines[i].kind == lkOutlet {
			d.outletLines = append(d.outletLines, i)
		}
	}
	if start >= 0 {
		d.datelineAbove(start)
		d.findHeadline(start)
		if withHeadline && d.headline >= 0 {
			l := d.lines[d.headline]
			d.addParagraph(l.start, l.end)
		}
		d.buildParagraphs(start, end)
	}
	d.annotate()
	return d
}

var headlineWords = setOf("defense", "defence", "military", "minister", "ministry", "ministers", "army", "meet",
	"meets", "met", "visit", "visits", "talks", "cooperation", "sign", "signs", "signed", "delegation", "chief",
	"general", "navy", "naval", "security", "dialogue", "hosts", "hosted", "receives", "received", "discuss",
	"discusses", "discussed", "ministries", "counterpart", "call", "calls", "phone", "readout", "armed", "forces",
	"staff", "coas", "cjcsc", "secretary", "plan", "memorandum", "agreement", "partnership", "ties", "relations",
	"bolster", "strengthen", "boost", "expand")

func (d *doc) findHeadline(bodyStart int) {
	bodyFirst := strings.ToLower(d.lines[bodyStart].text)
	for i := bodyStart - 1; i >= 0; i-- {
		l := d.lines[i]
		if l.kind != lkOther || l.words < 3 || l.words > 30 || strings.HasSuffix(l.text, ":") {
			continue
		}
		score := 0
		toks := tokenize(d.text, l.start, l.end)
		for k, t := range toks {
			if t.kind == 'w' && headlineWords[t.low] {
				score++
			}
			if c, _ := countryAt(toks, k); c != "" {
				score++
			}
		}
		if score == 0 || strings.HasPrefix(bodyFirst, strings.ToLower(l.text)) {
			continue
		}
		d.headline = i
		return
	}
}

// headlineText returns the headline without a trailing " | Outlet" or
// " - Outlet", and the outlet it names.
func (d *doc) headlineText() (string, string) {
	if d.headline < 0 {
		return "", ""
	}
	t := cleanValue(d.lines[d.headline].text)
	for _, sep := range []string{" | ", " - ", " – ", " — "} {
		if i := strings.LastIndex(t, sep); i > 0 {
			if o := outletOfLine(t[i+len(sep):]); o != "" {
				return strings.TrimSpace(t[:i]), o
			}
		}
	}
	return t, ""
}

// blockEnd returns the last line that joins line i into one paragraph: a
// hard-wrapped paragraph goes on while a line does not end a sentence and
// the next follows without a blank line.
func (d *doc) blockEnd(i, end int) int {
	j := i
	for j+1 < end {
		cur, next := d.lines[j], d.lines[j+1]
		if next.kind == lkEmpty || next.kind == lkCut || next.kind == lkAlt || next.kind == lkFurniture ||
			next.kind == lkDate || endsTerminal(cur.text) || strings.HasSuffix(cur.text, ":") || cur.item || next.item {
			break
		}
		// a line much shorter than a whole paragraph after it is a title,
		// not the first line of a wrapped paragraph
		title := !startsLower(next.text) && len(next.text) > len(cur.text)*3/2 && endsTerminal(next.text) && len(cur.text) < 120
		if startsLower(next.text) || (len(cur.text) >= 50 && endsSoft(cur.text) && next.words >= 3 && !title &&
			(next.kind == lkBody || next.kind == lkOther)) {
			j++
			continue
		}
		break
	}
	return j
}

// blockIsBody reports whether lines i..j read as article text.
func (d *doc) blockIsBody(i, j int) bool {
	words := 0
	for k := i; k <= j; k++ {
		words += d.lines[k].words
	}
	return (words >= 12 && endsTerminal(d.lines[j].text)) || words >= 30
}

// buildParagraphs joins the body lines into paragraphs and cuts them into
// sentences and tokens.
func (d *doc) buildParagraphs(start, end int) {
	nextFull := func(i, step int) int {
		for k := i + step; k >= 0 && k < len(d.lines); k += step {
			if d.lines[k].kind != lkEmpty {
				return k
			}
		}
		return -1
	}
	for i := start; i < end; i++ {
		l := d.lines[i]
		if l.kind == lkOther && l.words >= 8 && !isTitleCase(l.text) && !strings.HasSuffix(l.text, ":") {
			n, p := nextFull(i, 1), nextFull(i, -1)
			last := n < 0 && end == len(d.lines)
			between := n >= 0 && n < end && d.lines[n].kind == lkBody && p >= 0 && d.lines[p].kind == lkBody
			if last || between {
				d.lines[i].kind = lkBody
				l.kind = lkBody
			}
		}
		if l.kind == lkOther && l.words >= 5 {
			if j := d.blockEnd(i, end); j > i && d.blockIsBody(i, j) {
				l.kind = lkBody
			}
		}
		if l.kind != lkBody {
			continue
		}
		j := d.blockEnd(i, end)
		d.addParagraph(l.start, d.lines[j].end)
		i = j
	}
}

const maxSentenceTokens = 300

func (d *doc) addParagraph(start, end int) {
	toks := tokenize(d.text, start, end)
	if len(toks) == 0 {
		return
	}
	if d.dl == nil && len(d.paras) < 2 {
		// the dateline is the report's, not a sentence's
		if k, dl := datelineAt(toks); k > 0 && k < len(toks) {
			d.dl = dl
			toks = toks[k:]
			start = toks[0].start
		}
	}
	p := paragraph{start: start, end: end, s0: len(d.sents)}
	base := len(d.toks)
	d.toks = append(d.toks, toks...)
	var ranges [][2]int
	for _, r := range splitSentences(toks) {
		// a run-on "sentence" (a table, a list, garbage) is cut into pieces so
		// that no rule has to look across thousands of tokens
		for r[1]-r[0] > maxSentenceTokens {
			ranges = append(ranges, [2]int{r[0], r[0] + maxSentenceTokens})
			r[0] += maxSentenceTokens
		}
		ranges = append(ranges, r)
	}
	for _, r := range ranges {
		if r[1] <= r[0] {
			continue
		}
		d.sents = append(d.sents, sentence{
			start: toks[r[0]].start, end: toks[r[1]-1].end,
			t0: base + r[0], t1: base + r[1], para: len(d.paras),
		})
	}
	p.s1 = len(d.sents)
	d.paras = append(d.paras, p)
}

// cmention is a country (or city) named in a sentence.
type cmention struct {
	i, j int
	code string
	adj  bool
	name string // the city's name, for cities
}

// countryAt matches a country name, official form, adjective or
// abbreviation starting at toks[i]; it returns the code ("" for none, "-"
// for a phrase that is not a country) and the end.
func countryAt(toks []tok, i int) (string, int) {
	c, j, _ := countryAtAdj(toks, i)
	return c, j
}

func countryAtAdj(toks []tok, i int) (string, int, bool) {
	t := toks[i]
	if t.kind != 'w' || !t.cap {
		return "", i, false
	}
	// dotted abbreviations: U.S., U.K., U.A.E.
	if len(t.s) == 1 && i+1 < len(toks) && toks[i+1].is(".") && !toks[i+1].sp {
		var b strings.Builder
		k := i
		for k+1 < len(toks) && toks[k].kind == 'w' && len(toks[k].s) == 1 && toks[k].cap && toks[k+1].is(".") && !toks[k+1].sp {
			if k > i && toks[k].sp {
				break
			}
			b.WriteString(toks[k].s)
			b.WriteByte('.')
			k += 2
		}
		if info, ok := countryAbbrs[b.String()]; ok {
			return info.code, k, info.adj
		}
		return "", i, false
	}
	if t.upper {
		if info, ok := countryAbbrs[t.s]; ok {
			return info.code, i + 1, info.adj
		}
	}
	if !phraseFirst[t.low] {
		return "", i, false
	}
	// words, with glued hyphens between them
	var words [8]string
	var ends [8]int
	n := 0
	k := i
	for n < maxPhraseWords && n < len(words) && k < len(toks) {
		if toks[k].kind == 'p' {
			if n > 0 && (toks[k].isDash() && !toks[k].sp || toks[k].s == "'s" || toks[k].is(".") && !toks[k].sp && words[n-1] == "st") &&
				k+1 < len(toks) && toks[k+1].kind == 'w' {
				k++
				continue
			}
			break
		}
		words[n] = toks[k].low
		ends[n] = k + 1
		n++
		k++
		if n > 1 && !phrasePrefixes[strings.Join(words[:n], " ")] {
			n-- // no country's name goes on so
			break
		}
	}
	for m := n; m >= 1; m-- {
		key := words[0]
		if m > 1 {
			key = strings.Join(words[:m], " ")
		}
		if info, ok := countryPhrases[key]; ok {
			if info.code == "" {
				return "-", ends[m-1], false
			}
			return info.code, ends[m-1], info.adj
		}
	}
	return "", i, false
}

func cityAt(toks []tok, i int) (string, string, int) {
	t := toks[i]
	if t.kind != 'w' || !t.cap || !cityFirst[t.low] {
		return "", "", i
	}
	var words []string
	var ends []int
	k := i
	for len(words) < maxCityWords && k < len(toks) {
		if toks[k].kind == 'p' {
			if toks[k].isDash() && !toks[k].sp && len(words) > 0 {
				k++
				continue
			}
			break
		}
		words = append(words, toks[k].low)
		ends = append(ends, k+1)
		k++
	}
	for m := len(words); m >= 1; m-- {
		if c, ok := cities[strings.Join(words[:m], " ")]; ok {
			return c.name, c.code, ends[m-1]
		}
	}
	return "", "", i
}

// annotate finds countries, cities and people in every sentence.
func (d *doc) annotate() {
	n := len(d.sents)
	d.ctry = make([][]cmention, n)
	d.cmask = make([][]string, n)
	d.cityM = make([][]cmention, n)
	for s := range d.sents {
		T := d.st(s)
		mask := make([]string, len(T))
		for i := 0; i < len(T); i++ {
			c, j, adj := countryAtAdj(T, i)
			if name, code, k := cityAt(T, i); name != "" && k > j {
				// a city named after its country: "Kuwait City"
				d.cityM[s] = append(d.cityM[s], cmention{i: i, j: k, code: code, name: name})
				for x := i; x < k; x++ {
					mask[x] = "@"
				}
				i = k - 1
				continue
			}
			if c != "" {
				for k := i; k < j; k++ {
					mask[k] = c
				}
				if c != "-" {
					d.ctry[s] = append(d.ctry[s], cmention{i: i, j: j, code: c, adj: adj})
				}
				i = j - 1
				continue
			}
			if name, code, j := cityAt(T, i); name != "" {
				d.cityM[s] = append(d.cityM[s], cmention{i: i, j: j, code: code, name: name})
				for k := i; k < j; k++ {
					mask[k] = "@"
				}
				i = j - 1
			}
		}
		d.cmask[s] = mask
	}
	d.stateForms()
	d.abbrCountries()
	d.findPeople()
	d.mentionCountries()
}

// countryIn returns the country named at token i of sentence s, if any.
func (d *doc) countryIn(s, i int) (cmention, bool) {
	for _, c := range d.ctry[s] {
		if c.i <= i && i < c.j {
			return c, true
		}
	}
	return cmention{}, false
}

func (d *doc) isCountryTok(s, i int) bool {
	m := d.cmask[s][i]
	return m != "" && m != "-" && m != "@"
}

// lowWords reports whether the folded words ws follow one another from
// token i of T (punctuation other than hyphens breaks the match).
func lowWords(T []tok, i int, ws ...string) bool {
	k := i
	for _, w := range ws {
		for k < len(T) && T[k].isDash() && !T[k].sp {
			k++
		}
		if k >= len(T) || T[k].kind == 'p' || T[k].low != w {
			return false
		}
		k++
	}
	return true
}

// findWord returns the index of the first token in T[from:to] whose folded
// form is one of ws, or -1.
func findWord(T []tok, from, to int, ws ...string) int {
	if to > len(T) {
		to = len(T)
	}
	for i := max(from, 0); i < to; i++ {
		if T[i].kind == 'p' {
			continue
		}
		for _, w := range ws {
			if T[i].low == w {
				return i
			}
		}
	}
	return -1
}

func hasWord(T []tok, ws ...string) bool { return findWord(T, 0, len(T), ws...) >= 0 }

// hasPhrase reports whether the folded phrase (words separated by spaces)
// occurs in T.
func hasPhrase(T []tok, phrase string) bool {
	return findPhrase(T, 0, phrase) >= 0
}

func findPhrase(T []tok, from int, phrase string) int {
	first, _, _ := strings.Cut(phrase, " ")
	for i := max(from, 0); i < len(T); i++ {
		if T[i].kind != 'p' && T[i].low == first && phraseAt(T, i, phrase) {
			return i
		}
	}
	return -1
}

// phraseAt is lowWords for a phrase of words separated by single spaces.
func phraseAt(T []tok, i int, phrase string) bool {
	k := i
	for phrase != "" {
		var w string
		w, phrase, _ = strings.Cut(phrase, " ")
		for k < len(T) && T[k].isDash() && !T[k].sp {
			k++
		}
		if k >= len(T) || T[k].kind == 'p' || T[k].low != w {
			return false
		}
		k++
	}
	return true
}
