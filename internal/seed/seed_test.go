package seed_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/seed"
)

// byGuest returns the seed meeting whose guest delegation is of country.
func byGuest(t *testing.T, ms []domain.Meeting, country string) domain.Meeting {
	t.Helper()
	for _, m := range ms {
		for _, d := range m.Delegations {
			if d.Role == domain.RoleGuest && d.Country == country {
				return m
			}
		}
	}
	t.Fatalf("no seed meeting with a %s guest delegation", country)
	return domain.Meeting{}
}

// delegation returns m's delegation of country.
func delegation(t *testing.T, m domain.Meeting, country string) domain.Delegation {
	t.Helper()
	for _, d := range m.Delegations {
		if d.Country == country {
			return d
		}
	}
	t.Fatalf("meeting %q has no %s delegation", m.Title, country)
	return domain.Delegation{}
}

func TestMeetingsDecodeAndValidate(t *testing.T) {
	ms, err := seed.Meetings()
	require.NoError(t, err)
	require.Len(t, ms, 5)
	for _, m := range ms {
		err := m.Validate()
		var de *domain.Error
		if errors.As(err, &de) {
			require.NoError(t, err, "meeting %q: %+v", m.Title, de.Fields)
		}
		require.NoError(t, err, "meeting %q", m.Title)

		// Server-set fields are left out of the input.
		require.Empty(t, m.ID)
		require.Empty(t, m.DatePrecision)
		require.Zero(t, m.Version)
		require.Nil(t, m.ParentID)
		require.NotNil(t, m.HostCountry)
		require.Equal(t, "AZ", *m.HostCountry)
		require.Equal(t, domain.RoleHost, delegation(t, m, "AZ").Role)
		require.Len(t, m.Sources, 1)
		for _, c := range m.ChildMeetings {
			require.Empty(t, c.Sources, "a child meeting rests on its parent's sources")
			require.Equal(t, m.Date, c.Date)
		}
	}
}

func TestMeetingsKeyFacts(t *testing.T) {
	ms, err := seed.Meetings()
	require.NoError(t, err)

	t.Run("Uzbekistan", func(t *testing.T) {
		m := byGuest(t, ms, "UZ")
		require.Equal(t, "2025-12-10", m.Date.String())
		require.Equal(t, domain.PrecisionDay, m.Date.Precision())
		require.Equal(t, domain.Kind("official_visit"), m.Kind)
		az := delegation(t, m, "AZ")
		require.NotNil(t, az.Head)
		require.Equal(t, "Zakir Hasanov", az.Head.Name)
		require.NotNil(t, az.Head.Rank)
		require.Equal(t, "Colonel General", *az.Head.Rank)
		uz := delegation(t, m, "UZ")
		require.Equal(t, "Viktor Mahmudov", uz.Head.Name)
		require.Nil(t, uz.Head.Rank)
		require.Len(t, uz.Members, 1)
		require.Equal(t, "Shukhrat Khalmukhamedov", uz.Members[0].Name)
		require.Len(t, m.Ceremonies, 5)
		require.Len(t, m.Agreements, 1)
		a := m.Agreements[0]
		require.Equal(t, domain.AgreementType("cooperation_plan"), a.Type)
		require.NotNil(t, a.Period)
		require.Equal(t, "2026", *a.Period)
		require.NotNil(t, a.SignedOn)
		require.Equal(t, "2025-12-10", a.SignedOn.String())
		require.ElementsMatch(t, []string{"UZ", "AZ"}, a.Parties)
		require.Empty(t, a.Signatories)
		require.Empty(t, m.ChildMeetings)
		require.Len(t, m.Sources[0].AlternateTitles, 2)
	})

	t.Run("Türkiye", func(t *testing.T) {
		m := byGuest(t, ms, "TR")
		require.Equal(t, "2025-12", m.Date.String())
		require.Equal(t, domain.PrecisionMonth, m.Date.Precision())
		require.NotNil(t, m.Series)
		require.Equal(t, "Azerbaijan-Türkiye High-Level Military Dialogue Meeting", m.Series.Name)
		require.NotNil(t, m.Series.Edition)
		require.Equal(t, 17, *m.Series.Edition)
		require.Equal(t, "Levent Ergün", delegation(t, m, "TR").Head.Name)
		require.Len(t, m.Ceremonies, 4)
		require.Empty(t, m.Agreements)
		require.NotNil(t, m.Sources[0].PublishedAt)
		require.Equal(t, "2025-12-17", m.Sources[0].PublishedAt.String())
	})

	t.Run("Kazakhstan", func(t *testing.T) {
		m := byGuest(t, ms, "KZ")
		require.Equal(t, "2024-04-25", m.Date.String())
		require.Equal(t, "Sultan Kamaletdinov", delegation(t, m, "KZ").Head.Name)
		require.Nil(t, m.Sources[0].Title)
		require.Len(t, m.ChildMeetings, 1)
		c := m.ChildMeetings[0]
		require.Equal(t, domain.Kind("meeting"), c.Kind)
		require.Equal(t, "Karim Valiyev", delegation(t, c, "AZ").Head.Name)
		require.Nil(t, delegation(t, c, "KZ").Head)
		require.Len(t, c.Ceremonies, 1)
		award := c.Ceremonies[0]
		require.Equal(t, domain.CeremonyType("award"), award.Type)
		require.NotNil(t, award.Award)
		require.Equal(t, "For contribution in the development of international cooperation", *award.Award)
		require.NotNil(t, award.Recipient)
		require.Equal(t, "Zaur Karimov", award.Recipient.Name)
		require.Equal(t, "AZ", award.Recipient.Country)
		require.NotNil(t, award.Recipient.Rank)
		require.Equal(t, "Colonel", *award.Recipient.Rank)
	})

	t.Run("Georgia", func(t *testing.T) {
		m := byGuest(t, ms, "GE")
		require.Equal(t, "2023-11-27", m.Date.String())
		require.Equal(t, domain.Kind("meeting"), m.Kind)
		require.NotNil(t, m.City)
		require.Equal(t, "Baku", *m.City)
		require.Empty(t, m.Ceremonies)
		require.Len(t, m.Agreements, 1)
		require.NotNil(t, m.Agreements[0].Period)
		require.Equal(t, "2024", *m.Agreements[0].Period)
		require.ElementsMatch(t, []string{"AZ", "GE"}, m.Agreements[0].Parties)
	})

	t.Run("Pakistan", func(t *testing.T) {
		m := byGuest(t, ms, "PK")
		require.Equal(t, domain.PartialDate{Year: 0, Month: 10, Day: 28}, m.Date)
		require.Equal(t, domain.PrecisionMonthDay, m.Date.Precision())
		require.Equal(t, "--10-28", m.Date.String())
		_, ok := m.Date.First()
		require.False(t, ok, "the year is unknown")
		require.Equal(t, "Sahir Shamshad Mirza", delegation(t, m, "PK").Head.Name)
		az := delegation(t, m, "AZ")
		require.Len(t, az.Members, 1)
		require.Equal(t, "Khazar Farhadov", az.Members[0].Name)
		require.Nil(t, m.Sources[0].PublishedAt)
		require.Len(t, m.ChildMeetings, 1)
		c := m.ChildMeetings[0]
		require.Equal(t, m.Date, c.Date)
		require.Equal(t, "Karim Valiyev", delegation(t, c, "AZ").Head.Name)
		require.Nil(t, delegation(t, c, "PK").Head)
	})
}

// TestMeetingsDistinct checks that no two seed meetings would be taken for
// the same meeting by the store.
func TestMeetingsDistinct(t *testing.T) {
	ms, err := seed.Meetings()
	require.NoError(t, err)
	seen := map[string]string{}
	for _, m := range ms {
		k := domain.DedupeKey(&m)
		require.NotContains(t, seen, k, "%q and %q share a dedupe key", m.Title, seen[k])
		seen[k] = m.Title
	}
}
