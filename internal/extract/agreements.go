package extract

import (
	"strconv"
	"strings"

	"github.com/milmeet/milmeet/internal/domain"
)

// agrDraft is a document found signed.
type agrDraft struct {
	s           int
	cs, ce, dn  int // tokens of the document's noun phrase, and its noun
	title       string
	typ         domain.AgreementType
	period      string
	parties     []string
	signatories []int
	conf        float64
	count       int  // "two memoranda": 2
	generic     bool // named only as "the agreement", "the document"
	group       bool // a count of documents named only by a general noun: "two agreements"
}

var docNouns = map[string]domain.AgreementType{
	"plan": "cooperation_plan", "plans": "cooperation_plan",
	"memorandum": "memorandum", "memoranda": "memorandum", "memorandums": "memorandum", "mou": "memorandum", "mous": "memorandum",
	"protocol": "protocol", "protocols": "protocol",
	"agreement": "agreement", "agreements": "agreement", "accord": "agreement", "accords": "agreement",
	"treaty": "agreement", "deal": "agreement", "deals": "agreement", "arrangement": "agreement",
	"contract": "other", "contracts": "other", "roadmap": "other", "declaration": "other", "programme": "other",
	"program": "other", "documents": "other", "document": "other", "statement": "other", "charter": "other",
	"letter": "other", "guarantee": "other", "framework": "agreement", "frameworks": "agreement",
}

// notSigned are words that show a document was not signed at this meeting:
// it is to be signed, was only discussed, or was signed before.
var notSigned = setOf("draft", "drafts", "drafting", "possibility", "possible", "prospect", "prospects",
	"preparation", "prepare", "preparing", "intend", "intends", "intention", "proposed", "proposal",
	"considered", "consider", "considering", "upcoming", "implementation", "implementing", "progress",
	"execution", "previously", "ago", "negotiate", "negotiating", "finalize",
	"finalise", "finalizing", "finalising", "discuss", "discussing", "reminder", "recalled", "recall", "earlier")

var modalWords = setOf("to", "will", "would", "shall", "should", "could", "may", "might", "must", "can")

// agreements finds the documents signed in a section of sentences; prior
// are those found in sections before it, which a definite mention ("the
// plan was signed") may stand for.
func (d *doc) agreements(sents []int, when domain.PartialDate, prior []agrDraft) []agrDraft {
	var out []agrDraft
	seen := map[string]bool{}
	nouns := map[[2]int]bool{} // the nouns read already, by sentence and token
	for _, s := range sents {
		T := d.st(s)
		for v := 0; v < len(T); v++ {
			t := T[v]
			if t.kind != 'w' || t.cap {
				continue
			}
			if t.low != "signed" && t.low != "inked" && t.low != "concluded" && t.low != "sealed" && t.low != "signing" {
				continue
			}
			if p := prevWord(T, v); p == "newly" || p == "recently" || p == "already" || p == "the" && !theSigningOf(T, v) {
				continue // "the newly signed agreement": one named before
			}
			if n, _ := nextWord(T, v); n == "off" {
				continue // "signed off on a plan": approved
			}
			if tally(T, v) {
				continue // "over 60 agreements have been signed to date"
			}
			if bad := d.notThisSigning(s, v, when); bad {
				continue
			}
			cs, ce, ok := d.docChunk(s, v)
			if !ok {
				continue
			}
			docs := d.documentsIn(s, cs, ce)
			if ce <= v {
				docs = append(docs, d.documentsAfterPassive(s, v)...)
			}
			for _, doc := range docs {
				if nouns[[2]int{s, doc.dn}] {
					continue // "X was signed ..., and a memorandum was signed": read after the first verb already
				}
				nouns[[2]int{s, doc.dn}] = true
				if doc.definite && d.sameDocument(append(prior[:len(prior):len(prior)], out...), s, doc) {
					continue // "the document", "the MOU was signed": one named before
				}
				if doc.count > 1 && sameCount(append(prior[:len(prior):len(prior)], out...), doc) {
					continue // "signed two agreements ... two agreements were signed"
				}
				a := agrDraft{s: s, cs: doc.b, ce: doc.e, dn: doc.dn, typ: doc.typ, conf: 0.85, count: doc.count,
					generic: doc.definite && genericDocs[T[doc.dn].low], group: doc.count > 1 && docGroupNouns[T[doc.dn].low]}
				b, e := doc.b, doc.e-1
				for b < e && T[b].kind == 'w' && (T[b].low == "a" || T[b].low == "an" || T[b].low == "the" || T[b].low == "also" || numberWords[T[b].low] > 0) {
					b++
				}
				for e > b && (T[e].kind == 'p' && !T[e].is(")")) {
					e--
				}
				if b > e {
					continue
				}
				a.title = capFirst(cleanValue(strings.Trim(d.text[T[b].start:T[e].end], "\"“”")))
				if a.title == "" || seen[foldKey(a.title)] && doc.count <= 1 {
					continue
				}
				seen[foldKey(a.title)] = true
				a.period = periodIn(T, doc.b, doc.e)
				if a.period == "" {
					a.period = yearBefore(T, doc.b, doc.dn)
				}
				if a.period == "" && len(out) == 0 {
					a.period = periodIn(T, v, min(len(T), v+8))
				}
				for _, c := range d.ctry[s] {
					if !containsStr(a.parties, c.code) {
						a.parties = append(a.parties, c.code)
					}
				}
				// signatories: "signed by X and Y"
				if n, nk := nextWord(T, v); n == "by" {
					for _, idx := range d.bySent[s] {
						if d.people[idx].s0 > nk {
							a.signatories = append(a.signatories, idx)
						}
					}
				}
				for k := 0; k < max(doc.count, 1); k++ {
					out = append(out, a)
				}
			}
			v = max(v, ce)
		}
	}
	return dropGroup(dropLeadGeneric(out))
}

// sameCount reports whether a counted group of documents ("two
// interdepartmental agreements were signed") restates one found before
// ("signed two agreements").
func sameCount(found []agrDraft, doc docSpan) bool {
	for _, a := range found {
		if a.typ == doc.typ && a.count >= doc.count {
			return true
		}
	}
	return false
}

// dropLeadGeneric drops a document named first only as "the agreement" or
// "the document" when the report names the signed document later ("The
// agreement was signed ... have signed a letter of intent"): it is that one.
func dropLeadGeneric(out []agrDraft) []agrDraft {
	if len(out) < 2 || !out[0].generic {
		return out
	}
	for _, a := range out[1:] {
		if !a.generic && a.typ != out[0].typ {
			return out[1:]
		}
	}
	return out
}

// numberWords count documents: "two memoranda".
var numberWords = map[string]int{"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "2": 2, "3": 3, "4": 4, "5": 5}

// genericDocs are nouns that may stand for any document named before.
var genericDocs = setOf("document", "documents", "agreement", "deal", "accord", "paper", "memorandum", "mou")

// docSpan is one document named in the noun phrase of a signing.
type docSpan struct {
	b, e, dn int // its tokens and its noun
	typ      domain.AgreementType
	count    int  // "two memoranda": 2
	definite bool // "the document", "the signed plan"
}

// documentsIn splits the object of a signing into its documents: "a plan
// for 2025 and a document on X" are two; "two memoranda of understanding"
// two of one type; a generic noun takes the type of its complement ("a
// document outlining a plan of ...").
func (d *doc) documentsIn(s, cs, ce int) []docSpan {
	T := d.st(s)
	var out []docSpan
	start := cs
	for k := cs; k < ce; k++ {
		if T[k].kind != 'w' {
			continue
		}
		if T[k].low == "book" || T[k].low == "honor" || T[k].low == "honour" {
			break
		}
		ty, ok := docNouns[T[k].low]
		if !ok {
			continue
		}
		if T[k].low == "protocol" && findWord(T, max(0, k-3), k, "accordance", "according", "per") >= 0 {
			continue
		}
		if T[k].low == "letter" && !lowWords(T, k, "letter", "of", "intent") && !lowWords(T, k, "letter", "of", "arrangement") {
			continue
		}
		if k >= 2 && T[k-1].low == "of" && T[k-2].low == "letter" {
			continue // the "arrangement" of a "letter of arrangement"
		}
		// a new document after "and a", ", a", "as well as a"; else a
		// noun inside the one before ("an agreement on the plan of ...")
		if len(out) > 0 {
			j := k - 1
			for j > start && j > k-4 && T[j].kind == 'w' && T[j].low != "a" && T[j].low != "an" && T[j].low != "the" {
				j--
			}
			coord := j >= 1 && (T[j].low == "a" || T[j].low == "an" || T[j].low == "the") && (T[j-1].low == "and" || T[j-1].is(",") || T[j-1].low == "well" || T[j-1].is(":"))
			switch {
			case coord && T[j-1].is(":") && genericDocs[T[out[len(out)-1].dn].low]:
				// "two documents: a plan ... and a memorandum": the list
				// names them
				out = out[:len(out)-1]
				start = j
			case !coord:
				if prev := &out[len(out)-1]; prev.typ == "other" && genericDocs[T[prev.dn].low] && ty != "other" && ty != "agreement" {
					prev.typ = ty // "a document outlining a plan"
				}
				continue
			default:
				out[len(out)-1].e = j - 1
				start = j
			}
		}
		doc := docSpan{b: start, e: ce, dn: k, typ: ty, count: 1}
		for j := max(start, k-3); j < k; j++ {
			if n := numberWords[T[j].low]; n > 0 {
				doc.count = n
			}
		}
		first := start
		for first < k && T[first].kind == 'w' && T[first].low == "also" {
			first++
		}
		doc.definite = T[first].low == "the" || T[first].low == "this" || T[first].low == "these" || T[first].low == "that"
		out = append(out, doc)
	}
	return out
}

// sameDocument reports whether a definite mention ("the document", "the
// MOU", "the signed plan") stands for a document already found.
func (d *doc) sameDocument(found []agrDraft, s int, doc docSpan) bool {
	if len(found) == 0 {
		return false
	}
	for _, a := range found {
		if a.typ == doc.typ {
			return true
		}
	}
	return genericDocs[d.st(s)[doc.dn].low]
}

func containsStr(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func capFirst(s string) string {
	if s != "" && s[0] >= 'a' && s[0] <= 'z' {
		return string(s[0]-32) + s[1:]
	}
	return s
}

// notThisSigning reports whether the signing at token v is only planned,
// discussed, or of an earlier date.
func (d *doc) notThisSigning(s, v int, when domain.PartialDate) bool {
	year := when.Year
	T := d.st(s)
	// modal before: "to be signed", "will sign", "is expected to sign"
	n := 0
	for k := v - 1; k >= 0 && n < 3; k-- {
		if T[k].kind == 'p' {
			if T[k].is(",") {
				break
			}
			continue
		}
		n++
		if modalWords[T[k].low] && T[k].s != "May" {
			return true
		}
	}
	// before the verb: "discussed the draft plan to be signed"; after it,
	// only a draft: "signed a document on the implementation of ..." is one
	for i, t := range T {
		if t.kind == 'w' && (!t.cap || i == 0) && notSigned[t.low] && (i < v || t.low == "draft" || t.low == "drafts") {
			return true
		}
	}
	// "No documents were signed", "did not sign"
	if findWord(T, max(0, v-6), v, "no", "not", "never", "none", "neither", "nor", "without") >= 0 {
		return true
	}
	if hasPhrase(T, "last year") || hasPhrase(T, "in the past") || hasPhrase(T, "previous year") {
		return true
	}
	if otherMonth(T, when.Month) || otherDocs(T, v) {
		return true // "signed accords in July", "other agreements have also been signed"
	}
	// a year other than the meeting's, outside a "for 2026" period
	if year != 0 {
		for i, t := range T {
			if y, ok := yearVal(t); ok && y < year {
				p := prevWord(T, i)
				if p == "in" || p == "since" || p == "on" {
					return true
				}
			}
		}
	}
	if T[v].low == "signing" {
		p := prevWord(T, v)
		return !(hasPhrase(T, "took place") || hasPhrase(T, "was held") || hasWord(T, "ceremony") ||
			p == "in" || p == "by" || p == "with" || p == "after" || theSigningOf(T, v))
	}
	// a participle after its noun: "the agreement signed in 2019"
	if p := prevWord(T, v); docNouns[p] != "" {
		return true
	}
	return false
}

// docChunk returns the noun phrase that names the signed document: before a
// passive "was signed", after an active "signed", after "the signing of".
func (d *doc) docChunk(s, v int) (int, int, bool) {
	T := d.st(s)
	w := T[v].low
	aux := -1
	for k := v - 1; k >= 0 && k >= v-3; k-- {
		if T[k].kind != 'w' {
			continue
		}
		switch T[k].low {
		case "was", "were", "been", "is", "are", "be":
			aux = k
		case "has", "have", "had", "also", "successfully", "jointly", "officially":
			continue
		}
	}
	if w == "signing" {
		if p := prevWord(T, v); p == "in" || p == "by" || p == "with" || p == "after" {
			// "joined him in signing a memorandum": the object follows
			k := v + 1
			e := k
			for e < len(T) && !(T[e].kind == 'p' && (T[e].is(",") || T[e].isTerminal())) && T[e].low != "which" && T[e].low != "that" {
				e++
			}
			return k, e, e > k
		}
		k := v + 1
		if k < len(T) && T[k].low == "ceremony" {
			k++
		}
		if k < len(T) && T[k].low == "of" {
			k++
			e := k
			for e < len(T) && !(T[e].kind == 'p' && (T[e].is(",") || T[e].isTerminal())) && T[e].low != "took" && T[e].low != "was" {
				e++
			}
			return k, e, e > k
		}
		// "a signing ceremony ... the X was signed" is found at "signed"
		return 0, 0, false
	}
	if aux >= 0 && T[aux].low != "have" && T[aux].low != "has" && T[aux].low != "had" {
		// passive: the clause before the auxiliary
		b := aux - 1
		for b >= 0 {
			t := T[b]
			if t.kind == 'p' && (t.is(",") || t.is(";") || t.is(":")) {
				if n, _ := nextWord(T, b); t.is(",") && (n == "a" || n == "an") && docBefore(T, b) {
					b-- // "An agreement on X, a protocol on Y and ... were signed"
					continue
				}
				break
			}
			if t.kind == 'w' && (t.low == "that" || t.low == "where" || t.low == "which") {
				break
			}
			b--
		}
		b++
		if b >= aux {
			return 0, 0, false
		}
		return b, aux, true
	}
	// active: the object after the verb
	k := v + 1
	e := k
	for e < len(T) && e < k+40 {
		t := T[e]
		if t.kind == 'p' && (t.is(",") || t.is(";") || t.isTerminal()) {
			break
		}
		if t.kind == 'w' && !t.cap && (t.low == "at" || t.low == "during" || t.low == "within" || t.low == "following" ||
			t.low == "after" || t.low == "which" || t.low == "that" || t.low == "today" || t.low == "yesterday" || t.low == "by") {
			break
		}
		e++
	}
	return k, e, e > k
}

// periodIn reads "for 2026", "for 2025-2027", "for the period 2025–2027".
func periodIn(T []tok, b, e int) string {
	for i := b; i < e && i < len(T); i++ {
		y1, ok := yearVal(T[i])
		if !ok {
			continue
		}
		p := prevWord(T, i)
		if p != "for" && p != "year" && p != "years" && p != "period" && p != "during" && p != "from" && p != "covering" && p != "until" {
			// a span anywhere in the phrase still counts: "2025-2027 plan"
			if !(i+2 < len(T) && T[i+1].isDash()) {
				continue
			}
		}
		if i+2 < len(T) && (T[i+1].isDash() || T[i+1].low == "to" || T[i+1].low == "through") {
			if y2, ok := yearVal(T[i+2]); ok && y2 >= y1 {
				return strconv.Itoa(y1) + "-" + strconv.Itoa(y2)
			}
			// "2025-27"
			if n, ok := numVal(T[i+2], 2); ok && len(T[i+2].s) == 2 {
				y2 := y1/100*100 + n
				if y2 >= y1 {
					return strconv.Itoa(y1) + "-" + strconv.Itoa(y2)
				}
			}
		}
		if p == "from" {
			continue
		}
		return strconv.Itoa(y1)
	}
	return ""
}

// yearBefore reads a year written before the document's noun as the first
// word of its phrase: "the 2023 military cooperation plan", "a 2024-2026
// roadmap"; "" when none.
func yearBefore(T []tok, b, dn int) string {
	for i := b; i < dn && i < b+3; i++ {
		if _, ok := yearVal(T[i]); !ok {
			continue
		}
		if i > b {
			if p := T[i-1].low; p != "the" && p != "a" && p != "an" && p != "its" && p != "their" && p != "this" {
				return ""
			}
		}
		y1, _ := yearVal(T[i])
		if i+2 < dn && T[i+1].isDash() {
			if y2, ok := yearVal(T[i+2]); ok && y2 >= y1 {
				return strconv.Itoa(y1) + "-" + strconv.Itoa(y2)
			}
		}
		return strconv.Itoa(y1)
	}
	return ""
}
