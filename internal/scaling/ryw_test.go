package scaling

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"

	"github.com/milmeet/milmeet/internal/pgtest"
)

// TestReadYourWrites is the acceptance of read-your-writes: clients change
// a meeting each and read it back with the token, 1,000 times in all, while
// the replica's replay is paused and resumed at random moments. No read
// may miss the write before it. Reads without the token go to the replica,
// as the metrics show, and some of those do miss a write: that is what the
// token is for.
func TestReadYourWrites(t *testing.T) {
	const rounds, clients = 1000, 4
	e := newEnv(t, opts{})
	a := e.apis[0]
	var ids, etags []string
	for c := range clients {
		w := e.create(a, c, "ryw")
		ids, etags = append(ids, w.json(t)["id"].(string)), append(etags, w.header.Get("ETag"))
	}

	// Pause and resume the replica's replay at random moments.
	t.Cleanup(func() { resumeReplay(t) })
	ctx, cancel := context.WithCancel(context.Background())
	var toggles int
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		conn, err := pgx.Connect(ctx, pgtest.Replica().URL("postgres"))
		if err != nil {
			t.Errorf("connect to the replica: %v", err)
			return
		}
		defer conn.Close(context.Background())
		for paused := false; ctx.Err() == nil; paused = !paused {
			time.Sleep(time.Duration(rand.IntN(15)) * time.Millisecond)
			q := `SELECT pg_wal_replay_pause()`
			if paused {
				q = `SELECT pg_wal_replay_resume()`
			}
			// Not cancelled midway, which would leave the outcome unknown.
			if _, err := conn.Exec(context.Background(), q); err != nil {
				t.Errorf("%s: %v", q, err)
				return
			}
			toggles++
		}
	}()

	replicaBefore := a.reads(t, "replica-1")
	var mu sync.Mutex
	var stale, byReplica, byPrimary, plain, plainByReplica, plainStale int
	var cwg sync.WaitGroup
	for c := range clients {
		cwg.Add(1)
		go func() {
			defer cwg.Done()
			id, etag := ids[c], etags[c]
			for i := range rounds / clients {
				title := fmt.Sprintf("ryw client %d round %d", c, i)
				p := a.send(http.MethodPatch, "/meetings/"+id, []byte(`{"title": "`+title+`"}`),
					"Content-Type", "application/merge-patch+json", "If-Match", etag, "Authorization", "Bearer "+e.token)
				token := p.header.Get("Milmeet-Consistency")
				if p.err != nil || p.status != http.StatusOK || token == "" {
					t.Errorf("client %d round %d: PATCH: %v %s (token %q)", c, i, p.err, p, token)
					return
				}
				etag = p.header.Get("ETag")
				r := a.send(http.MethodGet, "/meetings/"+id, nil, "Milmeet-Consistency", token)
				var got struct{ Title string }
				if r.err != nil || r.status != http.StatusOK || json.Unmarshal(r.body, &got) != nil {
					t.Errorf("client %d round %d: GET: %v %s", c, i, r.err, r)
					return
				}
				mu.Lock()
				if got.Title != title {
					stale++
					t.Errorf("client %d round %d: read %q from %s with the token of %q", c, i, got.Title, r.node(), title)
				}
				switch r.node() {
				case "replica-1":
					byReplica++
				case "primary":
					byPrimary++
				}
				mu.Unlock()
				if i%10 == 0 {
					// The same read without the token.
					r := a.send(http.MethodGet, "/meetings/"+id, nil)
					if r.err != nil || json.Unmarshal(r.body, &got) != nil {
						t.Errorf("client %d round %d: GET without token: %v %s", c, i, r.err, r)
						return
					}
					mu.Lock()
					plain++
					if r.node() == "replica-1" {
						plainByReplica++
					}
					if got.Title != title {
						plainStale++
					}
					mu.Unlock()
				}
			}
		}()
	}
	cwg.Wait()
	cancel()
	wg.Wait()
	resumeReplay(t)
	t.Logf("%d rounds, replay paused or resumed %d times: reads with the token: %d stale, %d by the replica, %d by the primary; "+
		"reads without it: %d, %d by the replica, %d stale", rounds, toggles, stale, byReplica, byPrimary, plain, plainByReplica, plainStale)
	assert.Zero(t, stale, "a read with its token missed the write")
	assert.Equal(t, rounds, byReplica+byPrimary)
	assert.Positive(t, toggles)
	assert.Equal(t, plain, plainByReplica, "reads without a token all go to the replica")
	assert.Equal(t, float64(byReplica+plainByReplica), a.reads(t, "replica-1")-replicaBefore,
		"the metrics count the reads the replica served")
}
