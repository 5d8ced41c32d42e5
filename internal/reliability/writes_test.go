package reliability

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/api"
	"github.com/milmeet/milmeet/internal/domain"
	httpapi "github.com/milmeet/milmeet/internal/http"
	"github.com/milmeet/milmeet/internal/postgres"
)

// keyedWrite is one meeting posted with an Idempotency-Key, and every
// answer it got until one was for good.
type keyedWrite struct {
	n        int
	key      string
	attempts []answer
	replayed []bool // whether each answer said Idempotent-Replayed
	final    answer
	done     bool
}

// TestKillDuringWrites sends bursts of single POST /meetings, each with an
// Idempotency-Key and retried with it until answered for good, while the
// database is killed (SIGKILL) three times. Every answer is a 201, or a 503
// problem with Retry-After (or a 409 "in progress" to a retry), never a
// 500; every write ends with a 201, never a 409 "stored already" (a write
// whose answer was lost after its commit is answered as it was); and every
// write, sent once more with its key, gets the very status and body it got.
func TestKillDuringWrites(t *testing.T) {
	ctx := context.Background()
	c := ownCluster(t)
	dbURL := c.URL("postgres")
	require.NoError(t, postgres.MigrateUp(ctx, dbURL))
	pools, err := postgres.OpenPools(ctx, dbURL, postgres.Options{ConnectTimeout: time.Second, MaxConns: 8})
	require.NoError(t, err)
	t.Cleanup(pools.Close)
	st := pools.Store()
	svc := domain.NewService(domain.Stores{Meetings: st, Officials: st, Agreements: st, Countries: st,
		Stats: st, Rows: st, Keys: st, Audit: st, Imports: st, Idempotency: st, Articles: st})
	var logs bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&syncWriter{w: &logs}, nil))
	cfg := httpapi.DefaultConfig()
	cfg.WritesPerMinute = 0
	srv := httptest.NewServer(httpapi.NewServer(svc, st, log, cfg, api.Spec).Handler())
	t.Cleanup(srv.Close)
	_, token, err := svc.CreateKey(ctx, "burst-writer", domain.ScopeWrite)
	require.NoError(t, err)
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 32}}
	tr := &traffic{base: srv.URL, token: token, client: client}

	post := func(w *keyedWrite) {
		req, _ := http.NewRequest("POST", srv.URL+"/meetings", bytes.NewReader(meetingLine(w.n, "burst")))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Idempotency-Key", w.key)
		a := tr.send("write", req)
		a.key = w.key
		w.attempts = append(w.attempts, a)
		w.replayed = append(w.replayed, a.replayed)
		if a.err == nil && a.status != 503 && !a.inProgress() {
			w.final, w.done = a, true
		}
	}
	// The officials the writes name, stored first, one at a time.
	for n := range len(guests) {
		w := &keyedWrite{n: n, key: fmt.Sprintf("warmup-%d", n)}
		post(w)
		require.Equal(t, http.StatusCreated, w.final.status, w.final.String())
	}

	var mu sync.Mutex
	var writes []*keyedWrite
	next := len(guests)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				mu.Lock()
				w := &keyedWrite{n: next, key: fmt.Sprintf("burst-%d-%d", os.Getpid(), next)}
				next++
				writes = append(writes, w)
				mu.Unlock()
				// Retried with its key until answered for good, as a client
				// should; past the kills, for a while.
				for deadline := time.Now().Add(30 * time.Second); !w.done && time.Now().Before(deadline); {
					post(w)
					if !w.done {
						time.Sleep(50 * time.Millisecond)
					}
				}
			}
		}()
	}
	for range 3 {
		time.Sleep(700 * time.Millisecond)
		c.Kill()
		time.Sleep(700 * time.Millisecond)
		rctx, cancel := context.WithTimeout(ctx, time.Minute)
		require.NoError(t, c.Restart(rctx))
		cancel()
	}
	time.Sleep(700 * time.Millisecond)
	close(stop)
	wg.Wait()

	counts := map[int]int{}
	lostAnswers := 0
	for _, w := range writes {
		for _, a := range w.attempts {
			counts[a.status]++
			switch {
			case a.err != nil || a.status == 0:
				// The connection died under the request: retried.
			case a.status == 201 || a.inProgress():
			case a.status == 503:
				if a.ctype != "application/problem+json" || a.retryAfter == "" {
					t.Errorf("a 503 without problem+json or Retry-After: %s", a)
				}
			default:
				t.Errorf("neither a 201, a 503 nor a 409 in progress: %s", a)
			}
		}
		if !w.done {
			t.Errorf("write %s never answered for good: last %s", w.key, w.attempts[len(w.attempts)-1])
			continue
		}
		if w.final.status != http.StatusCreated {
			t.Errorf("write %s ended with %s, not its 201", w.key, w.final)
			continue
		}
		if len(w.attempts) > 1 && w.replayed[len(w.replayed)-1] {
			lostAnswers++ // stored by an attempt whose answer was lost, answered as it was
		}
	}
	t.Logf("%d writes; answers by status %v; %d committed writes whose answer was lost got it on a retry",
		len(writes), counts, lostAnswers)
	require.Positive(t, counts[503], "the writes never saw the database go away")
	require.Zero(t, counts[500], "500s")

	// Each write, sent once more with its key, gets what it got.
	for _, w := range writes {
		if !w.done || w.final.status != http.StatusCreated {
			continue
		}
		again := &keyedWrite{n: w.n, key: w.key}
		post(again)
		require.True(t, again.done, "write %s sent again: %s", w.key, again.final)
		require.Equal(t, w.final.status, again.final.status, "write %s sent again", w.key)
		require.Equal(t, w.final.body, again.final.body, "write %s sent again: another body", w.key)
		got := get(t, client, srv.URL+"/meetings/"+w.final.id)
		require.Equal(t, http.StatusOK, got.status, "write %s: %s", w.key, got)
		require.Equal(t, w.final.body, got.body, "write %s: the answer is not the meeting stored", w.key)
	}
	var stored int
	require.NoError(t, pools.Main.QueryRow(ctx, `SELECT count(*) FROM meetings`).Scan(&stored))
	require.Equal(t, len(writes)+len(guests), stored, "one meeting per write")
	require.NotContains(t, logs.String(), `"internal error"`, "a failure logged as an internal error")
}
