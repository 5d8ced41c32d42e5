package extract

// Dates in the meeting's own sentence that belong to something else: the
// span of the visit or of the forum it took place at, the day an event
// opened, the holiday it marked. Each gives a day that is not the day of
// the talks, so it is read for its month alone or not at all.

// eventNouns name occasions of several days that talks take place during
// or beside: their span or opening day is not the day of the talks.
var eventNouns = setOf("forum", "exhibition", "expo", "summit", "exercise", "exercises", "drill", "drills", "games",
	"show", "airshow", "fair", "festival", "symposium", "seminar", "course", "championship", "competition",
	"salon", "olympiad", "tattoo", "dialogue", "congress", "week")

// visitVerbs tell of a visit whose span a date gives: "visited Jordan from
// 12 to 14 May".
var visitVerbs = setOf("visited", "visiting", "stayed", "staying", "toured", "touring")

// spanOfOther reports whether the date at e, in the meeting's sentence,
// is the span of the visit or of an event the talks were part of: "during
// a visit from 12 to 14 September", "is on a visit ... from 12 to 14
// September, during which", "at the forum held on 12-14 September",
// "during his visit from 12 September". The talks themselves may span
// days ("held talks on 14-15 September") and keep their first day.
func spanOfOther(T []tok, e dateExpr) bool {
	from := e.i > 0 && T[e.i-1].low == "from"
	if e.d2 == 0 && e.cross == 0 && !from {
		return false
	}
	return wordBack(T, e.i, 10, func(_ int, t tok) (bool, bool) {
		if visitNouns[t.low] || visitVerbs[t.low] || eventNouns[t.low] {
			return true, true
		}
		if talkNouns[t.low] || talkWords[t.low] && t.low != "held" {
			return false, true // "talks held on 14-15 September"
		}
		return false, false
	})
}

// wordBack walks back over the words before token i, the nearest first and
// at most n tokens back, stopping at a semicolon; it returns the verdict of
// the first word decide is done with, false when there is none.
func wordBack(T []tok, i, n int, decide func(k int, t tok) (verdict, done bool)) bool {
	for k := i - 1; k >= 0 && k >= i-n; k-- {
		t := T[k]
		if t.is(";") {
			return false
		}
		if t.kind != 'w' {
			continue
		}
		if v, done := decide(k, t); done {
			return v
		}
	}
	return false
}

// openVerbs tell when an occasion opened or closed.
var openVerbs = setOf("opened", "opens", "began", "begins", "started", "starts", "ended", "ends", "closed",
	"closes", "kicked", "launched", "commenced", "concluded", "held", "running", "runs", "ran")

// occasionDate reports whether the date at e dates another occasion than
// the talks told in the same sentence: the day an event opened or closed
// ("on the sidelines of the forum, which opened on 12 September"), or the
// day of what the talks marked or came before ("on the occasion of Army
// Day on 9 June", "on the eve of Independence Day (17 September)",
// "ahead of the exercise starting on 20 September"), or a day still to
// come ("will be held on 17 June").
func occasionDate(T []tok, e dateExpr) bool {
	return wordBack(T, e.i, 10, func(k int, t tok) (bool, bool) {
		if talkNouns[t.low] || talkWords[t.low] && t.low != "held" || visitNouns[t.low] {
			return false, true
		}
		switch t.low {
		case "occasion", "eve", "ahead", "marking", "commemorating", "celebrating":
			return true, true
		case "will", "shall":
			return true, true // "the meeting will be held via teleconference June 17-18": to come
		}
		if openVerbs[t.low] && eventBefore(T, k) {
			return true, true
		}
		return false, false
	})
}

// eventBefore reports whether the verb at token k tells of an event named
// just before it ("the forum, which opened", "the exercise that began"),
// not of the talks.
func eventBefore(T []tok, k int) bool {
	for j := k - 1; j >= 0 && j >= k-5; j-- {
		t := T[j]
		if t.kind != 'w' {
			continue
		}
		if eventNouns[t.low] {
			return true
		}
		if talkNouns[t.low] || talkWords[t.low] && t.low != "held" || visitNouns[t.low] {
			return false
		}
	}
	return false
}

// joinSpans marks in es, the dates of one sentence, each day that opens a
// span the next date closes ("from 30 April to 3 May 2022", "April 30 -
// May 3"; "28 to 30 April" is read by dateAt): the first takes the
// second's month as cross and its year when it has none; the second is
// dropped, as it is no day of its own.
func joinSpans(T []tok, es []dateExpr) []dateExpr {
	out := es[:0:0]
	for k := 0; k < len(es); k++ {
		e := es[k]
		if k+1 < len(es) && e.rel == 0 && e.d != 0 && e.d2 == 0 && e.j < len(T) {
			n := es[k+1]
			if n.rel == 0 && n.d != 0 && n.i == e.j+1 && spanJoiner(T[e.j]) && (e.y == 0 || n.y == 0 || e.y == n.y) {
				e.cross = n.m
				if e.y == 0 {
					e.y = n.y
				}
				e.j = n.j
				out = append(out, e)
				k++
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

// spanJoiner reports whether a token joins the two ends of a span.
func spanJoiner(t tok) bool {
	if t.isDash() {
		return true
	}
	switch t.low {
	case "to", "until", "till", "through", "thru":
		return true
	}
	return false
}
