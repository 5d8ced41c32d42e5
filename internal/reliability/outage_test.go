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
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/api"
	"github.com/milmeet/milmeet/internal/domain"
	httpapi "github.com/milmeet/milmeet/internal/http"
	"github.com/milmeet/milmeet/internal/pgcluster"
	"github.com/milmeet/milmeet/internal/postgres"
)

// ownCluster starts a PostgreSQL cluster for the calling test alone, from
// the installed server programs, and removes it at the end. Its data lives
// in a directory named like pgtest's throwaway clusters, so that a killed run
// leaves nothing that the next one does not clean.
//
// synchronous_commit is on: the cluster otherwise runs without it (fast,
// not durable), and a commit acknowledged just before Kill could then be
// lost with the postmaster's memory — which is PostgreSQL's documented
// trade-off, not the service's fault. fsync stays off: the page cache
// survives a killed process, only an operating-system crash loses it.
func ownCluster(t *testing.T) *pgcluster.Cluster {
	t.Helper()
	bin, err := pgcluster.FindBinDir(os.Getenv)
	if err != nil {
		t.Fatalf("the outage test starts and kills a PostgreSQL cluster of its own, from the installed server programs: %v", err)
	}
	root := os.TempDir()
	var st syscall.Statfs_t
	if syscall.Statfs("/dev/shm", &st) == nil && st.Bavail*uint64(st.Bsize) >= 1<<30 {
		root = "/dev/shm"
	}
	_ = pgcluster.CleanStale(root, "milmeet-test-")
	dir, err := pgcluster.MkdirTemp(root, "milmeet-test-")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var log bytes.Buffer
	c, err := pgcluster.Start(ctx, pgcluster.Options{
		DataDir:  dir + "/data",
		BinDir:   bin,
		Settings: map[string]string{"synchronous_commit": "on"},
		Log:      &syncWriter{w: &log},
	})
	if err != nil {
		_ = os.RemoveAll(dir)
		t.Fatalf("start the outage test's cluster: %v", err)
	}
	t.Cleanup(func() {
		_ = c.Stop()
		_ = os.RemoveAll(dir)
	})
	return c
}

type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// answer is one request of the traffic and what came of it.
type answer struct {
	kind       string // "read" or "write"
	start, end time.Time
	status     int // 0: no answer
	err        error
	ctype      string
	retryAfter string
	id         string // of a meeting created, or stored already (409)
	key        string // Idempotency-Key
	body       string
	replayed   bool // Idempotent-Replayed: true
}

func (a answer) String() string {
	return fmt.Sprintf("%s at %s → %d %s (Retry-After %q, %v) in %s: %.300s", a.kind, a.start.Format("15:04:05.000"),
		a.status, a.ctype, a.retryAfter, a.err, a.end.Sub(a.start).Round(time.Millisecond), a.body)
}

// traffic runs readers and writers against the API until stopped.
type traffic struct {
	base, token string
	client      *http.Client
	next        atomic.Int64

	mu         sync.Mutex
	answers    []answer
	unresolved []answer // the last answers of writes never answered for good

	stop chan struct{}
	wg   sync.WaitGroup
}

func startTraffic(base, token string, readers, writers int) *traffic {
	tr := &traffic{base: base, token: token, stop: make(chan struct{}),
		// The timeout is a hang guard only, never a measure of speed.
		client: &http.Client{Timeout: hangGuard, Transport: &http.Transport{MaxIdleConnsPerHost: 32}}}
	record := func(a answer) {
		tr.mu.Lock()
		tr.answers = append(tr.answers, a)
		tr.mu.Unlock()
	}
	for range readers {
		tr.wg.Add(1)
		go func() {
			defer tr.wg.Done()
			for {
				select {
				case <-tr.stop:
					return
				default:
				}
				record(tr.read())
				time.Sleep(5 * time.Millisecond)
			}
		}()
	}
	for range writers {
		tr.wg.Add(1)
		go func() {
			defer tr.wg.Done()
			w := &writer{tr: tr}
			for {
				select {
				case <-tr.stop:
					// A write not yet answered for good is retried with its
					// key until it is, as a client would, for a while.
					for deadline := time.Now().Add(hangGuard); w.pending && time.Now().Before(deadline); {
						record(w.step())
						time.Sleep(50 * time.Millisecond)
					}
					if w.pending {
						tr.mu.Lock()
						tr.unresolved = append(tr.unresolved, w.last)
						tr.mu.Unlock()
					}
					return
				default:
				}
				record(w.step())
				time.Sleep(5 * time.Millisecond)
			}
		}()
	}
	return tr
}

// writer posts distinct meetings, each with an Idempotency-Key, and sends a
// meeting again with the same key until it gets an answer for good: a 503
// (or a 409 saying the first attempt is still in progress) is retried.
type writer struct {
	tr      *traffic
	n       int
	key     string
	pending bool
	last    answer
}

func (w *writer) step() answer {
	if !w.pending {
		w.n = int(w.tr.next.Add(1))
		w.key = fmt.Sprintf("outage-%d-%d", os.Getpid(), w.n)
		w.pending = true
	}
	req, _ := http.NewRequest("POST", w.tr.base+"/meetings", bytes.NewReader(meetingLine(w.n, "outage")))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+w.tr.token)
	req.Header.Set("Idempotency-Key", w.key)
	a := w.tr.send("write", req)
	a.key = w.key
	if a.err == nil && a.status != 503 && !a.inProgress() {
		w.pending = false
	}
	w.last = a
	return a
}

// inProgress tells a 409 for a request with the same Idempotency-Key still
// running from one for a meeting stored already.
func (a answer) inProgress() bool {
	return a.status == http.StatusConflict && a.id == ""
}

func (tr *traffic) halt() {
	close(tr.stop)
	tr.wg.Wait()
}

func (tr *traffic) snapshot() []answer {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return append([]answer(nil), tr.answers...)
}

func (tr *traffic) read() answer {
	q := []string{"/meetings", "/meetings?country=AZ&limit=5", "/meetings?country=TR", "/officials?country=AZ"}
	n := tr.next.Add(1)
	req, _ := http.NewRequest("GET", tr.base+q[n%int64(len(q))], nil)
	return tr.send("read", req)
}

func (tr *traffic) send(kind string, req *http.Request) answer {
	a := answer{kind: kind, start: time.Now()}
	resp, err := tr.client.Do(req)
	if err != nil {
		a.err, a.end = err, time.Now()
		return a
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	a.end = time.Now()
	a.status, a.err, a.body = resp.StatusCode, err, string(body)
	a.ctype, a.retryAfter = resp.Header.Get("Content-Type"), resp.Header.Get("Retry-After")
	a.replayed = resp.Header.Get("Idempotent-Replayed") == "true"
	switch resp.StatusCode {
	case http.StatusCreated:
		var m struct {
			ID string `json:"id"`
		}
		if json.Unmarshal(body, &m) == nil {
			a.id = m.ID
		}
	case http.StatusConflict:
		// The meeting is stored already: an earlier attempt whose answer
		// was lost stored it.
		var p struct {
			ExistingID string `json:"existing_id"`
		}
		if json.Unmarshal(body, &p) == nil {
			a.id = p.ExistingID
		}
	}
	return a
}

// hangGuard bounds every wait of the outage test: an answer, the service's
// recovery. It is generous, for a loaded machine: the test asserts what the
// service does, never how fast (docs/reliability.md has the figures).
const hangGuard = time.Minute

// healthy waits until the traffic has n answers of each kind (read, write)
// served (200, 201) that started after since: healthy traffic, however long
// a loaded machine takes to make it.
func (tr *traffic) healthy(t *testing.T, since time.Time, n int) {
	t.Helper()
	deadline := time.Now().Add(hangGuard)
	for {
		served := map[string]int{}
		for _, a := range tr.snapshot() {
			if a.start.After(since) && (a.status == http.StatusOK || a.status == http.StatusCreated) {
				served[a.kind]++
			}
		}
		if served["read"] >= n && served["write"] >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the traffic is not served %s after %s: %v", hangGuard, since.Format("15:04:05.000"), served)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// get sends one GET and returns the answer.
func get(t *testing.T, client *http.Client, url string) answer {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	require.NoError(t, err)
	tr := &traffic{client: client}
	return tr.send("probe", req)
}

// TestDatabaseOutage runs the API in-process, wired as `api serve` wires it,
// under concurrent reads and writes, and takes its database away twice: a
// fast shutdown (Stop), then a crash (Kill). While the database is down
// every answer must be a 503 problem with Retry-After, /readyz 503 and
// /livez 200; once it is back the same pool must serve again by itself,
// each connection that died with the server costing at most one more 503;
// and no write acknowledged with 201 may be lost or stored in part. No
// assertion is on elapsed time: the waits are bounded only as hang guards.
func TestDatabaseOutage(t *testing.T) {
	ctx := context.Background()
	c := ownCluster(t)
	dbURL := c.URL("postgres")
	require.NoError(t, postgres.MigrateUp(ctx, dbURL))
	const maxConns = 8
	pool, err := postgres.Open(ctx, dbURL, postgres.Options{ConnectTimeout: time.Second, MaxConns: maxConns})
	require.NoError(t, err)
	t.Cleanup(pool.Close)

	st := postgres.NewStore(pool)
	svc := domain.NewService(domain.Stores{Meetings: st, Officials: st, Agreements: st, Countries: st,
		Stats: st, Rows: st, Keys: st, Audit: st, Imports: st, Idempotency: st})
	var logs bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&syncWriter{w: &logs}, nil))
	cfg := httpapi.DefaultConfig()
	cfg.WritesPerMinute = 0 // the traffic writes faster than the default limit allows
	srv := httptest.NewServer(httpapi.NewServer(svc, st, log, cfg, api.Spec).Handler())
	t.Cleanup(srv.Close)
	_, token, err := svc.CreateKey(ctx, "outage-writer", domain.ScopeWrite)
	require.NoError(t, err)

	probe := &http.Client{Timeout: hangGuard}
	// The officials the traffic names, stored one request at a time.
	for n := range len(guests) {
		req, _ := http.NewRequest("POST", srv.URL+"/meetings", bytes.NewReader(meetingLine(n, "outage-warmup")))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+token)
		a := (&traffic{client: probe}).send("warmup", req)
		require.Equal(t, http.StatusCreated, a.status, a.String())
	}
	tr := startTraffic(srv.URL, token, 4, 4)
	tr.next.Store(int64(len(guests)))
	halted := false
	defer func() {
		if !halted {
			tr.halt()
		}
		if f := os.Getenv("OUTAGE_LOG"); f != "" {
			_ = os.WriteFile(f, logs.Bytes(), 0o644)
		}
		if t.Failed() {
			t.Logf("server log (warnings, tail):\n%s", tail(grepLines(logs.String(), `"level":"WARN"`), 6000))
		}
	}()

	type window struct {
		name             string
		down, up, served time.Time
		restart          time.Time // when Restart was called: the server may answer before it returns
		until            time.Time // the next fault, or the end of the traffic
	}
	var windows []window
	for _, fault := range []struct {
		name  string
		apply func()
	}{
		{"stop", func() { require.NoError(t, c.Stop()) }},
		{"kill", c.Kill},
	} {
		tr.healthy(t, time.Now(), 10) // healthy traffic first
		if len(windows) > 0 {
			windows[len(windows)-1].until = time.Now()
		}
		fault.apply()
		w := window{name: fault.name, down: time.Now()}

		// Down: probes answer at once, and say so.
		time.Sleep(300 * time.Millisecond)
		for _, p := range []struct {
			path   string
			status int
		}{{"/readyz", 503}, {"/livez", 200}, {"/meetings", 503}, {"/meetings?country=AZ", 503}, {"/countries/AZ", 503}} {
			a := get(t, probe, srv.URL+p.path)
			require.Equal(t, p.status, a.status, "%s while the database is down (%s): %s", p.path, fault.name, a)
			if a.status == 503 {
				require.Equal(t, "application/problem+json", a.ctype, a.String())
				require.NotEmpty(t, a.retryAfter, a.String())
			}
		}
		time.Sleep(time.Second)

		// Back: the same pool serves again by itself.
		w.restart = time.Now()
		rctx, cancel := context.WithTimeout(ctx, time.Minute)
		require.NoError(t, c.Restart(rctx), "restart the cluster")
		cancel()
		w.up = time.Now()
		for {
			a := get(t, probe, srv.URL+"/meetings")
			if a.status == http.StatusOK {
				w.served = a.end
				break
			}
			require.Contains(t, []int{200, 503}, a.status, "while the database comes back: %s", a)
			require.Less(t, time.Since(w.up), hangGuard, "GET /meetings still fails %s after the database came back: %s", hangGuard, a)
			time.Sleep(50 * time.Millisecond)
		}
		a := get(t, probe, srv.URL+"/readyz")
		require.Equal(t, http.StatusOK, a.status, "readyz once back: %s", a)
		t.Logf("%s: served again %s after the restart", fault.name, w.served.Sub(w.up).Round(time.Millisecond))
		windows = append(windows, w)
	}
	tr.healthy(t, windows[len(windows)-1].served, 10) // healthy traffic last
	windows[len(windows)-1].until = time.Now()
	tr.halt()
	halted = true

	// Every answer: 2xx while up, a 503 problem while down, never anything
	// else.
	answers := tr.snapshot()
	counts := map[string]int{}
	late := map[string]int{} // 503s that started after the service was back, by fault
	var acked []string
	for _, a := range answers {
		counts[fmt.Sprintf("%s %d", a.kind, a.status)]++
		if a.err != nil || a.status == 0 {
			t.Errorf("no answer: %s", a)
			continue
		}
		if a.id != "" {
			acked = append(acked, a.id)
		}
		switch {
		case a.status == 200 || a.status == 201:
		case a.status == 409 && a.kind == "write":
			// Checked below: a 409 for a meeting stored already is the
			// answer to a retry whose first attempt's answer was lost.
		case a.status == 503:
			if a.ctype != "application/problem+json" || a.retryAfter == "" {
				t.Errorf("a 503 without problem+json or Retry-After: %s", a)
			}
		default:
			t.Errorf("neither a success nor a 503: %s", a)
		}
		for _, w := range windows {
			inside := a.start.After(w.down) && a.end.Before(w.restart)
			if inside && a.status != 503 {
				t.Errorf("while the database was down (%s): %s", w.name, a)
			}
			// Once the probe was served, the traffic is too: a pooled
			// connection that died with the server may cost one more 503,
			// then it is gone, so there are at most as many as the pool
			// has connections.
			if a.status == 503 && a.start.After(w.served) && a.end.Before(w.until) {
				late[w.name]++
			}
		}
	}
	t.Logf("answers: %v; %d writes acknowledged; 503s after recovery: %v", counts, len(acked), late)
	for name, n := range late {
		if n > maxConns {
			t.Errorf("%d answers 503 after the service came back (%s): more than the pool's %d connections could cost", n, name, maxConns)
		}
	}
	// Every write was answered for good at last: retried with its key, a
	// write cut off by the outage must not stay "in progress".
	for _, a := range tr.unresolved {
		t.Errorf("a write retried with its Idempotency-Key for %s after the outage never got an answer for good: %s", hangGuard, a)
	}
	require.Positive(t, counts["write 201"], "no write succeeded")
	require.Positive(t, counts["read 503"]+counts["write 503"], "the traffic never saw the outage")

	// Nothing acknowledged was lost, nothing stored in part.
	for _, id := range acked {
		a := get(t, probe, srv.URL+"/meetings/"+id)
		require.Equal(t, http.StatusOK, a.status, "meeting %s was acknowledged with 201 but is not readable: %s", id, a)
	}
	var orphans, stored int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM meetings m
		WHERE NOT EXISTS (SELECT 1 FROM delegations d WHERE d.meeting_id = m.id)`).Scan(&orphans))
	require.Zero(t, orphans, "meetings stored without their delegations")
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM meetings`).Scan(&stored))
	require.GreaterOrEqual(t, stored, len(acked))
	require.NotContains(t, logs.String(), `"internal error"`, "a failure logged as an internal error")
}

func grepLines(s, sub string) string {
	var b strings.Builder
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := strings.IndexByte(s[len(s)-n:], '\n')
	return s[len(s)-n+i+1:]
}
