package extract

import (
	"strings"
	"testing"
	"time"
)

// countriesIn returns the codes of the countries a sentence names.
func countriesIn(text string) []string {
	d := parse(text)
	var out []string
	for s := range d.sents {
		for _, c := range d.ctry[s] {
			out = append(out, c.code)
		}
	}
	return out
}

func TestCountryForms(t *testing.T) {
	for text, want := range map[string]string{
		"He went to the Republic of Uzbekistan.":                                 "UZ",
		"He went to the Islamic Republic of Pakistan.":                           "PK",
		"The Uzbek side spoke.":                                                  "UZ",
		"The Azerbaijani side spoke.":                                            "AZ",
		"The Kazakh side spoke.":                                                 "KZ",
		"The Pakistani side spoke.":                                              "PK",
		"The Turkish side spoke.":                                                "TR",
		"The Georgian side spoke.":                                               "GE",
		"The American side spoke.":                                               "US",
		"The U.S. side spoke.":                                                   "US",
		"The US side spoke.":                                                     "US",
		"He went to Türkiye.":                                                    "TR",
		"He went to Turkey.":                                                     "TR",
		"He went to Turkiye.":                                                    "TR",
		"He went to the Republic of Korea.":                                      "KR",
		"He went to the Democratic People's Republic of Korea.":                  "KP",
		"He went to the People's Republic of China.":                             "CN",
		"He went to the Kingdom of Saudi Arabia.":                                "SA",
		"He went to the United Arab Emirates.":                                   "AE",
		"He went to the UK.":                                                     "GB",
		"He went to the Kyrgyz Republic.":                                        "KG",
		"He went to Bosnia and Herzegovina.":                                     "BA",
		"Azerbaijan's minister spoke.":                                           "AZ",
		"The Azerbaijani-Armenian border is quiet.":                              "AZ AM",
		"They held the Azerbaijan-Türkiye High-Level Military Dialogue Meeting.": "AZ TR",
		// armed forces named for their country
		"A People's Liberation Army delegation came.":             "CN",
		"The PLA delegation came.":                                "CN",
		"The chief of the SANDF spoke.":                           "ZA",
		"An officer of the South African National Defence Force.": "ZA",
		"The Guyana Defence Force hosted them.":                   "GY",
		"He went to Việt Nam.":                                    "VN",
		// not countries
		"The Organization of Turkic States met.":         "",
		"Security in Central Asia and the Middle East.":  "",
		"They sailed the Black Sea and the Caspian Sea.": "",
	} {
		got := countriesIn(text + " The end.")
		s := ""
		for i, c := range got {
			if i > 0 {
				s += " "
			}
			s += c
		}
		if s != want {
			t.Errorf("%q: countries %q, want %q", text, s, want)
		}
	}
	if n := len(countryRows); n < 80 {
		t.Errorf("the country table has %d countries, want at least 80", n)
	}
	seen := map[string]bool{}
	for _, r := range countryRows {
		if seen[r.code] || len(r.code) != 2 {
			t.Errorf("country row %q repeats or is not alpha-2", r.code)
		}
		seen[r.code] = true
	}
}

func TestRanksAndNames(t *testing.T) {
	d := parse("On 5 June, Lt. Gen. John Doe met Mr. Viktor Mahmudov, Ms. Jane Roe, Rear Admiral Ali Veli, Air Chief Marshal Zaheer Babar Sidhu and Army General Levent Ergün.")
	want := map[string]string{
		"John Doe": "Lieutenant General", "Viktor Mahmudov": "", "Jane Roe": "",
		"Ali Veli": "Rear Admiral", "Zaheer Babar Sidhu": "Air Chief Marshal", "Levent Ergün": "Army General",
	}
	got := map[string]string{}
	for _, m := range d.people {
		if m.ok {
			got[m.name] = m.rank
		}
	}
	for n, r := range want {
		if g, ok := got[n]; !ok || g != r {
			t.Errorf("%s: rank %q (found %v), want %q", n, g, ok, r)
		}
	}
}

// TestInitialsResolved checks that "Z. Hasanov", "Z.Hasanov",
// "S.Kamaletdinov", "J. Burchuladze" and "Colonel General Hasanov" are found
// to be the people the seed reports name in full.
func TestInitialsResolved(t *testing.T) {
	for n, forms := range map[int]map[string]string{
		0: {"Z.Hasanov": "Zakir Hasanov"},
		2: {"Z. Hasanov": "Zakir Hasanov", "S.Kamaletdinov": "Sultan Kamaletdinov"},
		3: {"Z. Hasanov": "Zakir Hasanov", "J. Burchuladze": "Juansher Burchuladze"},
		4: {"Hasanov": "Zakir Hasanov"},
	} {
		d := parse(seedText(t, n))
		for written, full := range forms {
			found := false
			for _, m := range d.people {
				if d.text[d.st(m.sent)[m.i].start:d.st(m.sent)[m.j-1].end] == written {
					found = true
					if !m.ok || m.name != full {
						t.Errorf("seed %d: %q is %q (ok %v), want %q", n, written, m.name, m.ok, full)
					}
				}
			}
			if !found {
				t.Errorf("seed %d: %q not found", n, written)
			}
		}
	}
}

func TestDates(t *testing.T) {
	for text, want := range map[string][3]int{
		"On December 10, they met.":         {0, 12, 10},
		"On 27 November 2023 they met.":     {2023, 11, 27},
		"BAKU, Azerbaijan, October 28.":     {0, 10, 28},
		"On Dec. 4, 2024, they met.":        {2024, 12, 4},
		"On 10 December, 2025, they met.":   {2025, 12, 10},
		"They met on 2025-03-04 in Baku.":   {2025, 3, 4},
		"They met on 04.03.2025 in Baku.":   {2025, 3, 4},
		"Tuesday May 7 2024":                {2024, 5, 7},
		"They met on the 5th of June 2024.": {2024, 6, 5},
	} {
		toks := tokenize(text, 0, len(text))
		ds := findDates(toks)
		if len(ds) == 0 {
			t.Errorf("%q: no date", text)
			continue
		}
		if got := [3]int{ds[0].y, ds[0].m, ds[0].d}; got != want {
			t.Errorf("%q: %v, want %v", text, got, want)
		}
	}
	toks := tokenize("In May they met.", 0, 16)
	if ds := findDates(toks); len(ds) != 0 && ds[0].d != 0 {
		t.Errorf("\"In May\" read as a day: %+v", ds)
	}
}

func TestNearestYear(t *testing.T) {
	pub := func(s string) time.Time {
		t, _ := time.Parse("2006-01-02", s)
		return t
	}
	for _, c := range []struct {
		m, d int
		pub  string
		want int
	}{
		{12, 30, "2025-01-02", 2024},
		{1, 2, "2025-01-02", 2025},
		{10, 28, "2023-10-28", 2023},
		{11, 27, "2023-11-28", 2023},
		{1, 3, "2024-12-30", 2025},
		{2, 29, "2025-03-01", 2024},
	} {
		if got := nearestYear(c.m, c.d, pub(c.pub)); got != c.want {
			t.Errorf("%02d-%02d published %s: year %d, want %d", c.m, c.d, c.pub, got, c.want)
		}
	}
}

// TestOtherDatesAreNotTheMeetingDate checks that a holiday's date is not
// taken for the meeting's.
func TestOtherDatesAreNotTheMeetingDate(t *testing.T) {
	text := "Colonel General Zakir Hasanov received the delegation led by General Sahir Shamshad Mirza. " +
		"The guest congratulated the Minister on the occasion of forthcoming 8 November - Victory Day in Azerbaijan."
	res := Extract(text, Options{PublishedAt: day(t, "2023-10-30")})
	if got := res.Meeting.Date.String(); got != "2023-10" {
		t.Errorf("date %s, want the month of publication 2023-10", got)
	}
}

func TestEmptyAndJunk(t *testing.T) {
	for _, text := range []string{"", " ", "\n\n\n", "Photo\nVideo\nLatest News", "\xff\xfe\xfd", "a.b.c.d.e", "On December 31, 2025."} {
		res := Extract(text, Options{})
		checkResult(t, text, res)
		if len(res.Warnings) == 0 {
			t.Errorf("%q: no warnings", text)
		}
	}
}

func TestBadOptions(t *testing.T) {
	u, lang := "not a url", "English"
	text := seedText(t, 3)
	res := Extract(text, Options{URL: &u, Language: lang, PublishedAt: day(t, "2023-11-27")})
	checkResult(t, text, res)
	if err := res.Meeting.Validate(); err != nil {
		t.Errorf("a bad URL or language option makes the draft invalid: %v", err)
	}
	if !hasWarning(res, "URL") || !hasWarning(res, "language") {
		t.Errorf("no warnings about the bad options: %q", res.Warnings)
	}
	outlet := "My Outlet"
	res = Extract(text, Options{Outlet: &outlet})
	if o := res.Meeting.Sources[0].Outlet; o == nil || *o != outlet {
		t.Errorf("outlet %v, want the option's %q", o, outlet)
	}
}

func TestCountryTable(t *testing.T) {
	// every ISO 3166-1 country has a row with an English name
	seen := map[string]bool{}
	for _, r := range countryRows {
		if r.name == "" {
			t.Errorf("country %s has no name", r.code)
		}
		seen[r.code] = true
	}
	for _, c := range []string{"AD", "BT", "CV", "FJ", "GQ", "KN", "LS", "MH", "NR", "PW", "SZ", "TV", "VA", "ZW"} {
		if !seen[c] {
			t.Errorf("no row for %s", c)
		}
	}
	if len(countryRows) < 249 {
		t.Errorf("%d countries, want every ISO 3166-1 country", len(countryRows))
	}
	for text, want := range map[string]string{
		"He went to Nigeria.":             "NG",
		"He went to Eswatini.":            "SZ",
		"He went to Swaziland.":           "SZ",
		"He went to Burma.":               "MM",
		"He went to Saint Lucia.":         "LC",
		"He went to St. Lucia.":           "LC",
		"He went to Trinidad and Tobago.": "TT",
		"He went to Papua New Guinea.":    "PG",
		"He went to Equatorial Guinea.":   "GQ",
		"The Nigerien side spoke.":        "NE",
		"The Zambian side spoke.":         "ZM",
		"The Dominican side spoke.":       "DO",
		"The Congolese side spoke.":       "CD",
		"He sailed the South China Sea.":  "",
		"He flew to New Jersey.":          "",
	} {
		got := strings.Join(countriesIn(text+" The end."), " ")
		if got != want {
			t.Errorf("%q: countries %q, want %q", text, got, want)
		}
	}
	for text, want := range map[string]string{
		"They met in Kuwait City.": "KW", "They met in Lusaka.": "ZM", "They met in Hanoi.": "VN",
		"They met in Vientiane.": "LA", "They met in Belgrade.": "RS", "They met in Nairobi.": "KE",
	} {
		d := parse("The two ministers of defence discussed cooperation for an hour. " + text)
		if len(d.sents) < 2 {
			t.Fatalf("%q: no body", text)
		}
		if _, code, ok := d.cityIn(1); !ok || code != want {
			t.Errorf("%q: city of %q, want %q", text, code, want)
		}
	}
}

func TestHostCountry(t *testing.T) {
	for host, want := range map[string]string{
		"www.mod.gov.rs": "RS", "news.example.co.uk": "GB", "www.defense.gov": "US", "example.io": "",
		"example.com": "", "agency.kz": "KZ", "example.zz": "",
	} {
		if got := hostCountry(host); got != want {
			t.Errorf("hostCountry(%q) = %q, want %q", host, got, want)
		}
	}
	if got := outletOfHost("www.mod.gov.rs"); got != "Ministry of Defence of Serbia" {
		t.Errorf("outletOfHost(mod.gov.rs) = %q", got)
	}
}

func TestURLDate(t *testing.T) {
	for u, want := range map[string]string{
		"https://example.com/2024/03/12/story":                    "2024-03-12",
		"https://example.com/news/2024-03-12-story":               "2024-03-12",
		"https://example.com/news/story-12-03-2024.html":          "2024-03-12",
		"https://example.com/news/20240312/story":                 "2024-03-12",
		"https://example.com/view/AEN20220427009500325":           "2022-04-27",
		"https://example.com/a/b/talks-in-capital20220906121012/": "2022-09-06",
		"https://example.com/Photos/igphoto/2002031977/":          "",
		"https://example.com/2024/03/story":                       "2024-03",
		"https://example.com/en/archives/18/05/2022/27830/":       "2022-05-18",
		"https://example.com/en/archives/08/05/2022/27830/":       "",
		"https://example.com/view.php?ud=20210910000719":          "2021-09-10",
		"https://example.com/view.php?id=20210910":                "2021-09-10",
		"https://example.com/news.php?id=298974":                  "",
		"https://example.com/view.php?ud=20210910999999":          "",
		"https://example.com/story/1234":                          "",
	} {
		tm, month, ok := urlDate(u)
		got := ""
		if ok {
			got = tm.Format("2006-01-02")
			if month {
				got = tm.Format("2006-01")
			}
		}
		if got != want {
			t.Errorf("urlDate(%q) = %q, want %q", u, got, want)
		}
	}
	if y := urlYearOnly("https://example.com/society/view/story-166183-2025"); y != 2025 {
		t.Errorf("urlYearOnly: %d", y)
	}
}
