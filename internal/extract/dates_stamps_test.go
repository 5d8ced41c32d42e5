package extract

import (
	"testing"
)

// TestDatesFromForeignStampsAndLines: stamps whose month is abbreviated in
// the page's own language, a dateline on a line of its own, a URL with the
// year and month in one segment, and a dateline that falls inside or after
// the span of a visit the report gives.
func TestDatesFromForeignStampsAndLines(t *testing.T) {
	met := "On May 3, Chief of General Staff General Omar Haddad received the Chief of Defence of Estonia General Kalev Tamm in the capital."
	noDay := "Chief of General Staff General Omar Haddad received the Chief of Defence of Estonia General Kalev Tamm in the capital."
	for _, c := range []struct {
		name, text, url, want string
	}{
		// the year of "On May 3" from a stamp in another language
		{"RU", met + "\n\n04 мая 2021, 10:38\n", "", "2021-05-03"},
		{"RUabbr", "On December 30, General Omar Haddad received General Kalev Tamm of Estonia in the capital of Jordan.\n\n04 янв 2022, 10:38\n", "", "2021-12-30"},
		{"RUabbr2", "On November 3, General Omar Haddad received General Kalev Tamm of Estonia in the capital of Jordan.\n\n04 ноя 2021, 10:38\n", "", "2021-11-03"},
		{"TR", "On November 3, General Omar Haddad received General Kalev Tamm of Estonia in the capital of Jordan.\n\n04 Kas 2022 14:05\n", "", "2022-11-03"},
		{"AZ", "On December 3, General Omar Haddad received General Kalev Tamm of Estonia in the capital of Jordan.\n\n04 Dek 2019 | 14:05\n", "", "2019-12-03"},
		{"UK", "On October 3, General Omar Haddad received General Kalev Tamm of Estonia in the capital of Jordan.\n\n04 жов. 2020, 09:12\n", "", "2020-10-03"},
		{"PL", "On October 3, General Omar Haddad received General Kalev Tamm of Estonia in the capital of Jordan.\n\n04 paź 2020, 09:12\n", "", "2020-10-03"},
		// an abbreviation of another language is no month without a year
		{"NoYear", "On November 3, General Omar Haddad received General Kalev Tamm of Estonia in the capital of Jordan.\n\n04 Kas, 14:05\n", "", "--11-03"},
		// datelines alone on their line
		{"DL1", "Amman, Sept 5 :\n" + noDay + "\n", "", "--09-05"},
		{"DL2", "AMMAN, Sep. 5 -\n" + noDay + "\n", "", "--09-05"},
		// with its year it is the page's stamp: its month stands in
		{"DL3", "Tallinn, 5 September 2022 —\n" + noDay + "\n", "", "2022-09"},
		{"DL4", "Amman, Jordan, Oct 12:\n" + noDay + "\n", "", "--10-12"},
		// a line that names a place and no day is no dateline
		{"DL5", "Amman, Jordan:\n" + noDay + "\n", "", ""},
		// a URL with the year and month in one segment
		{"URL1", noDay + " The ministry announced the talks on Monday.", "https://news.example.cn/a/202410/14/WS670d05.html", "2024-10-14"},
		{"URL2", "General Omar Haddad received General Kalev Tamm of Estonia in the capital on Friday.", "https://example.com/world/202203/15/t2022.html", "2022-03-11"},
		// a dateline inside or after the span of the visit: the release's day
		{"Span1", "(Amman, 24 November 2014) A delegation of Estonia headed by General Kalev Tamm visited Jordan from 17 to 21 November 2014.\n\nGeneral Kalev Tamm met the Chief of General Staff of Jordan General Omar Haddad.", "", "2014-11"},
		{"Span2", "TALLINN, 19 March 2019 - A delegation of Jordan headed by General Omar Haddad is on a visit to Estonia from 18 to 20 March 2019.\n\nGeneral Omar Haddad met the Commander of the Estonian Defence Forces General Martin Herem.", "", "2019-03"},
		{"Span3", "HANOI, May 2, 2019 - General Ngo Xuan Lich of Vietnam paid a three-day official visit to Laos from 28 April 2019.\n\nGeneral Lich met Lao Defence Minister General Chansamone Chanyalath.", "", "2019-04"},
		// a dateline with no span told keeps its day
		{"NoSpan", "(Amman, 24 November 2014) General Kalev Tamm met the Chief of General Staff of Jordan General Omar Haddad.", "", "2014-11-24"},
	} {
		opt := Options{}
		if c.url != "" {
			opt.URL = &c.url
		}
		res := Extract(c.text, opt)
		if got := res.Meeting.Date.String(); got != c.want {
			t.Errorf("%s: date %q, want %q (%q)", c.name, got, c.want, res.Warnings)
		}
	}
}
