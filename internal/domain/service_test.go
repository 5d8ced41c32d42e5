package domain_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
)

// visit returns a valid meeting of Azerbaijan (host) and Uzbekistan, with
// country codes in the forms clients send.
func visit() *domain.Meeting {
	return &domain.Meeting{
		Title: "Minister of Defense receives the Uzbek delegation",
		Date:  pd("2025-12-10"),
		Kind:  "official_visit",
		Delegations: []domain.Delegation{
			{Country: "az", Role: domain.RoleHost, Head: &domain.Participant{Name: "Zakir Hasanov"}},
			{Country: "uzb", Role: domain.RoleGuest, Head: &domain.Participant{Name: "Shukhrat Khalmukhamedov"}},
		},
	}
}

// child returns a valid child meeting of AZ and the guest country.
func child(guest string) domain.Meeting {
	return domain.Meeting{
		Title: "Talks with the Chief of the General Staff",
		Date:  pd("2025-12-10"),
		Kind:  "meeting",
		Delegations: []domain.Delegation{
			{Country: "AZ", Role: domain.RoleHost},
			{Country: guest, Role: domain.RoleGuest},
		},
	}
}

// invalid asserts that err is EINVALID naming exactly the pointers, and that
// nothing was written.
func (e *env) invalid(t *testing.T, err error, want ...string) {
	t.Helper()
	assert.Equal(t, want, pointers(t, err))
	assert.Zero(t, e.meetings.writeCount(), "nothing is written")
}

func (e *env) create(t *testing.T, m *domain.Meeting) *domain.Meeting {
	t.Helper()
	got, err := e.svc.CreateMeeting(context.Background(), m)
	require.NoError(t, err)
	return got
}

// lastNews returns the new officials of the last write.
func (e *env) lastNews(t *testing.T) []domain.Official {
	t.Helper()
	e.meetings.mu.Lock()
	defer e.meetings.mu.Unlock()
	require.NotEmpty(t, e.meetings.news)
	return e.meetings.news[len(e.meetings.news)-1]
}

func TestCreateMeeting_Resolves(t *testing.T) {
	t.Parallel()
	e := newEnv()
	m := visit()
	m.Agreements = []domain.Agreement{{Title: "Plan for 2026", Type: "cooperation_plan",
		Parties: []string{"aze", "uz"}, Signatories: []domain.Signatory{{Name: "Z. Hasanov"}}}}
	m.Sources = []domain.Source{{Outlet: ptr("APA")}}
	m.ID = "client-chosen" // ignored

	got := e.create(t, m)
	assert.True(t, domain.IsID(got.ID))
	assert.NotEqual(t, "client-chosen", got.ID)
	assert.Equal(t, "AZ", got.Delegations[0].Country, "lower-case alpha-2")
	assert.Equal(t, "UZ", got.Delegations[1].Country, `"uzb" is UZ`)
	require.NotNil(t, got.HostCountry)
	assert.Equal(t, "AZ", *got.HostCountry, "filled from the host delegation")
	assert.Equal(t, domain.PrecisionDay, got.DatePrecision)
	assert.Equal(t, "2025-12-10|official_visit|AZ,UZ|", got.DedupeKey)
	assert.Equal(t, e.now, got.CreatedAt)
	assert.Equal(t, e.now, got.UpdatedAt)
	assert.NotNil(t, got.Topics)
	assert.NotNil(t, got.Ceremonies)
	assert.NotNil(t, got.Delegations[0].Members)
	assert.NotNil(t, got.Sources[0].AlternateTitles)

	a := got.Agreements[0]
	assert.True(t, domain.IsID(a.ID))
	assert.Equal(t, got.ID, a.MeetingID)
	assert.Equal(t, []string{"AZ", "UZ"}, a.Parties)
	assert.Equal(t, got.Delegations[0].Head.OfficialID, a.Signatories[0].OfficialID)

	news := e.lastNews(t)
	require.Len(t, news, 2)
	assert.Equal(t, "Zakir Hasanov", news[0].Name)
	assert.Equal(t, "AZ", news[0].Country)
	assert.Equal(t, []string{"zakir hasanov", "z hasanov"}, news[0].NameKeys)
	assert.Equal(t, got.Delegations[0].Head.OfficialID, news[0].ID)
	assert.Equal(t, "UZ", news[1].Country)
	assert.Equal(t, []string{"create"}, e.meetings.writes)
}

func TestCreateMeeting_UnknownCountry(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		mutate  func(m *domain.Meeting)
		pointer string
	}{
		{"Delegation", func(m *domain.Meeting) { m.Delegations[1].Country = "XX" }, "/delegations/1/country"},
		{"Alpha3", func(m *domain.Meeting) { m.Delegations[1].Country = "XXX" }, "/delegations/1/country"},
		{"HostCountry", func(m *domain.Meeting) { m.HostCountry = ptr("XX") }, "/host_country"},
		{"Party", func(m *domain.Meeting) {
			m.Agreements = []domain.Agreement{{Title: "Plan", Type: "protocol", Parties: []string{"AZ", "QQ"}}}
		}, "/agreements/0/parties/1"},
		{"Signatory", func(m *domain.Meeting) {
			m.Agreements = []domain.Agreement{{Title: "Plan", Type: "protocol",
				Signatories: []domain.Signatory{{Name: "Somebody", Country: "QQ"}}}}
		}, "/agreements/0/signatories/0/country"},
		{"ChildDelegation", func(m *domain.Meeting) { m.ChildMeetings = []domain.Meeting{child("QQ")} }, "/child_meetings/0/delegations/1/country"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv()
			m := visit()
			tt.mutate(m)
			_, err := e.svc.CreateMeeting(context.Background(), m)
			e.invalid(t, err, tt.pointer)
		})
	}
}

// "AZ" and "AZE" are one country: two delegations so named are a 422 naming
// the field, not a bare conflict from the database.
func TestCreateMeeting_TwoDelegationsOfOneCountryByAlpha2AndAlpha3(t *testing.T) {
	t.Parallel()
	e := newEnv()
	m := visit()
	m.Delegations[1] = domain.Delegation{Country: "AZE", Role: domain.RoleGuest}
	_, err := e.svc.CreateMeeting(context.Background(), m)
	require.Error(t, err, "two delegations of AZ are accepted")
	e.invalid(t, err, "/delegations/1/country")
}

func TestCreateMeeting_OfficialCreatedOnce(t *testing.T) {
	t.Parallel()
	e := newEnv()
	m := visit()
	c := child("UZ")
	c.Delegations[0].Head = &domain.Participant{Name: "zakir  hasanov"}
	c.Delegations[1].Head = &domain.Participant{Name: "Shukhrat Khalmukhamedov"}
	m.ChildMeetings = []domain.Meeting{c}

	got := e.create(t, m)
	news := e.lastNews(t)
	require.Len(t, news, 2, "Zakir Hasanov and Shukhrat Khalmukhamedov, once each")
	gc := got.ChildMeetings[0]
	assert.Equal(t, got.Delegations[0].Head.OfficialID, gc.Delegations[0].Head.OfficialID)
	assert.Equal(t, "Zakir Hasanov", gc.Delegations[0].Head.Name, "the name as first given")
	assert.Equal(t, got.Delegations[1].Head.OfficialID, gc.Delegations[1].Head.OfficialID)
	assert.True(t, domain.IsID(gc.ID))
	assert.NotEqual(t, got.ID, gc.ID)
	require.NotNil(t, gc.ParentID)
	assert.Equal(t, got.ID, *gc.ParentID)
	assert.Equal(t, "2025-12-10|meeting|AZ,UZ|"+got.ID, gc.DedupeKey)
	assert.Equal(t, "AZ", *gc.HostCountry)
}

// Officials made new in a request are found as stored ones are, by any name
// key: "Zakir Hasanov" at the meeting and "Z. Hasanov" at its child meeting
// are one new official.
func TestCreateMeeting_NewOfficialFoundByInitial(t *testing.T) {
	t.Parallel()
	e := newEnv()
	m := visit()
	c := child("UZ")
	c.Delegations[0].Head = &domain.Participant{Name: "Z. Hasanov"}
	m.ChildMeetings = []domain.Meeting{c}

	got := e.create(t, m)
	assert.Equal(t, got.Delegations[0].Head.OfficialID, got.ChildMeetings[0].Delegations[0].Head.OfficialID)
	assert.Len(t, e.lastNews(t), 2, "Zakir Hasanov once, and the Uzbek head")
}

func TestCreateMeeting_FindsStoredOfficial(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, given string }{
		{"FullName", "Zakir Hasanov"},
		{"Initial", "Z. Hasanov"},
		{"InitialNoSpace", "Z.Hasanov"},
		{"ExtraSpace", "zakir  hasanov"},
		{"UpperCase", "ZAKIR HASANOV"},
		{"Alias", "Закир Гасанов"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv()
			zakir := e.officials.add(domain.Official{Name: "Zakir Hasanov", Country: "AZ", Aliases: []string{"Закир Гасанов"}})
			m := visit()
			m.Delegations[0].Head.Name = tt.given
			got := e.create(t, m)
			assert.Equal(t, zakir.ID, got.Delegations[0].Head.OfficialID)
			assert.Equal(t, "Zakir Hasanov", got.Delegations[0].Head.Name, "the stored name")
			news := e.lastNews(t)
			require.Len(t, news, 1, "only the Uzbek head is new")
			assert.Equal(t, "UZ", news[0].Country)
		})
	}

	t.Run("OtherCountryIsAnotherPerson", func(t *testing.T) {
		t.Parallel()
		e := newEnv()
		zakir := e.officials.add(domain.Official{Name: "Zakir Hasanov", Country: "AZ"})
		m := visit()
		m.Delegations[1].Head.Name = "Z. Hasanov"
		got := e.create(t, m)
		assert.NotEqual(t, zakir.ID, got.Delegations[1].Head.OfficialID)
		assert.Len(t, e.lastNews(t), 1)
	})
	t.Run("ByID", func(t *testing.T) {
		t.Parallel()
		e := newEnv()
		zakir := e.officials.add(domain.Official{Name: "Zakir Hasanov", Country: "AZ"})
		m := visit()
		m.Delegations[0].Head = &domain.Participant{OfficialID: zakir.ID, Rank: ptr("Colonel General")}
		got := e.create(t, m)
		assert.Equal(t, zakir.ID, got.Delegations[0].Head.OfficialID)
		assert.Equal(t, "Zakir Hasanov", got.Delegations[0].Head.Name)
		assert.Equal(t, "Colonel General", *got.Delegations[0].Head.Rank)
	})
	t.Run("UnknownID", func(t *testing.T) {
		t.Parallel()
		e := newEnv()
		m := visit()
		m.Delegations[0].Head = &domain.Participant{OfficialID: domain.NewID()}
		_, err := e.svc.CreateMeeting(context.Background(), m)
		e.invalid(t, err, "/delegations/0/head/official_id")
	})
	t.Run("IDOfAnotherCountry", func(t *testing.T) {
		t.Parallel()
		e := newEnv()
		zakir := e.officials.add(domain.Official{Name: "Zakir Hasanov", Country: "AZ"})
		m := visit()
		m.Delegations[1].Head = &domain.Participant{OfficialID: zakir.ID}
		_, err := e.svc.CreateMeeting(context.Background(), m)
		e.invalid(t, err, "/delegations/1/head/official_id")
	})
}

func TestCreateMeeting_AmbiguousName(t *testing.T) {
	t.Parallel()
	setup := func() (*env, domain.Official, domain.Official) {
		e := newEnv()
		zakir := e.officials.add(domain.Official{Name: "Zakir Hasanov", Country: "AZ"})
		zaur := e.officials.add(domain.Official{Name: "Zaur Hasanov", Country: "AZ"})
		return e, zakir, zaur
	}
	t.Run("InitialIsAmbiguous", func(t *testing.T) {
		t.Parallel()
		e, _, _ := setup()
		m := visit()
		m.Delegations[0].Head.Name = "Z. Hasanov"
		_, err := e.svc.CreateMeeting(context.Background(), m)
		e.invalid(t, err, "/delegations/0/head/name")
	})
	t.Run("FullNameResolves", func(t *testing.T) {
		t.Parallel()
		e, zakir, zaur := setup()
		m := visit()
		m.Delegations[0].Members = []domain.Participant{{Name: "Zaur Hasanov"}}
		got := e.create(t, m)
		assert.Equal(t, zakir.ID, got.Delegations[0].Head.OfficialID)
		assert.Equal(t, zaur.ID, got.Delegations[0].Members[0].OfficialID)
	})
	t.Run("ExactNameBeatsInitialKey", func(t *testing.T) {
		t.Parallel()
		e, _, _ := setup()
		z := e.officials.add(domain.Official{Name: "Z. Hasanov", Country: "AZ"})
		m := visit()
		m.Delegations[0].Head.Name = "Z.Hasanov"
		got := e.create(t, m)
		assert.Equal(t, z.ID, got.Delegations[0].Head.OfficialID)
	})
	t.Run("Namesakes", func(t *testing.T) {
		t.Parallel()
		e, _, _ := setup()
		e.officials.add(domain.Official{Name: "Zakir Hasanov", Country: "AZ"})
		m := visit()
		_, err := e.svc.CreateMeeting(context.Background(), m)
		e.invalid(t, err, "/delegations/0/head/name")
	})
}

func TestCreateMeeting_SameOfficialTwiceInDelegation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		stored  bool
		head    domain.Participant
		members []domain.Participant
		pointer string
	}{
		{"NewByName", false, domain.Participant{Name: "Ali Aliyev"},
			[]domain.Participant{{Name: "Other Person"}, {Name: "ali aliyev"}}, "/delegations/0/members/1"},
		{"StoredByNameAndInitial", true, domain.Participant{Name: "Zakir Hasanov"},
			[]domain.Participant{{Name: "Z. Hasanov"}}, "/delegations/0/members/0"},
		{"TwoMembers", true, domain.Participant{Name: "Other Person"},
			[]domain.Participant{{Name: "Zakir Hasanov"}, {Name: "Zakir Hasanov"}}, "/delegations/0/members/1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv()
			if tt.stored {
				e.officials.add(domain.Official{Name: "Zakir Hasanov", Country: "AZ"})
			}
			m := visit()
			m.Delegations[0].Head = &tt.head
			m.Delegations[0].Members = tt.members
			_, err := e.svc.CreateMeeting(context.Background(), m)
			e.invalid(t, err, tt.pointer)
		})
	}
	t.Run("ByIDAndName", func(t *testing.T) {
		t.Parallel()
		e := newEnv()
		zakir := e.officials.add(domain.Official{Name: "Zakir Hasanov", Country: "AZ"})
		m := visit()
		m.Delegations[0].Head = &domain.Participant{OfficialID: zakir.ID}
		m.Delegations[0].Members = []domain.Participant{{Name: "Z. Hasanov"}}
		_, err := e.svc.CreateMeeting(context.Background(), m)
		e.invalid(t, err, "/delegations/0/members/0")
	})
}

func TestCreateMeeting_SignatoriesAndRecipients(t *testing.T) {
	t.Parallel()
	agreement := func(s ...domain.Signatory) []domain.Agreement {
		return []domain.Agreement{{Title: "Plan", Type: "cooperation_plan", Signatories: s}}
	}
	award := func(r domain.Recipient) []domain.Ceremony {
		return []domain.Ceremony{{Type: "award", Award: ptr("Medal"), Recipient: &r}}
	}

	t.Run("SignatoryLikeMemberWithoutCountry", func(t *testing.T) {
		t.Parallel()
		for _, stored := range []bool{false, true} {
			e := newEnv()
			if stored {
				e.officials.add(domain.Official{Name: "Zakir Hasanov", Country: "AZ"})
			}
			m := visit()
			m.Agreements = agreement(domain.Signatory{Name: "Z. Hasanov"}, domain.Signatory{Name: "shukhrat khalmukhamedov"})
			got := e.create(t, m)
			s := got.Agreements[0].Signatories
			assert.Equal(t, got.Delegations[0].Head.OfficialID, s[0].OfficialID, "stored %v", stored)
			assert.Equal(t, "Zakir Hasanov", s[0].Name)
			assert.Equal(t, "AZ", s[0].Country)
			assert.Equal(t, got.Delegations[1].Head.OfficialID, s[1].OfficialID)
			assert.Equal(t, "Shukhrat Khalmukhamedov", s[1].Name)
			assert.Equal(t, "UZ", s[1].Country)
			wantNews := 2
			if stored {
				wantNews = 1 // Zakir Hasanov is stored already
			}
			assert.Len(t, e.lastNews(t), wantNews)
		}
	})
	t.Run("SignatoryLikeMemberWithAlpha3Country", func(t *testing.T) {
		t.Parallel()
		e := newEnv()
		m := visit()
		m.Agreements = agreement(domain.Signatory{Name: "Zakir Hasanov", Country: "aze"})
		got := e.create(t, m)
		assert.Equal(t, got.Delegations[0].Head.OfficialID, got.Agreements[0].Signatories[0].OfficialID)
		assert.Equal(t, "AZ", got.Agreements[0].Signatories[0].Country)
	})
	t.Run("SignatoryOfAnotherCountry", func(t *testing.T) {
		t.Parallel()
		e := newEnv()
		m := visit()
		m.Agreements = agreement(domain.Signatory{Name: "Yaşar Güler", Country: "tur"})
		got := e.create(t, m)
		s := got.Agreements[0].Signatories[0]
		assert.True(t, domain.IsID(s.OfficialID))
		assert.Equal(t, "TR", s.Country)
		assert.Len(t, e.lastNews(t), 3)
	})
	t.Run("SignatoryByIDWithoutCountry", func(t *testing.T) {
		t.Parallel()
		e := newEnv()
		guler := e.officials.add(domain.Official{Name: "Yaşar Güler", Country: "TR"})
		m := visit()
		m.Agreements = agreement(domain.Signatory{OfficialID: guler.ID})
		got := e.create(t, m)
		s := got.Agreements[0].Signatories[0]
		assert.Equal(t, guler.ID, s.OfficialID)
		assert.Equal(t, "Yaşar Güler", s.Name)
		assert.Equal(t, "TR", s.Country)
	})
	t.Run("SignatoryNotAMemberWithoutCountry", func(t *testing.T) {
		t.Parallel()
		e := newEnv()
		m := visit()
		m.Agreements = agreement(domain.Signatory{Name: "Somebody Else"})
		_, err := e.svc.CreateMeeting(context.Background(), m)
		e.invalid(t, err, "/agreements/0/signatories/0/country")
	})
	t.Run("SignatoryTwice", func(t *testing.T) {
		t.Parallel()
		e := newEnv()
		m := visit()
		m.Agreements = agreement(domain.Signatory{Name: "Zakir Hasanov"}, domain.Signatory{Name: "Z. Hasanov"})
		_, err := e.svc.CreateMeeting(context.Background(), m)
		e.invalid(t, err, "/agreements/0/signatories/1")
	})
	t.Run("PartyTwice", func(t *testing.T) {
		t.Parallel()
		e := newEnv()
		m := visit()
		m.Agreements = []domain.Agreement{{Title: "Plan", Type: "protocol", Parties: []string{"AZ", "aze"}}}
		_, err := e.svc.CreateMeeting(context.Background(), m)
		e.invalid(t, err, "/agreements/0/parties")
	})
	t.Run("RecipientLikeMemberWithoutCountry", func(t *testing.T) {
		t.Parallel()
		e := newEnv()
		m := visit()
		m.Ceremonies = award(domain.Recipient{Name: "S. Khalmukhamedov", Rank: ptr("Lieutenant General")})
		got := e.create(t, m)
		r := got.Ceremonies[0].Recipient
		assert.Equal(t, got.Delegations[1].Head.OfficialID, r.OfficialID)
		assert.Equal(t, "Shukhrat Khalmukhamedov", r.Name)
		assert.Equal(t, "UZ", r.Country)
	})
	t.Run("RecipientNotInDelegationsWithoutCountry", func(t *testing.T) {
		t.Parallel()
		e := newEnv()
		m := visit()
		m.Ceremonies = award(domain.Recipient{Name: "Somebody Else"})
		_, err := e.svc.CreateMeeting(context.Background(), m)
		e.invalid(t, err, "/ceremonies/0/recipient/country")
	})
	t.Run("RecipientNotInDelegationsWithCountry", func(t *testing.T) {
		t.Parallel()
		e := newEnv()
		m := visit()
		m.Ceremonies = award(domain.Recipient{Name: "Somebody Else", Country: "KAZ"})
		got := e.create(t, m)
		r := got.Ceremonies[0].Recipient
		assert.True(t, domain.IsID(r.OfficialID))
		assert.Equal(t, "KZ", r.Country)
	})
}

func TestCreateMeeting_HostCountry(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		mutate func(m *domain.Meeting)
		want   string // the host_country stored, or "" with pointer
		ptr    string
	}{
		{"FilledFromHost", func(m *domain.Meeting) {}, "AZ", ""},
		{"SameAsHostAlpha3", func(m *domain.Meeting) { m.HostCountry = ptr("aze") }, "AZ", ""},
		{"NoHostKeepsGiven", func(m *domain.Meeting) {
			m.Delegations[0].Role = domain.RoleGuest
			m.HostCountry = ptr("kz")
		}, "KZ", ""},
		{"Conflicting", func(m *domain.Meeting) { m.HostCountry = ptr("TR") }, "", "/delegations/0/role"},
		{"Unknown", func(m *domain.Meeting) { m.HostCountry = ptr("XX") }, "", "/host_country"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv()
			m := visit()
			tt.mutate(m)
			got, err := e.svc.CreateMeeting(context.Background(), m)
			if tt.ptr != "" {
				e.invalid(t, err, tt.ptr)
				return
			}
			require.NoError(t, err)
			require.NotNil(t, got.HostCountry)
			assert.Equal(t, tt.want, *got.HostCountry)
		})
	}
	t.Run("NoHostNoHostCountry", func(t *testing.T) {
		t.Parallel()
		e := newEnv()
		m := visit()
		m.Delegations[0].Role = domain.RoleGuest
		got := e.create(t, m)
		assert.Nil(t, got.HostCountry)
	})
}

func TestCreateMeeting_Duplicate(t *testing.T) {
	t.Parallel()
	t.Run("Stored", func(t *testing.T) {
		t.Parallel()
		e := newEnv()
		first := e.create(t, visit())
		again := visit()
		again.Title = "Another report of the same meeting"
		again.Delegations[0], again.Delegations[1] = again.Delegations[1], again.Delegations[0]
		_, err := e.svc.CreateMeeting(context.Background(), again)
		de := domain.AsError(err)
		require.NotNil(t, de, "%v", err)
		assert.Equal(t, domain.ECONFLICT, de.Code)
		assert.Equal(t, first.ID, de.Data["existing_id"])
		assert.Equal(t, []string{"create"}, e.meetings.writes, "no second write")
	})
	t.Run("StoredMeanwhile", func(t *testing.T) {
		t.Parallel()
		e := newEnv()
		e.meetings.raceOnce = true
		_, err := e.svc.CreateMeeting(context.Background(), visit())
		de := domain.AsError(err)
		require.NotNil(t, de, "%v", err)
		assert.Equal(t, domain.ECONFLICT, de.Code)
		assert.True(t, domain.IsID(de.Data["existing_id"].(string)))
	})
	t.Run("OtherDate", func(t *testing.T) {
		t.Parallel()
		e := newEnv()
		e.create(t, visit())
		m := visit()
		m.Date = pd("2025-12")
		e.create(t, m)
	})
	t.Run("ChildMeetingsRepeat", func(t *testing.T) {
		t.Parallel()
		e := newEnv()
		m := visit()
		m.ChildMeetings = []domain.Meeting{child("UZ"), child("uzb")}
		_, err := e.svc.CreateMeeting(context.Background(), m)
		e.invalid(t, err, "/child_meetings/1")
	})
	t.Run("LookupFails", func(t *testing.T) {
		t.Parallel()
		e := newEnv()
		e.meetings.findErr = errors.New("connection reset")
		_, err := e.svc.CreateMeeting(context.Background(), visit())
		require.Error(t, err)
		assert.Equal(t, domain.EINTERNAL, domain.ErrorCode(err))
		assert.Zero(t, e.meetings.writeCount())
	})
}

func TestCreateMeeting_ValidateStopsBeforeStores(t *testing.T) {
	t.Parallel()
	e := newEnv()
	e.officials.add(domain.Official{Name: "Zakir Hasanov", Country: "AZ"})
	m := visit()
	m.Title = " leading space"
	m.Delegations[1].Country = "XX" // not reported: validation stops first
	_, err := e.svc.CreateMeeting(context.Background(), m)
	e.invalid(t, err, "/title")
	assert.Zero(t, e.countries.calls, "countries are not even read")
	assert.Len(t, e.officials.byID, 1, "no official is made")
	assert.Equal(t, "az", m.Delegations[0].Country, "the meeting is left as given")
	assert.Empty(t, m.ID)
}

func TestCreateMeeting_Concurrent(t *testing.T) {
	t.Parallel()
	e := newEnv()
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Go(func() {
			m := visit()
			m.Date = pd(fmt.Sprintf("2025-12-%02d", i+1))
			_, errs[i] = e.svc.CreateMeeting(context.Background(), m)
		})
	}
	wg.Wait()
	for _, err := range errs {
		assert.NoError(t, err)
	}
	assert.Equal(t, 1, e.countries.calls, "countries are read once")
}

func TestCountries(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv()
	e.countries.err = errors.New("connection refused")
	_, err := e.svc.Country(ctx, "AZ")
	assert.Equal(t, domain.EINTERNAL, domain.ErrorCode(err))
	e.countries.err = nil // a failure is not remembered

	for _, code := range []string{"UZ", "uz", "UZB", "uzb", "Uzb"} {
		c, err := e.svc.Country(ctx, code)
		require.NoError(t, err, code)
		assert.Equal(t, "UZ", c.Alpha2)
		assert.Equal(t, "UZB", c.Alpha3)
	}
	for _, code := range []string{"", "XX", "Uzbekistan", "U"} {
		_, err := e.svc.Country(ctx, code)
		assert.Equal(t, domain.ENOTFOUND, domain.ErrorCode(err), code)
	}

	f := domain.PartnerFilter{Country: "tur"}
	require.NoError(t, e.svc.CheckFilter(ctx, &f))
	assert.Equal(t, "TR", f.Country)
	f = domain.PartnerFilter{Country: "XX"}
	assert.Equal(t, []string{"Country"}, pointers(t, e.svc.CheckFilter(ctx, &f)))

	all, err := e.svc.Countries(ctx)
	require.NoError(t, err)
	assert.Len(t, all, 4)
}

func TestReplaceMeeting(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	setup := func(t *testing.T) (*env, *domain.Meeting) {
		e := newEnv()
		m := visit()
		m.Agreements = []domain.Agreement{{Title: "Plan", Type: "protocol"}}
		m.ChildMeetings = []domain.Meeting{child("UZ")}
		return e, e.create(t, m)
	}
	t.Run("KeepsIDs", func(t *testing.T) {
		t.Parallel()
		e, old := setup(t)
		created := e.now
		e.now = e.now.Add(3600e9)
		m := visit()
		m.Title = "Corrected title"
		m.Agreements = []domain.Agreement{{ID: old.Agreements[0].ID, Title: "Plan", Type: "protocol"},
			{ID: domain.NewID(), Title: "New", Type: "memorandum"}}
		c := child("UZ")
		c.ID = old.ChildMeetings[0].ID
		m.ChildMeetings = []domain.Meeting{c, child("KZ")}
		got, err := e.svc.ReplaceMeeting(ctx, old.ID, m, old.Version)
		require.NoError(t, err)
		assert.Equal(t, old.ID, got.ID)
		assert.Equal(t, "Corrected title", got.Title)
		assert.Equal(t, created, got.CreatedAt)
		assert.Equal(t, e.now, got.UpdatedAt)
		assert.Equal(t, old.Agreements[0].ID, got.Agreements[0].ID, "an agreement of the meeting keeps its id")
		assert.Equal(t, old.ChildMeetings[0].ID, got.ChildMeetings[0].ID, "a child meeting keeps its id")
		assert.Equal(t, created, got.ChildMeetings[0].CreatedAt)
		assert.NotEqual(t, old.ChildMeetings[0].ID, got.ChildMeetings[1].ID)
		assert.Equal(t, []string{"create", "replace"}, e.meetings.writes)
		assert.Empty(t, e.lastNews(t), "the officials are stored already")
	})
	t.Run("ForeignAgreementIDReplaced", func(t *testing.T) {
		t.Parallel()
		e, old := setup(t)
		foreign := domain.NewID()
		m := visit()
		m.Agreements = []domain.Agreement{{ID: foreign, Title: "Plan", Type: "protocol"}}
		got, err := e.svc.ReplaceMeeting(ctx, old.ID, m, old.Version)
		require.NoError(t, err)
		assert.NotEqual(t, foreign, got.Agreements[0].ID)
	})
	t.Run("KeepsParent", func(t *testing.T) {
		t.Parallel()
		e := newEnv()
		parent := e.create(t, visit()).ID
		c := child("UZ")
		c.ParentID = &parent
		stored := e.create(t, &c)
		m := child("UZ")
		m.Title = "Corrected"
		got, err := e.svc.ReplaceMeeting(ctx, stored.ID, &m, stored.Version)
		require.NoError(t, err)
		require.NotNil(t, got.ParentID)
		assert.Equal(t, parent, *got.ParentID)
	})
	t.Run("SameKeyAsAnother", func(t *testing.T) {
		t.Parallel()
		e, old := setup(t)
		other := visit()
		other.Date = pd("2025-11")
		o := e.create(t, other)
		m := visit()
		m.Date = pd("2025-12-10")
		_, err := e.svc.ReplaceMeeting(ctx, o.ID, m, o.Version)
		de := domain.AsError(err)
		require.NotNil(t, de, "%v", err)
		assert.Equal(t, domain.ECONFLICT, de.Code)
		assert.Equal(t, old.ID, de.Data["existing_id"])
	})
	t.Run("Invalid", func(t *testing.T) {
		t.Parallel()
		e, old := setup(t)
		m := visit()
		m.Kind = "summit"
		_, err := e.svc.ReplaceMeeting(ctx, old.ID, m, old.Version)
		assert.Equal(t, []string{"/kind"}, pointers(t, err))
		assert.Equal(t, []string{"create"}, e.meetings.writes)
	})
	t.Run("StaleVersion", func(t *testing.T) {
		t.Parallel()
		e, old := setup(t)
		_, err := e.svc.ReplaceMeeting(ctx, old.ID, visit(), old.Version+1)
		assert.Equal(t, domain.EPRECONDITION, domain.ErrorCode(err))
	})
	t.Run("NotFound", func(t *testing.T) {
		t.Parallel()
		e := newEnv()
		for _, id := range []string{"nope", domain.NewID()} {
			_, err := e.svc.ReplaceMeeting(ctx, id, visit(), 1)
			assert.Equal(t, domain.ENOTFOUND, domain.ErrorCode(err))
		}
	})
}

func TestGetAndDelete_NotAnID(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv()
	_, err := e.svc.GetMeeting(ctx, "x")
	assert.Equal(t, domain.ENOTFOUND, domain.ErrorCode(err))
	_, err = e.svc.GetOfficial(ctx, "x")
	assert.Equal(t, domain.ENOTFOUND, domain.ErrorCode(err))
	_, err = e.svc.GetAgreement(ctx, "x")
	assert.Equal(t, domain.ENOTFOUND, domain.ErrorCode(err))
	assert.Equal(t, domain.ENOTFOUND, domain.ErrorCode(e.svc.DeleteMeeting(ctx, "x", 0)))
	assert.Equal(t, domain.ENOTFOUND, domain.ErrorCode(e.svc.DeleteMeeting(ctx, domain.NewID(), 0)))

	m := e.create(t, visit())
	require.NoError(t, e.svc.DeleteMeeting(ctx, m.ID, 0))
	_, err = e.svc.GetMeeting(ctx, m.ID)
	assert.Equal(t, domain.ENOTFOUND, domain.ErrorCode(err))

	zakir := e.officials.add(domain.Official{Name: "Zakir Hasanov", Country: "AZ"})
	o, err := e.svc.GetOfficial(ctx, zakir.ID)
	require.NoError(t, err)
	assert.Equal(t, "Zakir Hasanov", o.Name)
	a := domain.Agreement{ID: domain.NewID(), Title: "Plan"}
	e.agreements.items = []domain.Agreement{a}
	got, err := e.svc.GetAgreement(ctx, a.ID)
	require.NoError(t, err)
	assert.Equal(t, "Plan", got.Title)
}

func TestListMeetings(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	items := func(n int) []domain.MeetingSummary {
		var out []domain.MeetingSummary
		for i := range n {
			out = append(out, domain.MeetingSummary{ID: domain.NewID(), SortKey: fmt.Sprintf("key%d", i)})
		}
		return out
	}
	t.Run("NextPage", func(t *testing.T) {
		t.Parallel()
		e := newEnv()
		e.meetings.summary = items(3)
		f := domain.MeetingFilter{Countries: []string{"AZ"}, Limit: 2}
		got, next, err := e.svc.ListMeetings(ctx, f)
		require.NoError(t, err)
		require.Len(t, got, 2)
		require.NotNil(t, next)
		assert.Equal(t, 3, e.meetings.lists[0].Limit, "one more than asked tells there is a next page")
		assert.Equal(t, "-date", next.Sort)
		assert.Equal(t, "key1", next.Key)
		assert.Equal(t, got[1].ID, next.ID)

		// The cursor, through its text form, is good for the same query.
		c, err := cursors.Decode(cursors.Encode(*next))
		require.NoError(t, err)
		f.After = c
		_, _, err = e.svc.ListMeetings(ctx, f)
		require.NoError(t, err)
		// And not for another.
		f.Kind = "phone_call"
		_, _, err = e.svc.ListMeetings(ctx, f)
		assert.Equal(t, []string{"After"}, pointers(t, err))
	})
	t.Run("LastPage", func(t *testing.T) {
		t.Parallel()
		e := newEnv()
		e.meetings.summary = items(2)
		got, next, err := e.svc.ListMeetings(ctx, domain.MeetingFilter{Limit: 2})
		require.NoError(t, err)
		assert.Len(t, got, 2)
		assert.Nil(t, next)
	})
	t.Run("Invalid", func(t *testing.T) {
		t.Parallel()
		e := newEnv()
		_, _, err := e.svc.ListMeetings(ctx, domain.MeetingFilter{Limit: 501})
		assert.Equal(t, []string{"Limit"}, pointers(t, err))
		assert.Empty(t, e.meetings.lists)
	})
	t.Run("Export", func(t *testing.T) {
		t.Parallel()
		e := newEnv()
		e.meetings.summary = items(3)
		n := 0
		err := e.svc.ExportMeetings(ctx, domain.MeetingFilter{After: &domain.Cursor{ID: domain.NewID()}},
			func(*domain.MeetingSummary) error { n++; return nil })
		require.NoError(t, err)
		assert.Equal(t, 3, n)
		require.Len(t, e.meetings.lists, 1)
		assert.True(t, e.meetings.lists[0].NoLimit)
		assert.Nil(t, e.meetings.lists[0].After, "an export starts at the beginning")
		assert.Equal(t, domain.SortDateDesc, e.meetings.lists[0].Sort)

		err = e.svc.ExportMeetings(ctx, domain.MeetingFilter{Kind: "x"}, func(*domain.MeetingSummary) error { return nil })
		assert.Equal(t, []string{"Kind"}, pointers(t, err))
	})
}

func TestListOfficialsAndAgreements(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv()
	var ids []string
	for _, n := range []string{"Zakir Hasanov", "Zaur Hasanov", "Kerim Valiyev"} {
		ids = append(ids, e.officials.add(domain.Official{Name: n, Country: "AZ"}).ID)
	}

	os, next, err := e.svc.ListOfficials(ctx, domain.OfficialFilter{Q: "Z. Hasanov", Limit: 1})
	require.NoError(t, err, "q is folded to the key z hasanov")
	require.Len(t, os, 1)
	assert.Equal(t, os[0].ID, next)
	os, next, err = e.svc.ListOfficials(ctx, domain.OfficialFilter{Q: "Z.Hasanov", After: next})
	require.NoError(t, err)
	assert.Len(t, os, 1)
	assert.Empty(t, next)
	all, _, err := e.svc.ListOfficials(ctx, domain.OfficialFilter{})
	require.NoError(t, err)
	assert.Len(t, all, len(ids))

	_, _, err = e.svc.ListOfficials(ctx, domain.OfficialFilter{Limit: -1, After: "x"})
	assert.Equal(t, []string{"Limit", "After"}, pointers(t, err))

	e.agreements.items = []domain.Agreement{{ID: domain.NewID()}, {ID: domain.NewID()}}
	as, nextA, err := e.svc.ListAgreements(ctx, domain.AgreementFilter{Limit: 1, Type: "protocol"})
	require.NoError(t, err)
	assert.Len(t, as, 1)
	assert.Equal(t, as[0].ID, nextA)
	assert.Equal(t, 2, e.agreements.lists[0].Limit)
	as, nextA, err = e.svc.ListAgreements(ctx, domain.AgreementFilter{})
	require.NoError(t, err)
	assert.Len(t, as, 2)
	assert.Empty(t, nextA)

	_, _, err = e.svc.ListAgreements(ctx, domain.AgreementFilter{Limit: 501, After: "x", Type: "treaty", Partner: "TR"})
	assert.Equal(t, []string{"Partner", "Limit", "After", "Type"}, pointers(t, err))
}

func TestCreateMeeting_StoreFailures(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name   string
		mutate func(m *domain.Meeting)
	}{
		{"HeadByName", func(m *domain.Meeting) {}},
		{"HeadByID", func(m *domain.Meeting) { m.Delegations[0].Head = &domain.Participant{OfficialID: domain.NewID()} }},
		{"MemberByName", func(m *domain.Meeting) {
			m.Delegations[0].Head = nil
			m.Delegations[1].Head = nil
			m.Delegations[1].Members = []domain.Participant{{Name: "A Member"}}
		}},
		{"ChildHead", func(m *domain.Meeting) {
			m.Delegations[0].Head, m.Delegations[1].Head = nil, nil
			c := child("UZ")
			c.Delegations[0].Head = &domain.Participant{Name: "Zakir Hasanov"}
			m.ChildMeetings = []domain.Meeting{c}
		}},
		{"Recipient", func(m *domain.Meeting) {
			m.Delegations[0].Head, m.Delegations[1].Head = nil, nil
			m.Ceremonies = []domain.Ceremony{{Type: "award", Recipient: &domain.Recipient{Name: "X", Country: "TR"}}}
		}},
		{"Signatory", func(m *domain.Meeting) {
			m.Delegations[0].Head, m.Delegations[1].Head = nil, nil
			m.Agreements = []domain.Agreement{{Title: "Plan", Type: "protocol",
				Signatories: []domain.Signatory{{Name: "X", Country: "TR"}}}}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv()
			e.officials.err = errors.New("connection reset")
			m := visit()
			tt.mutate(m)
			_, err := e.svc.CreateMeeting(ctx, m)
			require.Error(t, err)
			assert.Equal(t, domain.EINTERNAL, domain.ErrorCode(err))
			assert.ErrorIs(t, err, e.officials.err)
			assert.Zero(t, e.meetings.writeCount())
		})
	}
	t.Run("Countries", func(t *testing.T) {
		t.Parallel()
		e := newEnv()
		e.countries.err = errors.New("connection reset")
		_, err := e.svc.CreateMeeting(ctx, visit())
		assert.Equal(t, domain.EINTERNAL, domain.ErrorCode(err))
		assert.Equal(t, domain.EINTERNAL, domain.ErrorCode(e.svc.CheckFilter(ctx, &domain.PartnerFilter{Country: "AZ"})))
		assert.Zero(t, e.meetings.writeCount())
	})
}

func TestCreateMeeting_PersonEdgeCases(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	t.Run("CeremonyWithoutRecipient", func(t *testing.T) {
		t.Parallel()
		e := newEnv()
		m := visit()
		m.Ceremonies = []domain.Ceremony{{Type: "wreath_laying", Site: ptr("Alley of Martyrs")}}
		got := e.create(t, m)
		assert.Nil(t, got.Ceremonies[0].Recipient)
	})
	t.Run("SignatoryMatchesTwoMembers", func(t *testing.T) {
		t.Parallel()
		e := newEnv()
		m := visit()
		m.Delegations[0].Members = []domain.Participant{{Name: "Zaur Hasanov"}}
		m.Agreements = []domain.Agreement{{Title: "Plan", Type: "protocol",
			Signatories: []domain.Signatory{{Name: "Z. Hasanov"}}}}
		_, err := e.svc.CreateMeeting(ctx, m)
		e.invalid(t, err, "/agreements/0/signatories/0/country")
	})
	t.Run("SignatoryMatchesTwoMembersCountryGiven", func(t *testing.T) {
		t.Parallel()
		e := newEnv()
		e.officials.add(domain.Official{Name: "Zakir Hasanov", Country: "AZ"})
		e.officials.add(domain.Official{Name: "Zaur Hasanov", Country: "AZ"})
		m := visit()
		m.Delegations[0].Members = []domain.Participant{{Name: "Zaur Hasanov"}}
		m.Agreements = []domain.Agreement{{Title: "Plan", Type: "protocol",
			Signatories: []domain.Signatory{{Name: "Z. Hasanov", Country: "AZ"}}}}
		_, err := e.svc.CreateMeeting(ctx, m)
		e.invalid(t, err, "/agreements/0/signatories/0/name")
	})
	t.Run("SignatoryUnknownID", func(t *testing.T) {
		t.Parallel()
		e := newEnv()
		m := visit()
		m.Agreements = []domain.Agreement{{Title: "Plan", Type: "protocol",
			Signatories: []domain.Signatory{{OfficialID: domain.NewID()}}}}
		_, err := e.svc.CreateMeeting(ctx, m)
		e.invalid(t, err, "/agreements/0/signatories/0/official_id")
	})
	t.Run("SignatoryLikeMemberOfAnotherCountry", func(t *testing.T) {
		t.Parallel()
		e := newEnv()
		m := visit()
		m.Agreements = []domain.Agreement{{Title: "Plan", Type: "protocol",
			Signatories: []domain.Signatory{{Name: "Zakir Hasanov", Country: "TR"}}}}
		got := e.create(t, m)
		s := got.Agreements[0].Signatories[0]
		assert.NotEqual(t, got.Delegations[0].Head.OfficialID, s.OfficialID, "a namesake of Türkiye")
		assert.Equal(t, "TR", s.Country)
	})
}
