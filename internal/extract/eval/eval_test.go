package eval

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/extract"
)

const sampleText = ` date 2017-10-09 Baku. 9 October. The Minister of Defense of Azerbaijan, Colonel General Zakir Hasanov, met with the Minister of Defense of Belarus, Lieutenant General Andrei Ravkov. A cooperation plan for 2018 was signed.`

// sample returns a well-formed annotation of sampleText as a map to spoil.
func sample(u string) map[string]any {
	return map[string]any{
		"url": u, "outlet": "Report.az", "outlet_country": "AZ", "source": "pages", "notes": "",
		"want": map[string]any{
			"countries": []any{"AZ", "BY"}, "host": "BY", "date": "2017-10-09", "date_from_stamp": true,
			"kind":  "meeting",
			"heads": map[string]any{"AZ": "Zakir Hasanov", "BY": "Andrei Ravkov"},
			"officials": []any{
				map[string]any{"country": "AZ", "name": "Zakir Hasanov", "rank": "Colonel General", "position": "Minister of Defense"},
				map[string]any{"country": "BY", "name": "Andrei Ravkov", "rank": "Lieutenant General", "position": "Minister of Defense"},
			},
			"agreements": []any{map[string]any{"type": "cooperation_plan", "period": "2018"}},
			"ceremonies": []any{},
		},
	}
}

// urlIn returns a URL the split rule puts in split.
func urlIn(t *testing.T, split string) string {
	for i := range 100 {
		u := fmt.Sprintf("https://example.org/report/%d", i)
		if SplitOf(u) == split {
			return u
		}
	}
	t.Fatal("no URL found")
	return ""
}

func corpusOf(t *testing.T, split, id string, ann map[string]any) fstest.MapFS {
	raw, err := json.Marshal(ann)
	require.NoError(t, err)
	return fstest.MapFS{
		"c/" + split + "/" + id + ".txt":  {Data: []byte(sampleText)},
		"c/" + split + "/" + id + ".json": {Data: raw},
	}
}

func TestLoad_OK(t *testing.T) {
	u := urlIn(t, Train)
	rs, err := Load(corpusOf(t, Train, "a001_reportaz_az_by", sample(u)), "c")
	require.NoError(t, err)
	require.Len(t, rs, 1)
	assert.Equal(t, "train", rs[0].Split)
	assert.Equal(t, u, rs[0].Ann.URL)
}

func TestLoad_Malformed(t *testing.T) {
	want := func(a map[string]any) map[string]any { return a["want"].(map[string]any) }
	cases := []struct {
		name  string
		spoil func(a map[string]any)
		split string // "" for the URL's own split
		say   string
	}{
		{"WrongSplit", func(map[string]any) {}, "other", "its URL's hash puts it in"},
		{"UnknownKey", func(a map[string]any) { a["extra"] = 1 }, "", "unknown field"},
		{"MissingKey", func(a map[string]any) { delete(want(a), "host") }, "", "want.host is missing"},
		{"CountryNotISO", func(a map[string]any) { want(a)["countries"] = []any{"AZ", "UK"} }, "", `"UK" is not an ISO 3166-1`},
		{"CountriesUnsorted", func(a map[string]any) { want(a)["countries"] = []any{"BY", "AZ"} }, "", "not sorted"},
		{"OutletCountryBad", func(a map[string]any) { a["outlet_country"] = "Azerbaijan" }, "", "outlet_country"},
		{"HostNotParticipant", func(a map[string]any) { want(a)["host"] = "TR" }, "", "want.host"},
		{"KindBad", func(a map[string]any) { want(a)["kind"] = "visit" }, "", "want.kind"},
		{"DateBad", func(a map[string]any) { want(a)["date"] = "9 October 2017" }, "", "want.date"},
		{"StampWithoutDay", func(a map[string]any) { want(a)["date"] = "2017-10" }, "", "date_from_stamp"},
		{"HeadMissing", func(a map[string]any) { want(a)["heads"] = map[string]any{"AZ": "Zakir Hasanov"} }, "", "no entry for BY"},
		{"HeadNotOfficial", func(a map[string]any) {
			want(a)["heads"] = map[string]any{"AZ": "Zakir Hasanov", "BY": "Viktor Khrenin"}
		}, "", "not among want.officials"},
		{"NameNotInText", func(a map[string]any) {
			want(a)["officials"].([]any)[1].(map[string]any)["name"] = "Andrey Ravkov"
		}, "", "not written so in the text"},
		{"CeremonyBad", func(a map[string]any) { want(a)["ceremonies"] = []any{"anthems"} }, "", `"anthems" is not a ceremony type`},
		{"AgreementBad", func(a map[string]any) {
			want(a)["agreements"] = []any{map[string]any{"type": "plan", "period": "2018"}}
		}, "", `type "plan"`},
		{"PeriodBad", func(a map[string]any) {
			want(a)["agreements"] = []any{map[string]any{"type": "cooperation_plan", "period": "for 2018"}}
		}, "", "period"},
		{"ListNull", func(a map[string]any) { want(a)["ceremonies"] = nil }, "", "want.ceremonies is null"},
		{"OneCountry", func(a map[string]any) {
			want(a)["countries"] = []any{"AZ"}
			want(a)["heads"] = map[string]any{"AZ": "Zakir Hasanov"}
			want(a)["host"] = nil
			want(a)["officials"] = want(a)["officials"].([]any)[:1]
		}, "", "at least two"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			u := urlIn(t, Train)
			split := Train
			if tc.split != "" {
				split = Test
			}
			a := sample(u)
			tc.spoil(a)
			_, err := Load(corpusOf(t, split, "a001_reportaz_az_by", a), "c")
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.say)
		})
	}
}

func TestLoad_Files(t *testing.T) {
	fsys := corpusOf(t, Train, "A1", sample(urlIn(t, Train)))
	fsys["c/train/a002_x.txt"] = &fstest.MapFile{Data: []byte("text")}
	fsys["c/train/notes.md"] = &fstest.MapFile{Data: []byte("x")}
	_, err := Load(fsys, "c")
	require.Error(t, err)
	for _, s := range []string{"train/A1: the id is not", "train/a002_x: .json is missing", "notes.md: neither"} {
		assert.Contains(t, err.Error(), s)
	}
}

func TestLoad_DuplicateURL(t *testing.T) {
	u := urlIn(t, Train)
	fsys := corpusOf(t, Train, "a001_x", sample(u))
	for k, v := range corpusOf(t, Train, "b001_y", sample(u)) {
		fsys[k] = v
	}
	_, err := Load(fsys, "c")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "also that of train/a001_x")
}

func TestSplitOf(t *testing.T) {
	// printf '%s' "$URL" | sha256sum | cut -c1-2 gives d5 (213 = 3*71) for
	// the first, 62 (98 = 3*32+2) for the second.
	assert.Equal(t, Test, SplitOf("https://example.org/report/17"))
	assert.Equal(t, Train, SplitOf("https://example.org/report/0"))
}

func TestSameName(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"Zakir Hasanov", "zakir  HASANOV", true},
		{"Yaşar Güler", "Yasar Guler", true},
		{"Andrei Alekseevich Ravkov", "Andrei Ravkov", true},
		{"Andrei Ravkov", "Andrei Alekseevich Ravkov", true},
		{"Zakir Hasanov", "Hasanov", false},
		{"Zakir Hasanov", "Zakir Hasanov Jr", false},
		{"Syed Asim Munir", "Asim Munir", false},
		{"Zakir Hasanov", "Zakir Hasanli", false},
		{"", "", false},
	} {
		assert.Equal(t, tc.same, SameName(tc.a, tc.b), "%q vs %q", tc.a, tc.b)
	}
}

func TestScore(t *testing.T) {
	u := urlIn(t, Train)
	rs, err := Load(corpusOf(t, Train, "a001_reportaz_az_by", sample(u)), "c")
	require.NoError(t, err)
	r := rs[0]
	sp := func(s string) *string { return &s }
	right := domain.Meeting{
		Date: domain.PartialDate{Year: 2017, Month: 10}, HostCountry: sp("BY"), Kind: "meeting",
		Delegations: []domain.Delegation{
			{Country: "AZ", Role: "guest", Head: &domain.Participant{Name: "Zakir Hasanov", Rank: sp("Colonel General"), Position: sp("Minister of Defense")}},
			{Country: "BY", Role: "host", Head: &domain.Participant{Name: "Andrei Alekseevich Ravkov", Rank: sp("Lieutenant General"), Position: sp("Minister of Defense")}},
		},
		Agreements: []domain.Agreement{{Type: "cooperation_plan", Period: sp("2018")}},
	}
	o := Score(r, extract.Result{Meeting: right, Confidence: 0.7})
	assert.True(t, o.FullyRight, o.Problems)
	assert.Empty(t, o.Problems)
	assert.InDelta(t, 0.7, o.Confidence, 1e-9)

	bad := right
	bad.Date = domain.PartialDate{Year: 2017, Month: 10, Day: 10}
	bad.HostCountry = nil
	bad.Delegations = append(slicesClone(right.Delegations), domain.Delegation{Country: "RU", Head: &domain.Participant{Name: "Sergei Shoigu"}})
	bad.Agreements = []domain.Agreement{{Type: "cooperation_plan", Period: sp("2017")}, {Type: "memorandum"}}
	bad.Ceremonies = []domain.Ceremony{{Type: "guard_of_honour"}}
	o = Score(r, extract.Result{Meeting: bad})
	assert.False(t, o.FullyRight)
	assert.True(t, o.Invented)
	assert.Zero(t, o.Confidence)
	got := strings.Join(o.Problems, "\n")
	for _, s := range []string{"countries: got [AZ BY RU]", "host: got null, want \"BY\"", "[invented day]",
		"head: extra RU", "period got \"2017\", want \"2018\"", "agreement: extra memorandum", "ceremony: extra guard_of_honour"} {
		assert.Contains(t, got, s)
	}
	s := Summarize(Train, []Outcome{o})
	assert.Equal(t, Count{Right: 2, Of: 1, Got: 3, Expected: 2, Found: 2}, s.Counts[FHeads])
	assert.Equal(t, Count{Right: 1, Of: 1, Got: 2, Expected: 1, Found: 1}, s.Counts[FAgreements])
	assert.Equal(t, Count{Right: 0, Of: 1, Got: 1, Expected: 1, Found: 0}, s.Counts[FDate])
	assert.Equal(t, Count{Right: 0, Of: 1}, s.Counts[FPeriod])
	assert.Equal(t, 1, s.Invented)
}

func TestWrite_TestSplitHasNoDetail(t *testing.T) {
	o := Outcome{ID: "a001_secret", Problems: []string{"host: got null"}}
	var b strings.Builder
	Summarize(Test, []Outcome{o}).Write(&b, true)
	assert.NotContains(t, b.String(), "a001_secret")
	assert.Contains(t, b.String(), "calibration")
	b.Reset()
	Summarize(Train, []Outcome{o}).Write(&b, true)
	assert.Contains(t, b.String(), "a001_secret")
	assert.Nil(t, Summarize(Test, []Outcome{o}).Public().Outcomes)
}

// A report without a date, and none given, is right but found nothing: the
// date's precision counts only the dates given.
func TestScore_DatePrecision(t *testing.T) {
	u := urlIn(t, Train)
	a := sample(u)
	a["want"].(map[string]any)["date"] = nil
	a["want"].(map[string]any)["date_from_stamp"] = false
	rs, err := Load(corpusOf(t, Train, "a001_x", a), "c")
	require.NoError(t, err)
	none := Score(rs[0], extract.Result{})
	wrong := Score(rs[0], extract.Result{Meeting: domain.Meeting{Date: domain.PartialDate{Year: 2017}}})
	s := Summarize(Train, []Outcome{none, wrong})
	assert.Equal(t, Count{Right: 1, Of: 2, Got: 1, Expected: 0, Found: 0}, s.Counts[FDate])
	assert.Zero(t, s.Counts[FDate].Precision())
}

func TestWithin(t *testing.T) {
	assert.True(t, within("Defense Minister", "Chinese Defense Minister"))
	assert.True(t, within("Chief of Army Staff (COAS)", "Chief of Army Staff"))
	assert.True(t, within("", ""))
	assert.False(t, within("", "Defense Minister"))
	assert.False(t, within("Minister", "Administer"))
	assert.False(t, within("Chief of the General Staff", "Chief of Army Staff"))
}

func TestInvented(t *testing.T) {
	sp := func(s string) *string { return &s }
	d := func(s string) domain.PartialDate {
		p, err := domain.ParsePartialDate(s)
		require.NoError(t, err)
		return p
	}
	for _, tc := range []struct {
		got, want string // want "" for null
		invented  bool
	}{
		{"--10-09", "2017-10-09", false}, // right day, year missing
		{"2017-10", "2017-10-09", false},
		{"2017-10-10", "2017-10-09", true},
		{"2017-10-09", "2017-10", true},
		{"2017-10-09", "", true},
		{"2017-10-28", "--10-28", true}, // a year the text does not give
		{"--10-28", "--10-28", false},
		{"2016-10-09", "2017-10-09", true},
	} {
		w := Want{}
		if tc.want != "" {
			w.Date = sp(tc.want)
		}
		assert.Equal(t, tc.invented, invented(d(tc.got), w), "%s vs %s", tc.got, tc.want)
	}
}

func slicesClone[T any](s []T) []T { return append([]T(nil), s...) }
