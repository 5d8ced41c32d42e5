package domain_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
)

func ptr[T any](v T) *T { return &v }

// pd parses a partial date and panics on failure, for table closures.
func pd(s string) domain.PartialDate {
	d, err := domain.ParsePartialDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// validMeeting returns a minimal valid meeting for tests to break one field
// at a time.
func validMeeting(t *testing.T) *domain.Meeting {
	t.Helper()
	return &domain.Meeting{
		Title: "Minister of Defense receives the Uzbek delegation",
		Date:  mustDate(t, "2025-12-10"),
		Kind:  "official_visit",
		Delegations: []domain.Delegation{
			{Country: "AZ", Role: domain.RoleHost},
		},
	}
}

// pointers returns the JSON pointers (or filter fields) of an EINVALID error.
func pointers(t *testing.T, err error) []string {
	t.Helper()
	require.Error(t, err)
	var e *domain.Error
	require.True(t, errors.As(err, &e), "%v is a *domain.Error", err)
	require.Equal(t, domain.EINVALID, e.Code, err.Error())
	var ps []string
	for _, f := range e.Fields {
		assert.NotEmpty(t, f.Detail)
		ps = append(ps, f.Pointer+f.Field)
	}
	return ps
}

func mustDay(t *testing.T, s string) *domain.Day {
	t.Helper()
	d, err := domain.ParseDay(s)
	require.NoError(t, err)
	return &d
}

func TestValidate_Minimal(t *testing.T) {
	t.Parallel()
	assert.NoError(t, validMeeting(t).Validate())
}

func TestValidate_Full(t *testing.T) {
	t.Parallel()
	m := validMeeting(t)
	m.DatePrecision = domain.PrecisionDay
	m.EndDate = mustDay(t, "2025-12-12")
	m.City, m.Venue, m.HostCountry = ptr("Baku"), ptr("Ministry of Defense"), ptr("aze")
	m.Summary = ptr("Talks.\nMore talks.")
	m.Topics = []domain.Topic{"military", "joint_exercises"}
	m.Series = &domain.Series{Name: "High-Level Military Dialogue", Edition: ptr(17)}
	m.Delegations = []domain.Delegation{
		{Country: "AZ", Role: domain.RoleHost, Head: &domain.Participant{Name: "Zakir Hasanov", Rank: ptr("Colonel General")}},
		{Country: "uzb", Role: domain.RoleGuest,
			Head:    &domain.Participant{OfficialID: domain.NewID()},
			Members: []domain.Participant{{Name: "A. Member", Position: ptr("Deputy Minister")}}},
	}
	m.Ceremonies = []domain.Ceremony{
		{Type: "wreath_laying", Site: ptr("Alley of Martyrs")},
		{Type: "award", Award: ptr("Medal"), Recipient: &domain.Recipient{Name: "A. Member", Country: "UZ"}},
	}
	m.Agreements = []domain.Agreement{{Title: "Plan for 2026", Type: "cooperation_plan", Period: ptr("2026-2028"),
		SignedOn: mustDay(t, "2025-12-10"), Parties: []string{"AZ", "UZB"},
		Signatories: []domain.Signatory{{Name: "Zakir Hasanov"}, {OfficialID: domain.NewID(), Country: "UZ"}}}}
	m.Sources = []domain.Source{
		{URL: ptr("https://mod.gov.az/en/news/1"), Language: ptr("en"), PublishedAt: mustDay(t, "2025-12-10"),
			AlternateTitles: []domain.AltTitle{{Language: "az", Title: "Görüş"}}},
		{Outlet: ptr("APA")},
		{Title: ptr("A report")},
	}
	m.ChildMeetings = []domain.Meeting{*validMeeting(t)}
	assert.NoError(t, m.Validate())
}

func TestValidate_Rules(t *testing.T) {
	t.Parallel()
	badJSONDate := func(t *testing.T, s string) domain.PartialDate {
		var d domain.PartialDate
		require.NoError(t, json.Unmarshal([]byte(`"`+s+`"`), &d))
		return d
	}
	badJSONDay := func(t *testing.T, s string) *domain.Day {
		var d domain.Day
		require.NoError(t, json.Unmarshal([]byte(`"`+s+`"`), &d))
		return &d
	}
	agreement := func() domain.Agreement {
		return domain.Agreement{Title: "Plan", Type: "cooperation_plan"}
	}
	tests := []struct {
		name     string
		mutate   func(t *testing.T, m *domain.Meeting)
		pointers []string
	}{
		{"MissingTitle", func(t *testing.T, m *domain.Meeting) { m.Title = "" }, []string{"/title"}},
		{"MissingDate", func(t *testing.T, m *domain.Meeting) { m.Date = domain.PartialDate{} }, []string{"/date"}},
		{"BadDateText", func(t *testing.T, m *domain.Meeting) { m.Date = badJSONDate(t, "2025-02-29") }, []string{"/date"}},
		{"BadDateTextMonth13", func(t *testing.T, m *domain.Meeting) { m.Date = badJSONDate(t, "2025-13") }, []string{"/date"}},
		{"ImpossibleDateInCode", func(t *testing.T, m *domain.Meeting) {
			m.Date = domain.PartialDate{Year: 2025, Month: 2, Day: 30}
		}, []string{"/date"}},
		{"DateYearOutOfRangeInCode", func(t *testing.T, m *domain.Meeting) {
			m.Date = domain.PartialDate{Year: 1066}
		}, []string{"/date"}},
		{"DatePrecisionMatches", func(t *testing.T, m *domain.Meeting) { m.DatePrecision = domain.PrecisionDay }, nil},
		{"DatePrecisionMismatch", func(t *testing.T, m *domain.Meeting) { m.DatePrecision = domain.PrecisionMonth }, []string{"/date_precision"}},
		{"DatePrecisionUnknownValue", func(t *testing.T, m *domain.Meeting) { m.DatePrecision = "week" }, []string{"/date_precision"}},
		{"EndDateSameDay", func(t *testing.T, m *domain.Meeting) { m.EndDate = mustDay(t, "2025-12-10") }, nil},
		{"EndDateBeforeDate", func(t *testing.T, m *domain.Meeting) { m.EndDate = mustDay(t, "2025-12-09") }, []string{"/end_date"}},
		{"EndDateWithinMonth", func(t *testing.T, m *domain.Meeting) {
			m.Date = mustDate(t, "2025-12")
			m.EndDate = mustDay(t, "2025-12-01")
		}, nil},
		{"EndDateBeforeYear", func(t *testing.T, m *domain.Meeting) {
			m.Date = mustDate(t, "2025")
			m.EndDate = mustDay(t, "2024-12-31")
		}, []string{"/end_date"}},
		{"EndDateUnknownYear", func(t *testing.T, m *domain.Meeting) {
			m.Date = mustDate(t, "--12-10")
			m.EndDate = mustDay(t, "2025-12-12")
		}, []string{"/end_date"}},
		{"EndDateBadText", func(t *testing.T, m *domain.Meeting) { m.EndDate = badJSONDay(t, "2025-12-32") }, []string{"/end_date"}},
		{"HostCountryBad", func(t *testing.T, m *domain.Meeting) { m.HostCountry = ptr("Azerbaijan") }, []string{"/host_country"}},
		{"KindMissing", func(t *testing.T, m *domain.Meeting) { m.Kind = "" }, []string{"/kind"}},
		{"KindBad", func(t *testing.T, m *domain.Meeting) { m.Kind = "summit" }, []string{"/kind"}},
		{"KindWrongCase", func(t *testing.T, m *domain.Meeting) { m.Kind = "Official_Visit" }, []string{"/kind"}},
		{"TopicBad", func(t *testing.T, m *domain.Meeting) { m.Topics = []domain.Topic{"military", "space"} }, []string{"/topics/1"}},
		{"TopicRepeated", func(t *testing.T, m *domain.Meeting) {
			m.Topics = []domain.Topic{"military", "demining", "military"}
		}, []string{"/topics/2"}},
		{"SeriesEditionZero", func(t *testing.T, m *domain.Meeting) {
			m.Series = &domain.Series{Name: "Dialogue", Edition: ptr(0)}
		}, []string{"/series/edition"}},
		{"SeriesEditionNegative", func(t *testing.T, m *domain.Meeting) {
			m.Series = &domain.Series{Name: "Dialogue", Edition: ptr(-1)}
		}, []string{"/series/edition"}},
		{"SeriesNameBlank", func(t *testing.T, m *domain.Meeting) { m.Series = &domain.Series{} }, []string{"/series/name"}},
		{"NoDelegations", func(t *testing.T, m *domain.Meeting) { m.Delegations = nil }, []string{"/delegations"}},
		{"DelegationCountryMissing", func(t *testing.T, m *domain.Meeting) { m.Delegations[0].Country = "" }, []string{"/delegations/0/country"}},
		{"DelegationCountryBad", func(t *testing.T, m *domain.Meeting) { m.Delegations[0].Country = "A1" }, []string{"/delegations/0/country"}},
		{"TwoDelegationsOfOneCountry", func(t *testing.T, m *domain.Meeting) {
			m.Delegations = append(m.Delegations, domain.Delegation{Country: "az", Role: domain.RoleGuest})
		}, []string{"/delegations/1/country"}},
		{"TwoHosts", func(t *testing.T, m *domain.Meeting) {
			m.Delegations = append(m.Delegations, domain.Delegation{Country: "UZ", Role: domain.RoleHost})
		}, []string{"/delegations/1/role"}},
		{"NoHost", func(t *testing.T, m *domain.Meeting) { m.Delegations[0].Role = domain.RoleGuest }, nil},
		{"RoleBad", func(t *testing.T, m *domain.Meeting) { m.Delegations[0].Role = "observer" }, []string{"/delegations/0/role"}},
		{"RoleMissing", func(t *testing.T, m *domain.Meeting) { m.Delegations[0].Role = "" }, []string{"/delegations/0/role"}},
		{"ParticipantNeitherIDNorName", func(t *testing.T, m *domain.Meeting) {
			m.Delegations[0].Head = &domain.Participant{}
		}, []string{"/delegations/0/head/name"}},
		{"MemberNeitherIDNorName", func(t *testing.T, m *domain.Meeting) {
			m.Delegations[0].Members = []domain.Participant{{Name: "A"}, {Rank: ptr("General")}}
		}, []string{"/delegations/0/members/1/name"}},
		{"ParticipantBadOfficialID", func(t *testing.T, m *domain.Meeting) {
			m.Delegations[0].Head = &domain.Participant{OfficialID: "42"}
		}, []string{"/delegations/0/head/official_id"}},
		{"ParticipantIDOnly", func(t *testing.T, m *domain.Meeting) {
			m.Delegations[0].Head = &domain.Participant{OfficialID: domain.NewID()}
		}, nil},
		{"ParticipantBlankRank", func(t *testing.T, m *domain.Meeting) {
			m.Delegations[0].Head = &domain.Participant{Name: "Zakir Hasanov", Rank: ptr("")}
		}, []string{"/delegations/0/head/rank"}},
		{"CeremonyBadType", func(t *testing.T, m *domain.Meeting) {
			m.Ceremonies = []domain.Ceremony{{Type: "wreath_laying"}, {Type: "parade"}}
		}, []string{"/ceremonies/1/type"}},
		{"CeremonyRecipientBadCountry", func(t *testing.T, m *domain.Meeting) {
			m.Ceremonies = []domain.Ceremony{{Type: "award", Recipient: &domain.Recipient{Name: "X", Country: "123"}}}
		}, []string{"/ceremonies/0/recipient/country"}},
		{"CeremonyRecipientNoName", func(t *testing.T, m *domain.Meeting) {
			m.Ceremonies = []domain.Ceremony{{Type: "award", Recipient: &domain.Recipient{}}}
		}, []string{"/ceremonies/0/recipient/name"}},
		{"AgreementOK", func(t *testing.T, m *domain.Meeting) {
			a := agreement()
			a.Period = ptr("2026-2026")
			m.Agreements = []domain.Agreement{a}
		}, nil},
		{"AgreementBadPeriodTwoDigits", func(t *testing.T, m *domain.Meeting) {
			a := agreement()
			a.Period = ptr("26")
			m.Agreements = []domain.Agreement{a}
		}, []string{"/agreements/0/period"}},
		{"AgreementPeriodEndsBeforeStart", func(t *testing.T, m *domain.Meeting) {
			a := agreement()
			a.Period = ptr("2027-2026")
			m.Agreements = []domain.Agreement{a}
		}, []string{"/agreements/0/period"}},
		{"AgreementPeriodOpenEnded", func(t *testing.T, m *domain.Meeting) {
			a := agreement()
			a.Period = ptr("2026-")
			m.Agreements = []domain.Agreement{a}
		}, []string{"/agreements/0/period"}},
		{"AgreementBadType", func(t *testing.T, m *domain.Meeting) {
			a := agreement()
			a.Type = "treaty"
			m.Agreements = []domain.Agreement{a}
		}, []string{"/agreements/0/type"}},
		{"AgreementNoTitle", func(t *testing.T, m *domain.Meeting) {
			a := agreement()
			a.Title = ""
			m.Agreements = []domain.Agreement{a}
		}, []string{"/agreements/0/title"}},
		{"AgreementBadPartyCode", func(t *testing.T, m *domain.Meeting) {
			a := agreement()
			a.Parties = []string{"AZ", "U1"}
			m.Agreements = []domain.Agreement{a}
		}, []string{"/agreements/0/parties/1"}},
		{"AgreementBadSignedOn", func(t *testing.T, m *domain.Meeting) {
			a := agreement()
			a.SignedOn = badJSONDay(t, "2025-02-29")
			m.Agreements = []domain.Agreement{a}
		}, []string{"/agreements/0/signed_on"}},
		{"AgreementSignatoryNoName", func(t *testing.T, m *domain.Meeting) {
			a := agreement()
			a.Signatories = []domain.Signatory{{Country: "AZ"}}
			m.Agreements = []domain.Agreement{a}
		}, []string{"/agreements/0/signatories/0/name"}},
		{"AgreementSignatoryBadCountry", func(t *testing.T, m *domain.Meeting) {
			a := agreement()
			a.Signatories = []domain.Signatory{{Name: "X", Country: "Azerbaijan"}}
			m.Agreements = []domain.Agreement{a}
		}, []string{"/agreements/0/signatories/0/country"}},
		{"SourceURLFTP", func(t *testing.T, m *domain.Meeting) {
			m.Sources = []domain.Source{{URL: ptr("ftp://x")}}
		}, []string{"/sources/0/url"}},
		{"SourceURLNotAURL", func(t *testing.T, m *domain.Meeting) {
			m.Sources = []domain.Source{{URL: ptr("not a url")}}
		}, []string{"/sources/0/url"}},
		{"SourceURLRelative", func(t *testing.T, m *domain.Meeting) {
			m.Sources = []domain.Source{{URL: ptr("/en/news/1")}}
		}, []string{"/sources/0/url"}},
		{"SourceURLNoHost", func(t *testing.T, m *domain.Meeting) {
			m.Sources = []domain.Source{{URL: ptr("https:///path")}}
		}, []string{"/sources/0/url"}},
		{"SourceURLTooLong", func(t *testing.T, m *domain.Meeting) {
			m.Sources = []domain.Source{{URL: ptr("https://example.org/" + strings.Repeat("a", 2000))}}
		}, []string{"/sources/0/url"}},
		{"SourceWithNothing", func(t *testing.T, m *domain.Meeting) {
			m.Sources = []domain.Source{{Outlet: ptr("APA")}, {Language: ptr("en")}}
		}, []string{"/sources/1"}},
		{"SourceBadLanguageUpperCase", func(t *testing.T, m *domain.Meeting) {
			m.Sources = []domain.Source{{Outlet: ptr("APA"), Language: ptr("EN")}}
		}, []string{"/sources/0/language"}},
		{"SourceBadLanguageTag", func(t *testing.T, m *domain.Meeting) {
			m.Sources = []domain.Source{{Outlet: ptr("APA"), Language: ptr("en-US")}}
		}, []string{"/sources/0/language"}},
		{"SourceBadPublishedAt", func(t *testing.T, m *domain.Meeting) {
			m.Sources = []domain.Source{{Outlet: ptr("APA"), PublishedAt: badJSONDay(t, "2025-13-01")}}
		}, []string{"/sources/0/published_at"}},
		{"SourceAltTitleBad", func(t *testing.T, m *domain.Meeting) {
			m.Sources = []domain.Source{{Outlet: ptr("APA"), AlternateTitles: []domain.AltTitle{{Language: "AZ", Title: " "}}}}
		}, []string{"/sources/0/alternate_titles/0/language", "/sources/0/alternate_titles/0/title"}},
		{"ChildMeetingValid", func(t *testing.T, m *domain.Meeting) {
			m.ChildMeetings = []domain.Meeting{*validMeeting(t)}
		}, nil},
		{"ChildMeetingWithSources", func(t *testing.T, m *domain.Meeting) {
			c := validMeeting(t)
			c.Sources = []domain.Source{{Outlet: ptr("APA")}}
			m.ChildMeetings = []domain.Meeting{*c}
		}, []string{"/child_meetings/0/sources"}},
		{"ChildMeetingsNested", func(t *testing.T, m *domain.Meeting) {
			c := validMeeting(t)
			c.ChildMeetings = []domain.Meeting{*validMeeting(t)}
			m.ChildMeetings = []domain.Meeting{*c}
		}, []string{"/child_meetings/0/child_meetings"}},
		{"ChildMeetingFieldPointer", func(t *testing.T, m *domain.Meeting) {
			c := validMeeting(t)
			c.Delegations[0].Role = "x"
			m.ChildMeetings = []domain.Meeting{*validMeeting(t), *c}
		}, []string{"/child_meetings/1/delegations/0/role"}},
		{"SeveralProblemsAtOnce", func(t *testing.T, m *domain.Meeting) {
			m.Title = ""
			m.Kind = "x"
			m.Delegations = nil
		}, []string{"/title", "/kind", "/delegations"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := validMeeting(t)
			tt.mutate(t, m)
			err := m.Validate()
			if tt.pointers == nil {
				require.NoError(t, err)
				return
			}
			var e *domain.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, "The meeting is not valid.", e.Message)
			assert.Equal(t, tt.pointers, pointers(t, err))
		})
	}
}

// A parent_id that is not an id is named as /parent_id, not left for the
// database to refuse without naming a field.
func TestValidate_ParentIDChecked(t *testing.T) {
	t.Parallel()
	m := validMeeting(t)
	m.ParentID = ptr("not-an-id")
	err := m.Validate()
	require.Error(t, err, "parent_id %q is accepted", *m.ParentID)
	assert.Contains(t, pointers(t, err), "/parent_id")
}

// A meeting with a parent (sent with parent_id, or a child meeting replaced
// through PUT, which keeps the stored parent_id) is validated as a child: it
// holds no child meetings, so meetings never nest three deep.
func TestValidate_MeetingWithParentHoldsNoChildMeetings(t *testing.T) {
	t.Parallel()
	m := validMeeting(t)
	m.ParentID = ptr(domain.NewID())
	m.ChildMeetings = []domain.Meeting{*validMeeting(t)}
	err := m.Validate()
	require.Error(t, err, "a child meeting holds child meetings")
	assert.Contains(t, pointers(t, err), "/child_meetings")
}

func TestMeetingCountries(t *testing.T) {
	t.Parallel()
	m := &domain.Meeting{Delegations: []domain.Delegation{{Country: "UZ"}, {Country: "AZ"}, {Country: "TR"}, {Country: "AZ"}}}
	assert.Equal(t, []string{"AZ", "TR", "UZ"}, m.Countries())
	assert.Empty(t, (&domain.Meeting{}).Countries())
}

func TestDedupeKey(t *testing.T) {
	t.Parallel()
	base := func() *domain.Meeting {
		return &domain.Meeting{
			Title: "One title", Date: pd("2025-12-10"), Kind: "official_visit",
			Delegations: []domain.Delegation{{Country: "AZ", Role: domain.RoleHost}, {Country: "UZ", Role: domain.RoleGuest}},
		}
	}
	key := domain.DedupeKey(base())

	t.Run("DelegationOrderDoesNotMatter", func(t *testing.T) {
		m := base()
		m.Delegations[0], m.Delegations[1] = m.Delegations[1], m.Delegations[0]
		m.Delegations[0].Role, m.Delegations[1].Role = domain.RoleHost, domain.RoleGuest
		assert.Equal(t, key, domain.DedupeKey(m))
	})
	t.Run("TitleAndDetailsDoNotMatter", func(t *testing.T) {
		m := base()
		m.Title = "Another title"
		m.City = ptr("Tashkent")
		m.Topics = []domain.Topic{"military"}
		m.Delegations[0].Head = &domain.Participant{Name: "Zakir Hasanov"}
		assert.Equal(t, key, domain.DedupeKey(m))
	})
	tests := []struct {
		name   string
		mutate func(m *domain.Meeting)
	}{
		{"Date", func(m *domain.Meeting) { m.Date = pd("2025-12-11") }},
		{"Precision", func(m *domain.Meeting) { m.Date = pd("2025-12") }},
		{"Kind", func(m *domain.Meeting) { m.Kind = "working_visit" }},
		{"Countries", func(m *domain.Meeting) { m.Delegations[1].Country = "TR" }},
		{"ExtraCountry", func(m *domain.Meeting) {
			m.Delegations = append(m.Delegations, domain.Delegation{Country: "KZ", Role: domain.RoleGuest})
		}},
		{"Parent", func(m *domain.Meeting) { m.ParentID = ptr(domain.NewID()) }},
	}
	for _, tt := range tests {
		t.Run("DiffersBy"+tt.name, func(t *testing.T) {
			m := base()
			tt.mutate(m)
			assert.NotEqual(t, key, domain.DedupeKey(m))
		})
	}
	t.Run("DiffersBetweenParents", func(t *testing.T) {
		a, b := base(), base()
		a.ParentID, b.ParentID = ptr(domain.NewID()), ptr(domain.NewID())
		assert.NotEqual(t, domain.DedupeKey(a), domain.DedupeKey(b))
		c := base()
		c.ParentID = ptr(*a.ParentID)
		assert.Equal(t, domain.DedupeKey(a), domain.DedupeKey(c))
	})
}

func TestMeetingSummaryJSON(t *testing.T) {
	t.Parallel()
	at := day(2025, 12, 10)
	live := domain.MeetingSummary{ID: domain.NewID(), Title: "Talks", Date: pd("2025-12"), Kind: "meeting",
		Countries: []string{"AZ", "UZ"}, UpdatedAt: at, SortKey: "hidden"}
	b, err := json.Marshal(live)
	require.NoError(t, err)
	var v map[string]any
	require.NoError(t, json.Unmarshal(b, &v))
	assert.Equal(t, "2025-12", v["date"])
	assert.Equal(t, "Talks", v["title"])
	assert.NotContains(t, v, "deleted")
	assert.NotContains(t, v, "SortKey")

	tomb := live
	tomb.Deleted = true
	b, err = json.Marshal(tomb)
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"`+live.ID+`","deleted":true,"updated_at":"2025-12-10T00:00:00Z"}`, string(b))
}
