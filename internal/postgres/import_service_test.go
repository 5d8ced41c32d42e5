package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/pgtest"
)

// The count of stored meetings that Progress gives is what the database
// holds: each chunk is reported when it commits, not when the import next
// looks at its outcome (a chunk later, or never while the input stalls).
func TestImport_ProgressAtEachCommit(t *testing.T) {
	t.Parallel()
	pool := pgtest.New(t)
	ctx := context.Background()
	svc := newService(pool)
	var mu sync.Mutex
	var calls [][2]int
	lastStored := func() int {
		mu.Lock()
		defer mu.Unlock()
		if len(calls) == 0 {
			return 0
		}
		return calls[len(calls)-1][1]
	}
	inDB := func() int {
		var n int
		require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM meetings WHERE parent_id IS NULL`).Scan(&n))
		return n
	}
	r := rand.New(rand.NewPCG(13, 1))
	const lines, chunk = 6, 2
	n := 0
	next := func() (domain.ImportLine, bool) {
		if n > 0 && n%chunk == 0 {
			// The chunk that ends at line n is being written while the
			// input waits here: once its commit shows, Progress says so.
			require.Eventually(t, func() bool { return inDB() == n }, 20*time.Second, 5*time.Millisecond)
			assert.Eventually(t, func() bool { return lastStored() == n }, 5*time.Second, 5*time.Millisecond,
				"%d meetings stored, Progress said %d", n, lastStored())
		}
		if n == lines {
			return domain.ImportLine{}, false
		}
		n++
		return domain.ImportLine{N: n, Meeting: genMeeting(r)}, true
	}
	rep, err := svc.Import(ctx, next, domain.ImportOptions{Chunk: chunk, Progress: func(lines, stored int) {
		mu.Lock()
		defer mu.Unlock()
		if len(calls) > 0 {
			assert.GreaterOrEqual(t, stored, calls[len(calls)-1][1], "the count never goes back")
		}
		calls = append(calls, [2]int{lines, stored})
	}})
	require.NoError(t, err)
	require.Equal(t, lines, rep.Stored, "%+v", rep.Errors)
	assert.Equal(t, lines, inDB())
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, [2]int{lines, lines}, calls[len(calls)-1], "the last report is the final count")
}

// lookupHook is the store whose official look-ups of an import call
// after, once, when they have answered: a concurrent write in between.
type lookupHook struct {
	*Store
	once  sync.Once
	after func()
}

func (h *lookupHook) FindOfficialsByKeys(ctx context.Context, keys []domain.OfficialKey) (map[domain.OfficialKey][]domain.Official, error) {
	found, err := h.Store.FindOfficialsByKeys(ctx, keys)
	h.once.Do(h.after)
	return found, err
}

// visit is a meeting on day d of 2019 whose Azerbaijani head is named
// host, and whose guest is given by id.
func visit(d int, host, guestID string) *domain.Meeting {
	return &domain.Meeting{Title: fmt.Sprintf("Visit %d", d), Kind: "official_visit",
		Date: date(fmt.Sprintf("2019-03-%02d", d)), Delegations: []domain.Delegation{
			{Country: "AZ", Role: domain.RoleHost, Head: &domain.Participant{Name: host}},
			{Country: "UZ", Role: domain.RoleGuest, Head: &domain.Participant{OfficialID: guestID}}}}
}

// A new official that a concurrent write stores first is the stored one
// in every meeting of the import that names it, in the chunk being
// written then and in the one prepared meanwhile, and in their audit
// entries.
func TestImport_OfficialStoredMeanwhile(t *testing.T) {
	t.Parallel()
	pool := pgtest.New(t)
	ctx := domain.WithActor(context.Background(), "importer")
	st := NewStore(pool)
	other := serviceOf(st)
	g := visit(1, "Zakir Hasanov", "")
	g.Delegations[1].Head = &domain.Participant{Name: "Bakhodir Kurbanov"}
	stored, err := other.CreateMeeting(ctx, g)
	require.NoError(t, err)
	guestID := stored.Delegations[1].Head.OfficialID

	var first *domain.Meeting
	hook := &lookupHook{Store: st, after: func() {
		first, err = other.CreateMeeting(domain.WithActor(ctx, "other"), visit(2, "Farid Testov", guestID))
		require.NoError(t, err)
	}}
	svc := domain.NewService(domain.Stores{Meetings: st, Officials: hook, Agreements: st, Countries: st,
		Stats: st, Rows: st, Keys: st, Audit: st, Imports: st, Idempotency: st, Articles: st})
	var lines []domain.ImportLine
	for i := range 6 {
		lines = append(lines, domain.ImportLine{N: i + 1, Meeting: visit(10+i, "Farid Testov", guestID)})
	}
	rep, err := svc.Import(ctx, linesOf(lines), domain.ImportOptions{Chunk: 2})
	require.NoError(t, err)
	require.NotNil(t, first, "the concurrent write ran")
	want := first.Delegations[0].Head.OfficialID
	assert.Equal(t, 6, rep.Stored, "%+v", rep.Errors)
	var n int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM officials WHERE name = 'Farid Testov'`).Scan(&n))
	assert.Equal(t, 1, n, "stored once")

	entries, err := st.ListAudit(ctx, domain.AuditFilter{Actor: "importer", Limit: 100})
	require.NoError(t, err)
	imported := 0
	for _, e := range entries {
		if e.Action != domain.AuditImport {
			continue
		}
		imported++
		m, err := st.GetMeeting(ctx, *e.MeetingID)
		require.NoError(t, err)
		assert.Equal(t, want, m.Delegations[0].Head.OfficialID, "meeting %s names the stored official", m.Title)
		var after domain.Meeting
		require.NoError(t, json.Unmarshal(e.After, &after))
		assert.Equal(t, want, after.Delegations[0].Head.OfficialID, "the audit entry of %s names the stored official", m.Title)
	}
	assert.Equal(t, rep.Stored, imported, "an audit entry for each meeting stored")
}
