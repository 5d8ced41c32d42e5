package postgres

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/pgtest"
)

// TestRouter_Lag: a replica's lag is how long the oldest position it lacks
// has been known; one behind every position kept has a lag not known.
func TestRouter_Lag(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	r := &Router{history: []sample{{t0, 100}, {t0.Add(time.Second), 200}, {t0.Add(3 * time.Second), 300}}}
	now := t0.Add(10 * time.Second)
	for _, tt := range []struct {
		pos   domain.Position
		lag   time.Duration
		known bool
	}{
		{300, 0, true},
		{400, 0, true},
		{299, 7 * time.Second, true},
		{200, 7 * time.Second, true},
		{150, 9 * time.Second, true},
		{100, 9 * time.Second, true},
		{99, 0, false},
	} {
		lag, known := r.lag(tt.pos, now)
		assert.Equal(t, tt.known, known, "%d", tt.pos)
		assert.Equal(t, tt.lag, lag, "%d", tt.pos)
	}
	_, known := (&Router{}).lag(1, now)
	assert.False(t, known, "no position seen yet")
}

// TestStore_Position: the token of a write is at or past its commit, and a
// second write's is later. The WAL is the whole server's: other databases
// (other tests, or anything on TEST_DATABASE_URL's server) write to it
// meanwhile, so the token is bounded by positions read around the write,
// never compared with one read later as if nothing else had written.
func TestStore_Position(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.New(t)
	st := NewStore(pool)
	p1, err := st.Position(ctx)
	require.NoError(t, err)
	tx, err := pool.Begin(ctx)
	require.NoError(t, err)
	_, err = tx.Exec(ctx, `CREATE TABLE position_test (n int); INSERT INTO position_test VALUES (1)`)
	require.NoError(t, err)
	var written string // past the write's records, short of its commit's
	require.NoError(t, tx.QueryRow(ctx, `SELECT pg_current_wal_insert_lsn()::text`).Scan(&written))
	require.NoError(t, tx.Commit(ctx))
	p2, err := st.Position(ctx)
	require.NoError(t, err)
	var insert string
	require.NoError(t, pool.QueryRow(ctx, `SELECT pg_current_wal_insert_lsn()::text`).Scan(&insert))
	before, err := domain.ParsePosition(written)
	require.NoError(t, err)
	now, err := domain.ParsePosition(insert)
	require.NoError(t, err)
	assert.Greater(t, p2, p1)
	assert.Greater(t, p2, before, "the token is past the write's records, its commit's too")
	assert.LessOrEqual(t, p2, now)
}

// TestRouter_NoReplicas: without replicas every statement runs on the
// primary, reads and writes alike, and the primary is the one node listed.
func TestRouter_NoReplicas(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	r, err := OpenRouter(ctx, url, []string{" ", ""}, Options{}, RouterOptions{CheckInterval: 10 * time.Millisecond})
	require.NoError(t, err)
	t.Cleanup(r.Close)
	st := r.Store()
	p := &domain.ReadPolicy{}
	rctx := domain.WithReadPolicy(ctx, p)
	_, err = st.ListCountries(rctx)
	require.NoError(t, err)
	node, stale := p.Served()
	assert.Equal(t, "primary", node)
	assert.False(t, stale)
	nodes := st.Nodes(ctx)
	require.Len(t, nodes, 1)
	assert.Equal(t, "primary", nodes[0].Name)
	assert.True(t, nodes[0].Serving)
	assert.EqualValues(t, 1, nodes[0].Reads)

	// A URL that is not a replica (here the primary itself) serves no reads.
	r2, err := OpenRouter(ctx, url, []string{url}, Options{}, RouterOptions{})
	require.NoError(t, err)
	t.Cleanup(r2.Close)
	nodes = r2.Nodes()
	require.Len(t, nodes, 2)
	assert.True(t, nodes[1].Up)
	assert.False(t, nodes[1].Serving)
	assert.Contains(t, nodes[1].Problem, "not in recovery")

	_, err = OpenRouter(ctx, url, []string{"postgres://u:secret@host:port/db"}, Options{}, RouterOptions{})
	assert.ErrorContains(t, err, "DATABASE_READ_URLS, entry 1")
	assert.NotContains(t, err.Error(), "secret", "the password is not repeated")
}
