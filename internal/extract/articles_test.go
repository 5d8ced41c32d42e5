package extract

import (
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/milmeet/milmeet/internal/domain"
)

func articleText(t testing.TB, name string) string {
	t.Helper()
	b, err := testdata.ReadFile(path.Join("testdata/articles", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// person is an expected official: name, and rank and position when given
// ("-" for none, "" for not checked).
type person struct{ name, rank, position string }

type childWant struct {
	hostHead string
	venue    string
	guests   []string // guest countries, with no head
	cers     []string
}

type agrWant struct {
	typ     domain.AgreementType
	period  string // "" for none
	parties []string
	signed  string // "" for none
	title   string // "" for not checked
}

type articleWant struct {
	file       string
	opt        func(t *testing.T) Options
	date       string // "" for no date
	host       string // "" for no host
	kind       domain.Kind
	heads      map[string]person // by country; name "" for a delegation without a head
	members    map[string][]string
	topics     []domain.Topic
	agreements []agrWant
	ceremonies []string // type|site, site "-" for none
	children   []childWant
	city       string // "-" for none, "" not checked
	venue      string
	outlet     string
	published  string
	title      string
	warnings   []string // substrings that must appear
	notNames   []string // people who must not be delegation members
}

func noOpt(*testing.T) Options { return Options{} }

func pubOpt(s string) func(t *testing.T) Options {
	return func(t *testing.T) Options { return Options{PublishedAt: day(t, s)} }
}

var articleWants = []articleWant{
	{
		file: "01_us_dod_hosts_pentagon.txt",
		opt: func(*testing.T) Options {
			u := "https://www.defense.gov/News/Releases/Release/Article/3926342/readout-of-secretary-of-defense-lloyd-j-austin-iiis-meeting/"
			return Options{URL: &u}
		},
		date: "2024-10-04", host: "US", kind: "meeting",
		heads: map[string]person{
			"US": {"Lloyd J. Austin III", "-", "Secretary of Defense"},
			"PH": {"Gilberto Teodoro Jr.", "-", "Secretary of National Defense"},
		},
		topics:     []domain.Topic{"regional_security", "joint_exercises", "defence_industry"},
		agreements: []agrWant{},
		city:       "-", venue: "Pentagon",
		outlet: "U.S. Department of Defense", published: "2024-10-04",
		title:    "Readout of Secretary of Defense Lloyd J. Austin III's Meeting With Philippine Secretary of National Defense Gilberto Teodoro Jr.",
		notNames: []string{"Pat Ryder"},
	},
	{
		file: "02_ispr_coas_calls_on.txt", opt: noOpt,
		date: "2024-09-10", host: "SA", kind: "meeting",
		heads: map[string]person{
			"SA": {"Khalid bin Salman bin Abdulaziz Al Saud", "-", "Minister of Defence of the Kingdom of Saudi Arabia"},
			"PK": {"Syed Asim Munir", "General", "Chief of Army Staff"},
		},
		topics:     []domain.Topic{"military", "regional_security", "counter_terrorism"},
		agreements: []agrWant{},
		ceremonies: []string{"guard_of_honour|Ministry of Defence"},
		city:       "Riyadh", outlet: "ISPR", published: "2024-09-10",
		title: "Pakistani Chief of Army Staff Syed Asim Munir calls on Saudi Defence Minister Khalid bin Salman bin Abdulaziz Al Saud",
	},
	{
		file: "03_kz_minister_visit_abroad.txt", opt: noOpt,
		date: "2024-06-10", host: "KR", kind: "official_visit",
		heads: map[string]person{
			"KR": {"Shin Won-sik", "-", "Minister of National Defense of the Republic of Korea"},
			"KZ": {"Ruslan Zhaksylykov", "Colonel General", "Minister of Defense of the Republic of Kazakhstan"},
		},
		topics: []domain.Topic{"military", "military_educational", "defence_industry", "peacekeeping"},
		agreements: []agrWant{{typ: "memorandum", parties: []string{"KR", "KZ"}, signed: "2024-06-10",
			title: "Memorandum of Understanding on cooperation in the field of military education"}},
		ceremonies: []string{"wreath_laying|War Memorial of Korea"},
		children:   []childWant{{hostHead: "Kim Myung-soo", guests: []string{"KZ"}}},
		city:       "-", published: "2024-06-11",
	},
	{
		file: "04_tr_mod_meeting.txt", opt: pubOpt("2024-03-13"),
		date: "2024-03-12", host: "TR", kind: "meeting",
		heads: map[string]person{
			"TR": {"Yaşar Güler", "-", "National Defense Minister"},
			"AZ": {"Zakir Hasanov", "Colonel General", "Defense Minister"},
		},
		topics:     []domain.Topic{"regional_security", "joint_exercises", "defence_industry"},
		agreements: []agrWant{}, // a protocol "is expected to be signed"
		ceremonies: []string{"national_anthems|-"},
		city:       "Ankara", outlet: "Anadolu Agency",
		title: "Minister Güler Meets with Azerbaijani Counterpart",
	},
	{
		file: "05_us_phone_call.txt", opt: noOpt,
		date: "2023-12-15", host: "", kind: "phone_call",
		heads: map[string]person{
			"US": {"Lloyd J. Austin III", "-", "Secretary of Defense"},
			"UA": {"Rustem Umerov", "-", "Minister of Defense"},
		},
		topics:     []domain.Topic{"demining"},
		agreements: []agrWant{},
		published:  "2023-12-15",
		notNames:   []string{"Pat Ryder"},
	},
	{
		file: "06_uz_memorandum_signed.txt", opt: noOpt,
		date: "2025-03-04", host: "UZ", kind: "meeting",
		heads: map[string]person{
			"UZ": {"Shukhrat Khalmukhamedov", "Lieutenant General", "Minister of Defense of the Republic of Uzbekistan"},
			"TR": {"Musa Heybet", "-", "Deputy Minister of National Defense"},
		},
		topics:     []domain.Topic{"military_educational", "military_medicine", "cyber_security"},
		agreements: []agrWant{{typ: "memorandum", period: "2025-2027", parties: []string{"TR", "UZ"}, signed: "2025-03-04"}},
		city:       "Tashkent",
	},
	{
		file: "07_ge_agreement_only_discussed.txt", opt: pubOpt("2025-02-15"),
		date: "2025-02-14", host: "GE", kind: "working_visit",
		heads: map[string]person{
			"GE": {"Irakli Chikovani", "-", "Minister of Defence of Georgia"},
			"AM": {"Suren Papikyan", "-", "Minister of Defence of the Republic of Armenia"},
		},
		topics:     []domain.Topic{"military", "regional_security", "border_situation"},
		agreements: []agrWant{}, // only a draft, "would be signed"
		city:       "Tbilisi",
	},
	{
		file: "08_truncated.txt", opt: noOpt,
		date: "--05-16", host: "KZ", kind: "working_visit",
		heads: map[string]person{
			"KZ": {"Sultan Kamaletdinov", "Major General", "Chief of the General Staff of the Armed Forces of the Republic of Kazakhstan"},
			"AZ": {"Karim Valiyev", "Colonel General", "First Deputy Minister of Defense – Chief of the General Staff"},
		},
		topics:     []domain.Topic{"military"},
		agreements: []agrWant{},
		city:       "Astana",
		warnings:   []string{"cut off", "no year"},
	},
	{
		file: "09_no_date.txt", opt: noOpt,
		date: "", host: "BD", kind: "meeting",
		heads: map[string]person{
			"BD": {"Waker-Uz-Zaman", "General", "Chief of Army Staff of Bangladesh Army"},
			"PK": {"Sahir Shamshad Mirza", "General", "Chairman Joint Chiefs of Staff Committee"},
		},
		topics:     []domain.Topic{"military", "regional_security", "joint_exercises"},
		agreements: []agrWant{},
		venue:      "Army Headquarters Dhaka",
		warnings:   []string{"no date", "not yet a valid meeting"},
	},
	{
		file: "09_no_date.txt", opt: pubOpt("2024-01-17"),
		date: "2024-01", host: "BD", kind: "meeting",
		heads: map[string]person{
			"BD": {"Waker-Uz-Zaman", "General", ""},
			"PK": {"Sahir Shamshad Mirza", "General", ""},
		},
		warnings: []string{"month of publication"},
	},
	{
		file: "10_december_new_year.txt", opt: pubOpt("2025-01-02"),
		date: "2024-12-30", host: "AZ", kind: "working_visit",
		heads: map[string]person{
			"AZ": {"Karim Valiyev", "Colonel General", "Chief of the General Staff of the Azerbaijan Army"},
			"TR": {"Selçuk Bayraktaroğlu", "General", "Commander of the Turkish Land Forces"},
		},
		topics:     []domain.Topic{"military", "joint_exercises"},
		agreements: []agrWant{},
		city:       "-",
	},
	{
		file: "11_video_conference.txt", opt: noOpt,
		date: "2025-01-20", host: "", kind: "video_conference",
		heads: map[string]person{
			"KZ": {"Ruslan Zhaksylykov", "Colonel General", "Minister of Defense of the Republic of Kazakhstan"},
			"KG": {"Baktybek Bekbolotov", "Lieutenant General", "Minister of Defense of the Kyrgyz Republic"},
		},
		topics:     []domain.Topic{"joint_exercises", "border_situation"},
		agreements: []agrWant{}, // "No documents were signed."
	},
	{
		file: "12_in_bilateral_talks.txt", opt: noOpt,
		date: "2024-11-19", host: "IN", kind: "meeting",
		heads: map[string]person{
			"IN": {"Rajnath Singh", "-", "Raksha Mantri"},
			"AU": {"Richard Marles", "-", "Deputy Prime Minister and Minister for Defence of Australia"},
		},
		topics: []domain.Topic{"military", "joint_exercises", "defence_industry"},
		agreements: []agrWant{{typ: "agreement", parties: []string{"AU", "IN"}, signed: "2024-11-19",
			title: "Implementing Arrangement concerning mutual submarine rescue support and cooperation"}},
		ceremonies: []string{"guard_of_honour|-", "wreath_laying|National War Memorial"},
		city:       "New Delhi",
		notNames:   []string{"Raksha Mantri"},
	},
	{
		file: "13_long_official_visit.txt", opt: noOpt,
		date: "2024-11-13", host: "KZ", kind: "official_visit",
		heads: map[string]person{
			"KZ": {"Ruslan Zhaksylykov", "Colonel General", "Minister of Defense of the Republic of Kazakhstan"},
			"TR": {"Metin Gürak", "General", "Chief of the General Staff of the Turkish Armed Forces"},
		},
		members: map[string][]string{"KZ": {"Sultan Kamaletdinov"}, "TR": {"Mehmet Sait Uyanık"}},
		agreements: []agrWant{{typ: "cooperation_plan", period: "2025", parties: []string{"KZ", "TR"}, signed: "2024-11-13",
			title: "Plan of Military Cooperation between the Ministry of Defense of the Republic of Kazakhstan and the General Staff of the Turkish Armed Forces for 2025"}},
		ceremonies: []string{
			"guard_of_honour|Ministry of Defense of the Republic of Kazakhstan",
			"national_anthems|Ministry of Defense of the Republic of Kazakhstan",
			"book_of_honour|Ministry of Defense of the Republic of Kazakhstan",
			"wreath_laying|Otan Qorgaushylar Monument",
		},
		// the talks with Nurlan Ramazanov are of the same sides on the same
		// day: the store allows one such child meeting, so they are only
		// named in a warning
		children: []childWant{
			{hostHead: "Sultan Kamaletdinov", venue: "General Staff of the Armed Forces", guests: []string{"TR"}, cers: []string{"award|-"}},
		},
		warnings: []string{"Nurlan Ramazanov"},
		city:     "Astana", outlet: "Kazinform", published: "2024-11-14",
		title:    "Kazakhstan and Türkiye sign military cooperation plan for 2025 during official visit of Turkish Chief of General Staff",
		notNames: []string{"Serik Nurkenov"},
	},
}

func optStr(s *string) string {
	if s == nil {
		return "-"
	}
	return *s
}

func TestArticles(t *testing.T) {
	for _, w := range articleWants {
		t.Run(w.file, func(t *testing.T) {
			text := articleText(t, w.file)
			res := Extract(text, w.opt(t))
			m := res.Meeting
			checkResult(t, text, res)
			if got := m.Date.String(); got != w.date {
				t.Errorf("date %q, want %q", got, w.date)
			}
			if got := optStr(m.HostCountry); (w.host == "" && got != "-") || (w.host != "" && got != w.host) {
				t.Errorf("host %s, want %q", got, w.host)
			}
			if m.Kind != w.kind {
				t.Errorf("kind %s, want %s", m.Kind, w.kind)
			}
			checkDelegations(t, m, w.heads, w.members, w.host)
			for _, d := range m.Delegations {
				names := []string{}
				if d.Head != nil {
					names = append(names, d.Head.Name)
				}
				for _, p := range d.Members {
					names = append(names, p.Name)
				}
				for _, n := range w.notNames {
					if slices.Contains(names, n) {
						t.Errorf("%s is in the %s delegation but was only mentioned", n, d.Country)
					}
				}
			}
			if w.topics != nil && !slices.Equal(m.Topics, w.topics) {
				t.Errorf("topics %v, want %v", m.Topics, w.topics)
			}
			if w.agreements != nil {
				checkAgreements(t, m.Agreements, w.agreements)
			}
			if w.ceremonies != nil {
				if got := ceremonyFacts(m); !slices.Equal(got, w.ceremonies) {
					t.Errorf("ceremonies %q, want %q", got, w.ceremonies)
				}
			}
			if w.children != nil || w.date != "" {
				if len(m.ChildMeetings) != len(w.children) {
					t.Errorf("%d child meetings, want %d", len(m.ChildMeetings), len(w.children))
				}
			}
			for i, cw := range w.children {
				if i >= len(m.ChildMeetings) {
					break
				}
				c := m.ChildMeetings[i]
				if c.Date != m.Date || c.Kind != "meeting" {
					t.Errorf("child %d: date %s kind %s, want the parent's date and kind meeting", i, c.Date, c.Kind)
				}
				if len(c.Delegations) == 0 || c.Delegations[0].Head == nil || c.Delegations[0].Head.Name != cw.hostHead {
					t.Errorf("child %d: delegations %+v, want a first delegation headed by %s", i, c.Delegations, cw.hostHead)
				}
				for _, g := range cw.guests {
					if !slices.ContainsFunc(c.Delegations, func(d domain.Delegation) bool {
						return d.Country == g && d.Role == domain.RoleGuest && d.Head == nil
					}) {
						t.Errorf("child %d: no %s guest delegation without a head in %+v", i, g, c.Delegations)
					}
				}
				if cw.venue != "" && optStr(c.Venue) != cw.venue {
					t.Errorf("child %d: venue %s, want %s", i, optStr(c.Venue), cw.venue)
				}
				if cw.cers != nil {
					if got := ceremonyFacts(c); !slices.Equal(got, cw.cers) {
						t.Errorf("child %d: ceremonies %q, want %q", i, got, cw.cers)
					}
				}
			}
			if w.city != "" && optStr(m.City) != w.city {
				t.Errorf("city %s, want %s", optStr(m.City), w.city)
			}
			if w.venue != "" && optStr(m.Venue) != w.venue {
				t.Errorf("venue %s, want %s", optStr(m.Venue), w.venue)
			}
			if w.outlet != "" && (len(m.Sources) == 0 || optStr(m.Sources[0].Outlet) != w.outlet) {
				t.Errorf("sources %+v, want outlet %s", m.Sources, w.outlet)
			}
			if w.published != "" {
				if len(m.Sources) == 0 || m.Sources[0].PublishedAt == nil || m.Sources[0].PublishedAt.String() != w.published {
					t.Errorf("sources %+v, want published %s", m.Sources, w.published)
				}
			}
			if w.title != "" && m.Title != w.title {
				t.Errorf("title %q, want %q", m.Title, w.title)
			}
			for _, sub := range w.warnings {
				if !hasWarning(res, sub) {
					t.Errorf("no warning with %q in %q", sub, res.Warnings)
				}
			}
			if w.date != "" && !strings.HasPrefix(w.date, "--") {
				if err := m.Validate(); err != nil {
					t.Errorf("draft does not validate: %v", err)
				}
			}
		})
	}
}

func ceremonyFacts(m domain.Meeting) []string {
	out := []string{}
	for _, c := range m.Ceremonies {
		out = append(out, string(c.Type)+"|"+optStr(c.Site))
	}
	return out
}

func checkDelegations(t *testing.T, m domain.Meeting, heads map[string]person, members map[string][]string, host string) {
	t.Helper()
	if len(m.Delegations) != len(heads) {
		t.Errorf("%d delegations %+v, want %d", len(m.Delegations), m.Delegations, len(heads))
	}
	for c, p := range heads {
		i := slices.IndexFunc(m.Delegations, func(d domain.Delegation) bool { return d.Country == c })
		if i < 0 {
			t.Errorf("no %s delegation", c)
			continue
		}
		d := m.Delegations[i]
		wantRole := domain.RoleGuest
		if c == host {
			wantRole = domain.RoleHost
		}
		if d.Role != wantRole {
			t.Errorf("%s is %s, want %s", c, d.Role, wantRole)
		}
		if d.Head == nil {
			if p.name != "" {
				t.Errorf("%s has no head, want %s", c, p.name)
			}
			continue
		}
		if d.Head.Name != p.name {
			t.Errorf("%s head %q, want %q", c, d.Head.Name, p.name)
		}
		if p.rank != "" && optStr(d.Head.Rank) != p.rank {
			t.Errorf("%s rank %q, want %q", p.name, optStr(d.Head.Rank), p.rank)
		}
		if p.position != "" && optStr(d.Head.Position) != p.position {
			t.Errorf("%s position %q, want %q", p.name, optStr(d.Head.Position), p.position)
		}
		var got []string
		for _, mem := range d.Members {
			got = append(got, mem.Name)
		}
		if want := members[c]; !slices.Equal(got, want) {
			t.Errorf("%s members %q, want %q", c, got, want)
		}
	}
}

func checkAgreements(t *testing.T, got []domain.Agreement, want []agrWant) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%d agreements %+v, want %d", len(got), got, len(want))
		return
	}
	for i, w := range want {
		a := got[i]
		if a.Type != w.typ {
			t.Errorf("agreement %d type %s, want %s", i, a.Type, w.typ)
		}
		if p := optStr(a.Period); (w.period == "" && p != "-") || (w.period != "" && p != w.period) {
			t.Errorf("agreement %d period %s, want %q", i, p, w.period)
		}
		if ps := slices.Sorted(slices.Values(a.Parties)); !slices.Equal(ps, w.parties) {
			t.Errorf("agreement %d parties %v, want %v", i, ps, w.parties)
		}
		on := "-"
		if a.SignedOn != nil {
			on = a.SignedOn.String()
		}
		if (w.signed == "" && on != "-") || (w.signed != "" && on != w.signed) {
			t.Errorf("agreement %d signed on %s, want %q", i, on, w.signed)
		}
		if w.title != "" && a.Title != w.title {
			t.Errorf("agreement %d title %q, want %q", i, a.Title, w.title)
		}
	}
}
