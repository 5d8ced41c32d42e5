package extract

import "github.com/milmeet/milmeet/internal/domain"

// remoteVerbs report talks held: "held video talks", "spoke by phone".
var remoteVerbs = setOf("held", "hold", "holds", "had", "conducted", "spoke", "speak", "speaks", "talked", "met",
	"discussed")

// remoteNouns name the talks a sentence after the meeting's may tell as
// held remotely: "the start of a meeting, via video conferencing".
var remoteNouns = setOf("meeting", "talks", "conference", "dialogue")

// remoteBefore finds the kind of talks a sentence before the meeting's
// tells as held remotely: "The defence chiefs held video talks on
// Wednesday. The talks between X and Y ..." are a video conference. Only a
// sentence that opens the section counts, and none when the section tells
// of a visit or an arrival.
func (d *doc) remoteBefore(sents []int, a anchor) (domain.Kind, int) {
	for _, s := range sents {
		T := d.st(s)
		if hasWord(T, "visit", "visited", "arrived", "arrival", "welcomed", "hosted") && !futureInvite(T) {
			return "", -1
		}
	}
	for n, s := range sents {
		if s > a.s+1 || n >= 3 {
			break
		}
		T := d.st(s)
		if s == a.s || !hasWordSet(T, remoteVerbs) && !(s > a.s && hasWordSet(T, remoteNouns)) {
			continue
		}
		switch call, video := callKind(T); {
		case video:
			return "video_conference", s
		case call:
			return "phone_call", s
		}
	}
	return "", -1
}

// laterWords after a visit put it in time to come: "a visit ... this
// spring", "later this year".
var laterWords = setOf("spring", "summer", "autumn", "fall", "winter", "later", "future", "soon")

// discussWords before a visit make it a topic of the talks.
var discussWords = setOf("discussed", "discuss", "discussing", "discussion", "discussions")

// visitKindIn returns the kind of visit a sentence names, the highest when
// several: "an official visit", "an official two-day visit", "a working
// trip", "a state visit"; "" when none.
func visitKindIn(T []tok) domain.Kind {
	rank := map[domain.Kind]int{"state_visit": 3, "official_visit": 2, "working_visit": 1}
	var best domain.Kind
	for i, t := range T {
		if t.kind != 'w' || (t.low != "visit" && t.low != "visits" && t.low != "trip") {
			continue
		}
		var k domain.Kind
		switch visitAdjective(T, i) {
		case "official":
			k = "official_visit"
			if findWord(T, max(0, i-3), i, "state") >= 0 {
				k = "state_visit"
			}
		case "working":
			k = "working_visit"
		case "state":
			k = "state_visit"
		default:
			continue
		}
		if wordIn(T, i-6, i, otherTimeWords) || wordIn(T, i+1, i+10, laterWords) || wordIn(T, i-12, i, discussWords) {
			continue // a visit to come or one recalled: "will pay an official visit", "a visit ... this spring"
		}
		if rank[k] > rank[best] {
			best = k
		}
	}
	return best
}

// visitAdjective returns the word that tells the kind of the visit at
// token i, looking past a length or order between them ("an official
// two-day visit", "his first official visit").
func visitAdjective(T []tok, i int) string {
	for k, n := i-1, 0; k >= 0 && n < 3; k-- {
		t := T[k]
		if t.kind == 'p' {
			if t.isDash() && !t.sp {
				continue
			}
			return ""
		}
		if t.kind != 'w' && t.kind != 'n' {
			return ""
		}
		n++
		switch t.low {
		case "official", "working", "state":
			return t.low
		case "formal":
			return "official"
		case "a", "an", "the", "his", "her", "its", "their", "this":
			return ""
		}
	}
	return ""
}
