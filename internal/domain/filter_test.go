package domain

// This file is in package domain to reach the unexported normalize.

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

// params returns the parameter names of an EINVALID error.
func params(t *testing.T, err error) []string {
	t.Helper()
	require.Error(t, err)
	e := AsError(err)
	require.NotNil(t, e, "%v is a *Error", err)
	require.Equal(t, EINVALID, e.Code)
	assert.Equal(t, "The query is not valid.", e.Message)
	var ps []string
	for _, f := range e.Fields {
		assert.Empty(t, f.Pointer)
		assert.NotEmpty(t, f.Detail)
		ps = append(ps, f.Parameter)
	}
	return ps
}

func TestMeetingFilterNormalize_Defaults(t *testing.T) {
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
			require.NoError(t, f.normalize())
			assert.Equal(t, tt.wantSort, f.Sort)
			assert.Equal(t, tt.wantLimit, f.Limit)
		})
	}
}

func TestMeetingFilterNormalize_Valid(t *testing.T) {
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
			assert.NoError(t, f.normalize())
		})
	}
}

func TestMeetingFilterNormalize_Invalid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		f      MeetingFilter
		params []string
	}{
		{"BadSort", MeetingFilter{Sort: "title"}, []string{"sort"}},
		{"BadSortCase", MeetingFilter{Sort: "-DATE"}, []string{"sort"}},
		{"LimitNegative", MeetingFilter{Limit: -1}, []string{"limit"}},
		{"LimitTooLarge", MeetingFilter{Limit: MaxLimit + 1}, []string{"limit"}},
		{"FromWithoutYear", MeetingFilter{From: date("--12-10")}, []string{"from"}},
		{"ToWithoutYear", MeetingFilter{To: date("--12-10")}, []string{"to"}},
		{"BothWithoutYear", MeetingFilter{From: date("--01-01"), To: date("--12-31")}, []string{"from", "to"}},
		{"ToBeforeFrom", MeetingFilter{From: date("2025-12"), To: date("2025-11")}, []string{"to"}},
		{"ToDayBeforeFromDay", MeetingFilter{From: date("2025-12-10"), To: date("2025-12-09")}, []string{"to"}},
		{"ToYearBeforeFrom", MeetingFilter{From: date("2025-01-01"), To: date("2024")}, []string{"to"}},
		{"PartnerWithoutCountry", MeetingFilter{Partner: "TR"}, []string{"partner"}},
		{"BadTopic", MeetingFilter{Topic: "space"}, []string{"topic"}},
		{"BadKind", MeetingFilter{Kind: "summit"}, []string{"kind"}},
		{"BadAgreementType", MeetingFilter{AgreementType: "treaty"}, []string{"agreement_type"}},
		{"BadCeremony", MeetingFilter{Ceremony: "parade"}, []string{"ceremony"}},
		{"BadOfficial", MeetingFilter{Official: "Zakir Hasanov"}, []string{"official"}},
		{"QTooLong", MeetingFilter{Q: strings.Repeat("q", 201)}, []string{"q"}},
		{"QControl", MeetingFilter{Q: "a\x00b"}, []string{"q"}},
		{"Several", MeetingFilter{Sort: "x", Limit: -5, Kind: "y"}, []string{"sort", "limit", "kind"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := tt.f
			assert.Equal(t, tt.params, params(t, f.normalize()))
		})
	}
}

// q is limited to 200 characters, not bytes: 150 Cyrillic or Azerbaijani
// letters (300 bytes) pass.
func TestMeetingFilterNormalize_QLimitCountsCharacters(t *testing.T) {
	t.Parallel()
	f := MeetingFilter{Q: strings.Repeat("ş", 150)}
	assert.NoError(t, f.normalize(), "150 characters are at most 200")
}

func TestMeetingFilterNormalize_Cursor(t *testing.T) {
	t.Parallel()
	// The cursor a page of this query gives out, as ListMeetings makes it.
	cursorOf := func(t *testing.T, f MeetingFilter) *Cursor {
		require.NoError(t, f.normalize())
		return &Cursor{Sort: string(f.Sort), Key: "2025-12-10", ID: NewID(), Filter: f.Fingerprint()}
	}
	base := MeetingFilter{Countries: []string{"AZ"}, Kind: "official_visit"}

	t.Run("SameQuery", func(t *testing.T) {
		t.Parallel()
		f := base
		f.After = cursorOf(t, base)
		f.Limit = 10 // the page size may change between pages
		assert.NoError(t, f.normalize())
	})
	t.Run("SameQueryThroughEncoding", func(t *testing.T) {
		t.Parallel()
		c, err := DecodeCursor(EncodeCursor(*cursorOf(t, base)))
		require.NoError(t, err)
		f := base
		f.After = c
		assert.NoError(t, f.normalize())
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
			assert.Equal(t, []string{"cursor"}, params(t, f.normalize()))
		})
	}
	t.Run("RejectsForgedSort", func(t *testing.T) {
		t.Parallel()
		f := base
		f.After = cursorOf(t, base)
		f.After.Sort = string(SortDateAsc)
		assert.Equal(t, []string{"cursor"}, params(t, f.normalize()))
	})
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
