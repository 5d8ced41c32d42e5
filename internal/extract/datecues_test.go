package extract

import "testing"

// A day the text does not support is never given: dates of other
// occasions, of plans and of old documents stay off the meeting, and a
// day that nothing settles is left out (the month or year stands in).
func TestDatesOfOtherOccasions(t *testing.T) {
	met := "Chief of General Staff General Omar Haddad received the Chief of Defence of Estonia General Kalev Tamm"
	stamp := " date 2022-09-16\n"
	for _, c := range []struct{ name, text, url, want string }{
		{"RecalledVisit", stamp + met + " in the capital. The two generals recalled the visit of the Estonian chief to Amman on 4 May 2020.\n", "", "2022-09"},
		{"OldDocument", stamp + met + " in the capital. They praised the memorandum signed on 4 May 2022.\n", "", "2022-09"},
		{"NextMeeting", stamp + met + " in the capital. The next round of talks will take place on 3 November 2022.\n", "", "2022-09"},
		{"LastSession", stamp + met + " in the capital. The joint staff committee held its last session on 2 March.\n", "", "2022-09"},
		{"EarlierElsewhere", stamp + met + " in the capital. Earlier, on 5 September, Haddad met the Polish chief in Warsaw.\n", "", "2022-09"},
		{"VisitAbroad", stamp + met + " in the capital. On 5 September, Haddad visited Warsaw.\n", "", "2022-09"},
		{"ExerciseHeld", stamp + met + " in the capital. The exercise was held on 2 September.\n", "", "2022-09"},
		{"Birthday", stamp + met + " in the capital, a day after the birthday on 13 September of the Estonian chief.\n", "", "2022-09"},
		{"Founded", stamp + met + " in the capital. The staff college was founded on 9 October 1991.\n", "", "2022-09"},
		{"Since", stamp + met + " in the capital. Relations have grown since 5 May 2015.\n", "", "2022-09"},
		{"TreatyOf", stamp + "The anniversary of the treaty of 12 June 1992 was marked.\n" + met + " in the capital.\n", "", "2022-09"},
		{"VisitSpanElsewhere", met + " in the capital. Tamm is on a visit to Jordan on 13-15 September.", "https://example.com/2022/09/16/talks", "2022-09"},
		// the meeting's own date still wins
		{"OwnDate", stamp + met + " in the capital on 14 September. The next round of talks will take place on 3 November 2022.\n", "", "2022-09-14"},
		{"TwoDays", met + " in the capital on 13 and 14 September.", "https://example.com/2022/09/16/talks", "2022-09-13"},
	} {
		if got := dateOf(t, c.text, c.url); got != c.want {
			t.Errorf("%s: date %q, want %q", c.name, got, c.want)
		}
	}
}

func TestDatesThatNothingSettles(t *testing.T) {
	met := "Chief of General Staff General Omar Haddad received the Chief of Defence of Estonia General Kalev Tamm"
	for _, c := range []struct{ name, text, url, want string }{
		// a stamp-like date opening the sentence does not beat "on <date>"
		{"OpeningStamp", "16/09/2022 " + met + " on 14 September in the capital.", "", "2022-09-14"},
		// a release date is when the news came out, not the meeting
		{"ReleaseIssued", " date 2022-09-20\n" + met + " on Wednesday in the capital, the ministry said in a statement issued on 16 September 2022.\n", "", "2022-09-14"},
		// a dateline set off by slashes is the dateline, and the weekday counts back from it
		{"SlashDateline", "Amman / September 16, 2022 / " + met + " in the capital on Wednesday.", "", "2022-09-14"},
		// day and month that could be swapped: only the year is kept
		{"SlashAmbiguous", met + " on 05/09/2022 in the capital.", "", "2022"},
		{"SlashDayOver12", met + " on 14/09/2022 in the capital.", "", "2022-09-14"},
		{"SlashWeekday", met + " on Wednesday 09/14/2022 in the capital.", "", "2022-09-14"},
		{"SlashWeekdayFits", met + " on Tuesday 06/09/2022 in the capital.", "", "2022-09-06"},
		{"SlashBeforeStamp", " date 2022-09-16\n" + met + " on 09/14/2022 in the capital.\n", "", "2022-09-14"},
		{"DotsAreDayFirst", met + " on 05.09.2022 in the capital.", "", "2022-09-05"},
		// an ambiguous stamp that nothing confirms gives no day
		{"SlashStamp", "05/09/2022\n" + met + " yesterday in the capital.", "", ""},
		// a day and month months away from the only stamp: the year is unknown
		{"FarStamp", " date 2023-03-01\n" + met + " on 14 July in the capital.\n", "", "--07-14"},
		{"NearStampPast", " date 2023-01-03\n" + met + " on 28 December in the capital.\n", "", "2022-12-28"},
		// a weekday in the meeting's sentence with nothing to count from
		{"WeekdayNoAnchor", met + " on Wednesday in the capital. The ministry published the news on its website.", "", ""},
	} {
		if got := dateOf(t, c.text, c.url); got != c.want {
			t.Errorf("%s: date %q, want %q", c.name, got, c.want)
		}
	}
	res := Extract(met+" on 05/09/2022 in the capital.", Options{})
	if !hasWarning(res, "could be swapped") {
		t.Errorf("no warning about the ambiguous date: %q", res.Warnings)
	}
	res = Extract(" date 2023-03-01\n"+met+" on 14 July in the capital.\n", Options{})
	if !hasWarning(res, "months away") {
		t.Errorf("no warning about the distant stamp: %q", res.Warnings)
	}
}

func TestDatelineInTheOpeningSentence(t *testing.T) {
	met := "Chief of General Staff General Omar Haddad received the Chief of Defence of Estonia General Kalev Tamm"
	for _, c := range []struct{ name, text, want string }{
		{"Bar", "Amman, September 16, 2022 | " + met + " in the capital on Wednesday.", "2022-09-14"},
		{"Brackets", "[Amman, 16 September 2022] " + met + " in the capital yesterday.", "2022-09-15"},
		{"Colon", "Amman, 16 September 2022: " + met + " in the capital.", "2022-09-16"},
		{"TimeThenOn", "16.09.2022, 15:40 On 14 September, " + met + " in the capital.", "2022-09-14"},
		{"DateFirst", "September 16, 2022 " + met + " in the capital on Wednesday.", "2022-09-14"},
		// "On <date>" and a date set off by a comma open the event itself
		{"On", "On 14 September 2022, " + met + " in the capital.", "2022-09-14"},
	} {
		if got := dateOf(t, c.text, ""); got != c.want {
			t.Errorf("%s: date %q, want %q", c.name, got, c.want)
		}
	}
}

func TestStampsThatDoNotAgree(t *testing.T) {
	met := "Chief of General Staff General Omar Haddad received the Chief of Defence of Estonia General Kalev Tamm"
	// the page's stamp and the crawler's disagree: no day is counted from either
	res := Extract(" date 2022-09-20\n16 September 2022\n"+met+" in the capital yesterday.\n", Options{})
	if got := res.Meeting.Date.String(); got != "" {
		t.Errorf("disagreeing stamps: date %q, want none", got)
	}
	if !hasWarning(res, "disagree") {
		t.Errorf("disagreeing stamps: no warning: %q", res.Warnings)
	}
	// dates of other news listed below the text are not the page's stamp
	text := met + " in the capital on Wednesday.\n\n12 September 2022\nArmy chief opens new academy building\n10 September 2022\nNavy receives two patrol boats\n"
	if got := dateOf(t, text, ""); got != "" {
		t.Errorf("listed news: date %q, want none", got)
	}
	// one stamp alone below the text is the page's
	text = met + " in the capital on Wednesday.\n\n16.09.2022\n"
	if got := dateOf(t, text, ""); got != "2022-09-14" {
		t.Errorf("stamp below: date %q, want 2022-09-14", got)
	}
}

func TestDateWithDashedMonth(t *testing.T) {
	met := "Chief of General Staff General Omar Haddad received the Chief of Defence of Estonia General Kalev Tamm"
	if got := dateOf(t, met+" on 14-Sep-2022 in the capital.", ""); got != "2022-09-14" {
		t.Errorf("date %q, want 2022-09-14", got)
	}
}

func TestDatesOfTheNewsAndOfOtherPhotos(t *testing.T) {
	met := "Chief of General Staff General Omar Haddad received the Chief of Defence of Estonia General Kalev Tamm"
	for _, c := range []struct{ name, text, url, want string }{
		// the day the news came out, told outside the meeting's sentence
		{"SaidInRelease", "Amman, 17 September 2022 (XYZ) – " + met + " in the capital for the past two days. The ministry said Saturday in a press release that the talks were useful.", "", "2022-09"},
		{"SaidAfterDate", " date 2022-09-17\nGeneral Kalev Tamm on Friday night said that during his visit to Jordan the hosts were most cordial. " + met + " in the capital with great hospitality.\n", "", "2022-09"},
		// said at the visit itself
		{"SaidDuringVisit", " date 2022-09-17\nGeneral Kalev Tamm said on Friday during his official visit to Jordan that ties were strong. He met Chief of General Staff General Omar Haddad in the capital.\n", "", "2022-09-16"},
		// an archive photo's caption is another occasion
		{"FilePhoto", met + " via video link on Wednesday.\nFILE PHOTO: General Kalev Tamm attends a meeting of army chiefs in Brussels, Belgium May 5, 2022.", "https://example.com/2022/09/16/talks", "2022-09-14"},
		// "On the morning of <date>" is "On <date>", and the year comes from the report's other dates of that month
		{"MorningOf", "General Kalev Tamm paid an official visit to Jordan from September 13-15, 2022. On the morning of September 14, at the General Command, Chief of General Staff General Omar Haddad chaired the official welcoming ceremony for General Kalev Tamm.", "", "2022-09-14"},
		// a URL date with its time
		{"URLWithTime", met + " in the capital on Wednesday.", "https://example.com/stories/202209160405.html", "2022-09-14"},
	} {
		if got := dateOf(t, c.text, c.url); got != c.want {
			t.Errorf("%s: date %q, want %q", c.name, got, c.want)
		}
	}
}

func TestMoreDatesFromTextAndURL(t *testing.T) {
	met := "Chief of General Staff General Omar Haddad received the Chief of Defence of Estonia General Kalev Tamm"
	for _, c := range []struct{ name, text, url, want string }{
		// a time to come told after the date, in a clause of its own, is not before it
		{"WillAfter", "Jordan and Estonia yesterday signed a training plan that will see cadets exchanged. Later, " + met + " at the General Command.", "https://example.com/2022/09/16/talks", "2022-09-15"},
		{"ISOStamp", "Date: 2022-09-16T14:28:56+0000\nOn Wednesday, " + met + " in the capital.\n", "", "2022-09-14"},
		{"URLMonthWord", "On Wednesday, " + met + " in the capital.", "https://example.com/nation/2022/sep/16/talks.html", "2022-09-14"},
		{"StrayComma", "On Wednesday, September, 14, 2022, " + met + " in the capital.", "", "2022-09-14"},
		{"YearFromByline", "By John Smith September 30, 2022 " + met + " in the capital on September 14th.", "", "2022-09-14"},
		// "today" under a URL that gives the month only: that month
		{"TodayURLMonth", met + " in the capital today.", "https://example.com/2022/09/talks-in-amman", "2022-09"},
	} {
		if got := dateOf(t, c.text, c.url); got != c.want {
			t.Errorf("%s: date %q, want %q", c.name, got, c.want)
		}
	}
}

func TestDaysOfThisMonth(t *testing.T) {
	text := " date 2022-09-20\nThe armies of Jordan and Estonia reviewed their cooperation. Chief of General Staff General Omar Haddad received the Chief of Defence of Estonia General Kalev Tamm in the capital. The note said the meeting was held from 14 to 15 this month.\n"
	if got := dateOf(t, text, ""); got != "2022-09-14" {
		t.Errorf("date %q, want 2022-09-14", got)
	}
}

func TestRecentMeetingWithoutDate(t *testing.T) {
	text := " date 2022-10-02\nA delegation led by the Chief of Defence of Estonia General Kalev Tamm recently returned from Jordan, where it met Chief of General Staff General Omar Haddad.\n"
	if got := dateOf(t, text, ""); got != "" {
		t.Errorf("date %q, want none", got)
	}
}
