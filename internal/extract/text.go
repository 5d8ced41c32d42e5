package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// foldTable maps accented Latin letters to their base letter. It is built
// as a package variable, before any init function that folds words runs.
var foldTable = buildFoldTable()

func buildFoldTable() map[rune]string {
	t := map[rune]string{}
	for r := rune(0xC0); r < 0x250; r++ {
		d := norm.NFD.String(string(r))
		base, _ := utf8.DecodeRuneInString(d)
		if base < 0x80 && base != r && unicode.IsLetter(base) {
			t[r] = string(unicode.ToLower(base))
		}
	}
	for r, s := range map[rune]string{
		'ı': "i", 'İ': "i", 'ə': "e", 'Ə': "e", 'ß': "ss", 'æ': "ae", 'Æ': "ae", 'ø': "o", 'Ø': "o",
		'đ': "d", 'Đ': "d", 'ł': "l", 'Ł': "l", 'œ': "oe", 'Œ': "oe", 'þ': "th",
	} {
		t[r] = s
	}
	return t
}

// foldWord lower-cases a word and strips its accents; apostrophes go.
func foldWord(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c == '\'' || (c >= 'A' && c <= 'Z') {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\'' || r == '’' || r == 'ʼ':
		case r < 0x80:
			b.WriteRune(unicode.ToLower(r))
		default:
			if f, ok := foldTable[r]; ok {
				b.WriteString(f)
			} else if unicode.Is(unicode.Mn, r) {
				// a combining accent
			} else {
				b.WriteRune(unicode.ToLower(r))
			}
		}
	}
	return b.String()
}

// foldKey folds a name or title for comparison as domain.Fold does:
// lower case, no accents, every run of other characters one space.
func foldKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case isApos(r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			if r < 0x80 {
				b.WriteRune(unicode.ToLower(r))
			} else if f, ok := foldTable[r]; ok {
				b.WriteString(f)
			} else {
				b.WriteRune(unicode.ToLower(r))
			}
		case unicode.Is(unicode.Mn, r):
		default:
			space = true
		}
	}
	return b.String()
}

// nameKeys returns the keys a name is found under: the whole name, and the
// first initial with the surname ("z hasanov").
func nameKeys(name string) []string {
	f := foldKey(name)
	keys := []string{f}
	parts := strings.Fields(f)
	if len(parts) >= 2 {
		r, _ := utf8.DecodeRuneInString(parts[0])
		k := string(r) + " " + parts[len(parts)-1]
		if k != f {
			keys = append(keys, k)
		}
	}
	return keys
}

// foldWords splits a phrase into folded words.
func foldWords(s string) []string {
	var out []string
	for _, t := range tokenize(s, 0, len(s)) {
		if t.kind != 'p' {
			out = append(out, t.low)
		}
	}
	return out
}

// tok is one word, number or punctuation mark of the text.
type tok struct {
	s          string // the text as written
	low        string // folded
	start, end int    // byte offsets in the whole text
	kind       byte   // 'w' word, 'n' number or word starting with a digit, 'p' punctuation
	cap        bool   // starts with an upper-case letter
	upper      bool   // two or more letters, all upper case
	sp         bool   // white space (or the start) before it
}

func isWordRune(r rune) bool {
	if r < 0x80 {
		return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9')
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc)
}

func isApos(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' || r == '`' || r == '´' }

// tokenize splits text[start:end] into tokens with offsets into text.
func tokenize(text string, start, end int) []tok {
	toks := make([]tok, 0, (end-start)/5+1)
	sp := true
	i := start
	for i < end {
		r, w := utf8.DecodeRuneInString(text[i:end])
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff' {
			sp = true
			i += w
			continue
		}
		if isWordRune(r) {
			j := i + w
			for j < end {
				r2, w2 := utf8.DecodeRuneInString(text[j:end])
				if isWordRune(r2) {
					j += w2
					continue
				}
				if isApos(r2) && j+w2 < end {
					r3, w3 := utf8.DecodeRuneInString(text[j+w2 : end])
					if unicode.IsLetter(r3) {
						if (r3 == 's' || r3 == 'S') && !wordAfter(text, j+w2+w3, end) {
							break // a possessive: "Azerbaijan's"
						}
						j += w2
						continue
					}
				}
				break
			}
			s := text[i:j]
			t := tok{s: s, low: foldWord(s), start: i, end: j, kind: 'w', sp: sp}
			if unicode.IsDigit(r) {
				t.kind = 'n'
			}
			t.cap = unicode.IsUpper(r)
			if t.cap {
				up, letters := true, 0
				for _, c := range s {
					if unicode.IsLetter(c) {
						letters++
						if !unicode.IsUpper(c) {
							up = false
							break
						}
					}
				}
				t.upper = up && letters >= 2
			}
			toks = append(toks, t)
			i = j
			sp = false
			continue
		}
		s := text[i : i+w]
		if r == utf8.RuneError {
			s = "\ufffd"
		}
		if isApos(r) && !sp && len(toks) > 0 && toks[len(toks)-1].kind != 'p' && i+w < end &&
			(text[i+w] == 's' || text[i+w] == 'S') && !wordAfter(text, i+w+1, end) {
			toks = append(toks, tok{s: "'s", low: "'s", start: i, end: i + w + 1, kind: 'p'})
			i += w + 1
			continue
		}
		toks = append(toks, tok{s: s, low: s, start: i, end: i + w, kind: 'p', sp: sp})
		i += w
		sp = false
	}
	return toks
}

// wordAfter reports whether a letter or digit starts at text[i:end].
func wordAfter(text string, i, end int) bool {
	if i >= end {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:end])
	return isWordRune(r)
}

func (t tok) is(s string) bool { return t.kind == 'p' && t.s == s }
func (t tok) isDash() bool     { return t.kind == 'p' && strings.Contains("-–—‐‑−", t.s) }
func (t tok) isQuote() bool    { return t.kind == 'p' && strings.Contains("\"“”„«»'‘’", t.s) }
func (t tok) isTerminal() bool {
	return t.kind == 'p' && (t.s == "." || t.s == "!" || t.s == "?" || t.s == "…")
}
func (t tok) isOpenParen() bool { return t.kind == 'p' && (t.s == "(" || t.s == "[") }

// line is one line of the input with its trimmed extent.
type line struct {
	start, end int
	text       string
	kind       lineKind
	words      int
}

type lineKind int

const (
	lkEmpty lineKind = iota
	lkCut            // "Latest News": what follows is not the article
	lkFurniture
	lkDate // a publication stamp: date and maybe time, nothing else
	lkOutlet
	lkAlt // a title in another script
	lkBody
	lkOther // a short line: perhaps the headline
)

var cutLines = setOf("latest news", "related articles", "related news", "related", "read more", "read also",
	"see also", "most read", "more news", "latest see more", "all news feed", "other news", "recommended",
	"you may also like", "more stories", "top news", "news feed", "latest", "popular news", "most popular",
	"also read", "related stories", "related posts", "more on this topic", "comments", "leave a comment",
	"share this article", "share this", "tags")

var furnitureLines = setOf("photo", "video", "photos", "videos", "gallery", "share", "print", "tweet", "loading",
	"advertisement", "last minute", "breaking news", "breaking", "military", "region", "politics", "energy", "ict",
	"business", "finance", "foreign policy", "other countries", "society", "world", "sport", "economy", "analytics",
	"interview", "official chronicle", "defense", "defence", "news", "home", "menu", "search", "subscribe",
	"source", "top", "press release", "press releases", "readout", "releases", "news releases", "listen",
	"text size", "font size", "email", "facebook", "twitter", "telegram", "whatsapp", "linkedin", "copy link",
	"more", "back", "next", "previous", "close", "open", "ads", "sponsored", "release", "news release", "statement",
	"transcript", "speech", "story", "article", "print this page", "share this page")

var furniturePrefixes = []string{"follow us", "slider image", "subscribe to", "share on", "click here", "copyright",
	"all rights reserved", "sign up", "join us on", "download the", "read the full", "image source", "photo credit",
	"photo by", "photo:", "video:", "source:", "tags:", "share:", "related:", "(photo", "[photo"}

func setOf(xs ...string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// splitLines cuts the text into lines with trimmed extents.
func splitLines(text string) []line {
	var ls []line
	i := 0
	for i <= len(text) {
		j := strings.IndexByte(text[i:], '\n')
		e := len(text)
		if j >= 0 {
			e = i + j
		}
		s, t := i, e
		for s < t {
			r, w := utf8.DecodeRuneInString(text[s:t])
			if unicode.IsSpace(r) || r == '•' || r == '·' || r == '▪' || r == '►' || r == '\u00a0' || r == '\ufeff' {
				s += w
				continue
			}
			break
		}
		for t > s {
			r, w := utf8.DecodeLastRuneInString(text[s:t])
			if unicode.IsSpace(r) || r == '\u00a0' {
				t -= w
				continue
			}
			break
		}
		ls = append(ls, line{start: s, end: t, text: text[s:t]})
		if j < 0 {
			break
		}
		i = e + 1
	}
	return ls
}

// scriptOf says whether a line is written in a script other than English's:
// "az" for Azerbaijani Latin, "tr" for Turkish, "ru"/"kk"/"uk" for Cyrillic.
func scriptOf(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return ""
	}
	cyr, lat, schwa, turk := 0, 0, 0, 0
	kk, uk := 0, 0
	for _, r := range s {
		switch {
		case r == 'ə' || r == 'Ə':
			schwa++
			lat++
		case r == 'ş' || r == 'Ş' || r == 'ğ' || r == 'Ğ' || r == 'ı' || r == 'İ':
			turk++
			lat++
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
			switch r {
			case 'ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'Ә', 'Ғ', 'Қ', 'Ң', 'Ө', 'Ұ', 'Ү', 'Һ':
				kk++
			case 'ї', 'є', 'ґ', 'Ї', 'Є', 'Ґ':
				uk++
			}
		case unicode.IsLetter(r):
			lat++
		}
	}
	switch {
	case cyr > 0 && cyr >= lat:
		if kk > 0 {
			return "kk"
		}
		if uk > 0 {
			return "uk"
		}
		return "ru"
	case schwa > 0:
		return "az"
	case turk >= 2:
		return "tr"
	}
	return ""
}

func wordCount(s string) int {
	n := 0
	in := false
	for _, r := range s {
		if isWordRune(r) {
			if !in {
				n++
			}
			in = true
		} else if !isApos(r) {
			in = false
		}
	}
	return n
}

func endsTerminal(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?\"”’»)…'", r)
}

func isCrawlStamp(s string) bool {
	// " date 2025-12-10 ..." lines some crawlers put first.
	return len(s) >= 15 && strings.HasPrefix(s, "date ") && s[5] >= '0' && s[5] <= '9' && s[9] == '-'
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// classify sets the kind of every line.
func classify(text string, ls []line) {
	for i := range ls {
		l := &ls[i]
		s := l.text
		l.words = wordCount(s)
		low := strings.ToLower(strings.Trim(s, " :.-–—*_=#|"))
		switch {
		case s == "":
			l.kind = lkEmpty
		case cutLines[low] || strings.Trim(s, "-–—*_=# ") == "":
			l.kind = lkCut
		case !hasLetter(s) && isDateLine(text, l.start, l.end):
			l.kind = lkDate
		case !hasLetter(s) || isCrawlStamp(s) || furnitureLines[low] || strings.Contains(s, "↺") ||
			strings.Contains(low, "gallery image") || strings.HasSuffix(low, " px"):
			l.kind = lkFurniture
		case hasFurniturePrefix(low):
			l.kind = lkFurniture
		case isDateLine(text, l.start, l.end):
			l.kind = lkDate
		case outletOfLine(s) != "":
			l.kind = lkOutlet
		case scriptOf(s) != "" && l.words <= 40:
			l.kind = lkAlt
		case l.words <= 25 && isTitleCase(s):
			l.kind = lkOther
		case (l.words >= 4 && endsTerminal(s)) || l.words >= 30 || (l.words >= 6 && strings.HasSuffix(s, ":")):
			l.kind = lkBody
		default:
			l.kind = lkOther
		}
	}
}

// isTitleCase reports whether every word of four letters or more starts with
// a capital: a headline such as "Readout of Secretary ... Teodoro Jr.".
func isTitleCase(s string) bool {
	n := 0
	for _, w := range strings.Fields(s) {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
		if utf8.RuneCountInString(w) < 4 {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 3
}

func hasFurniturePrefix(low string) bool {
	for _, p := range furniturePrefixes {
		if strings.HasPrefix(low, p) {
			return true
		}
	}
	return false
}

// startsLower reports whether s begins with a lower-case letter.
func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

func endsSoft(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLower(r) || r == ',' || r == '-' || r == '–' || unicode.IsDigit(r)
}

// sentence is one sentence of the body.
type sentence struct {
	start, end int // byte offsets of the sentence
	t0, t1     int // its tokens in doc.toks
	para       int
}

// paragraph is a run of body lines.
type paragraph struct {
	start, end int
	s0, s1     int // its sentences
}

// abbreviations after which a full stop does not end a sentence.
var abbrevs = setOf("mr", "ms", "mrs", "dr", "gen", "col", "lt", "maj", "capt", "adm", "brig", "sgt", "st", "no",
	"jr", "sr", "prof", "rep", "sen", "gov", "hon", "inc", "co", "corp", "ltd", "vs", "jan", "feb", "aug", "sept",
	"sep", "oct", "nov", "dec", "apr", "jun", "jul", "mar", "cmdr", "cdr", "gens", "cpt", "vadm", "radm", "rt", "he",
	"excellency", "messrs", "approx", "dept", "govt", "mt", "ft", "u", "s", "e", "h")

// splitSentences cuts toks (one paragraph) into sentences; it returns token
// index ranges relative to toks.
func splitSentences(toks []tok) [][2]int {
	var out [][2]int
	s := 0
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if !t.isTerminal() {
			continue
		}
		// closing quotes and brackets belong to the sentence they close
		j := i + 1
		for j < len(toks) && (toks[j].isQuote() || toks[j].is(")")) && !toks[j].sp {
			j++
		}
		if j >= len(toks) {
			break
		}
		next := toks[j]
		if !next.sp && !(t.s == "." && gluedSentence(toks, i, j)) {
			continue
		}
		if !(next.cap || next.kind == 'n' || next.isQuote() || next.isOpenParen() || next.isDash()) {
			continue
		}
		if t.s == "." && i > 0 {
			p := toks[i-1]
			if p.kind == 'w' && !p.sp && i >= 2 && toks[i-2].is(".") {
				continue // U.S. and the like
			}
			if p.kind == 'w' && abbrevs[p.low] && p.cap {
				continue
			}
			if p.kind == 'w' && utf8.RuneCountInString(p.s) == 1 && p.cap {
				continue // an initial
			}
		}
		out = append(out, [2]int{s, j})
		s = j
		i = j - 1
	}
	if s < len(toks) {
		out = append(out, [2]int{s, len(toks)})
	}
	return out
}

// gluedSentence reports whether the full stop at i ends a sentence although
// no space follows it, as in crawled text ("said Monday.The MOU"): a
// lower-case word, a weekday or a month before it, a capitalised word after
// it that is not a domain's end ("News.Az").
func gluedSentence(toks []tok, i, j int) bool {
	if i == 0 || j+1 >= len(toks) {
		return false
	}
	p, n := toks[i-1], toks[j]
	if p.kind != 'w' || n.kind != 'w' || !n.cap || n.upper || utf8.RuneCountInString(n.s) < 2 || utf8.RuneCountInString(p.s) < 3 {
		return false
	}
	if toks[j+1].is(".") && !toks[j+1].sp {
		return false // "x.Com."
	}
	_, wd := weekdays[p.low]
	return !p.cap || wd || monthNames[p.low] != 0
}
