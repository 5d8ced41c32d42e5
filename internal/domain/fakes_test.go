package domain_test

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/milmeet/milmeet/internal/domain"
)

// fakeCountries is a CountryStore with a handful of countries.
type fakeCountries struct {
	mu    sync.Mutex
	calls int
	err   error
}

func (c *fakeCountries) ListCountries(context.Context) ([]domain.Country, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls++
	if c.err != nil {
		return nil, c.err
	}
	return []domain.Country{
		{Alpha2: "AZ", Alpha3: "AZE", Name: "Azerbaijan"},
		{Alpha2: "KZ", Alpha3: "KAZ", Name: "Kazakhstan"},
		{Alpha2: "TR", Alpha3: "TUR", Name: "Türkiye"},
		{Alpha2: "UZ", Alpha3: "UZB", Name: "Uzbekistan"},
	}, nil
}

// fakeOfficials is an OfficialStore in memory.
type fakeOfficials struct {
	mu   sync.Mutex
	byID map[string]domain.Official
	err  error // lookups fail with it
}

func (o *fakeOfficials) hasName(country, key string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, x := range o.byID {
		if x.Country == country && len(x.NameKeys) > 0 && x.NameKeys[0] == key {
			return true
		}
	}
	return false
}

func (o *fakeOfficials) add(off domain.Official) domain.Official {
	o.mu.Lock()
	defer o.mu.Unlock()
	if off.ID == "" {
		off.ID = domain.NewID()
	}
	if off.NameKeys == nil {
		off.NameKeys = domain.NameKeys(append([]string{off.Name}, off.Aliases...)...)
	}
	if o.byID == nil {
		o.byID = map[string]domain.Official{}
	}
	o.byID[off.ID] = off
	return off
}

func (o *fakeOfficials) FindOfficials(_ context.Context, country, key string) ([]domain.Official, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.err != nil {
		return nil, o.err
	}
	var out []domain.Official
	for _, off := range o.byID {
		if off.Country == country && slices.Contains(off.NameKeys, key) {
			out = append(out, off)
		}
	}
	slices.SortFunc(out, func(a, b domain.Official) int {
		if a.ID < b.ID {
			return -1
		}
		return 1
	})
	return out, nil
}

func (o *fakeOfficials) FindOfficialsByKeys(ctx context.Context, keys []domain.OfficialKey) (map[domain.OfficialKey][]domain.Official, error) {
	out := map[domain.OfficialKey][]domain.Official{}
	for _, k := range keys {
		found, err := o.FindOfficials(ctx, k.Country, k.Key)
		if err != nil {
			return nil, err
		}
		out[k] = found
	}
	return out, nil
}

func (o *fakeOfficials) GetOfficial(_ context.Context, id string) (*domain.Official, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.err != nil {
		return nil, o.err
	}
	off, ok := o.byID[id]
	if !ok {
		return nil, domain.Errorf(domain.ENOTFOUND, "There is no official %q.", id)
	}
	return &off, nil
}

func (o *fakeOfficials) ListOfficials(_ context.Context, f domain.OfficialFilter) ([]domain.Official, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	var out []domain.Official
	for _, off := range o.byID {
		if f.Country != "" && off.Country != f.Country {
			continue
		}
		if f.Q != "" && !slices.Contains(off.NameKeys, f.Q) {
			continue
		}
		if off.ID > f.After {
			out = append(out, off)
		}
	}
	slices.SortFunc(out, func(a, b domain.Official) int {
		if a.ID < b.ID {
			return -1
		}
		return 1
	})
	if len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, nil
}

// fakeMeetings is a MeetingStore in memory that records every write.
type fakeMeetings struct {
	officials *fakeOfficials

	mu       sync.Mutex
	byID     map[string]*domain.Meeting
	byKey    map[string]string
	writes   []string
	news     [][]domain.Official // the new officials of each write
	lists    []domain.MeetingFilter
	summary  []domain.MeetingSummary
	audits   []*domain.AuditEntry // of every write tried
	findErr  error                // FindMeetingID fails with it
	raceOnce bool                 // the next CreateMeeting meets a meeting stored meanwhile
}

func (s *fakeMeetings) write(op string, m *domain.Meeting, news []domain.Official) {
	s.writes = append(s.writes, op)
	s.news = append(s.news, news)
	for _, o := range news {
		// As the store's unique (country, folded name): an official a
		// concurrent write stored first is not stored twice.
		if !s.officials.hasName(o.Country, o.NameKeys[0]) {
			s.officials.add(o)
		}
	}
	if s.byID == nil {
		s.byID, s.byKey = map[string]*domain.Meeting{}, map[string]string{}
	}
	c := *m
	c.Version++
	s.byID[m.ID] = &c
	s.byKey[m.DedupeKey] = m.ID
}

func (s *fakeMeetings) CreateMeeting(_ context.Context, m *domain.Meeting, news []domain.Official, audit domain.AuditOf) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.audits = append(s.audits, audit(m))
	if s.raceOnce {
		s.raceOnce = false
		if s.byKey == nil {
			s.byKey = map[string]string{}
		}
		s.byKey[m.DedupeKey] = domain.NewID()
		return &domain.Error{Code: domain.ECONFLICT, Message: "The record exists already."}
	}
	if _, ok := s.byKey[m.DedupeKey]; ok {
		return &domain.Error{Code: domain.ECONFLICT, Message: "The record exists already."}
	}
	s.write("create", m, news)
	return nil
}

func (s *fakeMeetings) ReplaceMeeting(_ context.Context, m *domain.Meeting, news []domain.Official, version int, audit domain.AuditOf) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.audits = append(s.audits, audit(m))
	old, ok := s.byID[m.ID]
	if !ok {
		return domain.Errorf(domain.ENOTFOUND, "no meeting")
	}
	if old.Version != version {
		return domain.Errorf(domain.EPRECONDITION, "changed")
	}
	delete(s.byKey, old.DedupeKey)
	m.Version = old.Version
	s.write("replace", m, news)
	return nil
}

func (s *fakeMeetings) DeleteMeeting(_ context.Context, id string, _ int, _ time.Time, audit *domain.AuditEntry) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.audits = append(s.audits, audit)
	old, ok := s.byID[id]
	if !ok {
		return domain.Errorf(domain.ENOTFOUND, "no meeting")
	}
	s.writes = append(s.writes, "delete")
	delete(s.byKey, old.DedupeKey)
	delete(s.byID, id)
	return nil
}

func (s *fakeMeetings) GetMeeting(_ context.Context, id string) (*domain.Meeting, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.byID[id]
	if !ok {
		return nil, domain.Errorf(domain.ENOTFOUND, "no meeting")
	}
	c := *m
	return &c, nil
}

func (s *fakeMeetings) FindMeetingID(_ context.Context, key string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.findErr != nil {
		return "", s.findErr
	}
	id, ok := s.byKey[key]
	if !ok {
		return "", domain.Errorf(domain.ENOTFOUND, "no meeting")
	}
	return id, nil
}

func (s *fakeMeetings) ListMeetings(_ context.Context, f domain.MeetingFilter) ([]domain.MeetingSummary, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lists = append(s.lists, f)
	out := s.summary
	if !f.NoLimit && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, nil
}

func (s *fakeMeetings) EachMeeting(_ context.Context, f domain.MeetingFilter, fn func(*domain.MeetingSummary) error) error {
	s.mu.Lock()
	s.lists = append(s.lists, f)
	items := slices.Clone(s.summary)
	s.mu.Unlock()
	for i := range items {
		if err := fn(&items[i]); err != nil {
			return err
		}
	}
	return nil
}

func (s *fakeMeetings) writeCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.writes)
}

// fakeAgreements is an AgreementStore in memory.
type fakeAgreements struct {
	mu    sync.Mutex
	items []domain.Agreement
	lists []domain.AgreementFilter
}

func (a *fakeAgreements) GetAgreement(_ context.Context, id string) (*domain.Agreement, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, x := range a.items {
		if x.ID == id {
			return &x, nil
		}
	}
	return nil, domain.Errorf(domain.ENOTFOUND, "no agreement")
}

func (a *fakeAgreements) ListAgreements(_ context.Context, f domain.AgreementFilter) ([]domain.Agreement, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.lists = append(a.lists, f)
	out := a.items
	if len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, nil
}

// env is a Service over fake stores.
type env struct {
	svc        *domain.Service
	meetings   *fakeMeetings
	officials  *fakeOfficials
	agreements *fakeAgreements
	countries  *fakeCountries
	now        time.Time
}

func newEnv() *env {
	o := &fakeOfficials{}
	e := &env{
		meetings:   &fakeMeetings{officials: o},
		officials:  o,
		agreements: &fakeAgreements{},
		countries:  &fakeCountries{},
		now:        time.Date(2025, 12, 10, 8, 0, 0, 0, time.UTC),
	}
	e.svc = domain.NewService(domain.Stores{Meetings: e.meetings, Officials: e.officials,
		Agreements: e.agreements, Countries: e.countries})
	e.svc.Now = func() time.Time { return e.now }
	return e
}
