package extract

import "testing"

// TestDoubtfulDaysGiveWay: where the sources of a day disagree, or a day
// would come only from a span, a vague time or a stamp of the page's
// update, no day is given: the month (or year) that is sure stands, or
// nothing.
func TestDoubtfulDaysGiveWay(t *testing.T) {
	for _, c := range []struct {
		name, met string
	}{
		{"Jordan", "Chief of General Staff General Omar Haddad received the Chief of Defence of Estonia General Kalev Tamm"},
		{"Vietnam", "Defence Minister General Phan Van Giang held talks with Lao Defence Minister General Chansamone Chanyalath"},
		{"Kenya", "Chief of Defence Forces General Robert Kibochi met Chief of the Defence Staff of the United Kingdom Admiral Tony Radakin"},
	} {
		met := c.met
		for _, k := range []struct {
			name, text, want string
		}{
			// a stamp of the page's update is no day to count from
			{"Updated", "Updated: 20.09.2022 14:05\n" + met + " in the capital on Thursday.\n", ""},
			{"Modified", "Last modified 20 September 2022\n" + met + " in the capital yesterday.\n", ""},
			// the day of publication written first, the update after it
			{"PublishedThenUpdated", "By XYZ - May 20,2022 - Last updated at May 21,2022\n\nAMMAN — " + met + " in the capital on Thursday.\n", "2022-05-19"},
			// spans over two months give the year; the dateline inside one is the release's
			{"CrossSpan", met + " in the capital. The guest visited the country from 30 April to 3 May 2022.", "2022"},
			{"CrossSpanMain", "The guest visited the country from April 30 to May 3, 2022, and " + met + ".", "2022"},
			{"CrossSpanDateline", "AMMAN, May 2, 2022 - The delegation is on a visit from 30 April to 3 May.\n\n" + met + " in the capital.", "2022"},
			{"SpanSameMonth", "AMMAN, May 6, 2022 - " + met + ". The visit lasted from May 3 to May 5.", "2022-05"},
			{"TalksSpan", met + " in the capital; the talks were held from 30 April to 1 May 2022.", "2022-04-30"},
			// two days for the meeting that disagree
			{"WeekdayAndDate", "AMMAN, May 6, 2022 - On Tuesday, " + met + " in the capital on 2 May.", "2022-05"},
			{"WeekdayAndDateAgree", "AMMAN, May 6, 2022 - On Tuesday, " + met + " in the capital on 3 May.", "2022-05-03"},
			{"WrongWeekday", met + " in the capital on Tuesday, 4 May 2022.", "2022-05"},
			{"RightWeekday", met + " in the capital on Wednesday, 4 May 2022.", "2022-05-04"},
			// vague times under a dateline
			{"Recently", "AMMAN, May 6, 2022 - " + met + " in the capital recently.", ""},
			{"LastMonth", "AMMAN, May 6, 2022 - " + met + " in the capital last month.", "2022-04"},
			{"LastMonthJanuary", "AMMAN, January 6, 2022 - " + met + " in the capital last month.", "2021-12"},
			{"EarlierThisMonth", "AMMAN, May 16, 2022 - " + met + " in the capital earlier this month.", "2022-05"},
			{"Weekend", "AMMAN, May 16, 2022 - " + met + " in the capital at the weekend.", "2022-05"},
			{"FewDaysAgo", "AMMAN, May 16, 2022 - " + met + " in the capital a few days ago.", "2022-05"},
			{"TwoDaysAgo", "AMMAN, May 16, 2022 - " + met + " in the capital two days ago.", "2022-05-14"},
			{"ThreeDaysAgo", "AMMAN, May 16, 2022 - " + met + " in the capital 3 days ago.", "2022-05-13"},
		} {
			res := Extract(k.text, Options{})
			if got := res.Meeting.Date.String(); got != k.want {
				t.Errorf("%s/%s: date %q, want %q (%q)", c.name, k.name, got, k.want, res.Warnings)
			}
		}
	}
}
