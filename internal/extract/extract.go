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
	pubKind  int   // where it came from: pubGiven, pubPage, pubURL, pubCrawl
	pubMonth bool  // only its month is known
	// republished marks a crawler's stamp years after the report
	republished bool
	partial     *dline     // a stamp without its year: "19:10, 3 March"
	lead        *dline     // a date that opens the body as a dateline does, when no dateline was read
	pubDoubt    bool       // the page's stamp and the crawler's disagree, or it dates an update of the page
	agrSeen     []agrDraft // the documents found in the sections emitted so far
	urlYear     int        // a year alone in the URL, when nothing else dates the page
	ambStamp    *dline     // a stamp whose day and month could be swapped, when nothing else dates the page

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
	b.checkRepublished()

	a, ok := d.findMain()
	if !ok && d.headline >= 0 {
		// the body reports no meeting: the headline may ("X met Y and
		// discussed ..." with a body that goes on about it)
		if hd := parseDoc(d.text, true); len(hd.sents) > 0 {
			if ha, hok := hd.findMain(); hok {
				b.d, d, a, ok = hd, hd, ha, hok
			}
		}
	}
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
			if b.pairSides(main) || b.peopleSides(main) {
				b.moreMembers(main)
				b.hostFromSection(main)
				main.kind, main.kindS = d.kindOf(main.sents, main.anchor, false)
			}
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
	b.lineCeremonies(&m)
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
