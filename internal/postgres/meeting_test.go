package postgres

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/pgtest"
)

// storeEnv is a Store on a fresh migrated database.
type storeEnv struct {
	t   *testing.T
	st  *Store
	ctx context.Context
	now time.Time
}

func newStoreEnv(t *testing.T) *storeEnv {
	t.Helper()
	return &storeEnv{t: t, st: NewStore(pgtest.New(t)), ctx: context.Background(),
		now: time.Now().UTC().Truncate(time.Microsecond)}
}

// official returns a new official of the country, as the service makes one.
func (e *storeEnv) official(country, name string) domain.Official {
	return domain.Official{ID: domain.NewID(), Name: name, Aliases: []string{}, Country: country,
		NameKeys: domain.NameKeys(name), CreatedAt: e.now, UpdatedAt: e.now}
}

func ptr[T any](v T) *T { return &v }

// meeting returns a meeting readied as the service readies one (ids, dedupe
// key, timestamps), holding a value of every kind: delegations with heads
// and members, a ceremony with its recipient, an agreement with parties
// and signatories, a source with an alternate title, and a child meeting.
// Its officials are returned to be created with it.
func (e *storeEnv) meeting(day int) (*domain.Meeting, []domain.Official) {
	host, guest, member := e.official("AZ", "Zakir Hasanov"), e.official("UZ", "Shukhrat Khalmukhamedov"),
		e.official("UZ", fmt.Sprintf("Aide %d", day))
	m := &domain.Meeting{ID: domain.NewID(), Title: "Minister of Defense receives the Uzbek delegation",
		Date: domain.PartialDate{Year: 2025, Month: 12, Day: day}, Kind: "official_visit", City: ptr("Baku"),
		HostCountry: ptr("AZ"), Summary: ptr("Talks on cooperation."), Topics: []domain.Topic{"military", "demining"},
		Series: &domain.Series{Name: "Dialogue", Edition: ptr(3)},
		Delegations: []domain.Delegation{
			{Country: "AZ", Role: domain.RoleHost, Head: &domain.Participant{OfficialID: host.ID, Rank: ptr("Colonel General"),
				Position: ptr("Minister of Defense")}, Members: []domain.Participant{}},
			{Country: "UZ", Role: domain.RoleGuest, Head: &domain.Participant{OfficialID: guest.ID},
				Members: []domain.Participant{{OfficialID: member.ID, Position: ptr("Aide")}}},
		},
		Ceremonies: []domain.Ceremony{{Type: "award", Award: ptr("Order of Glory"),
			Recipient: &domain.Recipient{OfficialID: guest.ID, Country: "UZ", Rank: ptr("Major General")}}},
		Agreements: []domain.Agreement{{ID: domain.NewID(), Title: "Plan for 2026", Type: "cooperation_plan",
			Period: ptr("2026"), Parties: []string{"AZ", "UZ"},
			Signatories: []domain.Signatory{{OfficialID: host.ID}, {OfficialID: guest.ID}}}},
		Sources: []domain.Source{{URL: ptr(fmt.Sprintf("https://example.org/%d", day)), Outlet: ptr("Example"),
			Language: ptr("en"), AlternateTitles: []domain.AltTitle{{Language: "ru", Title: "Визит"}}}},
		CreatedAt: e.now, UpdatedAt: e.now,
	}
	m.ChildMeetings = []domain.Meeting{e.child(m, "Talks with the Chief of the General Staff", host.ID, guest.ID)}
	m.DedupeKey = domain.DedupeKey(m)
	return m, []domain.Official{host, guest, member}
}

// child returns a child meeting of m between the two officials.
func (e *storeEnv) child(m *domain.Meeting, title, host, guest string) domain.Meeting {
	c := domain.Meeting{ID: domain.NewID(), Title: title, Date: m.Date, Kind: "meeting", ParentID: &m.ID,
		Topics: []domain.Topic{}, Delegations: []domain.Delegation{
			{Country: "AZ", Role: domain.RoleHost, Head: &domain.Participant{OfficialID: host}},
			{Country: "UZ", Role: domain.RoleGuest, Head: &domain.Participant{OfficialID: guest}},
		}, CreatedAt: e.now, UpdatedAt: e.now}
	c.DedupeKey = domain.DedupeKey(&c) + "|" + title
	return c
}

func (e *storeEnv) count(table string) int {
	var n int
	require.NoError(e.t, e.st.pool.QueryRow(e.ctx, `SELECT count(*) FROM `+table).Scan(&n))
	return n
}

// requireStored checks that the stored meeting holds what m holds.
func requireStored(t *testing.T, m *domain.Meeting, got *domain.Meeting) {
	t.Helper()
	assert.Equal(t, m.ID, got.ID)
	assert.Equal(t, m.Title, got.Title)
	assert.Equal(t, m.Date, got.Date)
	assert.Equal(t, m.Kind, got.Kind)
	assert.Equal(t, m.City, got.City)
	assert.Equal(t, m.HostCountry, got.HostCountry)
	assert.Equal(t, m.Summary, got.Summary)
	assert.Equal(t, m.Topics, got.Topics)
	assert.Equal(t, m.Series, got.Series)
	assert.True(t, m.CreatedAt.Equal(got.CreatedAt), "created_at")
	require.Len(t, got.Delegations, len(m.Delegations))
	for i, d := range m.Delegations {
		g := got.Delegations[i]
		assert.Equal(t, d.Country, g.Country)
		assert.Equal(t, d.Role, g.Role)
		assert.Equal(t, d.Head.OfficialID, g.Head.OfficialID)
		assert.Equal(t, d.Head.Rank, g.Head.Rank)
		assert.Equal(t, d.Head.Position, g.Head.Position)
		require.Len(t, g.Members, len(d.Members))
		for j, p := range d.Members {
			assert.Equal(t, p.OfficialID, g.Members[j].OfficialID)
			assert.Equal(t, p.Position, g.Members[j].Position)
		}
	}
	require.Len(t, got.Ceremonies, len(m.Ceremonies))
	for i, c := range m.Ceremonies {
		assert.Equal(t, c.Type, got.Ceremonies[i].Type)
		assert.Equal(t, c.Award, got.Ceremonies[i].Award)
		assert.Equal(t, c.Recipient.OfficialID, got.Ceremonies[i].Recipient.OfficialID)
		assert.Equal(t, c.Recipient.Rank, got.Ceremonies[i].Recipient.Rank)
	}
	require.Len(t, got.Agreements, len(m.Agreements))
	for i, a := range m.Agreements {
		g := got.Agreements[i]
		assert.Equal(t, a.ID, g.ID)
		assert.Equal(t, a.Title, g.Title)
		assert.Equal(t, a.Period, g.Period)
		assert.Equal(t, a.Parties, g.Parties)
		require.Len(t, g.Signatories, len(a.Signatories))
		for j, s := range a.Signatories {
			assert.Equal(t, s.OfficialID, g.Signatories[j].OfficialID)
		}
	}
	require.Len(t, got.Sources, len(m.Sources))
	for i, s := range m.Sources {
		assert.Equal(t, s.URL, got.Sources[i].URL)
		assert.Equal(t, s.Outlet, got.Sources[i].Outlet)
		assert.Equal(t, s.AlternateTitles, got.Sources[i].AlternateTitles)
	}
	require.Len(t, got.ChildMeetings, len(m.ChildMeetings))
	for i := range m.ChildMeetings {
		assert.Equal(t, m.ChildMeetings[i].ID, got.ChildMeetings[i].ID)
		assert.Equal(t, m.ChildMeetings[i].Title, got.ChildMeetings[i].Title)
	}
}

func TestMeetingStore_Create(t *testing.T) {
	t.Parallel()
	t.Run("OK", func(t *testing.T) {
		t.Parallel()
		e := newStoreEnv(t)
		m, news := e.meeting(10)
		audit := func(m *domain.Meeting) *domain.AuditEntry {
			return &domain.AuditEntry{At: e.now, Actor: "test", Action: domain.AuditCreate, MeetingID: &m.ID}
		}
		require.NoError(t, e.st.CreateMeeting(e.ctx, m, news, audit))
		got, err := e.st.GetMeeting(e.ctx, m.ID)
		require.NoError(t, err)
		requireStored(t, m, got)
		assert.Equal(t, 1, got.Version)
		assert.Equal(t, "Zakir Hasanov", got.Delegations[0].Head.Name, "the official's name is read back")
		id, err := e.st.FindMeetingID(e.ctx, m.DedupeKey)
		require.NoError(t, err)
		assert.Equal(t, m.ID, id)
		assert.Equal(t, 1, e.count("audit_log"))
	})
	t.Run("ErrConflict", func(t *testing.T) {
		t.Parallel()
		e := newStoreEnv(t)
		m, news := e.meeting(10)
		require.NoError(t, e.st.CreateMeeting(e.ctx, m, news, nil))
		again, news := e.meeting(10) // the same dedupe key
		err := e.st.CreateMeeting(e.ctx, again, news, nil)
		assert.Equal(t, domain.ECONFLICT, domain.ErrorCode(err), "%v", err)
		assert.Equal(t, 2, e.count("meetings"), "a meeting and its child; nothing of the second")
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		t.Parallel()
		e := newStoreEnv(t)
		m, news := e.meeting(10)
		m.Agreements[0].Signatories[0].OfficialID = domain.NewID() // no such official
		err := e.st.CreateMeeting(e.ctx, m, news, nil)
		assert.Equal(t, domain.EINVALID, domain.ErrorCode(err), "%v", err)
		assert.Zero(t, e.count("meetings"), "nothing is half written")
		assert.Zero(t, e.count("officials"))
	})
	t.Run("OfficialStoredMeanwhile", func(t *testing.T) {
		t.Parallel()
		e := newStoreEnv(t)
		m, news := e.meeting(10)
		require.NoError(t, e.st.CreateMeeting(e.ctx, m, news, nil))
		// Another write made "Zakir Hasanov" of AZ new too: the stored one is used.
		m2, news2 := e.meeting(11)
		require.NoError(t, e.st.CreateMeeting(e.ctx, m2, news2, nil))
		got, err := e.st.GetMeeting(e.ctx, m2.ID)
		require.NoError(t, err)
		assert.Equal(t, news[0].ID, got.Delegations[0].Head.OfficialID)
	})
}

func TestMeetingStore_Replace(t *testing.T) {
	t.Parallel()
	t.Run("OK", func(t *testing.T) {
		t.Parallel()
		e := newStoreEnv(t)
		m, news := e.meeting(10)
		require.NoError(t, e.st.CreateMeeting(e.ctx, m, news, nil))
		oldChild := m.ChildMeetings[0].ID

		r, _ := e.meeting(10)
		r.ID, r.CreatedAt, r.UpdatedAt = m.ID, m.CreatedAt, e.now.Add(time.Minute)
		r.Title = "Talks in Baku"
		r.Delegations[1].Members = nil
		r.Delegations[0].Head.OfficialID = news[0].ID
		r.Delegations[1].Head.OfficialID = news[1].ID
		r.Ceremonies[0].Recipient.OfficialID = news[1].ID
		r.Agreements[0].Signatories = []domain.Signatory{{OfficialID: news[0].ID}}
		r.ChildMeetings = []domain.Meeting{e.child(r, "Working dinner", news[0].ID, news[1].ID)}
		require.NoError(t, e.st.ReplaceMeeting(e.ctx, r, nil, 1, nil))

		got, err := e.st.GetMeeting(e.ctx, m.ID)
		require.NoError(t, err)
		requireStored(t, r, got)
		assert.Equal(t, 2, got.Version)
		assert.True(t, got.UpdatedAt.Equal(r.UpdatedAt))
		_, err = e.st.GetMeeting(e.ctx, oldChild)
		assert.Equal(t, domain.ENOTFOUND, domain.ErrorCode(err), "the child left out is a tombstone")
		assert.Len(t, got.Sources, 1, "a source linked again is linked once")
	})
	t.Run("ErrPrecondition", func(t *testing.T) {
		t.Parallel()
		e := newStoreEnv(t)
		m, news := e.meeting(10)
		require.NoError(t, e.st.CreateMeeting(e.ctx, m, news, nil))
		m.Title = "Changed"
		err := e.st.ReplaceMeeting(e.ctx, m, nil, 2, nil)
		assert.Equal(t, domain.EPRECONDITION, domain.ErrorCode(err), "%v", err)
		got, err := e.st.GetMeeting(e.ctx, m.ID)
		require.NoError(t, err)
		assert.NotEqual(t, "Changed", got.Title)
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		t.Parallel()
		e := newStoreEnv(t)
		m, _ := e.meeting(10)
		err := e.st.ReplaceMeeting(e.ctx, m, nil, 1, nil)
		assert.Equal(t, domain.ENOTFOUND, domain.ErrorCode(err), "%v", err)
	})
}

func TestMeetingStore_Delete(t *testing.T) {
	t.Parallel()
	t.Run("OK", func(t *testing.T) {
		t.Parallel()
		e := newStoreEnv(t)
		m, news := e.meeting(10)
		require.NoError(t, e.st.CreateMeeting(e.ctx, m, news, nil))
		require.NoError(t, e.st.DeleteMeeting(e.ctx, m.ID, 1, e.now, nil))
		for _, id := range []string{m.ID, m.ChildMeetings[0].ID} {
			_, err := e.st.GetMeeting(e.ctx, id)
			assert.Equal(t, domain.ENOTFOUND, domain.ErrorCode(err))
		}
		assert.Equal(t, 2, e.count("meetings"), "tombstones stay")
		assert.Zero(t, e.count("delegations"), "what they held goes")
	})
	t.Run("ErrPrecondition", func(t *testing.T) {
		t.Parallel()
		e := newStoreEnv(t)
		m, news := e.meeting(10)
		require.NoError(t, e.st.CreateMeeting(e.ctx, m, news, nil))
		err := e.st.DeleteMeeting(e.ctx, m.ID, 7, e.now, nil)
		assert.Equal(t, domain.EPRECONDITION, domain.ErrorCode(err))
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		t.Parallel()
		e := newStoreEnv(t)
		err := e.st.DeleteMeeting(e.ctx, domain.NewID(), 0, e.now, nil)
		assert.Equal(t, domain.ENOTFOUND, domain.ErrorCode(err))
	})
}

// TestWriteMeetings_CopyAndBatch: many meetings at once go by COPY, one
// by a batch of INSERTs; both write the same rows.
func TestWriteMeetings_CopyAndBatch(t *testing.T) {
	t.Parallel()
	e := newStoreEnv(t)
	var many []*domain.Meeting
	var news []domain.Official
	for day := 1; day <= 10; day++ {
		m, ns := e.meeting(day)
		many = append(many, m)
		news = append(news, ns...)
	}
	one, ns := e.meeting(20)
	news = append(news, ns...)
	moved, err := insertOfficials(e.ctx, e.st.pool, news)
	require.NoError(t, err)
	for _, m := range append(many, one) {
		domain.RepointOfficials(m, moved) // the same names: the officials stored first
	}

	rows := newMeetingRows()
	rows.delegationIDs = make([]int64, 100)
	for _, m := range many {
		rows.add(m, nil)
	}
	n := 0
	for _, t := range []*tableRows{&rows.meetings, &rows.delegations, &rows.members, &rows.ceremonies,
		&rows.agreements, &rows.parties, &rows.signatories} {
		n += len(t.rows)
	}
	require.GreaterOrEqual(t, n, copyMinRows, "ten meetings go by COPY")

	require.NoError(t, writeMeetings(e.ctx, e.st.pool, many, nil))
	require.NoError(t, writeMeetings(e.ctx, e.st.pool, []*domain.Meeting{one}, nil))
	for _, m := range append(many, one) {
		require.NoError(t, writeSources(e.ctx, e.st.pool, m))
		got, err := e.st.GetMeeting(e.ctx, m.ID)
		require.NoError(t, err)
		requireStored(t, m, got)
	}
}

func TestIdempotencyStore(t *testing.T) {
	t.Parallel()
	e := newStoreEnv(t)
	hash, other := []byte{1}, []byte{2}
	out, err := e.st.BeginRequest(e.ctx, "k", "a", hash, time.Minute)
	require.NoError(t, err)
	assert.Nil(t, out, "a new claim")

	_, err = e.st.BeginRequest(e.ctx, "k", "a", hash, time.Minute)
	assert.Equal(t, domain.ECONFLICT, domain.ErrorCode(err), "in flight")
	_, err = e.st.BeginRequest(e.ctx, "k", "a", other, time.Minute)
	assert.Equal(t, domain.EINVALID, domain.ErrorCode(err), "the key of another request")

	require.NoError(t, e.st.FinishRequest(e.ctx, "k", "a", []byte("outcome")))
	require.NoError(t, e.st.AbandonRequest(e.ctx, "k", "a"), "an outcome is kept")
	out, err = e.st.BeginRequest(e.ctx, "k", "a", hash, time.Minute)
	require.NoError(t, err)
	assert.Equal(t, []byte("outcome"), out)

	_, err = e.st.BeginRequest(e.ctx, "k", "b", hash, time.Minute)
	require.NoError(t, err)
	require.NoError(t, e.st.AbandonRequest(e.ctx, "k", "b"))
	out, err = e.st.BeginRequest(e.ctx, "k", "b", hash, time.Minute)
	require.NoError(t, err)
	assert.Nil(t, out, "an abandoned claim is claimed again")
	out, err = e.st.BeginRequest(e.ctx, "other owner", "a", hash, time.Minute)
	require.NoError(t, err)
	assert.Nil(t, out, "keys are per owner")
}
