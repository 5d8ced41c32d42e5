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
			glued := false
			if j-i >= 6 && unicode.IsUpper(r) {
				if p := gluedRank(text, i, j); p > i {
					j, glued = p, true
				}
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
			sp = glued // the rank glued to the word before reads as a word of its own
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

func setOf(xs ...string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
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
	"excellency", "messrs", "approx", "dept", "govt", "mt", "ft", "u", "s", "e", "h", "sen", "lieut", "snr", "gp", "wg",
	"sqn", "flt", "cdre", "retd", "rtd", "amb", "pres", "sec", "dep", "cpl", "pvt", "mme", "div", "regt", "bde", "bn",
	"ldr", "cmdt", "lieut", "hq", "mohd", "muhd", "md", "abd", "muh", "bg", "mg", "ltg", "ltc")

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
			if p.kind == 'w' && retiredMarks[p.low] && j > i+1 && toks[i+1].is(")") {
				continue // "Lt. Gen. (Retd.) X"
			}
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

// gluedRanks are the ranks a page may glue to the title before them when it
// drops a line break or a space: "Chief of the Joint StaffGen. X".
var gluedRanks = setOf("gen", "general", "adm", "admiral", "lt", "lieutenant", "col", "colonel", "maj", "major",
	"brig", "brigadier", "cdr", "commander", "commodore", "marshal", "vice", "rear", "air")

// gluedRank returns where a rank glued to the end of a title's word begins
// in the word of text[i:j] ("StaffGen", "ForcesLt"), or i when it does not
// hold one.
func gluedRank(text string, i, j int) int {
	for p := i + 3; p < j-1; p++ {
		if text[p] >= 'A' && text[p] <= 'Z' && text[p-1] >= 'a' && text[p-1] <= 'z' {
			if gluedRanks[strings.ToLower(text[p:j])] && positionWords[strings.ToLower(text[i:p])] {
				return p
			}
			return i
		}
	}
	return i
}
