package scaling

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/api"
	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/drafter"
	httpapi "github.com/milmeet/milmeet/internal/http"
	"github.com/milmeet/milmeet/internal/pgtest"
	"github.com/milmeet/milmeet/internal/postgres"
)

func TestMain(m *testing.M) { pgtest.MainWithReplica(m) }

// env is a database on the test primary, the same database on its replica,
// and instances of the API routing reads between them.
type env struct {
	t          *testing.T
	primaryURL string
	replicaURL string
	token      string // a key with the write scope
	apis       []*instance
}

// instance is one API server with its own router and metrics.
type instance struct {
	url    string
	router *postgres.Router
	reg    *prometheus.Registry
	svc    *domain.Service
	client *http.Client
}

// opts tune an env.
type opts struct {
	instances     int
	maxLag        time.Duration
	checkInterval time.Duration
	// sharedLimits counts the write limits in the database.
	sharedLimits bool
	// execMode and statementTimeout are the pools' (DB_QUERY_EXEC_MODE,
	// DB_STATEMENT_TIMEOUT).
	execMode         string
	statementTimeout time.Duration
	http             func(*httpapi.Config)
}

// newEnv returns an env with a fresh database and o.instances API servers
// (one when 0), each ready: its router sees the replica serving.
func newEnv(t *testing.T, o opts) *env {
	t.Helper()
	if o.instances == 0 {
		o.instances = 1
	}
	if o.checkInterval == 0 {
		o.checkInterval = 50 * time.Millisecond
	}
	primary := pgtest.URL(t)
	e := &env{t: t, primaryURL: primary, replicaURL: pgtest.ReplicaURL(t, primary)}
	for range o.instances {
		e.apis = append(e.apis, e.start(o))
	}
	_, token, err := e.apis[0].svc.CreateKey(context.Background(), "scaling-writer", domain.ScopeWrite)
	require.NoError(t, err)
	e.token = token
	for _, a := range e.apis {
		a.waitServing(t, "replica-1", true)
	}
	return e
}

// start starts an API server over the env's database and its replica.
func (e *env) start(o opts) *instance {
	t := e.t
	ctx := context.Background()
	router, err := postgres.OpenRouter(ctx, e.primaryURL, []string{e.replicaURL},
		postgres.Options{MaxConns: 8, ConnectTimeout: time.Second, QueryExecMode: o.execMode, StatementTimeout: o.statementTimeout},
		postgres.RouterOptions{MaxLag: o.maxLag, CheckInterval: o.checkInterval})
	require.NoError(t, err)
	t.Cleanup(router.Close)
	st := router.Store()
	svc := domain.NewService(domain.Stores{Meetings: st, Officials: st, Agreements: st, Countries: st,
		Stats: st, Rows: st, Keys: st, Audit: st, Imports: st, Idempotency: st, Articles: st,
		Drafts: st, Tx: st, Extractor: drafter.New()})
	reg := prometheus.NewRegistry()
	reg.MustRegister(postgres.NewRouterCollector(router))
	cfg := httpapi.DefaultConfig()
	cfg.Registerer, cfg.Gatherer = reg, reg
	cfg.WritesPerMinute = 0
	cfg.RetryAfterSeconds = 1
	cfg.CursorSecret = "the secret every instance of the test shares"
	if o.sharedLimits {
		cfg.SharedLimits = st
	}
	if o.http != nil {
		o.http(&cfg)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := httptest.NewServer(httpapi.NewServer(svc, st, log, cfg, api.Spec).Handler())
	t.Cleanup(srv.Close)
	return &instance{url: srv.URL, router: router, reg: reg, svc: svc, client: &http.Client{Timeout: 10 * time.Second}}
}

// answer is a response read whole.
type answer struct {
	status int
	header http.Header
	body   []byte
	err    error
}

func (a answer) String() string { return fmt.Sprintf("%d %s", a.status, bytes.TrimSpace(a.body)) }

func (a answer) node() string { return a.header.Get("Milmeet-Node") }

func (a answer) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(a.body, &m), "body: %s", a.body)
	return m
}

// do sends a request to the instance; header holds extra header pairs.
func (a *instance) do(t *testing.T, method, path string, body []byte, header ...string) answer {
	t.Helper()
	r := a.send(method, path, body, header...)
	require.NoError(t, r.err)
	return r
}

// send is do for any goroutine: it returns its error in the answer.
func (a *instance) send(method, path string, body []byte, header ...string) answer {
	req, err := http.NewRequest(method, a.url+path, bytes.NewReader(body))
	if err != nil {
		return answer{err: err}
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := a.client.Do(req)
	if err != nil {
		return answer{err: err}
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	return answer{status: resp.StatusCode, header: resp.Header, body: raw, err: err}
}

// readyz returns the instance's /readyz answer.
func (a *instance) readyz(t *testing.T) (int, map[string]map[string]any) {
	t.Helper()
	r := a.do(t, "GET", "/readyz", nil)
	nodes := map[string]map[string]any{}
	m := r.json(t)
	list, _ := m["nodes"].([]any)
	for _, n := range list {
		n := n.(map[string]any)
		nodes[n["name"].(string)] = n
	}
	return r.status, nodes
}

// waitServing waits until /readyz says node serves (or not).
func (a *instance) waitServing(t *testing.T, node string, serving bool) map[string]any {
	t.Helper()
	var last map[string]any
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		_, nodes := a.readyz(t)
		if last = nodes[node]; last != nil && last["serving"] == serving {
			return last
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s serving=%v not seen within 20 s; last: %v", node, serving, last)
	return nil
}

// reads returns milmeet_db_reads_total of a node on the instance.
func (a *instance) reads(t *testing.T, node string) float64 {
	t.Helper()
	mfs, err := a.reg.Gather()
	require.NoError(t, err)
	for _, mf := range mfs {
		if mf.GetName() != "milmeet_db_reads_total" {
			continue
		}
		for _, m := range mf.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == "node" && l.GetValue() == node {
					return m.GetCounter().GetValue()
				}
			}
		}
	}
	t.Fatalf("no milmeet_db_reads_total{node=%q}", node)
	return 0
}

// meeting returns the JSON body of a valid meeting; n picks its date, so
// that no two n are the same meeting.
func meeting(n int, tag string) []byte {
	day := time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n)
	raw, err := json.Marshal(map[string]any{
		"title": fmt.Sprintf("%s meeting %d", tag, n),
		"date":  day.Format("2006-01-02"),
		"kind":  "working_visit",
		"delegations": []any{
			map[string]any{"country": "AZ", "role": "host", "head": map[string]any{"name": "Zakir Hasanov"}},
			map[string]any{"country": "UZ", "role": "guest", "head": map[string]any{"name": "Bakhodir Kurbanov"}},
		},
		"sources": []any{map[string]any{"url": fmt.Sprintf("https://example.org/%s/%d", tag, n), "outlet": "Example"}},
	})
	if err != nil {
		panic(err)
	}
	return raw
}

// create posts a meeting and returns its answer, which must be 201.
func (e *env) create(a *instance, n int, tag string) answer {
	e.t.Helper()
	r := a.do(e.t, "POST", "/meetings", meeting(n, tag), "Authorization", "Bearer "+e.token)
	require.Equal(e.t, http.StatusCreated, r.status, r.String())
	return r
}

// replica runs SQL on the replica's postgres database.
func replicaExec(t *testing.T, sql string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, pgtest.Replica().URL("postgres"))
	require.NoError(t, err)
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	require.NoError(t, err)
}

// pauseReplay pauses the replica's replay until resumeReplay or the end of
// the test.
func pauseReplay(t *testing.T) {
	t.Helper()
	replicaExec(t, `SELECT pg_wal_replay_pause()`)
	t.Cleanup(func() { replicaExec(t, `SELECT pg_wal_replay_resume()`) })
}

func resumeReplay(t *testing.T) { replicaExec(t, `SELECT pg_wal_replay_resume()`) }

// stopped stops a server of the test cluster and starts it again at the
// end of the test (before its database is dropped).
func stopped(t *testing.T, which string) (restart func()) {
	t.Helper()
	c := pgtest.Cluster()
	if which == "replica" {
		c = pgtest.Replica()
	}
	require.NoError(t, c.Stop())
	var once sync.Once
	restart = func() {
		once.Do(func() {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			require.NoError(t, c.Restart(ctx))
		})
	}
	t.Cleanup(restart)
	return restart
}

// has reports whether the body of a list holds a meeting titled title.
func has(body []byte, title string) bool {
	return strings.Contains(string(body), `"title":"`+title+`"`)
}
