package extract

import "github.com/milmeet/milmeet/internal/domain"

// The kind of a visit told in words other than "an official visit": "as
// the official guest of", "on a practical visit" (a working visit, as
// translations from Uzbek and Russian write it), and the kind told in the
// talks the visit held rather than in its first meeting's sentences.

// kindIn returns the kind of visit a sentence names: visitKindIn's forms,
// else a guest "as the official guest" of the host, else "a practical
// visit"; "" when none.
func kindIn(T []tok) domain.Kind {
	if k := visitKindIn(T); k != "" {
		return k
	}
	for i, t := range T {
		if t.kind != 'w' {
			continue
		}
		var k domain.Kind
		switch t.low {
		case "guest", "guests":
			// "as the official guest of his counterpart", "who was in
			// Ankara as an official guest"
			if prevWord(T, i) != "official" || findWord(T, max(0, i-4), i, "as") < 0 {
				continue
			}
			k = "official_visit"
		case "visit", "trip":
			if prevWord(T, i) != "practical" {
				continue
			}
			k = "working_visit"
		default:
			continue
		}
		if wordIn(T, i-6, i, otherTimeWords) || wordIn(T, i+1, i+10, laterWords) || wordIn(T, i-12, i, discussWords) {
			continue // one to come, or one recalled
		}
		return k
	}
	return ""
}

// visitKindElsewhere returns the kind of the visit a meeting belongs to
// when a sentence outside its own section names it: "X arrived in Manama
// on an official visit to Bahrain" told after the talks of the visit. The
// sentence must tell of a visit to one of the meeting's countries.
func (b *builder) visitKindElsewhere(m *meetingDraft) (domain.Kind, int) {
	d := b.d
	in := map[int]bool{}
	for _, s := range m.sents {
		in[s] = true
	}
	for s := range d.sents {
		if in[s] {
			continue
		}
		T := d.st(s)
		if futureInvite(T) {
			continue
		}
		k := kindIn(T)
		if k == "" {
			continue
		}
		if c, _ := d.visitDest(s); c != "" && c != ourCountry && m.dlg(c) != nil {
			return k, s
		}
	}
	return "", -1
}
