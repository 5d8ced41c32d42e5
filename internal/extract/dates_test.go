package extract

import "testing"

// dateOf extracts a report and returns its meeting date.
func dateOf(t *testing.T, text, url string) string {
	t.Helper()
	opt := Options{}
	if url != "" {
		opt.URL = &url
	}
	return Extract(text, opt).Meeting.Date.String()
}

func TestDatelines(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		// a dateline in an outlet's format never beats "On <date>" of the event sentence
		{"Baku. 3 June. REPORT.AZ/ Defence Minister General Ali Valiyev met with Minister of Defence of Georgia Mr. Levan Kapanadze on 2 June 2021 in the capital.", "2021-06-02"},
		{"NAIROBI, Kenya, March 4, 2023 - Defence Minister General Ali Valiyev received the Minister of Defence of Georgia Mr. Levan Kapanadze on Friday in the capital.", "2023-03-03"},
		{"VIENTIANE, May 5 (NNA) -- Defence Minister General Ali Valiyev received the Minister of Defence of Georgia Mr. Levan Kapanadze in the capital yesterday to discuss cooperation.", "--05-04"},
		{"Tbilisi [Georgia], October 2, 2024 (XYZ): Minister of Defence of Georgia Mr. Levan Kapanadze held talks with Defence Minister General Ali Valiyev on Wednesday in the capital.", "2024-10-02"},
		{"Baku. 3 June. REPORT.AZ/ Minister of Defence of Georgia Mr. Levan Kapanadze visited Baku on 2 June 2021 and was received by Defence Minister General Ali Valiyev.", "2021-06-02"},
		// the outlet before the place, the dash glued to the text
		{"XYZ Tbilisi, June 18, 2018 —Minister of Defence of Georgia Mr. Levan Kapanadze received here this afternoon the visiting Defence Minister General Ali Valiyev.", "2018-06-18"},
	} {
		if got := dateOf(t, c.text, ""); got != c.want {
			t.Errorf("%q: date %q, want %q", c.text, got, c.want)
		}
	}
}

func TestPublicationStamps(t *testing.T) {
	body := "\nDefence Minister General Ali Valiyev received the Minister of Defence of Georgia Mr. Levan Kapanadze on Thursday in the capital to discuss cooperation.\n"
	for _, c := range []struct{ text, url, want string }{
		// a weekday is the last such day on or before the stamp
		{" date 2024-03-16" + body, "", "2024-03-14"},
		{" date 2024-03-14" + body, "", "2024-03-14"},
		{"Politics | 16/03/2024 14:05" + body, "", "2024-03-14"},
		{"Published: 16.03.2024" + body, "", "2024-03-14"},
		{"Defence news" + body + "\n2024. március 16. 9:43\n", "", "2024-03-14"},
		{body, "https://example.com/2024/03/16/talks", "2024-03-14"},
		{body, "https://example.com/news/talks-16-03-2024", "2024-03-14"},
		{body, "https://example.com/news/20240316/talks", "2024-03-14"},
		// no stamp, no date: nothing supports a day
		{body, "", ""},
		// a partial stamp with no year: the weekday cannot be resolved, and
		// the stamp's day is not the meeting's
		{"19:10, 16 March" + body, "", ""},
		// the same stamp dates a report that gives no day of its own
		{"19:10, 16 March\nDefence Minister General Ali Valiyev received the Minister of Defence of Georgia Mr. Levan Kapanadze in the capital.\n", "", "--03-16"},
	} {
		if got := dateOf(t, c.text, c.url); got != c.want {
			t.Errorf("%q (%s): date %q, want %q", c.text, c.url, got, c.want)
		}
	}
}

func TestRepublishedStamp(t *testing.T) {
	// the page's stamp is years after the plan signed for 2013: the day and
	// month of the text get no year from it
	text := " date 2024-11-30\nOn 9 October, Defence Minister General Ali Valiyev received the Minister of Defence of Georgia Mr. Levan Kapanadze in the capital, and the two signed the cooperation plan for 2013.\n"
	res := Extract(text, Options{})
	if got := res.Meeting.Date.String(); got != "--10-09" {
		t.Errorf("date %q, want --10-09", got)
	}
	if !hasWarning(res, "re-publication") {
		t.Errorf("no warning about the re-publication: %q", res.Warnings)
	}
	// a weekday written with the date that does not fit the stamp's year
	text = "Actualizare: 24.01.2019\nOn Friday, 7 March, Defence Minister General Ali Valiyev received the Minister of Defence of Georgia Mr. Levan Kapanadze in the capital.\n"
	if got := dateOf(t, text, ""); got != "--03-07" {
		t.Errorf("date %q, want --03-07", got)
	}
}

func TestReportedDate(t *testing.T) {
	// "said Monday" is when the news came out; the talks were on Sunday
	text := "The two countries signed a memorandum at a meeting of their defence ministers, the ministry said Monday. The memorandum was signed on the occasion of talks between Defence Minister General Ali Valiyev and his Georgian counterpart, Mr. Levan Kapanadze, in the capital on Sunday, the ministry said."
	if got := dateOf(t, text, "https://example.com/news/2024-03-18/talks"); got != "2024-03-17" {
		t.Errorf("date %q, want 2024-03-17", got)
	}
	// a date that belongs to another event named before it
	text = "Defence Minister General Ali Valiyev held a video conference with Mr. Levan Kapanadze on Friday. It was the first meeting of the two since the appointment of the latter as minister on 18 September 2020."
	if got := dateOf(t, text, ""); got != "" {
		t.Errorf("date %q, want none", got)
	}
}

func TestDatelineAloneWarns(t *testing.T) {
	text := "XYZ Tbilisi, June 18, 2018 —Minister of Defence of Georgia Mr. Levan Kapanadze received here this afternoon the visiting Defence Minister General Ali Valiyev."
	res := Extract(text, Options{})
	if !hasWarning(res, "dateline") {
		t.Errorf("no warning that the day rests on the dateline alone: %q", res.Warnings)
	}
}

func TestVisitDays(t *testing.T) {
	// the day a visit began, told in the sentence of the meeting
	text := " date 2022-12-15\nDefence Minister General Ali Valiyev, who arrived in Georgia on Tuesday (Dec 13) on an official visit, has called on the Minister of Defence of Georgia Mr. Levan Kapanadze.\n"
	if got := dateOf(t, text, ""); got != "2022-12-13" {
		t.Errorf("arrival: date %q, want 2022-12-13", got)
	}
	// two weekdays joined give the days of the visit, not of the talks: the
	// month of publication stands in, and an earlier event's date does not
	text = " date 2023-05-02\nDefence Minister General Ali Valiyev met in Tbilisi with the Minister of Defence of Georgia Mr. Levan Kapanadze, within the official visit he is paying on Thursday and Wednesday to Georgia.\nThey recalled the recent visit to Baku of the Georgian minister for a conference, on 13 April.\n"
	res := Extract(text, Options{})
	if got := res.Meeting.Date.String(); got != "2023-05" {
		t.Errorf("joined weekdays: date %q, want 2023-05", got)
	}
	if !hasWarning(res, "joined weekdays") {
		t.Errorf("joined weekdays: no warning: %q", res.Warnings)
	}
}

func TestDateFirstDatelinesAndReleaseLines(t *testing.T) {
	body := "Defence Minister General Ali Valiyev received the Minister of Defence of Georgia Mr. Levan Kapanadze yesterday in the capital to discuss cooperation."
	for _, text := range []string{
		"12 March 2024 — " + body,
		"March 12, 2024 (Baku) - " + body,
		"ISLAMABAD: (Tuesday, March 12, 2024): " + body,
		// the report's own release line outranks the crawler's stamp
		" date 2024-03-20\n" + body + " The ministry's press service reported on 12 March 2024.\n",
	} {
		if got := dateOf(t, text, ""); got != "2024-03-11" {
			t.Errorf("%q: date %q, want 2024-03-11", text, got)
		}
	}
}
