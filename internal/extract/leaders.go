package extract

import (
	"slices"
	"strings"
)

// leaderTitles are the positions of heads of state and government, as a
// position reads once its country and "of the Republic" are set aside.
var leaderTitles = setOf("president", "prime minister", "premier", "king", "queen", "emir", "amir", "sultan",
	"crown prince", "head of state", "supreme leader", "president of the republic")

// stateWords are the words of a country's official form left in a
// position once its name is set aside: "President of the Republic of ...".
var stateWords = setOf("of", "the", "republic", "kingdom", "state", "federal", "federation", "islamic", "people's",
	"peoples", "democratic", "united", "sultanate", "emirate", "hashemite", "his", "her", "majesty", "highness")

// leaderPosition reports whether a position is a head of state's or of
// government's: "President", "Prime Minister of Bulgaria", "the Bulgarian
// prime minister", "King"; not "Vice President", "Deputy Prime Minister",
// nor "President of the National Defence University".
func leaderPosition(pos string) bool {
	toks := tokenize(pos, 0, len(pos))
	var words []string
	for i := 0; i < len(toks); i++ {
		if toks[i].kind == 'p' {
			continue
		}
		if c, j := countryAt(toks, i); c != "" && c != "-" {
			i = j - 1
			continue
		}
		words = append(words, toks[i].low)
	}
	for len(words) > 0 && stateWords[words[len(words)-1]] {
		words = words[:len(words)-1]
	}
	for len(words) > 0 && stateWords[words[0]] {
		words = words[1:]
	}
	return leaderTitles[strings.Join(words, " ")]
}

// hostFromLeader: of two countries' heads, the one who is a head of state
// or of government hosts the other, when nothing else tells the host
// ("the Prime Minister of Bulgaria said at a meeting with the Chief of the
// General Staff of Azerbaijan"): a head of state receives a visiting
// minister or commander at home; one who travels is met by a leader too,
// or the visit is told.
func (b *builder) hostFromLeader(m *meetingDraft) {
	a := m.anchor
	if m.host != "" || m.noHost || a.call || a.video || len(m.dlgs) != 2 {
		return
	}
	leader := ""
	for _, x := range m.dlgs {
		if x.head < 0 {
			return
		}
		if leaderPosition(b.d.people[x.head].pos) {
			if leader != "" {
				return
			}
			leader = x.code
		}
	}
	if leader != "" {
		m.host, m.hostS, m.hostConf = leader, -1, 0.45
	}
}

// leaderAside reports whether a head of state or of government is named in a
// sentence that reports no meeting, or stands on neither side of the
// meeting it reports: a report recalls what the president ordered, said or
// signed before ("President X warned that ...", "the agreements reached
// with President X"); a leader who takes part is named meeting someone.
func (d *doc) leaderAside(idx int) bool {
	p := d.people[idx]
	_, pos, _ := d.bestDetails(idx)
	if !leaderPosition(pos) {
		return false
	}
	a, ok := d.anchorIn(p.sent)
	if !ok {
		// "paid courtesy calls to President X": a meeting the sentence
		// tells in words no anchor reads
		T := d.st(p.sent)
		return findWord(T, 0, len(T), "met", "meet", "meets", "received", "receives", "hosted", "courtesy",
			"audience", "talks", "meeting") < 0
	}
	subj, obj := d.sidePeople(a)
	return !slices.Contains(subj, idx) && !slices.Contains(obj, idx)
}
