package reliability

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/api"
	"github.com/milmeet/milmeet/internal/domain"
	httpapi "github.com/milmeet/milmeet/internal/http"
	"github.com/milmeet/milmeet/internal/pgtest"
	"github.com/milmeet/milmeet/internal/postgres"
)

// TestConcurrentWrites_SameNewOfficial: writes that arrive together and
// name the same official, not stored yet, must store that official once.
// Found by the outage test's traffic on an empty database: officials are
// resolved (looked up by name, else made new) before the meeting's
// transaction and nothing in the schema makes a name unique per country, so
// each concurrent request stored its own "Zakir Hasanov" of AZ — and from
// then on every request naming him failed 422 ("matches several officials
// of AZ: give official_id"), until someone merged the duplicates by hand.
func TestConcurrentWrites_SameNewOfficial(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := pgtest.New(t)
	st := postgres.NewStore(pool)
	svc := domain.NewService(domain.Stores{Meetings: st, Officials: st, Agreements: st, Countries: st,
		Stats: st, Rows: st, Keys: st, Audit: st, Imports: st, Idempotency: st})
	cfg := httpapi.DefaultConfig()
	cfg.WritesPerMinute = 0
	h := httpapi.NewServer(svc, st, slog.New(slog.NewTextHandler(io.Discard, nil)), cfg, api.Spec).Handler()
	_, token, err := svc.CreateKey(ctx, "writer", domain.ScopeWrite)
	require.NoError(t, err)

	post := func(n int, name string) *httptest.ResponseRecorder {
		m := map[string]any{
			"title": fmt.Sprintf("Concurrent meeting %d", n),
			"date":  fmt.Sprintf("2024-%02d-%02d", 1+n/28, 1+n%28),
			"kind":  "working_visit",
			"delegations": []any{
				map[string]any{"country": "AZ", "role": "host", "head": map[string]any{"name": name}},
				map[string]any{"country": "TR", "role": "guest"},
			},
		}
		body, _ := json.Marshal(m)
		req := httptest.NewRequest("POST", "/meetings", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}

	const rounds, writers = 5, 8
	for round := range rounds {
		name := fmt.Sprintf("Newly Named Official%c", 'A'+round)
		start := make(chan struct{})
		var wg sync.WaitGroup
		codes := make([]int, writers)
		for i := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				codes[i] = post(round*writers+i, name).Code
			}()
		}
		close(start)
		wg.Wait()
		var stored int
		require.NoError(t, pool.QueryRow(ctx, "SELECT count(*) FROM officials WHERE country = 'AZ' AND name = $1", name).Scan(&stored))
		later := post(100+round, name)
		require.Equal(t, 1, stored, "round %d: %d concurrent writes (answers %v) stored %q %d times; a later write naming him got %d: %s",
			round, writers, codes, name, stored, later.Code, later.Body.String())
		require.Equal(t, http.StatusCreated, later.Code, later.Body.String())
	}
}
