package domain

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Kind is the sort of meeting.
type Kind string

// Kinds lists every meeting kind.
var Kinds = []Kind{
	"official_visit", "working_visit", "state_visit", "high_level_dialogue",
	"meeting", "phone_call", "video_conference", "other",
}

// Topic is a subject a meeting discussed, from a controlled vocabulary.
type Topic string

// Topics lists the vocabulary of topics.
var Topics = []Topic{
	"military", "military_technical", "military_educational", "regional_security",
	"joint_exercises", "defence_industry", "border_situation", "military_medicine",
	"peacekeeping", "counter_terrorism", "cyber_security", "demining",
	"intelligence", "other",
}

// Role is a delegation's part in a meeting.
type Role string

// The roles of a delegation.
const (
	RoleHost  Role = "host"
	RoleGuest Role = "guest"
)

// CeremonyType is the sort of ceremony.
type CeremonyType string

// CeremonyTypes lists every ceremony type.
var CeremonyTypes = []CeremonyType{
	"wreath_laying", "guard_of_honour", "national_anthems", "book_of_honour",
	"award", "monument_visit", "other",
}

// AgreementType is the sort of document signed.
type AgreementType string

// AgreementTypes lists every agreement type.
var AgreementTypes = []AgreementType{"cooperation_plan", "memorandum", "agreement", "protocol", "other"}

// Meeting is one meeting between delegations of two or more countries, with
// everything the reports say of it. Child meetings are talks held within it,
// such as the guests' later meeting with the Chief of the General Staff.
type Meeting struct {
	ID            string        `json:"id"`
	Title         string        `json:"title"`
	Date          PartialDate   `json:"date"`
	DatePrecision DatePrecision `json:"date_precision"`
	EndDate       *Day          `json:"end_date"`
	City          *string       `json:"city"`
	Venue         *string       `json:"venue"`
	HostCountry   *string       `json:"host_country"`
	Kind          Kind          `json:"kind"`
	Summary       *string       `json:"summary"`
	Topics        []Topic       `json:"topics"`
	Series        *Series       `json:"series"`
	ParentID      *string       `json:"parent_id"`
	Delegations   []Delegation  `json:"delegations"`
	Ceremonies    []Ceremony    `json:"ceremonies"`
	Agreements    []Agreement   `json:"agreements"`
	ChildMeetings []Meeting     `json:"child_meetings,omitempty"`
	Sources       []Source      `json:"sources,omitempty"`
	Version       int           `json:"version"`
	CreatedAt     time.Time     `json:"created_at"`
	UpdatedAt     time.Time     `json:"updated_at"`

	// DedupeKey is the same for two records of one meeting; see DedupeKey.
	DedupeKey string `json:"-"`
}

// MarshalJSON writes a top-level meeting with its child meetings and
// sources, empty or not, and a child meeting without either.
func (m Meeting) MarshalJSON() ([]byte, error) {
	type plain Meeting
	if m.ParentID != nil {
		c := plain(m)
		c.ChildMeetings, c.Sources = nil, nil
		return json.Marshal(c)
	}
	// Stored children are written as plain values: through Meeting's own
	// method each would be encoded apart and its output checked again. A
	// child with no parent id (a draft's) keeps the top-level form.
	children := make([]any, len(m.ChildMeetings))
	for i, c := range m.ChildMeetings {
		if c.ParentID == nil {
			children[i] = c
			continue
		}
		p := plain(c)
		p.ChildMeetings, p.Sources = nil, nil
		children[i] = p
	}
	top := struct {
		plain
		ChildMeetings []any    `json:"child_meetings"`
		Sources       []Source `json:"sources"`
	}{plain: plain(m), ChildMeetings: children, Sources: m.Sources}
	if top.Sources == nil {
		top.Sources = []Source{}
	}
	return json.Marshal(top)
}

// Series names a recurring event and this meeting's edition of it, such as the
// 17th Azerbaijan–Türkiye High-Level Military Dialogue Meeting.
type Series struct {
	Name    string `json:"name"`
	Edition *int   `json:"edition"`
}

// Delegation is one country's side at a meeting.
type Delegation struct {
	Country string        `json:"country"`
	Role    Role          `json:"role"`
	Head    *Participant  `json:"head"`
	Members []Participant `json:"members"`
}

// Participant is an official as they took part in one meeting: the rank and
// position are those held then.
type Participant struct {
	// OfficialID is left out of JSON when empty, as in a draft.
	OfficialID string  `json:"official_id,omitempty"`
	Name       string  `json:"name"`
	Rank       *string `json:"rank"`
	Position   *string `json:"position"`
}

// Ceremony is a protocol event of a meeting: a wreath laid, a guard of
// honour, anthems, the Book of Honour signed, an award given.
type Ceremony struct {
	Type        CeremonyType `json:"type"`
	Site        *string      `json:"site"`
	Honoured    *string      `json:"honoured"`
	Description *string      `json:"description"`
	Award       *string      `json:"award"`
	Recipient   *Recipient   `json:"recipient"`
}

// Recipient is the official who received an award. Country may be left out
// when the recipient is a member of one of the meeting's delegations.
type Recipient struct {
	OfficialID string  `json:"official_id,omitempty"`
	Name       string  `json:"name"`
	Country    string  `json:"country,omitempty"`
	Rank       *string `json:"rank"`
	Position   *string `json:"position"`
}

// Agreement is a document signed at a meeting.
type Agreement struct {
	ID          string        `json:"id,omitempty"`
	MeetingID   string        `json:"meeting_id,omitempty"`
	Title       string        `json:"title"`
	Type        AgreementType `json:"type"`
	Period      *string       `json:"period"`
	SignedOn    *Day          `json:"signed_on"`
	Parties     []string      `json:"parties"`
	Signatories []Signatory   `json:"signatories"`
}

// Signatory is an official who signed an agreement. Country may be left out
// when the signatory is a member of one of the meeting's delegations.
type Signatory struct {
	OfficialID string `json:"official_id,omitempty"`
	Name       string `json:"name"`
	Country    string `json:"country,omitempty"`
}

// Source is a report a record rests on.
type Source struct {
	URL             *string    `json:"url"`
	Outlet          *string    `json:"outlet"`
	Title           *string    `json:"title"`
	PublishedAt     *Day       `json:"published_at"`
	Language        *string    `json:"language"`
	AlternateTitles []AltTitle `json:"alternate_titles"`
}

// AltTitle is a report's title in another language.
type AltTitle struct {
	Language string `json:"language"`
	Title    string `json:"title"`
}

// Countries returns the participating countries, sorted.
func (m *Meeting) Countries() []string {
	var cs []string
	for _, d := range m.Delegations {
		cs = append(cs, d.Country)
	}
	slices.Sort(cs)
	return slices.Compact(cs)
}

// DedupeKey is what makes two records the same meeting: the same date, kind,
// parent meeting and set of participating countries.
func DedupeKey(m *Meeting) string {
	parent := ""
	if m.ParentID != nil {
		parent = *m.ParentID
	}
	return fmt.Sprintf("%s|%s|%s|%s", m.Date, m.Kind, strings.Join(m.Countries(), ","), parent)
}

var (
	periodRe   = regexp.MustCompile(`^[0-9]{4}(-[0-9]{4})?$`)
	languageRe = regexp.MustCompile(`^[a-z]{2,3}$`)
	codeRe     = regexp.MustCompile(`^[A-Za-z]{2,3}$`)
)

// Validate checks m as given by a client, before countries and officials are
// resolved; pointer prefixes each field's JSON pointer.
func (m *Meeting) Validate() error {
	var p Problems
	// A meeting within another is a child: it holds no sources or meetings.
	m.validate(&p, "", m.ParentID != nil)
	return p.Err("The meeting is not valid.")
}

func (m *Meeting) validate(p *Problems, at string, child bool) {
	checkText(p, at+"/title", m.Title, 500, false)
	if err := m.Date.Err(); err != nil {
		p.Add(at+"/date", "%v", err)
	} else if m.Date.IsZero() {
		p.Add(at+"/date", "is required (YYYY-MM-DD, YYYY-MM, YYYY, or --MM-DD when the year is unknown)")
	} else if err := m.Date.check(); err != nil {
		p.Add(at+"/date", "%v", err)
	} else if m.DatePrecision != "" && m.DatePrecision != m.Date.Precision() {
		p.Add(at+"/date_precision", "is %q but the date %s has precision %q", m.DatePrecision, m.Date, m.Date.Precision())
	}
	if err := m.EndDate.Err(); err != nil {
		p.Add(at+"/end_date", "%v", err)
	} else if m.EndDate != nil {
		first, ok := m.Date.First()
		switch {
		case !ok:
			p.Add(at+"/end_date", "needs a date with a known year")
		case m.EndDate.Before(first):
			p.Add(at+"/end_date", "is before the date")
		}
	}
	if m.ParentID != nil && !IsID(*m.ParentID) {
		p.Add(at+"/parent_id", "is not an id")
	}
	checkOptText(p, at+"/city", m.City, 200, false)
	checkOptText(p, at+"/venue", m.Venue, 300, false)
	checkCode(p, at+"/host_country", m.HostCountry)
	if !slices.Contains(Kinds, m.Kind) {
		p.Add(at+"/kind", "must be one of %s", list(Kinds))
	}
	checkOptText(p, at+"/summary", m.Summary, 20000, true)
	for i, t := range m.Topics {
		if !slices.Contains(Topics, t) {
			p.Add(fmt.Sprintf("%s/topics/%d", at, i), "must be one of %s", list(Topics))
		} else if slices.Index(m.Topics, t) != i {
			p.Add(fmt.Sprintf("%s/topics/%d", at, i), "repeats %q", t)
		}
	}
	if m.Series != nil {
		checkText(p, at+"/series/name", m.Series.Name, 300, false)
		if m.Series.Edition != nil && (*m.Series.Edition < 1 || *m.Series.Edition > 100000) {
			p.Add(at+"/series/edition", "must be a positive number")
		}
	}
	m.validateDelegations(p, at)
	for i, c := range m.Ceremonies {
		c.validate(p, fmt.Sprintf("%s/ceremonies/%d", at, i))
	}
	for i, a := range m.Agreements {
		a.validate(p, fmt.Sprintf("%s/agreements/%d", at, i))
	}
	if child {
		if len(m.Sources) > 0 {
			p.Add(at+"/sources", "a child meeting rests on its parent's sources")
		}
		if len(m.ChildMeetings) > 0 {
			p.Add(at+"/child_meetings", "child meetings do not nest further")
		}
	}
	for i, s := range m.Sources {
		s.validate(p, fmt.Sprintf("%s/sources/%d", at, i))
	}
	for i := range m.ChildMeetings {
		m.ChildMeetings[i].validate(p, fmt.Sprintf("%s/child_meetings/%d", at, i), true)
	}
}

func (m *Meeting) validateDelegations(p *Problems, at string) {
	if len(m.Delegations) == 0 {
		p.Add(at+"/delegations", "at least one delegation is required")
	}
	hosts := 0
	seen := map[string]bool{}
	for i, d := range m.Delegations {
		dp := fmt.Sprintf("%s/delegations/%d", at, i)
		if d.Country == "" {
			p.Add(dp+"/country", "is required")
		} else {
			checkCode(p, dp+"/country", &d.Country)
			if seen[strings.ToUpper(d.Country)] {
				p.Add(dp+"/country", "a country has one delegation per meeting")
			}
			seen[strings.ToUpper(d.Country)] = true
		}
		switch d.Role {
		case RoleHost:
			hosts++
			if hosts > 1 {
				p.Add(dp+"/role", "a meeting has at most one host")
			}
		case RoleGuest:
		default:
			p.Add(dp+"/role", "must be one of host, guest")
		}
		if d.Head != nil {
			d.Head.validate(p, dp+"/head")
		}
		for j, mem := range d.Members {
			mem.validate(p, fmt.Sprintf("%s/members/%d", dp, j))
		}
	}
}

func (pt Participant) validate(p *Problems, at string) {
	checkPerson(p, at, pt.OfficialID, pt.Name)
	checkOptText(p, at+"/rank", pt.Rank, 200, false)
	checkOptText(p, at+"/position", pt.Position, 500, false)
}

func checkPerson(p *Problems, at, id, name string) {
	if id != "" && !IsID(id) {
		p.Add(at+"/official_id", "is not an id")
	}
	if id == "" || name != "" {
		checkText(p, at+"/name", name, 200, false)
		if strings.TrimSpace(name) != "" && Fold(name) == "" {
			p.Add(at+"/name", "must hold a letter")
		}
	}
}

func (c Ceremony) validate(p *Problems, at string) {
	if !slices.Contains(CeremonyTypes, c.Type) {
		p.Add(at+"/type", "must be one of %s", list(CeremonyTypes))
	}
	checkOptText(p, at+"/site", c.Site, 300, false)
	checkOptText(p, at+"/honoured", c.Honoured, 1000, false)
	checkOptText(p, at+"/description", c.Description, 2000, false)
	checkOptText(p, at+"/award", c.Award, 500, false)
	if r := c.Recipient; r != nil {
		checkPerson(p, at+"/recipient", r.OfficialID, r.Name)
		if r.Country != "" {
			checkCode(p, at+"/recipient/country", &r.Country)
		}
		checkOptText(p, at+"/recipient/rank", r.Rank, 200, false)
		checkOptText(p, at+"/recipient/position", r.Position, 500, false)
	}
}

func (a Agreement) validate(p *Problems, at string) {
	checkText(p, at+"/title", a.Title, 500, false)
	if !slices.Contains(AgreementTypes, a.Type) {
		p.Add(at+"/type", "must be one of %s", list(AgreementTypes))
	}
	if a.Period != nil {
		if !periodRe.MatchString(*a.Period) {
			p.Add(at+"/period", "must be a year (2026) or a span of years (2026-2028)")
		} else if len(*a.Period) == 9 && (*a.Period)[5:] < (*a.Period)[:4] {
			p.Add(at+"/period", "ends before it starts")
		}
	}
	if err := a.SignedOn.Err(); err != nil {
		p.Add(at+"/signed_on", "%v", err)
	}
	for i, c := range a.Parties {
		checkCode(p, fmt.Sprintf("%s/parties/%d", at, i), &c)
	}
	for i, s := range a.Signatories {
		sp := fmt.Sprintf("%s/signatories/%d", at, i)
		checkPerson(p, sp, s.OfficialID, s.Name)
		if s.Country != "" {
			checkCode(p, sp+"/country", &s.Country)
		}
	}
}

func (s Source) validate(p *Problems, at string) {
	if s.URL != nil {
		u, err := url.Parse(*s.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(*s.URL) > 2000 || !cleanText(*s.URL, false) {
			p.Add(at+"/url", "must be an absolute http or https URL")
		}
	}
	if err := s.PublishedAt.Err(); err != nil {
		p.Add(at+"/published_at", "%v", err)
	}
	checkOptText(p, at+"/outlet", s.Outlet, 200, false)
	checkOptText(p, at+"/title", s.Title, 1000, false)
	if s.Language != nil && !languageRe.MatchString(*s.Language) {
		p.Add(at+"/language", "must be an ISO 639 code in lower case, such as en")
	}
	if s.URL == nil && s.Outlet == nil && s.Title == nil {
		p.Add(at, "a source needs a url, an outlet or a title")
	}
	for i, t := range s.AlternateTitles {
		tp := fmt.Sprintf("%s/alternate_titles/%d", at, i)
		if !languageRe.MatchString(t.Language) {
			p.Add(tp+"/language", "must be an ISO 639 code in lower case, such as az")
		}
		checkText(p, tp+"/title", t.Title, 1000, false)
	}
}

func checkCode(p *Problems, at string, code *string) {
	if code != nil && !codeRe.MatchString(*code) {
		p.Add(at, "must be an ISO 3166-1 alpha-2 or alpha-3 country code")
	}
}

func list[T ~string](vs []T) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = string(v)
	}
	return strings.Join(s, ", ")
}

// MeetingSummary is a meeting as lists show it: enough for a page of results
// without a call per meeting.
type MeetingSummary struct {
	ID            string           `json:"id"`
	Title         string           `json:"title"`
	Date          PartialDate      `json:"date"`
	DatePrecision DatePrecision    `json:"date_precision"`
	Kind          Kind             `json:"kind"`
	City          *string          `json:"city"`
	HostCountry   *string          `json:"host_country"`
	Countries     []string         `json:"countries"`
	Heads         []DelegationHead `json:"heads"`
	Agreements    []string         `json:"agreements"`
	Topics        []Topic          `json:"topics"`
	Series        *Series          `json:"series"`
	ParentID      *string          `json:"parent_id"`
	UpdatedAt     time.Time        `json:"updated_at"`
	// Deleted marks a tombstone in a feed of changes.
	Deleted bool `json:"deleted,omitempty"`

	// SortKey is the position of the item in its list, for the next cursor.
	SortKey string `json:"-"`
	// Encoded, when a store has it, is the item's JSON as MarshalJSON
	// writes it, rendered when the meeting was written: answers send it as
	// it is. Only ID, SortKey, UpdatedAt and Deleted are set beside it;
	// Expand fills in the rest.
	Encoded []byte `json:"-"`
	// Revision, when a store has it (0: it has not), is a number the store
	// changes whenever the item's representation changes (its stored
	// encoding, or a tombstone's deletion and time): the same ID and
	// Revision are the same item, so that a page's tag needs no rendering.
	Revision int64 `json:"-"`
}

// Expand fills the fields of an item that came encoded.
func (m *MeetingSummary) Expand() error {
	if m.Encoded == nil || m.Deleted {
		return nil
	}
	var s MeetingSummary
	if err := json.Unmarshal(m.Encoded, &s); err != nil {
		return fmt.Errorf("decode list item: %w", err)
	}
	s.Encoded, s.SortKey = m.Encoded, m.SortKey
	*m = s
	return nil
}

// MarshalJSON writes a tombstone as its id, deleted flag and time alone.
func (m MeetingSummary) MarshalJSON() ([]byte, error) {
	if m.Deleted {
		return json.Marshal(struct {
			ID        string    `json:"id"`
			Deleted   bool      `json:"deleted"`
			UpdatedAt time.Time `json:"updated_at"`
		}{m.ID, true, m.UpdatedAt})
	}
	type plain MeetingSummary
	return json.Marshal(plain(m))
}

// ListItem is the meeting as lists show it; m is a stored (prepared)
// meeting, whose officials carry their canonical names.
func (m *Meeting) ListItem() MeetingSummary {
	s := MeetingSummary{ID: m.ID, Title: m.Title, Date: m.Date, DatePrecision: m.Date.Precision(), Kind: m.Kind,
		City: m.City, HostCountry: m.HostCountry, Countries: make([]string, 0, len(m.Delegations)),
		Heads: []DelegationHead{}, Agreements: make([]string, 0, len(m.Agreements)), Topics: m.Topics,
		Series: m.Series, ParentID: m.ParentID, UpdatedAt: m.UpdatedAt}
	if s.Topics == nil {
		s.Topics = []Topic{}
	}
	for _, d := range m.Delegations {
		s.Countries = append(s.Countries, d.Country)
		if d.Head != nil {
			s.Heads = append(s.Heads, DelegationHead{Country: d.Country, Role: d.Role, OfficialID: d.Head.OfficialID,
				Name: d.Head.Name, Position: d.Head.Position})
		}
	}
	for _, a := range m.Agreements {
		s.Agreements = append(s.Agreements, a.Title)
	}
	return s
}

// DelegationHead is the head of one delegation, as lists show it.
type DelegationHead struct {
	Country    string  `json:"country"`
	Role       Role    `json:"role"`
	OfficialID string  `json:"official_id"`
	Name       string  `json:"name"`
	Position   *string `json:"position"`
}

// AuditOf makes the audit entry of a write from the meeting as it is
// stored: its officials are those the store kept.
type AuditOf func(m *Meeting) *AuditEntry

// MeetingStore keeps meetings. Each write also stores its audit entry, in
// the same transaction.
type MeetingStore interface {
	// CreateMeeting stores m, its children and child meetings, and first the
	// officials in newOfficials, all in one transaction. m's ids, dedupe key
	// and timestamps are set. A new official that a concurrent write stored
	// first is that one: m is pointed at it before audit (nil: none) makes
	// the entry. Returns ECONFLICT when a live meeting has the same dedupe
	// key.
	CreateMeeting(ctx context.Context, m *Meeting, newOfficials []Official, audit AuditOf) error
	// ReplaceMeeting replaces the stored meeting m.ID and everything it holds
	// with m, in one transaction, when its version is still version, as
	// CreateMeeting stores. Returns ENOTFOUND if there is no such live
	// meeting, EPRECONDITION if its version differs, ECONFLICT if another
	// meeting has m's dedupe key.
	ReplaceMeeting(ctx context.Context, m *Meeting, newOfficials []Official, version int, audit AuditOf) error
	// DeleteMeeting turns the meeting and its child meetings into tombstones
	// when its version is still version (0: any). Returns ENOTFOUND or
	// EPRECONDITION.
	DeleteMeeting(ctx context.Context, id string, version int, at time.Time, audit *AuditEntry) error
	// GetMeeting returns the live meeting with everything it holds. Returns
	// ENOTFOUND.
	GetMeeting(ctx context.Context, id string) (*Meeting, error)
	// FindMeetingID returns the id of the live meeting with the dedupe key.
	// Returns ENOTFOUND.
	FindMeetingID(ctx context.Context, dedupeKey string) (string, error)
	// ListMeetings returns one page of meetings that pass the filter, in its
	// order, after its cursor.
	ListMeetings(ctx context.Context, f MeetingFilter) ([]MeetingSummary, error)
	// EachMeeting calls fn with every meeting that passes the filter, in its
	// order, as it is read; fn must not keep the pointer.
	EachMeeting(ctx context.Context, f MeetingFilter, fn func(*MeetingSummary) error) error
}
