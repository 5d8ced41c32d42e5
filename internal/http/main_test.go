package http_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/api"
	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/drafter"
	httpapi "github.com/milmeet/milmeet/internal/http"
	"github.com/milmeet/milmeet/internal/pgtest"
	"github.com/milmeet/milmeet/internal/postgres"
	"github.com/milmeet/milmeet/internal/seed"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// env is a server over a fresh database of its own, with a key of each
// scope.
type env struct {
	t    *testing.T
	h    http.Handler
	pool *pgxpool.Pool
	svc  *domain.Service
	// Bearer tokens of the keys named reader, writer and admin.
	reader, writer, admin string
	// logs holds what the server logged.
	logs *syncBuffer
	// st is the store the server runs on.
	st *postgres.Store
}

// syncBuffer is a buffer that a server and a test may use at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.b.Reset()
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// newEnv returns a server over a fresh database holding the seed meetings.
func newEnv(t *testing.T) *env {
	t.Helper()
	e := newEmptyEnv(t)
	e.seed()
	return e
}

// seed stores the seed meetings.
func (e *env) seed() {
	e.t.Helper()
	ms, err := seed.Meetings()
	require.NoError(e.t, err)
	for i := range ms {
		_, err := e.svc.CreateMeeting(context.Background(), &ms[i])
		require.NoError(e.t, err, "seed meeting %d", i)
	}
}

// newEmptyEnv returns a server over a fresh database without meetings.
func newEmptyEnv(t *testing.T) *env {
	return newConfiguredEnv(t, httpapi.DefaultConfig())
}

// newConfiguredEnv returns a server with cfg over a fresh database.
func newConfiguredEnv(t *testing.T, cfg httpapi.Config) *env {
	t.Helper()
	pool := pgtest.New(t)
	return newEnvOn(t, cfg, pool, pool)
}

// newProxiedEnv returns a server with cfg over a fresh database that it
// reaches through a proxy the test may cut; e.pool reaches the database
// directly, for checks.
func newProxiedEnv(t *testing.T, cfg httpapi.Config) (*env, *pgtest.Proxy) {
	t.Helper()
	dbURL := pgtest.URL(t)
	proxy := pgtest.NewProxy(t, dbURL)
	ctx := context.Background()
	direct, err := pgxpool.New(ctx, dbURL)
	require.NoError(t, err)
	t.Cleanup(direct.Close)
	pool, err := postgres.Open(ctx, proxy.URL(dbURL), postgres.Options{ConnectTimeout: time.Second})
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	return newEnvOn(t, cfg, pool, direct), proxy
}

// newEnvOn returns a server with cfg whose store runs on pool; e.pool is
// check.
// Each of wrap may replace some of the stores, to force a failure.
func newEnvOn(t *testing.T, cfg httpapi.Config, pool, check *pgxpool.Pool, wrap ...func(*domain.Stores)) *env {
	t.Helper()
	st := postgres.NewStore(pool)
	stores := domain.Stores{Meetings: st, Officials: st, Agreements: st, Countries: st,
		Stats: st, Rows: st, Keys: st, Audit: st, Imports: st, Idempotency: st, Articles: st,
		Drafts: st, Tx: st, Extractor: drafter.New()}
	for _, w := range wrap {
		w(&stores)
	}
	svc := domain.NewService(stores)
	logs := &syncBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, nil))
	srv := httpapi.NewServer(svc, st, log, cfg, api.Spec)
	e := &env{t: t, h: srv.Handler(), pool: check, svc: svc, logs: logs, st: st}
	for name, dst := range map[domain.Scope]*string{domain.ScopeRead: &e.reader, domain.ScopeWrite: &e.writer,
		domain.ScopeAdmin: &e.admin} {
		_, token, err := svc.CreateKey(context.Background(), map[domain.Scope]string{
			domain.ScopeRead: "reader", domain.ScopeWrite: "writer", domain.ScopeAdmin: "admin"}[name], name)
		require.NoError(t, err)
		*dst = "Bearer " + token
	}
	return e
}

// response is a recorded answer.
type response struct {
	*httptest.ResponseRecorder
	t *testing.T
}

// json decodes the body into v.
func (r response) json(v any) {
	r.t.Helper()
	require.NoError(r.t, json.Unmarshal(r.Body.Bytes(), v), "body: %s", r.Body.String())
}

// object returns the body as a generic JSON object.
func (r response) object() map[string]any {
	var m map[string]any
	r.json(&m)
	return m
}

// do sends a request and checks the answer against api/openapi.yaml.
// Writes carry the writer key unless headers set Authorization ("" for
// none).
func (e *env) do(method, target string, body any, headers ...string) response {
	e.t.Helper()
	var rd io.Reader
	var raw []byte
	switch b := body.(type) {
	case nil:
	case string:
		raw = []byte(b)
	case []byte:
		raw = b
	default:
		var err error
		raw, err = json.Marshal(b)
		require.NoError(e.t, err)
	}
	if raw != nil {
		rd = bytes.NewReader(raw)
	}
	req := httptest.NewRequest(method, target, rd)
	if raw != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if method != "GET" && method != "HEAD" && method != "OPTIONS" {
		req.Header.Set("Authorization", e.writer)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i+1] == "" {
			req.Header.Del(headers[i])
			continue
		}
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	checkSpec(e.t, method, target, raw, req.Header, rec)
	return response{rec, e.t}
}

var (
	specOnce   sync.Once
	specRouter routers.Router
	specErr    error
)

// checkSpec validates the response (and, for valid requests, the request)
// against the OpenAPI document, so that the spec stays true to the code.
func checkSpec(t *testing.T, method, target string, body []byte, h http.Header, rec *httptest.ResponseRecorder) {
	t.Helper()
	specOnce.Do(func() {
		loader := openapi3.NewLoader()
		doc, err := loader.LoadFromData(api.Spec)
		if err != nil {
			specErr = err
			return
		}
		if err = doc.Validate(context.Background()); err != nil {
			specErr = err
			return
		}
		doc.Servers = nil // match any host
		specRouter, specErr = legacy.NewRouter(doc)
	})
	require.NoError(t, specErr, "api/openapi.yaml")
	req := httptest.NewRequest(method, target, bytes.NewReader(body))
	req.Header = h.Clone()
	route, pathParams, err := specRouter.FindRoute(req)
	if rec.Code == http.StatusNotFound && err != nil || rec.Code == http.StatusMethodNotAllowed {
		return // no such route: nothing in the spec to hold it to
	}
	require.NoError(t, err, "%s %s is not in api/openapi.yaml", method, target)
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: pathParams, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 rec.Code,
		Header:                 rec.Header(),
		Body:                   io.NopCloser(bytes.NewReader(decoded(t, rec))),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true},
	}
	if rec.Code == http.StatusNotModified {
		return
	}
	err = openapi3filter.ValidateResponse(context.Background(), out)
	require.NoError(t, err, "%s %s → %d does not match api/openapi.yaml; body: %s", method, target, rec.Code,
		truncate(rec.Body.String(), 2000))
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// meetingID returns the id of the stored top-level meeting with the country.
func (e *env) meetingID(country string) string {
	e.t.Helper()
	r := e.do("GET", "/meetings?country="+country, nil)
	require.Equal(e.t, http.StatusOK, r.Code, r.Body.String())
	var p struct {
		Data []domain.MeetingSummary `json:"data"`
	}
	r.json(&p)
	require.Len(e.t, p.Data, 1, "meetings with %s", country)
	return p.Data[0].ID
}

// countRows returns the number of rows in a table.
func (e *env) countRows(table string) int {
	e.t.Helper()
	var n int
	require.NoError(e.t, e.pool.QueryRow(context.Background(), "SELECT count(*) FROM "+table).Scan(&n))
	return n
}

func lines(s string) []string { return strings.Split(strings.TrimSpace(s), "\n") }

// decoded returns the response body, gunzipped when it was sent gzipped.
func decoded(t *testing.T, rec *httptest.ResponseRecorder) []byte {
	t.Helper()
	if rec.Header().Get("Content-Encoding") != "gzip" || rec.Body.Len() == 0 || rec.Code == http.StatusNotModified {
		return rec.Body.Bytes()
	}
	zr, err := gzip.NewReader(bytes.NewReader(rec.Body.Bytes()))
	require.NoError(t, err)
	b, err := io.ReadAll(zr)
	require.NoError(t, err)
	return b
}
