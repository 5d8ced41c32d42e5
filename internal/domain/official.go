package domain

import (
	"context"
	"time"
)

// Official is a person who takes part in meetings. Ranks and positions change,
// so they are kept per meeting (see Participant); Roles gathers them.
type Official struct {
	ID         string         `json:"id"`
	Name       string         `json:"name"`
	Aliases    []string       `json:"aliases"`
	Country    string         `json:"country"`
	WikidataID *string        `json:"wikidata_id"`
	Roles      []OfficialRole `json:"roles,omitempty"`
	CreatedAt  time.Time      `json:"created_at"`
	UpdatedAt  time.Time      `json:"updated_at"`

	// NameKeys are the folded forms of the name and aliases; see NameKeys.
	NameKeys []string `json:"-"`
}

// OfficialRole is a rank and position an official held at a meeting.
type OfficialRole struct {
	MeetingID string      `json:"meeting_id"`
	Date      PartialDate `json:"date"`
	Rank      *string     `json:"rank"`
	Position  *string     `json:"position"`
}

// OfficialFilter selects officials.
type OfficialFilter struct {
	Country string
	// Q matches the folded name or an alias.
	Q     string
	Limit int
	// After is the id the page starts after.
	After string
}

// Validate checks the filter, resolves its country code and fills in the
// page size.
func (f *OfficialFilter) Validate(codes CountryCodes) error {
	var p Problems
	codes.resolveGiven(&p, "Country", &f.Country)
	checkPage(&p, &f.Limit, f.After)
	if f.Q != "" && Fold(f.Q) == "" {
		p.AddField("Q", "must hold a letter or digit")
	}
	return p.Err(errFilter)
}

// OfficialKey is a country and one name key of its officials.
type OfficialKey struct {
	Country, Key string
}

// OfficialStore keeps officials.
type OfficialStore interface {
	// FindOfficials returns the officials of the country one of whose name
	// keys is key.
	FindOfficials(ctx context.Context, country, key string) ([]Official, error)
	// FindOfficialsByKeys does what FindOfficials does for many country
	// and name key pairs at once; a pair no official has maps to none.
	FindOfficialsByKeys(ctx context.Context, keys []OfficialKey) (map[OfficialKey][]Official, error)
	// GetOfficial returns the official with their roles. Returns ENOTFOUND.
	GetOfficial(ctx context.Context, id string) (*Official, error)
	// ListOfficials returns one page of officials ordered by id.
	ListOfficials(ctx context.Context, f OfficialFilter) ([]Official, error)
}

// StoredOfficial is an official a concurrent write stored first, with the
// same country and folded name as a new one: the one to name instead.
type StoredOfficial struct {
	ID, Name string
}

// RepointOfficials makes the people of m and its child meetings who name
// a new official of moved (by the id given) name the stored one, by its
// id and name.
func RepointOfficials(m *Meeting, moved map[string]StoredOfficial) {
	if len(moved) == 0 {
		return
	}
	fix := func(id, name *string) {
		if to, ok := moved[*id]; ok {
			*id, *name = to.ID, to.Name
		}
	}
	for i := range m.Delegations {
		d := &m.Delegations[i]
		if d.Head != nil {
			fix(&d.Head.OfficialID, &d.Head.Name)
		}
		for j := range d.Members {
			fix(&d.Members[j].OfficialID, &d.Members[j].Name)
		}
	}
	for i := range m.Ceremonies {
		if r := m.Ceremonies[i].Recipient; r != nil {
			fix(&r.OfficialID, &r.Name)
		}
	}
	for i := range m.Agreements {
		for j := range m.Agreements[i].Signatories {
			sg := &m.Agreements[i].Signatories[j]
			fix(&sg.OfficialID, &sg.Name)
		}
	}
	for i := range m.ChildMeetings {
		RepointOfficials(&m.ChildMeetings[i], moved)
	}
}
