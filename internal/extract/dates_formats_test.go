package extract

import (
	"testing"

	"github.com/milmeet/milmeet/internal/domain"
)

// TestDatesAcrossFormats: datelines and stamps in many outlets' formats,
// weekdays and "yesterday" counted from the right day, dates that could be
// read two ways, and dates of other occasions told beside the meeting. A
// day nothing supports is never given; the month or year of a stamp may
// stand in, with a warning.
func TestDatesAcrossFormats(t *testing.T) {
	met := "Chief of General Staff General Omar Haddad received the Chief of Defence of Estonia General Kalev Tamm"
	pub := func(s string) *domain.Day { d, _ := domain.ParseDay(s); return &d }
	for _, c := range []struct {
		name, text, url string
		pub             *domain.Day
		want            string
	}{
		// datelines in outlets' formats never beat the date of the event sentence
		{"DL1", "Amman. 16 September. XYZ.JO/ On 14 September, " + met + " in the capital.", "", pub("2022-09-17"), "2022-09-14"},
		{"DL2", "AMMAN, Sept 16 (Petra) -- " + met + " in the capital on Sept. 14.", "", pub("2022-09-17"), "2022-09-14"},
		{"DL3", "AMMAN, Jordan, Sept. 16. " + met + " in the capital on September 14.", "", nil, "--09-14"},
		{"DL4", "AMMAN -- " + met + " in the capital on 14 September 2022.", "", nil, "2022-09-14"},
		{"DL5", "Amman, 16.09.2022 – " + met + " in the capital on 14 September.", "", nil, "2022-09-14"},
		{"DL6", "16 September 2022, Amman – " + met + " in the capital on 14 September.", "", nil, "2022-09-14"},
		{"DL7", "Amman (Jordan), 16 September 2022 – " + met + " in the capital on 14 September.", "", nil, "2022-09-14"},
		{"DL8", "Amman, September 16th, 2022 - " + met + " in the capital on September 14th.", "", nil, "2022-09-14"},
		{"DL9", "AMMAN, 16 September 2022 /XYZ/. " + met + " in the capital on 14 September.", "", nil, "2022-09-14"},
		{"DL10", "Amman, Sep 16, 2022 (XYZ) -- On Wednesday, " + met + " in the capital.", "", nil, "2022-09-14"},
		{"DL11", "Amman, Friday, 16 September 2022 — " + met + " in the capital on Wednesday.", "", nil, "2022-09-14"},
		{"DL12", "Amman, 16 Sep. 2022 (XYZ) — " + met + " in the capital on Wednesday.", "", nil, "2022-09-14"},
		{"DL13", "AMMAN, September 16 /XYZ/ - " + met + " in the capital on Thursday.", "", pub("2022-09-16"), "2022-09-15"},
		// weekdays: the one on or before the reference
		{"WD1", "AMMAN, Sept 16 (Petra) -- " + met + " in the capital on Thursday.", "", pub("2022-09-16"), "2022-09-15"},
		{"WD2", "AMMAN, Sept 16 (Petra) -- " + met + " in the capital on Friday.", "", pub("2022-09-16"), "2022-09-16"},
		{"WD3", met + " in the capital on Thursday.", "", pub("2022-09-18"), "2022-09-15"},
		{"WD4", met + " in the capital on Thursday.", "", pub("2022-09-22"), "2022-09-22"},
		{"WD5", "AMMAN, Sept 16 (Petra) -- " + met + " in the capital on Thursday.", "", pub("2022-09-20"), "2022-09-15"},
		{"WD6", "Sunday, 18 September 2022\n" + met + " in the capital on Thursday.\n", "", nil, "2022-09-15"},
		// a weekday during a visit the report dates, with nothing else to count from
		{"WD7", "General Kalev Tamm paid a three-day official visit to Jordan on 12 September 2022. " + met + " in the capital on Tuesday.", "", nil, "2022-09-13"},
		{"WD8", "General Kalev Tamm is visiting Jordan from 12 to 14 September 2022. " + met + " in the capital on Wednesday.", "", nil, "2022-09-14"},
		{"WD9", "General Kalev Tamm paid a three-day official visit to Jordan on 12 September 2022. " + met + " in the capital on Friday.", "", nil, ""},
		// a weekday of the meeting's sentence that tells of another event: the dateline's day is not the meeting's
		{"WD11", "AMMAN, Sept 16, 2022 (Petra) -- " + met + ", who returned on Tuesday from Riga, in the capital.", "", nil, "2022-09"},
		// a weekday under a dateline without a year: the dateline's day is not the weekday's
		{"WD10", "AMMAN, Sept 16 (Petra) -- " + met + " in the capital on Wednesday.", "", nil, ""},
		// a page stamp years later is a re-publication: the meeting's own date stands
		{"Republished", "Published: 26.10.2025\n" + met + " in the capital on 2 May 2013.\n", "", nil, "2013-05-02"},
		// yesterday against a release line that contradicts the stamp
		{"Y1", " date 2022-09-20\n" + met + " in the capital yesterday, the ministry said in a statement issued on 16 September.\n", "", nil, "2022-09-15"},
		{"Y2", "20.09.2022 14:05\n" + met + " in the capital yesterday. The press service reported on 16 September 2022.\n", "", nil, "2022-09-15"},
		{"Y3", met + " in the capital yesterday, according to a statement released on 16 September.", "", pub("2022-09-20"), "2022-09-15"},
		{"Y4", met + " in the capital yesterday. The ministry's statement was dated 16 September 2022.", "", pub("2022-09-20"), "2022-09-15"},
		{"Y5", "Published 20/09/2022 09:30\n" + met + " in the capital yesterday, the ministry said in a statement issued on 16 September.\n", "", nil, "2022-09-15"},
		// stamps with times; day and month that could be swapped give no day
		// unless something settles them
		{"S1", "05/09/2022 14:30\n" + met + " in the capital on Thursday.\n", "", nil, ""},
		{"S2", "05/09/2022 14:30\n" + met + " in the capital.\n", "", nil, "2022"},
		{"S3", "16/09/2022 14:30\n" + met + " in the capital on Thursday.\n", "", nil, "2022-09-15"},
		{"S4", "09/16/2022 14:30\n" + met + " in the capital on Thursday.\n", "", nil, "2022-09-15"},
		{"S5", "05/09/2022 14:30\n" + met + " in the capital yesterday.\n", "", nil, ""},
		{"S6", met + " on 05/09/2022 in the capital.", "", nil, "2022"},
		{"S7", "05/09/2022\n" + met + " in the capital on 4 September.\n", "", nil, "2022-09-04"},
		{"S8", "Posted on 05-09-2022 at 14:30\n" + met + " in the capital on Thursday.\n", "", nil, "2022-09-01"},
		{"S9", "2022-09-16 14:30:00\n" + met + " in the capital on Thursday.\n", "", nil, "2022-09-15"},
		{"S10", "Sep 16, 2022 2:30 PM\n" + met + " in the capital on Thursday.\n", "", nil, "2022-09-15"},
		{"S11", "16 Sep 2022 | 14:30 IST\n" + met + " in the capital on Thursday.\n", "", nil, "2022-09-15"},
		// dates of other events
		{"O1", met + " in the capital. Tamm last visited Jordan on 5 May 2021.", "", pub("2022-09-16"), "2022-09"},
		{"O2", met + " in the capital. The next meeting is to be held on 12 October.", "", pub("2022-09-16"), "2022-09"},
		{"O3", met + " in the capital. The sides will hold talks on 12 October.", "", pub("2022-09-16"), "2022-09"},
		{"O4", met + " in the capital, on the eve of the 30th anniversary of diplomatic relations established on 17 September 1992.", "", pub("2022-09-16"), "2022-09"},
		{"O5", met + " in the capital. They signed a cooperation plan for 2023.", "", pub("2022-09-16"), "2022-09"},
		{"O6", met + " in the capital. The joint exercise, to be held on 1-5 October, was discussed.", "", pub("2022-09-16"), "2022-09"},
		{"O7", met + " in the capital. The parliament of Jordan approved the budget at its session on 12 September.", "", pub("2022-09-16"), "2022-09"},
		{"O8", met + " in the capital. Both recalled their meeting in Tallinn on 12 March.", "", pub("2022-09-16"), "2022-09"},
		{"O9", met + " in the capital. The recent visit of the Jordanian minister to Tallinn on 12 June was praised.", "", pub("2022-09-16"), "2022-09"},
		{"O10", met + " in the capital. The Estonian army celebrated Victory Day on 9 May.", "", pub("2022-09-16"), "2022-09"},
		{"O11", met + " in the capital. A follow-up meeting is expected on 20 September.", "", pub("2022-09-16"), "2022-09"},
		{"O12", met + " in the capital. Tamm arrived in Jordan on 13 September for a three-day visit.", "", pub("2022-09-16"), "2022-09"},
		{"O13", met + " in the capital. Tamm is paying a three-day official visit to Jordan from 13 September.", "", pub("2022-09-16"), "2022-09"},
		{"O14", met + " in the capital. Tamm paid a 3-day official visit to Jordan on 13 September.", "", pub("2022-09-16"), "2022-09"},
		// two-digit years, ordinals, ranges, near the year boundary
		{"F1", met + " in the capital on 14.09.22.", "", nil, ""},
		{"F2", met + " in the capital on the 14th of September 2022.", "", nil, "2022-09-14"},
		{"F3", met + " in the capital on 14-15 September 2022.", "", nil, "2022-09-14"},
		{"F4", met + " in the capital on 30 December.", "", pub("2023-01-02"), "2022-12-30"},
		{"F5", met + " in the capital on 2 January.", "", pub("2022-12-30"), "2022-12"}, // a day after the report is to come
		{"F6", met + " in the capital on September 14-15, 2022.", "", nil, "2022-09-14"},
		{"F7", met + " in the capital on 14th September.", "", pub("2022-09-16"), "2022-09-14"},
		{"F8", met + " in the capital on Sept. 14.", "", pub("2022-09-16"), "2022-09-14"},
		{"F9", "AMMAN, Jan 2 (Petra) -- " + met + " in the capital on December 30.", "", nil, "--12-30"},
		{"F10", "AMMAN, Jan 2, 2023 (Petra) -- " + met + " in the capital on December 30.", "", nil, "2022-12-30"},
		{"F11", "AMMAN, Jan 2, 2023 (Petra) -- " + met + " in the capital on Friday.", "", nil, "2022-12-30"},
		{"F12", met + " in the capital on 14 Sept '22.", "", nil, "--09-14"},
	} {
		opt := Options{PublishedAt: c.pub}
		if c.url != "" {
			opt.URL = &c.url
		}
		res := Extract(c.text, opt)
		if got := res.Meeting.Date.String(); got != c.want {
			t.Errorf("%s: date %q, want %q (%q)", c.name, got, c.want, res.Warnings)
		}
	}
}

// TestDatesBesideDatelinesAndReleases: a dateline or stamp written into the
// opening sentence never ties with the event's own "on <date>"; the day the
// news was given bounds the meeting's; a release line outranks a later
// crawler's stamp; weekdays of the week before, and the day before
// yesterday.
func TestDatesBesideDatelinesAndReleases(t *testing.T) {
	met := "Chief of General Staff General Omar Haddad received the Chief of Defence of Estonia General Kalev Tamm"
	pub := func(s string) *domain.Day { d, _ := domain.ParseDay(s); return &d }
	for _, c := range []struct {
		name, text, url string
		pub             *domain.Day
		want            string
	}{
		{"A1", "Amman, 16 September 2022, 15:40 — On 14 September, " + met + " in the capital.", "", nil, "2022-09-14"},
		{"A2", "16.09.2022 | Amman | On 14 September, " + met + " in the capital.", "", nil, "2022-09-14"},
		{"A3", "Amman (16 September 2022) – " + met + " in the capital on 14 September.", "", nil, "2022-09-14"},
		{"A4", "[16 September 2022] " + met + " in the capital on 14 September.", "", nil, "2022-09-14"},
		{"A5", "Amman, September 16, XYZ On September 14, " + met + " in the capital.", "", nil, "--09-14"},
		{"A6", "AMMAN (XYZ) - 16.09.2022 - " + met + " in the capital on 14 September.", "", nil, "2022-09-14"},
		{"A7", "Friday 16 September 2022 08:15\n" + "On Wednesday " + met + " in the capital.\n", "", nil, "2022-09-14"},
		{"A8", "September 16, 2022 | 3:45 PM\n" + met + " in the capital on September 14.\n", "", nil, "2022-09-14"},
		{"A9", "16 September 2022, " + met + " in the capital on 14 September.", "", nil, "2022-09-14"},
		{"A10", "On 16 September 2022, the ministry reported that " + met + " in the capital on 14 September.", "", nil, "2022-09-14"},
		{"A11", "Amman, 16 September 2022 /XYZ/ On 14 September, " + met + " in the capital.", "", nil, "2022-09-14"},
		// a news day before the dateline's
		{"N1", "AMMAN, Sept 16 (Petra) -- " + met + " in the capital. The ministry said on Thursday that the talks went well.", "", pub("2022-09-16"), "2022-09"},
		// the news day in the meeting's own sentence stands for its day
		{"N2", "AMMAN, Sept 16, 2022 (Petra) -- " + met + " in the capital, the ministry said in a statement on Wednesday.", "", nil, "2022-09-14"},
		// release lines against the stamp
		{"R1", " date 2022-09-20\nPress release, 16 September 2022\n" + met + " in the capital yesterday.\n", "", nil, "2022-09-15"},
		{"R2", " date 2022-09-20\n" + met + " in the capital yesterday, according to a press release dated 16 September 2022.\n", "", nil, "2022-09-15"},
		{"R3", " date 2022-09-20\n" + met + " in the capital yesterday, the ministry said in a statement on 16 September.\n", "", nil, "2022-09-15"},
		{"R4", " date 2022-09-20\n" + met + " in the capital yesterday, the press service informed on 16 September.\n", "", nil, "2022-09-15"},
		{"R5", " date 2022-09-20\n" + met + " in the capital on Thursday, the ministry said in a statement on 16 September.\n", "", nil, "2022-09-15"},
		{"R6", " date 2022-09-20\n(Issued on 16 September 2022)\n" + met + " in the capital yesterday.\n", "", nil, "2022-09-15"},
		{"R7", " date 2022-09-20\nRelease No. 123 | 16 September 2022\n" + met + " in the capital yesterday.\n", "", nil, "2022-09-15"},
		{"R8", " date 2022-09-20\n" + met + " in the capital yesterday.\nPublished on 16 September 2022\n", "", nil, "2022-09-15"},
		{"R9", met + " in the capital yesterday, the ministry said in a statement on 16 September 2022.", "", pub("2022-09-20"), "2022-09-15"},
		// weekday forms
		{"W1", "AMMAN, Sept 16 (Petra) -- " + met + " in the capital on Thursday evening.", "", pub("2022-09-16"), "2022-09-15"},
		{"W2", "AMMAN, Sept 16 (Petra) -- On Thursday, " + met + " in the capital.", "", pub("2022-09-16"), "2022-09-15"},
		{"W3", "AMMAN, Sept 16 (Petra) -- " + met + " in the capital last Thursday.", "", pub("2022-09-16"), "2022-09-15"},
		{"W4", "AMMAN, Thursday (Petra) -- " + met + " in the capital.", "", pub("2022-09-16"), "2022-09-15"},
		{"W5", "AMMAN, Sept 16 (Petra) -- " + met + " in the capital late Wednesday.", "", pub("2022-09-16"), "2022-09-14"},
		{"W6", "AMMAN, Sept 16 (Petra) -- " + met + " in the capital earlier this week.", "", pub("2022-09-16"), "2022-09"},
		{"W7", "AMMAN, Sept 16 (Petra) -- " + met + " in the capital on Thursday and Friday.", "", pub("2022-09-16"), "2022-09"},
		{"W8", "AMMAN, Sept 16 (Petra) -- " + met + " in the capital this week.", "", pub("2022-09-16"), "2022-09"},
		{"W9", "AMMAN, Sept 16 (Petra) -- " + met + " in the capital on Thursday, Sept 15.", "", pub("2022-09-16"), "2022-09-15"},
		{"W10", "AMMAN, Sept 16 (Petra) -- " + met + " in the capital on Thursday last week.", "", pub("2022-09-16"), "2022-09-08"},
		{"W11", "AMMAN, Sept 16 (Petra) -- " + met + " in the capital on Monday of this week.", "", pub("2022-09-16"), "2022-09-12"},
		{"W12", "AMMAN, Sept 16 (Petra) -- " + met + " in the capital the day before yesterday.", "", pub("2022-09-16"), "2022-09-14"},
	} {
		opt := Options{PublishedAt: c.pub}
		if c.url != "" {
			opt.URL = &c.url
		}
		res := Extract(c.text, opt)
		if got := res.Meeting.Date.String(); got != c.want {
			t.Errorf("%s: date %q, want %q (%q)", c.name, got, c.want, res.Warnings)
		}
	}
}
