package domain

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The entry of a new record is encoded once; it must hold the document
// snapshot makes, and changes the one change Diff finds.
func TestAudit_CreatedIsSnapshot(t *testing.T) {
	city, summary, parent := `Ba"ku {x}`, "a \\ [b] , c", "00000000-0000-4000-8000-000000000001"
	edition := 17
	at := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	m := &Meeting{ID: "00000000-0000-4000-8000-000000000002", Title: `"Version": {"version":1}`,
		Date: PartialDate{Year: 2024, Month: 5}, City: &city, Summary: &summary, Kind: "official_visit",
		Series: &Series{Name: "Dialogue", Edition: &edition}, Version: 3, CreatedAt: at, UpdatedAt: at,
		Delegations: []Delegation{{Country: "AZ", Role: RoleHost, Head: &Participant{OfficialID: "o1", Name: "Zakir Hasanov"},
			Members: []Participant{}}},
		Agreements: []Agreement{{ID: "a1", MeetingID: "m", Title: "MoU", Parties: []string{"AZ", "TR"}}},
		Sources:    []Source{{URL: &city, Title: &summary}},
		ChildMeetings: []Meeting{{ID: "c1", ParentID: &parent, Title: "child", Version: 2, CreatedAt: at, UpdatedAt: at,
			Agreements: []Agreement{{ID: "a2", MeetingID: "c1"}}}},
	}
	s := &Service{Now: func() time.Time { return at }}
	got := s.audit(t.Context(), AuditImport, m.ID, nil, m)
	raw, v := snapshot(m)
	var want, have any
	require.NoError(t, json.Unmarshal(raw, &want))
	require.NoError(t, json.Unmarshal(got.After, &have))
	assert.Equal(t, want, have)
	assert.Equal(t, v, want)
	changes, err := got.ChangesJSON()
	require.NoError(t, err)
	wantChanges, err := json.Marshal(Diff(nil, v))
	require.NoError(t, err)
	var a, b any
	require.NoError(t, json.Unmarshal(changes, &a))
	require.NoError(t, json.Unmarshal(wantChanges, &b))
	assert.Equal(t, b, a)
}

func TestDropMembers(t *testing.T) {
	for in, want := range map[string]string{
		`{}`:                              `{}`,
		`{"a":1}`:                         `{}`,
		`{"a":1,"b":2}`:                   `{"b":2}`,
		`{"b":2,"a":1}`:                   `{"b":2}`,
		`{"b":{"a":1},"a":[1,{"a":2}]}`:   `{"b":{"a":1}}`,
		`{"b":"x\"a\":1","a":"}","c":[]}`: `{"b":"x\"a\":1","c":[]}`,
		`{"a":null,"b":true,"a2":"\\"}`:   `{"b":true,"a2":"\\"}`,
	} {
		assert.Equal(t, want, string(dropMembers([]byte(in), "a")), in)
	}
}
