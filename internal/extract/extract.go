// Package extract turns the English text of a defence ministry's news report
// into a draft meeting record, with the evidence for every value it fills in.
//
// It is rule-based and deterministic: tables of countries, cities, ranks and
// outlets, and patterns for the phrasings reports use ("received the
// delegation led by", "paid an official visit to", "called on", "At the end of
// the meeting, the plan ... was signed"). It reads no network and loads no
// model.
package extract

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/milmeet/milmeet/internal/domain"
)

// Options are what is known of a report besides its text.
type Options struct {
	URL         *string
	Outlet      *string
	PublishedAt *domain.Day
	Language    string // "en" when empty
}

// Evidence ties one extracted value to the words it came from: the sentence
// (or line) it was read in, and within it the words themselves, so that
// text[offset:offset+length] reads as the value (a name as written, a date
// as written, the country's name or adjective for a country code). A value
// that rests on what was given with the text (Options) and on no words has
// length 0.
type Evidence struct {
	Field      string  `json:"field"` // JSON pointer into the draft meeting, e.g. "/delegations/0/head/name"
	Value      any     `json:"value"`
	Start      int     `json:"start"` // byte offsets of the sentence in the input text, end exclusive
	End        int     `json:"end"`
	Offset     int     `json:"offset"`     // byte offset of the words in the input text
	Length     int     `json:"length"`     // their length in bytes
	Text       string  `json:"text"`       // the words: text[offset:offset+length]
	Confidence float64 `json:"confidence"` // 0..1
}

// Result is a draft meeting in the POST /meetings shape, with its evidence and
// what could not be settled.
type Result struct {
	Meeting  domain.Meeting `json:"meeting"`
	Evidence []Evidence     `json:"evidence"`
	Warnings []string       `json:"warnings"`
	// Confidence (0..1) is how far the draft's key values can be trusted
	// together: the least of the confidences of its date, of each
	// participating country, of its host (or of there being none) and of
	// each head of delegation, lowered for every warning about the draft.
	// A draft without a date or with fewer than two countries is at most
	// 0.2. See confidence.go and docs/extraction.md for its calibration.
	Confidence float64 `json:"confidence"`
}

// Extract reads a report and returns a draft meeting. It never panics: were a
// rule to fail on some input, the result says so in its warnings.
func Extract(text string, opt Options) (res Result) {
	defer func() {
		if r := recover(); r != nil {
			res = Result{
				Meeting:  domain.Meeting{Kind: "meeting", Topics: []domain.Topic{}, Delegations: []domain.Delegation{}, Ceremonies: []domain.Ceremony{}, Agreements: []domain.Agreement{}},
				Evidence: []Evidence{},
				Warnings: []string{fmt.Sprintf("internal error: %v", r)},
			}
		}
	}()
	b := &builder{d: parse(text), opt: opt}
	b.run()
	return b.res
}

type builder struct {
	d   *doc
	opt Options
	res Result

	pub      *time.Time
	pubStart int
	pubEnd   int
	pubText  bool
	pubW     wspan // the words of the date in the stamp

	date      domain.PartialDate
	dateS     int
	dateConf  float64
	dateStart int
	dateEnd   int
	dateW     wspan // the words of the date
	dateGiven bool  // the date rests on Options.PublishedAt alone
	endDate   *domain.Day
	mainS     int
	hasMain   bool
	warned    map[string]bool
	keyWarns  int // warnings about date, countries, host or heads
}

// warnKey warns about one of the values that make a record right or wrong
// (date, countries, host, heads); such warnings lower the confidence more.
func (b *builder) warnKey(format string, args ...any) {
	n := len(b.res.Warnings)
	b.warn(format, args...)
	if len(b.res.Warnings) > n {
		b.keyWarns++
	}
}

func (b *builder) warn(format string, args ...any) {
	w := fmt.Sprintf(format, args...)
	if b.warned == nil {
		b.warned = map[string]bool{}
	}
	if !b.warned[w] {
		b.warned[w] = true
		b.res.Warnings = append(b.res.Warnings, w)
	}
}

func (b *builder) run() {
	d := b.d
	b.res.Evidence = []Evidence{}
	b.res.Warnings = []string{}
	b.setPublished()

	a, ok := d.findMain()
	b.hasMain, b.mainS = ok, a.s
	main := &meetingDraft{anchor: a, hasAnc: ok}
	var sections [][]int
	if ok {
		b.sides(main, a)
		starts := b.childStarts(main, a.s+1)
		inChild := map[int]bool{}
		var spans [][]int
		for k, st := range starts {
			next := len(d.sents)
			if k+1 < len(starts) {
				next = starts[k+1]
			}
			span := d.childSpan(st, next)
			for _, s := range span {
				inChild[s] = true
			}
			spans = append(spans, span)
		}
		for s := range d.sents {
			if !inChild[s] {
				main.sents = append(main.sents, s)
			}
		}
		sections = append([][]int{main.sents}, spans...)
		b.finishMain(main)
	} else {
		main.sents = rangeInts(0, len(d.sents))
		sections = [][]int{main.sents}
		if len(d.sents) == 0 {
			b.warn("no article text was found")
		} else {
			b.warnKey("no sentence reports a meeting between named officials or delegations")
		}
	}
	b.findDate(main)

	m := b.emit(main, "")
	keys := map[string]bool{}
	for _, sec := range sections[1:] {
		c := b.buildChild(main, sec)
		if c == nil || len(c.dlgs) == 0 {
			continue
		}
		// the store keeps one child meeting per date, kind and set of
		// countries: later talks of the same sides are left to the reviewer
		var cs []string
		for _, x := range c.dlgs {
			cs = append(cs, x.code)
		}
		slices.Sort(cs)
		key := string(c.kind) + "|" + strings.Join(cs, ",")
		if keys[key] {
			who := "the same delegations"
			for _, x := range c.dlgs {
				if x.head >= 0 {
					who = d.people[x.head].name
					break
				}
			}
			b.warn("the talks with %s (%q) are not recorded as a child meeting: a meeting holds one child meeting per date, kind and set of countries", who, clip(cleanValue(d.sentText(sec[0])), 200))
			continue
		}
		keys[key] = true
		at := fmt.Sprintf("/child_meetings/%d", len(m.ChildMeetings))
		cm := b.emit(c, at)
		m.ChildMeetings = append(m.ChildMeetings, cm)
	}
	b.source(&m)
	b.title(&m, main)
	if len(m.Delegations) == 0 {
		b.warnKey("no participating country could be identified")
	}
	if len(d.sents) > 0 {
		last := d.sents[len(d.sents)-1]
		if !endsTerminal(strings.TrimSpace(d.text[last.start:last.end])) {
			b.warn("the text seems cut off mid-sentence; facts after the cut are missing")
		}
	}
	if err := m.Validate(); err != nil {
		b.warnKey("the draft is not yet a valid meeting: %s", validationText(err))
	}
	b.res.Meeting = m
	b.res.Confidence = b.confidence(main, m)
}

func validationText(err error) string {
	var parts []string
	if de, ok := err.(*domain.Error); ok {
		for _, f := range de.Fields {
			parts = append(parts, f.Pointer+" "+f.Detail)
		}
	}
	if len(parts) == 0 {
		return err.Error()
	}
	return strings.Join(parts, "; ")
}

func rangeInts(a, b int) []int {
	out := make([]int, 0, max(0, b-a))
	for i := a; i < b; i++ {
		out = append(out, i)
	}
	return out
}

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

// sides sets the delegations of the main meeting from its sentence.
func (b *builder) sides(m *meetingDraft, a anchor) {
	d := b.d
	subj, obj := d.sidePeople(a)
	T := d.st(a.s)
	subjCodes := d.sideCountries(a.s, 0, a.i, subj)
	objCodes := d.sideCountries(a.s, a.j, len(T), obj)
	if a.dest != "" && len(obj) == 0 && !slices.Contains(objCodes, a.dest) {
		objCodes = append(objCodes, a.dest)
	}
	m.subj, m.obj = subj, obj
	country := map[int]string{}
	conf := map[int]float64{}
	for _, idx := range append(append([]int{}, subj...), obj...) {
		country[idx], conf[idx] = d.countryOf(idx)
	}
	// people listed in a delegation ("the delegation led by A and B") share
	// its country
	inherit := func(side []int, codes []string, from, to int) {
		hasDel := false
		for _, dm := range d.delegationsIn(a.s) {
			if dm.i >= from && dm.i < to {
				hasDel = true
			}
		}
		if !hasDel {
			return
		}
		base := ""
		if len(codes) == 1 {
			base = codes[0]
		}
		for _, idx := range side {
			if country[idx] != "" {
				if base == "" {
					base = country[idx]
				}
				break
			}
		}
		for _, idx := range side {
			if country[idx] == "" && base != "" {
				country[idx], conf[idx] = base, 0.7
			}
		}
	}
	inherit(subj, subjCodes, 0, a.i)
	inherit(obj, objCodes, a.j, len(T))

	known := func(side []int, codes []string) string {
		for _, idx := range side {
			if country[idx] != "" {
				return country[idx]
			}
		}
		if len(codes) > 0 {
			return codes[0]
		}
		return ""
	}
	host, hostS, hostConf := "", a.s, 0.0
	hostSide := -1
	if !a.call && !a.video {
		switch a.class {
		case aHost:
			host, hostConf, hostSide = known(subj, subjCodes), 0.9, 0
		case aPassive:
			host, hostConf, hostSide = known(obj, objCodes), 0.9, 1
		case aGuest:
			hostSide = 1
			host, hostConf = known(obj, nil), 0.85
			if host == "" {
				host = a.dest
			}
			if host == "" {
				host = known(nil, objCodes)
			}
		}
		if host == "" {
			if c, _ := d.visitDest(a.s); c == ourCountry {
				if k := known(subj, subjCodes); k != "" {
					host, hostConf, hostSide = k, 0.75, 0
				}
			} else if c != "" {
				host, hostConf = c, 0.85
			}
		}
		if host == "" {
			if _, c, ok := d.cityIn(a.s); ok {
				host, hostConf = c, 0.7
			}
		}
		if host == "" {
			if v := d.venueAfterAt(a.s, a.j); v != "" {
				for k, c := range venueCountries {
					if strings.Contains(strings.ToLower(v), k) {
						host, hostConf = c, 0.7
					}
				}
			}
		}
		if host == "" {
			// the next sentences of the first paragraph
			p := d.sents[a.s].para
			for s := a.s + 1; s < len(d.sents) && s <= a.s+3; s++ {
				if c, _ := d.visitDest(s); c != "" && c != ourCountry && (d.sents[s].para == p || s == a.s+1) {
					host, hostS, hostConf = c, s, 0.75
					break
				}
			}
		}
	}
	if host == "" && !a.call && !a.video && a.class == aNeutral && len(subj) > 0 {
		// "X held talks with a delegation of Y led by Z": Y's delegation came
		subjDel, objDel := false, false
		for _, dm := range d.delegationsIn(a.s) {
			if dm.i < a.i {
				subjDel = true
			} else if dm.i >= a.j && dm.i < a.j+6 {
				objDel = true
			}
		}
		if objDel && !subjDel {
			for _, idx := range subj {
				if country[idx] != "" {
					host, hostConf, hostSide = country[idx], 0.6, 0
					break
				}
			}
		}
	}
	has := func(side []int, codes []string, c string) bool {
		for _, idx := range side {
			if country[idx] == c {
				return true
			}
		}
		return slices.Contains(codes, c)
	}
	if hostSide < 0 && host != "" {
		switch {
		case has(subj, subjCodes, host) && !has(obj, objCodes, host):
			hostSide = 0
		case has(obj, objCodes, host) && !has(subj, subjCodes, host):
			hostSide = 1
		case known(obj, objCodes) != "" && known(obj, objCodes) != host && len(subj) > 0:
			hostSide = 0
		case known(subj, subjCodes) != "" && known(subj, subjCodes) != host && len(obj) > 0:
			hostSide = 1
		}
	}
	// people whose country is still unknown take their side's
	fill := func(side []int, codes []string, isHost bool) {
		for _, idx := range side {
			if country[idx] != "" {
				continue
			}
			switch {
			case isHost && host != "":
				country[idx], conf[idx] = host, 0.7
			case !isHost:
				k := ""
				for _, o := range side {
					if country[o] != "" {
						k = country[o]
						break
					}
				}
				if k == "" && len(codes) == 1 {
					k = codes[0]
				}
				if k != "" && k != host {
					country[idx], conf[idx] = k, 0.6
				}
			}
		}
	}
	if hostSide >= 0 {
		fill(subj, subjCodes, hostSide == 0)
		fill(obj, objCodes, hostSide == 1)
	}
	// a single unknown left among two sides of which one is known
	for _, idx := range append(append([]int{}, subj...), obj...) {
		if country[idx] != "" || !d.people[idx].strong {
			continue
		}
		if c := b.fallback(country); c != "" {
			country[idx], conf[idx] = c, 0.5
		}
	}
	m.country = country
	m.cconf = conf
	m.host, m.hostS, m.hostConf = host, hostS, hostConf
	// delegations: led-by heads first, then in order of mention
	for _, idx := range append(append([]int{}, subj...), obj...) {
		c := country[idx]
		if c == "" {
			if d.people[idx].strong {
				b.warnKey("could not tell the country of %s", d.people[idx].name)
			}
			continue
		}
		x := m.addDlg(c, a.s, conf[idx])
		if d.ledByHead(idx) && x.head < 0 {
			x.head = idx
		}
	}
	for _, idx := range append(append([]int{}, subj...), obj...) {
		c := country[idx]
		x := m.dlg(c)
		if x == nil || x.head == idx {
			continue
		}
		if x.head < 0 {
			x.head = idx
		} else if !d.hasPerson(m, idx) {
			x.members = append(x.members, idx)
		}
	}
	for _, c := range append(append([]string{}, subjCodes...), objCodes...) {
		m.addDlg(c, a.s, 0.8)
	}
	if host != "" {
		m.addDlg(host, hostS, hostConf)
	}
}

// fallback picks a country for a participant the text names without one:
// the outlet's country, else the country most named in the body that takes
// no other part yet.
func (b *builder) fallback(assigned map[int]string) string {
	used := map[string]bool{}
	for _, c := range assigned {
		used[c] = true
	}
	if b.opt.Outlet != nil {
		if c := outletCountries[*b.opt.Outlet]; c != "" && !used[c] {
			return c
		}
	}
	if b.opt.URL != nil {
		if u, err := url.Parse(*b.opt.URL); err == nil {
			if c := outletCountries[outletOfHost(u.Host)]; c != "" && !used[c] {
				return c
			}
		}
	}
	if n, _, _ := b.d.outletIn(); n != "" {
		if c := outletCountries[n]; c != "" && !used[c] {
			return c
		}
	}
	count := map[string]int{}
	var order []string
	for s := range b.d.sents {
		T := b.d.st(s)
		for _, c := range b.d.ctry[s] {
			if used[c.code] || !institutional(T, c) ||
				findWord(T, max(0, c.i-8), c.i, "trilateral", "multilateral", "integrity", "between", "independence") >= 0 {
				continue
			}
			if count[c.code] == 0 {
				order = append(order, c.code)
			}
			count[c.code]++
		}
	}
	best := ""
	for _, c := range order {
		if best == "" || count[c] > count[best] {
			best = c
		}
	}
	return best
}

var institutionWords = setOf("army", "armed", "forces", "ministry", "navy", "air", "military", "defense", "defence",
	"side", "government", "staff", "embassy", "delegation", "minister", "command")

// institutional reports whether a country is named as the owner of an
// institution: "Pakistan Army", "Armed Forces of Pakistan", "the Pakistani
// side", "Pakistan's Ministry".
func institutional(T []tok, c cmention) bool {
	for k := c.j; k < len(T) && k < c.j+3; k++ {
		if T[k].s == "'s" || (T[k].kind == 'w' && institutionWords[T[k].low]) {
			return true
		}
		if T[k].kind == 'p' {
			break
		}
	}
	for k := c.i - 1; k >= 0 && k >= c.i-4; k-- {
		if T[k].kind == 'p' {
			break
		}
		if T[k].kind == 'w' && institutionWords[T[k].low] {
			return true
		}
	}
	return false
}

// childStarts finds the sentences that open talks held within the visit:
// a meeting verb, a person not yet in the meeting, and a reference back to
// the guests.
func (b *builder) childStarts(main *meetingDraft, from int) []int {
	d := b.d
	var starts []int
	var seen []string
	for s := from; s < len(d.sents); s++ {
		a, ok := d.anchorIn(s)
		if !ok || a.call || a.video {
			continue
		}
		subj, obj := d.sidePeople(a)
		var fresh []int
		for _, idx := range append(append([]int{}, subj...), obj...) {
			p := d.people[idx]
			if !p.strong || d.hasPerson(main, idx) || slices.Contains(seen, p.key) {
				continue
			}
			if c, _ := d.countryOf(idx); c != "" && main.dlg(c) == nil {
				continue
			}
			fresh = append(fresh, idx)
		}
		if len(fresh) == 0 {
			continue
		}
		T := d.st(s)
		ref := hasWord(T, "delegation", "delegations", "guests", "guest", "counterpart", "he", "she", "they", "visitors", "sides", "visit")
		for _, idx := range append(append([]int{}, subj...), obj...) {
			if d.hasPerson(main, idx) {
				ref = true
			}
		}
		for _, c := range d.ctry[s] {
			if x := main.dlg(c.code); x != nil && c.code != main.host {
				ref = true
			}
		}
		if !ref {
			continue
		}
		if main.heads() == 0 {
			// the first sentence with people completes the main meeting
			b.sides(main, a)
			continue
		}
		// a delegation known without its head gets the first official of
		// its country named at a meeting: "During the visit, he held talks
		// with the Minister of National Defense of Korea Shin Won-sik"
		filled := map[string]bool{}
		for _, idx := range fresh {
			c, _ := d.countryOf(idx)
			if c == "" && main.host != "" && slices.Contains(obj, idx) && a.class != aHost {
				c = main.host
			}
			x := main.dlg(c)
			switch {
			case x == nil:
			case x.head < 0:
				x.head, x.s = idx, s
				filled[c] = true
			case filled[c]:
				x.members = append(x.members, idx) // "called on A and B"
			}
		}
		if len(filled) > 0 {
			continue
		}

		for _, idx := range fresh {
			seen = append(seen, d.people[idx].key)
		}
		starts = append(starts, s)
	}
	return starts
}

func (m *meetingDraft) heads() int {
	n := 0
	for _, x := range m.dlgs {
		if x.head >= 0 {
			n++
		}
	}
	return n
}

// childSpan returns the sentences of talks that start at sentence st: the
// rest of its paragraph, and the paragraphs after it that go on about the
// same talks ("During the meeting ...", "At the end of the talks ...").
func (d *doc) childSpan(st, next int) []int {
	span := []int{st}
	var names []string
	for _, idx := range d.bySent[st] {
		names = append(names, d.people[idx].key)
	}
	p := d.sents[st].para
	for s := st + 1; s < next; s++ {
		if d.sents[s].para != p {
			if !d.continuesTalks(s, names) {
				break
			}
			p = d.sents[s].para
		}
		span = append(span, s)
	}
	return span
}

// continuesTalks reports whether the paragraph that starts at sentence s
// goes on about the talks just reported.
func (d *doc) continuesTalks(s int, names []string) bool {
	T := d.st(s)
	n := min(len(T), 8)
	for i := 0; i < n; i++ {
		if T[i].kind != 'w' {
			continue
		}
		switch T[i].low {
		case "meeting", "talks", "meetings", "conversation", "discussion", "discussions":
			if findWord(T, 0, i, "during", "at", "in", "course", "end", "following", "after", "throughout") >= 0 {
				return true
			}
		case "sides", "parties":
			if i <= 2 {
				return true
			}
		case "emphasis", "they":
			if i <= 1 {
				return true
			}
		}
	}
	for _, idx := range d.bySent[s] {
		m := d.people[idx]
		if m.i < n && slices.Contains(names, m.key) {
			return true
		}
	}
	return false
}

// finishMain completes the main meeting from the rest of its section: the
// host when the first sentence does not tell, further delegations and
// members.
func (b *builder) finishMain(m *meetingDraft) {
	d := b.d
	a := m.anchor
	if m.host == "" && !a.call && !a.video {
		for _, s := range m.sents {
			if s == a.s {
				continue
			}
			if c, _ := d.visitDest(s); c != "" && c != ourCountry && m.dlg(c) != nil {
				m.host, m.hostS, m.hostConf = c, s, 0.7
				break
			}
			if a2, ok := d.anchorIn(s); ok && a2.class == aHost {
				subj, _ := d.sidePeople(a2)
				cs := d.sideCountries(s, 0, a2.i, subj)
				for _, idx := range subj {
					if c, _ := d.countryOf(idx); c != "" {
						cs = append([]string{c}, cs...)
						break
					}
				}
				if len(cs) > 0 && m.dlg(cs[0]) != nil {
					m.host, m.hostS, m.hostConf = cs[0], s, 0.7
					break
				}
			}
		}
		if m.host == "" && d.headline >= 0 {
			l := d.lines[d.headline]
			toks := tokenize(d.text, l.start, l.end)
			for i := range toks {
				if i+1 < len(toks) && (toks[i+1].low == "hosts" || toks[i+1].low == "welcomes" || toks[i+1].low == "receives") {
					if _, code, j := cityAt(toks, i); code != "" && j == i+1 && m.dlg(code) != nil {
						m.host, m.hostS, m.hostConf = code, -1, 0.6
					} else if c, j := countryAt(toks, i); c != "" && c != "-" && j == i+1 && m.dlg(c) != nil {
						m.host, m.hostS, m.hostConf = c, -1, 0.6
					}
				}
			}
		}
		if m.host == "" {
			if _, code, ok := d.dateline(); ok && m.dlg(code) != nil && len(m.dlgs) > 1 {
				m.host, m.hostS, m.hostConf = code, 0, 0.5
			}
		}
	}
	// delegations named elsewhere in the section: "the Uzbek delegation"
	for _, s := range m.sents {
		for _, dm := range d.delegationsIn(s) {
			T := d.st(s)
			if dm.i > 0 && findWord(T, max(0, dm.i-6), dm.i, "trilateral", "multilateral") >= 0 {
				continue
			}
			for _, c := range dm.codes {
				if m.dlg(c) == nil && len(dm.codes) <= 2 {
					m.addDlg(c, s, 0.6)
				}
			}
		}
	}
	// a lone delegation: the other country from the headline
	if len(m.dlgs) == 1 && d.headline >= 0 {
		l := d.lines[d.headline]
		toks := tokenize(d.text, l.start, l.end)
		var cs []string
		for i := 0; i < len(toks); i++ {
			if c, j := countryAt(toks, i); c != "" && c != "-" {
				if !slices.Contains(cs, c) {
					cs = append(cs, c)
				}
				i = j - 1
			}
		}
		if len(cs) == 2 && slices.Contains(cs, m.dlgs[0].code) {
			for _, c := range cs {
				if m.dlg(c) == nil {
					x := m.addDlg(c, -1, 0.5)
					x.headline = true
				}
			}
		}
	}
	// members: "also attended by", "accompanied by", "with the participation of"
	for _, s := range m.sents {
		T := d.st(s)
		cue := -1
		for _, p := range []string{"attended by", "accompanied by", "participation of", "joined by", "also present",
			"took part", "participated", "were present", "was present", "also included", "delegation included",
			"delegation comprised", "also attended"} {
			if k := findPhrase(T, 0, p); k >= 0 {
				cue = k
				break
			}
		}
		if cue < 0 {
			continue
		}
		for _, idx := range d.bySent[s] {
			if d.excluded(idx) || d.hasPerson(m, idx) {
				continue
			}
			c, _ := d.countryOf(idx)
			if c == "" {
				if m.country != nil {
					if mc := m.country[idx]; mc != "" {
						c = mc
					}
				}
			}
			x := m.dlg(c)
			if x == nil {
				if d.people[idx].strong {
					b.warnKey("could not tell which delegation %s belongs to", d.people[idx].name)
				}
				continue
			}
			if x.head < 0 {
				x.head = idx
			} else {
				x.members = append(x.members, idx)
			}
		}
	}
	// order: the host first
	if m.host != "" {
		slices.SortStableFunc(m.dlgs, func(x, y *dlgDraft) int {
			switch {
			case x.code == m.host && y.code != m.host:
				return -1
			case y.code == m.host && x.code != m.host:
				return 1
			}
			return 0
		})
	}
	m.kind, m.kindS = d.kindOf(m.sents, m.anchor, m.hasAnc)
}

// buildChild puts together the talks a section reports within the visit.
func (b *builder) buildChild(main *meetingDraft, sents []int) *meetingDraft {
	d := b.d
	s := sents[0]
	a, ok := d.anchorIn(s)
	if !ok {
		return nil
	}
	c := &meetingDraft{anchor: a, hasAnc: true, child: true, sents: sents, host: main.host, hostS: main.hostS, hostConf: main.hostConf, kind: "meeting", kindS: -1}
	subj, obj := d.sidePeople(a)
	people := append(append([]int{}, subj...), obj...)
	c.subj, c.obj = subj, obj
	country := map[int]string{}
	var refs []string
	addRef := func(code string) {
		if code != "" && main.dlg(code) != nil && !slices.Contains(refs, code) {
			refs = append(refs, code)
		}
	}
	for _, dm := range d.delegationsIn(s) {
		for _, code := range dm.codes {
			addRef(code)
		}
	}
	guestsWord := hasWord(d.st(s), "guests", "guest", "delegation", "delegations", "visitors", "he", "she", "they")
	for _, idx := range people {
		code, _ := d.countryOf(idx)
		if code == "" && d.hasPerson(main, idx) {
			for _, x := range main.dlgs {
				if x.head >= 0 && d.people[x.head].key == d.people[idx].key {
					code = x.code
				}
			}
		}
		if code == "" && main.host != "" && (len(refs) > 0 || guestsWord) && !d.hasPerson(main, idx) {
			code = main.host
		}
		country[idx] = code
		addRef(code)
	}
	if guestsWord {
		for _, x := range main.dlgs {
			if x.code != main.host {
				addRef(x.code)
			}
		}
	}
	for _, x := range main.dlgs {
		if slices.Contains(refs, x.code) {
			c.addDlg(x.code, s, 0.8)
		}
	}
	for _, idx := range people {
		x := c.dlg(country[idx])
		if x == nil {
			continue
		}
		if x.head < 0 {
			x.head = idx
		} else if x.head != idx && !d.hasPerson(c, idx) {
			x.members = append(x.members, idx)
		}
	}
	c.country = country
	if c.host != "" && c.dlg(c.host) == nil {
		c.host = ""
	}
	if c.host != "" {
		slices.SortStableFunc(c.dlgs, func(x, y *dlgDraft) int {
			switch {
			case x.code == c.host && y.code != c.host:
				return -1
			case y.code == c.host && x.code != c.host:
				return 1
			}
			return 0
		})
	}
	return c
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

// cleanValue makes a string a valid field value: valid UTF-8, no control
// characters, single spaces, trimmed.
func cleanValue(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\ufeff' || r == '\u200b' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// clip cuts s to at most n characters, at a word boundary when it can.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	rs := []rune(s)[:n]
	out := string(rs)
	if i := strings.LastIndexByte(out, ' '); i > n/2 {
		out = out[:i]
	}
	return strings.TrimSpace(out)
}

func strp(s string) *string { return &s }
