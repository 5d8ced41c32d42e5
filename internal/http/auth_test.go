package http_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	httpapi "github.com/milmeet/milmeet/internal/http"
	"github.com/milmeet/milmeet/internal/pgtest"
)

// keyQueries counts the statements that read the API keys.
type keyQueries struct{ n atomic.Int64 }

func (k *keyQueries) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	if strings.Contains(d.SQL, "api_keys") {
		k.n.Add(1)
	}
	return ctx
}

func (k *keyQueries) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// newCountedEnv returns a server with cfg whose statements on api_keys are
// counted.
func newCountedEnv(t *testing.T, cfg httpapi.Config) (*env, *keyQueries) {
	t.Helper()
	pc, err := pgxpool.ParseConfig(pgtest.URL(t))
	require.NoError(t, err)
	counter := &keyQueries{}
	pc.ConnConfig.Tracer = counter
	pool, err := pgxpool.NewWithConfig(context.Background(), pc)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	return newEnvOn(t, cfg, pool, pool), counter
}

// TestAuth_FailuresLimited: requests with unknown tokens count against the
// address's anonymous limit and are refused 429 once it is spent, before
// any lookup; each costs at most one statement. Other addresses and keys
// are not affected.
func TestAuth_FailuresLimited(t *testing.T) {
	t.Parallel()
	cfg := httpapi.DefaultConfig()
	cfg.AnonymousReadsPerMinute = 30
	e, queries := newCountedEnv(t, cfg)
	queries.n.Store(0)
	statuses := map[int]int{}
	for i := range 200 {
		r := e.do("GET", "/meetings?limit=5", nil, "Authorization", fmt.Sprintf("Bearer mm_unknown%040d", i))
		statuses[r.Code]++
		if i < 30 {
			require.Equal(t, http.StatusUnauthorized, r.Code, "request %d", i)
		} else {
			require.Equal(t, http.StatusTooManyRequests, r.Code, "request %d, past the limit", i)
			assert.NotEmpty(t, r.Header().Get("Retry-After"))
		}
	}
	t.Logf("200 unknown tokens: %v, %d statements on api_keys", statuses, queries.n.Load())
	assert.LessOrEqual(t, queries.n.Load(), int64(200), "more than one statement per failed authentication")

	// Anonymous requests from the address are spent too.
	assert.Equal(t, http.StatusTooManyRequests, e.do("GET", "/meetings?limit=5", nil).Code)
	// Another address, and a good key, go on.
	req := httptest.NewRequest("GET", "/meetings?limit=5", nil)
	req.RemoteAddr = "198.51.100.7:4321"
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, http.StatusOK, e.do("GET", "/meetings?limit=5", nil, "Authorization", e.reader).Code,
		"a good key from the address")
	var used bool
	require.NoError(t, e.pool.QueryRow(context.Background(),
		`SELECT last_used_at IS NOT NULL FROM api_keys WHERE name = 'reader'`).Scan(&used))
	assert.True(t, used, "the key's last use is noted")
}

// TestAuth_FailuresLimitedWithoutAnonymousLimit: without an anonymous
// limit, failed authentications still have theirs.
func TestAuth_FailuresLimitedWithoutAnonymousLimit(t *testing.T) {
	t.Parallel()
	cfg := httpapi.DefaultConfig()
	cfg.AuthFailuresPerMinute = 5
	e, _ := newCountedEnv(t, cfg)
	for i := range 5 {
		r := e.do("POST", "/meetings", newMeeting(), "Authorization", "Bearer mm_forged")
		require.Equal(t, http.StatusUnauthorized, r.Code, "failure %d", i)
	}
	r := e.do("POST", "/meetings", newMeeting(), "Authorization", "Basic dXNlcjpwYXNz")
	assert.Equal(t, http.StatusTooManyRequests, r.Code)
	assert.Equal(t, http.StatusOK, e.do("GET", "/meetings?limit=5", nil).Code, "anonymous reads are not limited")
}
