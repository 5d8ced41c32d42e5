package domain

// This file is in package domain to reach the unexported helpers.

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// date parses s and panics on failure, so that table closures can call it
// from any test.
func date(s string) PartialDate {
	d, err := ParsePartialDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// testCodes are the countries filters are checked against.
var testCodes = NewCountryCodes([]Country{{Alpha2: "AZ", Alpha3: "AZE"}, {Alpha2: "TR", Alpha3: "TUR"},
	{Alpha2: "UZ", Alpha3: "UZB"}})

// fields returns the filter fields an EINVALID error names.
func fields(t *testing.T, err error) []string {
	t.Helper()
	require.Error(t, err)
	e := AsError(err)
	require.NotNil(t, e, "%v is a *Error", err)
	require.Equal(t, EINVALID, e.Code)
	assert.Equal(t, "The filter is not valid.", e.Message)
	var ps []string
	for _, f := range e.Fields {
		assert.Empty(t, f.Pointer)
		assert.NotEmpty(t, f.Detail)
		ps = append(ps, f.Field)
	}
	return ps
}

func TestMeetingFilterValidate_Defaults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		f         MeetingFilter
		wantSort  MeetingSort
		wantLimit int
	}{
		{"Empty", MeetingFilter{}, SortDateDesc, DefaultLimit},
		{"UpdatedSinceSortsByUpdate", MeetingFilter{UpdatedSince: new(time.Now())}, SortUpdatedAsc, DefaultLimit},
		{"ExplicitSortKept", MeetingFilter{Sort: SortDateAsc}, SortDateAsc, DefaultLimit},
		{"ExplicitSortKeptWithUpdatedSince", MeetingFilter{Sort: SortDateDesc, UpdatedSince: new(time.Now())}, SortDateDesc, DefaultLimit},
		{"LimitOne", MeetingFilter{Limit: 1}, SortDateDesc, 1},
		{"LimitMax", MeetingFilter{Limit: MaxLimit}, SortDateDesc, MaxLimit},
		{"NoLimitStillDefaults", MeetingFilter{NoLimit: true}, SortDateDesc, DefaultLimit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := tt.f
			require.NoError(t, f.Validate(testCodes))
			assert.Equal(t, tt.wantSort, f.Sort)
			assert.Equal(t, tt.wantLimit, f.Limit)
		})
	}
}

func TestMeetingFilterValidate_Valid(t *testing.T) {
	t.Parallel()
	yes := true
	tests := []struct {
		name string
		f    MeetingFilter
	}{
		{"AllSorts", MeetingFilter{Sort: SortUpdatedDesc}},
		{"FromTo", MeetingFilter{From: date("2025-01"), To: date("2025-12-31")}},
		{"SameMonth", MeetingFilter{From: date("2025-12-10"), To: date("2025-12")}},
		{"ToWithinFromYear", MeetingFilter{From: date("2025"), To: date("2025-01-01")}},
		{"FromOnly", MeetingFilter{From: date("2025")}},
		{"ToOnly", MeetingFilter{To: date("2025")}},
		{"Partner", MeetingFilter{Countries: []string{"AZ"}, Partner: "TR"}},
		{"Vocabulary", MeetingFilter{Topic: "demining", Kind: "phone_call", AgreementType: "protocol",
			Ceremony: "award", HasAgreement: &yes}},
		{"Official", MeetingFilter{Official: NewID()}},
		{"Q", MeetingFilter{Q: "joint exercises"}},
		{"Q200", MeetingFilter{Q: strings.Repeat("q", 200)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := tt.f
			assert.NoError(t, f.Validate(testCodes))
		})
	}
}

func TestMeetingFilterValidate_Invalid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		f      MeetingFilter
		params []string
	}{
		{"BadSort", MeetingFilter{Sort: "title"}, []string{"Sort"}},
		{"BadSortCase", MeetingFilter{Sort: "-DATE"}, []string{"Sort"}},
		{"LimitNegative", MeetingFilter{Limit: -1}, []string{"Limit"}},
		{"LimitTooLarge", MeetingFilter{Limit: MaxLimit + 1}, []string{"Limit"}},
		{"FromWithoutYear", MeetingFilter{From: date("--12-10")}, []string{"From"}},
		{"ToWithoutYear", MeetingFilter{To: date("--12-10")}, []string{"To"}},
		{"BothWithoutYear", MeetingFilter{From: date("--01-01"), To: date("--12-31")}, []string{"From", "To"}},
		{"ToBeforeFrom", MeetingFilter{From: date("2025-12"), To: date("2025-11")}, []string{"To"}},
		{"ToDayBeforeFromDay", MeetingFilter{From: date("2025-12-10"), To: date("2025-12-09")}, []string{"To"}},
		{"ToYearBeforeFrom", MeetingFilter{From: date("2025-01-01"), To: date("2024")}, []string{"To"}},
		{"PartnerWithoutCountry", MeetingFilter{Partner: "TR"}, []string{"Partner"}},
		{"BadTopic", MeetingFilter{Topic: "space"}, []string{"Topic"}},
		{"BadKind", MeetingFilter{Kind: "summit"}, []string{"Kind"}},
		{"BadAgreementType", MeetingFilter{AgreementType: "treaty"}, []string{"AgreementType"}},
		{"BadCeremony", MeetingFilter{Ceremony: "parade"}, []string{"Ceremony"}},
		{"BadOfficial", MeetingFilter{Official: "Zakir Hasanov"}, []string{"Official"}},
		{"QTooLong", MeetingFilter{Q: strings.Repeat("q", 201)}, []string{"Q"}},
		{"QControl", MeetingFilter{Q: "a\x00b"}, []string{"Q"}},
		{"Several", MeetingFilter{Sort: "x", Limit: -5, Kind: "y"}, []string{"Sort", "Limit", "Kind"}},
		{"BadCountries", MeetingFilter{Countries: []string{"AZ", "XX"}}, []string{"Countries"}},
		{"BadHostGuestPartner", MeetingFilter{Countries: []string{"AZ"}, Partner: "XX", Host: "YY", Guest: "ZZ"},
			[]string{"Partner", "Host", "Guest"}},
		// Every problem at once: a bad country, a bad topic and a bad date.
		{"CountryTopicDate", MeetingFilter{Countries: []string{"Atlantis"}, Topic: "space", From: date("--12-10")},
			[]string{"Countries", "From", "Topic"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := tt.f
			assert.Equal(t, tt.params, fields(t, f.Validate(testCodes)))
		})
	}
}

// q is limited to 200 characters, not bytes: 150 Cyrillic or Azerbaijani
// letters (300 bytes) pass.
func TestMeetingFilterValidate_QLimitCountsCharacters(t *testing.T) {
	t.Parallel()
	f := MeetingFilter{Q: strings.Repeat("ş", 150)}
	assert.NoError(t, f.Validate(testCodes), "150 characters are at most 200")
}

func TestMeetingFilterValidate_Cursor(t *testing.T) {
	t.Parallel()
	// The cursor a page of this query gives out, as ListMeetings makes it.
	cursorOf := func(t *testing.T, f MeetingFilter) *Cursor {
		require.NoError(t, f.Validate(testCodes))
		return &Cursor{Sort: string(f.Sort), Key: "2025-12-10", ID: NewID(), Filter: f.Fingerprint()}
	}
	base := MeetingFilter{Countries: []string{"AZ"}, Kind: "official_visit"}

	t.Run("SameQuery", func(t *testing.T) {
		t.Parallel()
		f := base
		f.After = cursorOf(t, base)
		f.Limit = 10 // the page size may change between pages
		assert.NoError(t, f.Validate(testCodes))
	})
	t.Run("SameQueryThroughEncoding", func(t *testing.T) {
		t.Parallel()
		cs, err := NewCursors([]byte(NewRandomCursorSecret()))
		require.NoError(t, err)
		c, err := cs.Decode(cs.Encode(*cursorOf(t, base)))
		require.NoError(t, err)
		f := base
		f.After = c
		assert.NoError(t, f.Validate(testCodes))
	})
	others := []struct {
		name   string
		mutate func(f *MeetingFilter)
	}{
		{"OtherKind", func(f *MeetingFilter) { f.Kind = "working_visit" }},
		{"OtherCountries", func(f *MeetingFilter) { f.Countries = []string{"TR"} }},
		{"MoreCountries", func(f *MeetingFilter) { f.Countries = []string{"AZ", "TR"} }},
		{"From", func(f *MeetingFilter) { f.From = date("2025") }},
		{"Q", func(f *MeetingFilter) { f.Q = "plan" }},
		{"IncludeChildren", func(f *MeetingFilter) { f.IncludeChildren = true }},
		{"OtherSort", func(f *MeetingFilter) { f.Sort = SortDateAsc }},
		{"UpdatedSince", func(f *MeetingFilter) { f.UpdatedSince = new(time.Now()) }},
	}
	for _, tt := range others {
		t.Run("Rejects"+tt.name, func(t *testing.T) {
			t.Parallel()
			f := base
			f.After = cursorOf(t, base)
			tt.mutate(&f)
			assert.Equal(t, []string{"After"}, fields(t, f.Validate(testCodes)))
		})
	}
	t.Run("RejectsForgedSort", func(t *testing.T) {
		t.Parallel()
		f := base
		f.After = cursorOf(t, base)
		f.After.Sort = string(SortDateAsc)
		assert.Equal(t, []string{"After"}, fields(t, f.Validate(testCodes)))
	})
}

func TestMeetingFilterValidate_ResolvesCountries(t *testing.T) {
	t.Parallel()
	given := []string{"aze", "Tr"}
	f := MeetingFilter{Countries: given, Partner: "uzb", Host: "AZE", Guest: "tur"}
	require.NoError(t, f.Validate(testCodes))
	assert.Equal(t, []string{"AZ", "TR"}, f.Countries)
	assert.Equal(t, []string{"aze", "Tr"}, given, "the caller's slice is left alone")
	assert.Equal(t, []string{"UZ", "AZ", "TR"}, []string{f.Partner, f.Host, f.Guest})
	again := f
	require.NoError(t, again.Validate(testCodes))
	assert.Equal(t, f, again, "validating twice changes nothing more")
}

func TestOtherFiltersValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		f      Filter
		fields []string
	}{
		{"AgreementOK", &AgreementFilter{Country: "aze", Partner: "TUR", Type: "protocol"}, nil},
		{"AgreementAll", &AgreementFilter{Country: "XX", Partner: "YY", Type: "treaty", Limit: -1, After: "x"},
			[]string{"Country", "Partner", "Limit", "After", "Type"}},
		{"AgreementPartnerAlone", &AgreementFilter{Partner: "TR"}, []string{"Partner"}},
		{"OfficialOK", &OfficialFilter{Country: "uz", Q: "Hasanov"}, nil},
		{"OfficialAll", &OfficialFilter{Country: "XX", Q: "..", Limit: MaxLimit + 1}, []string{"Country", "Limit", "Q"}},
		{"AuditOK", &AuditFilter{MeetingID: NewID()}, nil},
		{"AuditAll", &AuditFilter{MeetingID: "x", Limit: -1}, []string{"Limit", "MeetingID"}},
		{"TimelineOK", &TimelineFilter{Country: "AZE", By: "month"}, nil},
		{"TimelineAll", &TimelineFilter{Country: "XX", By: "week"}, []string{"Country", "By"}},
		{"PartnerOK", &PartnerFilter{Country: "tur"}, nil},
		{"PartnerBad", &PartnerFilter{Country: "Turkey"}, []string{"Country"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.f.Validate(testCodes)
			if tt.fields == nil {
				assert.NoError(t, err)
				return
			}
			assert.Equal(t, tt.fields, fields(t, err))
		})
	}
}

func TestMeetingFilterFingerprint(t *testing.T) {
	t.Parallel()
	yes, no := true, false
	since := time.Date(2025, 12, 10, 8, 0, 0, 0, time.UTC)
	base := MeetingFilter{Countries: []string{"AZ"}, Sort: SortDateDesc}
	fp := base.Fingerprint()
	assert.Len(t, fp, 16)
	assert.Equal(t, fp, base.Fingerprint(), "stable")

	t.Run("IgnoresPaging", func(t *testing.T) {
		t.Parallel()
		f := base
		f.After = &Cursor{Sort: "-date", Key: "2025", ID: NewID(), Filter: "x"}
		f.Limit = 7
		f.NoLimit = true
		assert.Equal(t, fp, f.Fingerprint())
	})
	t.Run("SameInstantOtherZone", func(t *testing.T) {
		t.Parallel()
		a, b := base, base
		a.UpdatedSince = &since
		other := since.In(time.FixedZone("AZT", 4*3600))
		b.UpdatedSince = &other
		assert.Equal(t, a.Fingerprint(), b.Fingerprint())
	})
	changes := []struct {
		name   string
		mutate func(f *MeetingFilter)
	}{
		{"Countries", func(f *MeetingFilter) { f.Countries = []string{"AZ", "TR"} }},
		{"NoCountries", func(f *MeetingFilter) { f.Countries = nil }},
		{"Partner", func(f *MeetingFilter) { f.Partner = "TR" }},
		{"Host", func(f *MeetingFilter) { f.Host = "AZ" }},
		{"Guest", func(f *MeetingFilter) { f.Guest = "AZ" }},
		{"From", func(f *MeetingFilter) { f.From = date("2025") }},
		{"To", func(f *MeetingFilter) { f.To = date("2025") }},
		{"Official", func(f *MeetingFilter) { f.Official = NewID() }},
		{"Topic", func(f *MeetingFilter) { f.Topic = "military" }},
		{"Kind", func(f *MeetingFilter) { f.Kind = "meeting" }},
		{"Series", func(f *MeetingFilter) { f.Series = "Dialogue" }},
		{"HasAgreementTrue", func(f *MeetingFilter) { f.HasAgreement = &yes }},
		{"HasAgreementFalse", func(f *MeetingFilter) { f.HasAgreement = &no }},
		{"AgreementType", func(f *MeetingFilter) { f.AgreementType = "protocol" }},
		{"Ceremony", func(f *MeetingFilter) { f.Ceremony = "award" }},
		{"UpdatedSince", func(f *MeetingFilter) { f.UpdatedSince = &since }},
		{"IncludeChildren", func(f *MeetingFilter) { f.IncludeChildren = true }},
		{"Q", func(f *MeetingFilter) { f.Q = "x" }},
		{"Sort", func(f *MeetingFilter) { f.Sort = SortDateAsc }},
		// Quoting keeps fields apart: a "|" in a value cannot fake another field.
		{"SeriesWithSeparator", func(f *MeetingFilter) { f.Series = `"|"` }},
	}
	for _, tt := range changes {
		t.Run("Differs"+tt.name, func(t *testing.T) {
			t.Parallel()
			f := base
			tt.mutate(&f)
			assert.NotEqual(t, fp, f.Fingerprint())
		})
	}
}
