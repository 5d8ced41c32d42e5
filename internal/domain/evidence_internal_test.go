package domain

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func strPtr(s string) *string { return &s }

func TestRemapEvidence_IntoMergedMeeting(t *testing.T) {
	draft := &Meeting{Date: PartialDate{Year: 2025, Month: 12, Day: 10}, City: strPtr("Tashkent"),
		Topics: []Topic{"military_technical"},
		Delegations: []Delegation{
			{Country: "AZ", Role: RoleHost, Head: &Participant{Name: "Zakir Hasanov"}},
			{Country: "UZ", Role: RoleGuest, Head: &Participant{Name: "Viktor Mahmudov"},
				Members: []Participant{{Name: "Shukhrat Khalmukhamedov"}}},
		},
		Agreements: []Agreement{{Title: "Plan for 2026", Type: "cooperation_plan"}}}
	// The stored meeting lists the guests first, had the minister as head
	// of their delegation, keeps its own city, and has a topic before.
	stored := &Meeting{Date: PartialDate{Year: 2025, Month: 12, Day: 10}, City: strPtr("Baku"),
		Topics: []Topic{"military", "military_technical"},
		Delegations: []Delegation{
			{Country: "UZ", Role: RoleGuest, Head: &Participant{OfficialID: "x", Name: "Shukhrat Khalmukhamedov"},
				Members: []Participant{{OfficialID: "y", Name: "Viktor Mahmudov"}}},
			{Country: "AZ", Role: RoleHost, Head: &Participant{OfficialID: "z", Name: "Zakir Hasanov"}},
		},
		Agreements: []Agreement{{ID: "a", Title: "Other", Type: "memorandum"}, {ID: "b", Title: "plan for 2026", Type: "cooperation_plan"}}}
	ev := []Evidence{
		{Field: "/date", Value: "2025-12-10"},
		{Field: "/city", Value: "Tashkent"},
		{Field: "/topics/0", Value: "military_technical"},
		{Field: "/delegations/0/country", Value: "AZ"},
		{Field: "/delegations/0/head/name", Value: "Zakir Hasanov"},
		{Field: "/delegations/1/head/name", Value: "Viktor Mahmudov"},
		{Field: "/delegations/1/members/0/name", Value: "Shukhrat Khalmukhamedov"},
		{Field: "/agreements/0/type", Value: "cooperation_plan"},
		{Field: "/delegations/7/country", Value: "TR"},
	}
	got := map[string]string{}
	for _, e := range remapEvidence(draft, stored, ev) {
		got[e.Value.(string)] = e.Field
	}
	assert.Equal(t, map[string]string{
		"2025-12-10":              "/date",
		"military_technical":      "/topics/1",
		"AZ":                      "/delegations/1/country",
		"Zakir Hasanov":           "/delegations/1/head/name",
		"Viktor Mahmudov":         "/delegations/0/members/0/name",
		"Shukhrat Khalmukhamedov": "/delegations/0/head/name",
		"cooperation_plan":        "/agreements/1/type",
	}, got, "Tashkent is not the stored city; there is no delegation 7")
}

func TestSupported_DropsWhatAPersonChanged(t *testing.T) {
	m := &Meeting{City: strPtr("Ganja"), Title: "T", Delegations: []Delegation{{Country: "AZ", Role: RoleHost}}}
	ev := []Evidence{{Field: "/city", Value: "Baku"}, {Field: "/title", Value: "T"},
		{Field: "/delegations/0/country", Value: "AZ"}, {Field: "/delegations/3/country", Value: "AZ"}}
	var fields []string
	for _, e := range supported(m, ev) {
		fields = append(fields, e.Field)
	}
	assert.Equal(t, []string{"/title", "/delegations/0/country"}, fields)
}

func TestKeepEdits_WholeTopLevelFields(t *testing.T) {
	fresh := &Meeting{Title: "New title", City: nil, Venue: strPtr("Ministry"),
		Delegations: []Delegation{{Country: "AZ", Role: RoleHost}, {Country: "UZ", Role: RoleGuest,
			Head: &Participant{Name: "Viktor Mahmudov"}, Members: []Participant{{Name: "Shukhrat Khalmukhamedov"}}}}}
	edited := &Meeting{Title: "Old title", City: strPtr("Ganja"),
		Delegations: []Delegation{{Country: "AZ", Role: RoleHost}, {Country: "UZ", Role: RoleGuest,
			Head: &Participant{Name: "Viktor Makhmudov"}, Members: []Participant{}}}}
	out, err := keepEdits(fresh, edited, []string{"/city", "/delegations/1/head/name"})
	require.NoError(t, err)
	assert.Equal(t, "New title", out.Title, "not edited: the new reading")
	assert.Equal(t, "Ministry", *out.Venue)
	assert.Equal(t, "Ganja", *out.City, "edited: the person's")
	require.Len(t, out.Delegations, 2)
	assert.Equal(t, "Viktor Makhmudov", out.Delegations[1].Head.Name)
	assert.Empty(t, out.Delegations[1].Members, "the edited list is kept whole, not mixed with the new one")

	same, err := keepEdits(fresh, edited, nil)
	require.NoError(t, err)
	assert.Same(t, fresh, same)
}

func TestRelatedPointers(t *testing.T) {
	assert.True(t, related("/date", "/date"))
	assert.True(t, related("/delegations", "/delegations/0/country"))
	assert.True(t, related("/delegations/0/country", "/delegations"))
	assert.False(t, related("/date", "/date_precision"))
	assert.False(t, related("/delegations/1", "/delegations/10"))
}
