package extract

// theSigningOf reports whether "the signing of" at token v is an event of
// the meeting: "was followed by the signing of", "ended with the signing
// of", "witnessed the signing of".
func theSigningOf(T []tok, v int) bool {
	if T[v].low != "signing" || prevWord(T, v) != "the" {
		return false
	}
	if n, _ := nextWord(T, v); n != "of" {
		return false
	}
	k := v - 1
	for k >= 0 && T[k].kind != 'w' {
		k--
	}
	switch prevWord(T, k) {
	case "by", "with", "after", "witnessed", "attended", "saw", "included", "includes", "concluded", "ended", "followed":
		return true
	}
	return false
}

// tallyWords before a number of documents make it a tally of the
// relationship, not this signing: "more than 60 documents", "over 40
// agreements have been signed to date".
var tallyWords = setOf("over", "than", "about", "around", "nearly", "almost", "some", "dozens", "hundreds", "total")

// tally reports whether the signing at token v counts the documents signed
// over the years: a number above five or an approximate count near it, or
// "to date", "so far", "in total".
func tally(T []tok, v int) bool {
	if hasPhrase(T, "to date") || hasPhrase(T, "so far") || hasPhrase(T, "in total") || hasPhrase(T, "total of") {
		return true
	}
	from, to := max(0, v-8), min(len(T), v+5)
	for k := from; k < to; k++ {
		n, ok := numVal(T[k], 4)
		if !ok || n >= 1900 || n <= 5 && !wordIn(T, k-2, k, tallyWords) {
			continue
		}
		d := k + 1
		for d < len(T) && d < k+4 && docNouns[T[d].low] == "" {
			d++
		}
		if d < len(T) && docNouns[T[d].low] != "" {
			return true
		}
	}
	return false
}

// docBefore reports whether a document is named in the list item that ends
// at the comma b: "An MoU on cyber defence, a protocol ...".
func docBefore(T []tok, b int) bool {
	for k := b - 1; k >= 0 && k >= b-8; k-- {
		if T[k].kind == 'p' && (T[k].is(",") || T[k].is(";")) {
			return false
		}
		if docNouns[T[k].low] != "" {
			return true
		}
	}
	return false
}

// docGroupNouns name documents in general: "two agreements", "three documents".
var docGroupNouns = setOf("agreements", "documents", "accords", "deals", "papers")

// dropGroup drops a count of documents named in general ("the signing of
// two agreements") when the report names as many documents after it: they
// are those.
func dropGroup(out []agrDraft) []agrDraft {
	for i := 0; i < len(out); i++ {
		a := out[i]
		if !a.group {
			continue
		}
		end := i
		for end < len(out) && out[end].group && out[end].s == a.s && out[end].cs == a.cs {
			end++
		}
		if len(out)-end >= a.count {
			return append(out[:i:i], out[end:]...)
		}
		i = end - 1
	}
	return out
}

// documentsAfterPassive finds a document coordinated after a passive
// signing: "A memorandum was signed on X and a letter of intent on Y".
// auxWords open the verb of a clause: "and a memorandum was signed".
var auxWords = setOf("was", "were", "is", "are", "has", "have", "had", "been")

func (d *doc) documentsAfterPassive(s, v int) []docSpan {
	T := d.st(s)
	if v+2 < len(T) && T[v+1].is(":") {
		// "Two documents were signed: a plan ... and a memorandum ..."
		e := v + 2
		for e < len(T) && !(T[e].kind == 'p' && (T[e].is(";") || T[e].isTerminal())) {
			e++
		}
		return d.documentsIn(s, v+2, e)
	}
	for k := v + 1; k+2 < len(T); k++ {
		t := T[k]
		if t.kind == 'p' && (t.is(";") || t.isTerminal()) {
			break
		}
		if t.low != "and" || T[k+1].low != "a" && T[k+1].low != "an" {
			continue
		}
		for j := k + 2; j < len(T) && j <= k+5; j++ {
			if docNouns[T[j].low] != "" {
				e := j + 1
				for e < len(T) && !(T[e].kind == 'p' && (T[e].is(",") || T[e].is(";") || T[e].isTerminal())) && !auxWords[T[e].low] {
					e++ // up to its own verb: "and a memorandum was signed between ..."
				}
				return d.documentsIn(s, k+1, e)
			}
		}
	}
	return nil
}

// agreementsOf finds the documents signed in a section, a definite mention
// of one found in an earlier section being that one.
func (b *builder) agreementsOf(sents []int) []agrDraft {
	out := b.d.agreements(sents, b.date, b.agrSeen)
	b.agrSeen = append(b.agrSeen, out...)
	return out
}

// otherMonth reports whether a signing's sentence dates it "in <month>"
// other than the meeting's month mo: an earlier occasion.
func otherMonth(T []tok, mo int) bool {
	if mo == 0 {
		return false
	}
	for k := 1; k < len(T); k++ {
		if m, ok := monthVal(T[k]); ok && m != mo && (T[k-1].low == "in" || T[k-1].low == "last") {
			if k+1 < len(T) {
				if _, ok := dayVal(T[k+1]); ok {
					continue // "in May 5" is a date of its own
				}
			}
			return true
		}
	}
	return false
}

// otherQuantifiers before documents signed over time: "other technical
// arrangements and specific agreements have also been signed".
var otherQuantifiers = setOf("other", "various", "numerous", "many", "several", "previous", "earlier", "existing")

var perfectAux, beenWord = setOf("have", "has"), setOf("been")

// otherDocs reports whether the signing at token v, in the perfect
// ("have been signed"), is of documents counted over time.
func otherDocs(T []tok, v int) bool {
	if !wordIn(T, v-4, v, perfectAux) || !wordIn(T, v-3, v, beenWord) {
		return false
	}
	return wordIn(T, 0, v, otherQuantifiers)
}
