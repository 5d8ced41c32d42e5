package domain

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// Service holds milmeet's rules: it validates input, resolves countries and
// officials, keeps one record per meeting, and gives out ids and timestamps.
type Service struct {
	meetings   MeetingStore
	officials  OfficialStore
	agreements AgreementStore
	countries  CountryStore
	stats      StatsStore
	rows       RowStore
	keys       KeyStore
	auditLog   AuditStore
	imports    ImportStore
	idem       IdempotencyStore
	articles   ArticleStore
	drafts     DraftStore
	tx         Transactor
	extractor  Extractor

	// Now returns the current time; tests may replace it.
	Now func() time.Time
	// AutoAccept, when not nil, accepts a new draft whose confidence is at
	// least this, that has no warnings and is a valid meeting.
	AutoAccept *float64

	mu    sync.Mutex
	codes *CountryCodes // nil until loaded
}

// Stores are what the Service keeps its records in.
type Stores struct {
	Meetings    MeetingStore
	Officials   OfficialStore
	Agreements  AgreementStore
	Countries   CountryStore
	Stats       StatsStore
	Rows        RowStore
	Keys        KeyStore
	Audit       AuditStore
	Imports     ImportStore
	Idempotency IdempotencyStore
	Articles    ArticleStore
	Drafts      DraftStore
	// Tx runs store calls in one transaction (a draft's accept).
	Tx Transactor
	// Extractor reads reports into draft meetings; not a store, but the
	// Service's like them.
	Extractor Extractor
}

// NewService returns a Service over the stores.
func NewService(st Stores) *Service {
	return &Service{meetings: st.Meetings, officials: st.Officials, agreements: st.Agreements,
		countries: st.Countries, stats: st.Stats, rows: st.Rows, keys: st.Keys, auditLog: st.Audit,
		imports: st.Imports, idem: st.Idempotency, articles: st.Articles, drafts: st.Drafts, tx: st.Tx,
		extractor: st.Extractor,
		Now:       func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }}
}

// Country returns the country with the alpha-2 or alpha-3 code, in any case.
// Returns ENOTFOUND.
func (s *Service) Country(ctx context.Context, code string) (*Country, error) {
	codes, err := s.countryCodes(ctx)
	if err != nil {
		return nil, err
	}
	c, ok := codes.Find(code)
	if !ok {
		return nil, Errorf(ENOTFOUND, "There is no country with the code %q.", code)
	}
	return &c, nil
}

// Countries returns every country ordered by alpha-2 code.
func (s *Service) Countries(ctx context.Context) ([]Country, error) {
	return s.countries.ListCountries(ctx)
}

// countryCodes reads the country list once: it is data shipped with the
// schema and does not change while the service runs. A failure to read it
// is not remembered.
func (s *Service) countryCodes(ctx context.Context) (*CountryCodes, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.codes != nil {
		return s.codes, nil
	}
	cs, err := s.countries.ListCountries(ctx)
	if err != nil {
		return nil, fmt.Errorf("load countries: %w", err)
	}
	codes := NewCountryCodes(cs)
	s.codes = &codes
	return s.codes, nil
}

// loadCountries reads the country list before a record's codes are
// resolved.
func (s *Service) loadCountries(ctx context.Context) error {
	_, err := s.countryCodes(ctx)
	return err
}

// alpha2 returns the alpha-2 code of a known country code, or records a
// problem at pointer and returns "". The country list is loaded.
func (s *Service) alpha2(p *Problems, pointer, code string) string {
	a2 := s.codes.Alpha2(code)
	if a2 == "" && pointer != "" && code != "" {
		p.Add(pointer, "%q is not an ISO 3166-1 country code", code)
	}
	return a2
}

// CheckFilter validates f, resolving its country codes, and reports every
// problem at once: EINVALID naming each field at fault.
func (s *Service) CheckFilter(ctx context.Context, f Filter) error {
	codes, err := s.countryCodes(ctx)
	if err != nil {
		return err
	}
	return f.Validate(*codes)
}

// GetMeeting returns the meeting with everything it holds. Returns ENOTFOUND.
func (s *Service) GetMeeting(ctx context.Context, id string) (*Meeting, error) {
	if !IsID(id) {
		return nil, Errorf(ENOTFOUND, "There is no meeting %q.", id)
	}
	return s.meetings.GetMeeting(ctx, id)
}

// ListMeetings returns one page of the meetings that pass the filter, and the
// cursor of the next page (nil on the last).
func (s *Service) ListMeetings(ctx context.Context, f MeetingFilter) ([]MeetingSummary, *Cursor, error) {
	if err := s.CheckFilter(ctx, &f); err != nil {
		return nil, nil, err
	}
	want := f.Limit
	if !f.NoLimit {
		f.Limit++ // one more tells whether there is a next page
	}
	items, err := s.meetings.ListMeetings(ctx, f)
	if err != nil {
		return nil, nil, fmt.Errorf("list meetings: %w", err)
	}
	if f.NoLimit || len(items) <= want {
		return items, nil, nil
	}
	items = items[:want]
	last := items[want-1]
	return items, &Cursor{Sort: string(f.Sort), Key: last.SortKey, ID: last.ID, Filter: f.Fingerprint()}, nil
}

// ExportMeetings calls fn with every meeting that passes the filter, as the
// store reads them, so that a whole data set streams in constant memory.
func (s *Service) ExportMeetings(ctx context.Context, f MeetingFilter, fn func(*MeetingSummary) error) error {
	f.NoLimit, f.After = true, nil
	if err := s.CheckFilter(ctx, &f); err != nil {
		return err
	}
	return s.meetings.EachMeeting(ctx, f, fn)
}

// CreateMeeting validates m, resolves its countries and officials, and
// stores it. Returns EINVALID with the fields at fault, or ECONFLICT with the
// stored meeting's id in Data["existing_id"] when the meeting is stored
// already.
func (s *Service) CreateMeeting(ctx context.Context, m *Meeting) (*Meeting, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	if err := s.checkParent(ctx, m); err != nil {
		return nil, err
	}
	news, err := s.prepare(ctx, m, nil)
	if err != nil {
		return nil, err
	}
	if id, err := s.meetings.FindMeetingID(ctx, m.DedupeKey); err == nil {
		return nil, duplicate(id)
	} else if ErrorCode(err) != ENOTFOUND {
		return nil, fmt.Errorf("create meeting: %w", err)
	}
	if err := s.meetings.CreateMeeting(ctx, m, news, func(m *Meeting) *AuditEntry {
		return s.audit(ctx, AuditCreate, m.ID, nil, m)
	}); err != nil {
		if ErrorCode(err) == ECONFLICT {
			// A concurrent request stored the same meeting first.
			if id, ferr := s.meetings.FindMeetingID(ctx, m.DedupeKey); ferr == nil {
				return nil, duplicate(id)
			}
		}
		return nil, fmt.Errorf("create meeting: %w", err)
	}
	return s.meetings.GetMeeting(ctx, m.ID)
}

// checkParent checks that a meeting given a parent names a stored top-level
// meeting: child meetings do not nest.
func (s *Service) checkParent(ctx context.Context, m *Meeting) error {
	if m.ParentID == nil {
		return nil
	}
	var p Problems
	parent, err := s.GetMeeting(ctx, *m.ParentID)
	switch {
	case ErrorCode(err) == ENOTFOUND:
		p.Add("/parent_id", "there is no meeting %s", *m.ParentID)
	case err != nil:
		return err
	case parent.ParentID != nil:
		p.Add("/parent_id", "meeting %s is itself within another meeting: child meetings do not nest", *m.ParentID)
	}
	return p.Err("The meeting is not valid.")
}

func duplicate(id string) error {
	return &Error{Code: ECONFLICT,
		Message: "A meeting with the same date, kind and participating countries is stored already.",
		Data:    map[string]any{"existing_id": id}}
}

// ReplaceMeeting replaces the meeting id with m when the stored version is
// still version. Returns EINVALID, ENOTFOUND, EPRECONDITION or ECONFLICT.
func (s *Service) ReplaceMeeting(ctx context.Context, id string, m *Meeting, version int) (*Meeting, error) {
	old, err := s.GetMeeting(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.replace(ctx, old, m, version, AuditUpdate)
}

// replace stores m in place of old, recording the change as action.
func (s *Service) replace(ctx context.Context, old, m *Meeting, version int, action AuditAction) (*Meeting, error) {
	id := old.ID
	if old.ParentID != nil && m.ParentID == nil {
		m.ParentID = old.ParentID
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	m.ID = id
	news, err := s.prepare(ctx, m, old)
	if err != nil {
		return nil, err
	}
	if other, err := s.meetings.FindMeetingID(ctx, m.DedupeKey); err == nil && other != id {
		return nil, duplicate(other)
	}
	if err := s.meetings.ReplaceMeeting(ctx, m, news, version, func(m *Meeting) *AuditEntry {
		return s.audit(ctx, action, id, old, m)
	}); err != nil {
		return nil, fmt.Errorf("replace meeting: %w", err)
	}
	return s.meetings.GetMeeting(ctx, id)
}

// DeleteMeeting turns the meeting into a tombstone when its version is still
// version (0: any). Returns ENOTFOUND or EPRECONDITION.
func (s *Service) DeleteMeeting(ctx context.Context, id string, version int) error {
	old, err := s.GetMeeting(ctx, id)
	if err != nil {
		return err
	}
	return s.meetings.DeleteMeeting(ctx, id, version, s.Now(), s.audit(ctx, AuditDelete, id, old, nil))
}

// GetOfficial returns the official with the ranks and positions held at
// meetings. Returns ENOTFOUND.
func (s *Service) GetOfficial(ctx context.Context, id string) (*Official, error) {
	if !IsID(id) {
		return nil, Errorf(ENOTFOUND, "There is no official %q.", id)
	}
	return s.officials.GetOfficial(ctx, id)
}

// ListOfficials returns one page of officials and the id the next starts
// after ("" on the last page).
func (s *Service) ListOfficials(ctx context.Context, f OfficialFilter) ([]Official, string, error) {
	if err := s.CheckFilter(ctx, &f); err != nil {
		return nil, "", err
	}
	f.Q = Fold(f.Q)
	return pageByID(f.Limit, func(n int) ([]Official, error) {
		f.Limit = n
		return s.officials.ListOfficials(ctx, f)
	}, func(o Official) string { return o.ID })
}

// checkPage checks the size and start of a page of a list ordered by id,
// and fills in the default size.
func checkPage(p *Problems, limit *int, after string) {
	checkLimit(p, limit)
	if after != "" && !IsID(after) {
		p.AddField("After", "is not a position this service gave out")
	}
}

// pageByID fetches one item more than a page holds, to tell whether a next
// page follows, and returns the page and the id it ends with when one does.
func pageByID[T any](limit int, fetch func(n int) ([]T, error), id func(T) string) ([]T, string, error) {
	items, err := fetch(limit + 1)
	if err != nil {
		return nil, "", fmt.Errorf("list: %w", err)
	}
	if len(items) <= limit {
		return items, "", nil
	}
	return items[:limit], id(items[limit-1]), nil
}

// GetAgreement returns the agreement. Returns ENOTFOUND.
func (s *Service) GetAgreement(ctx context.Context, id string) (*Agreement, error) {
	if !IsID(id) {
		return nil, Errorf(ENOTFOUND, "There is no agreement %q.", id)
	}
	return s.agreements.GetAgreement(ctx, id)
}

// ListAgreements returns one page of agreements and the id the next starts
// after ("" on the last page).
func (s *Service) ListAgreements(ctx context.Context, f AgreementFilter) ([]Agreement, string, error) {
	if err := s.CheckFilter(ctx, &f); err != nil {
		return nil, "", err
	}
	return pageByID(f.Limit, func(n int) ([]Agreement, error) {
		f.Limit = n
		return s.agreements.ListAgreements(ctx, f)
	}, func(a Agreement) string { return a.ID })
}
