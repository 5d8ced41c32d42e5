package extract

import "testing"

// Dates in the meeting's own sentence that belong to the visit's span, to
// an event the talks were part of, or to what the talks marked give no day:
// the month stands in (here the month of the stamp), never a day the text
// does not tie to the talks. The talks' own span keeps its first day.
func TestDatesOfSpansAndOccasions(t *testing.T) {
	met := "Chief of General Staff General Omar Haddad received the Chief of Defence of Estonia General Kalev Tamm"
	st := " date 2022-09-16\n"
	for _, c := range []struct{ name, text, want string }{
		{"DuringVisitSpan", st + met + " in Amman during a visit from 12 to 14 September.", "2022-09"},
		{"VisitSpanDuringWhich", st + "General Kalev Tamm is on a visit to Jordan from 12 to 14 September, during which " + met + ".", "2022-09"},
		{"VisitFrom", st + met + " in Amman during his visit from 12 September.", "2022-09"},
		{"ForumSpan", st + met + " in Amman during the Regional Security Forum held from 12 to 14 September.", "2022-09"},
		{"ExerciseSpan", st + met + " at the joint exercise on 12-14 September.", "2022-09"},
		{"ForumOpened", st + met + " on the sidelines of the forum in Amman, which opened on 12 September.", "2022-09"},
		{"ExerciseBegan", st + met + " at the exercise that began on 13 September.", "2022-09"},
		{"Occasion", st + met + " in Amman on the occasion of Army Day on 9 June.", "2022-09"},
		{"Eve", st + met + " on the eve of Independence Day (17 September).", "2022-09"},
		{"Marking", st + met + " in Amman, marking Army Day on 12 September.", "2022-09"},
		{"ToCome", st + met + " in Amman. He will be back in Jordan on 20 September.", "2022-09"},
		{"ToComeInItsSentence", st + met + ", who will leave Amman on 15 September.", "2022-09"},
		{"SpanUnderDateline", "(Amman, 24 September 2022) " + met + ", who was on a visit to Jordan from 17 to 21 September 2022.", "2022-09"},
		{"SpanBeforeDateline", "AMMAN, Sept 24, 2022 (Petra) -- General Kalev Tamm is on a visit to Jordan from 17 to 21 September, during which " + met + ".", "2022-09"},
		// the talks' own span and day stand
		{"TalksSpan", st + met + " for talks held on 14-15 September.", "2022-09-14"},
		{"OnDayAtForum", st + met + " on 14 September during the Regional Security Forum held from 12 to 14 September.", "2022-09-14"},
		{"DayBeforeSpan", st + "On 14 September, " + met + " at the forum that opened on 12 September.", "2022-09-14"},
		{"SpanThenDay", st + "General Kalev Tamm is on a visit to Jordan from 12 to 14 September. On 13 September, " + met + ".", "2022-09-13"},
	} {
		res := Extract(c.text, Options{})
		if got := res.Meeting.Date.String(); got != c.want {
			t.Errorf("%s: date %q, want %q (%q)", c.name, got, c.want, res.Warnings)
		}
	}
}
