package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/config"
	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// runCmd runs the binary's commands against the database url.
func runCmd(t *testing.T, url string, args ...string) (string, string, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	getenv := func(k string) string {
		if k == "DATABASE_URL" {
			return url
		}
		return ""
	}
	err := run(context.Background(), args, getenv, &stdout, &stderr)
	return stdout.String(), stderr.String(), err
}

func TestMigrateSeedKeysImport(t *testing.T) {
	url := pgtest.URL(t)

	out, _, err := runCmd(t, url, "migrate", "version")
	require.NoError(t, err)
	assert.Contains(t, out, "version")

	out, _, err = runCmd(t, url, "seed")
	require.NoError(t, err)
	assert.Contains(t, out, "5 meetings created, 0 already stored")
	out, _, err = runCmd(t, url, "seed")
	require.NoError(t, err)
	assert.Contains(t, out, "0 meetings created, 5 already stored")

	out, errOut, err := runCmd(t, url, "keys", "create", "--name", "ci", "--scope", "write")
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(out, "mm_"), out)
	assert.Contains(t, errOut, "shown this once")
	out, _, err = runCmd(t, url, "keys", "list")
	require.NoError(t, err)
	assert.Contains(t, out, "ci")
	assert.NotContains(t, out, "mm_", "tokens are never shown again")
	_, _, err = runCmd(t, url, "keys", "revoke", "ci")
	require.NoError(t, err)
	_, _, err = runCmd(t, url, "keys", "revoke", "ci")
	assert.Error(t, err)
	_, _, err = runCmd(t, url, "keys", "create", "--name", "bad name!", "--scope", "write")
	assert.Error(t, err)

	file := filepath.Join(t.TempDir(), "m.ndjson")
	require.NoError(t, os.WriteFile(file, []byte(
		`{"title":"A","date":"2020-01-02","kind":"meeting","delegations":[{"country":"AZ","role":"host"},{"country":"FR","role":"guest"}]}`+"\n"+
			`{"title":"B","date":"2020-13-02","kind":"meeting","delegations":[{"country":"AZ","role":"host"}]}`+"\n"), 0o644))
	out, errOut, err = runCmd(t, url, "import", file)
	require.Error(t, err, "one line failed")
	assert.Contains(t, out, `"stored": 1`)
	assert.Contains(t, out, `"line": 2`)
	assert.Contains(t, errOut, "lines/s")

	_, _, err = runCmd(t, url, "frobnicate")
	assert.Error(t, err)
}

func TestServeNeedsDatabaseURL(t *testing.T) {
	_, _, err := runCmd(t, "", "serve")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "DATABASE_URL")
}

func TestExtractEval(t *testing.T) {
	out, _, err := runCmd(t, "", "extract", "eval", "-detail=false", filepath.Join("..", "..", "internal", "extract", "testdata", "corpus"))
	require.NoError(t, err)
	for _, s := range []string{"== train:", "== test:", "countries (exact set)", "dates invented", "calibration"} {
		assert.Contains(t, out, s)
	}
	assert.NotContains(t, out, "per report:")

	out, _, err = runCmd(t, "", "extract", "eval", "-json", filepath.Join("..", "..", "internal", "extract", "testdata", "corpus"))
	require.NoError(t, err)
	assert.Contains(t, out, `"calibration"`)

	// a malformed annotation is an error that names the report
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "set"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "set", "a001_x.txt"), []byte("text"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "set", "a001_x.json"), []byte(`{"url": 1}`), 0o644))
	_, _, err = runCmd(t, "", "extract", "eval", filepath.Join(dir, "set"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "set/a001_x")
}

// runEnv runs the binary's commands with the environment env.
func runEnv(ctx context.Context, env map[string]string, stdout, stderr io.Writer, args ...string) error {
	return run(ctx, args, func(k string) string { return env[k] }, stdout, stderr)
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"--help"}, {"help"}} {
		var out bytes.Buffer
		require.NoError(t, runEnv(context.Background(), nil, &out, io.Discard, args...), args)
		for _, c := range commands {
			assert.Contains(t, out.String(), "\n  "+c.name+" ", "%v lists %s", args, c.name)
		}
		for _, v := range config.Vars() {
			assert.Contains(t, out.String(), v.Env, "%v lists %s", args, v.Env)
		}
	}
	for _, c := range commands {
		var out bytes.Buffer
		require.NoError(t, runEnv(context.Background(), nil, &out, io.Discard, "help", c.name), c.name)
		assert.Contains(t, out.String(), "usage: api "+c.name)
		var same bytes.Buffer
		require.NoError(t, runEnv(context.Background(), nil, &same, io.Discard, c.name, "-h"), c.name)
		assert.Equal(t, out.String(), same.String(), "api help %s is api %[1]s -h", c.name)
	}
	var out bytes.Buffer
	require.NoError(t, runEnv(context.Background(), nil, &out, io.Discard, "help", "serve"))
	for _, v := range []string{"READ_REQUIRES_KEY", "-read-requires-key", "REQUEST_TIMEOUT", "HTTP_ADDR", "-no-migrate"} {
		assert.Contains(t, out.String(), v)
	}
	assert.NotContains(t, out.String(), "DEV_PGPORT", "serve does not read dev's settings")

	err := runEnv(context.Background(), nil, io.Discard, io.Discard, "help", "frobnicate")
	assert.ErrorContains(t, err, `unknown command "frobnicate"`)
}

func TestConfigRefusesNonsense(t *testing.T) {
	for name, env := range map[string]map[string]string{
		"REQUEST_TIMEOUT":   {"REQUEST_TIMEOUT": "abc"},
		"SHUTDOWN_GRACE":    {"SHUTDOWN_GRACE": "15"},
		"READ_REQUIRES_KEY": {"READ_REQUIRES_KEY": "maybe"},
	} {
		env["DATABASE_URL"] = "postgres://127.0.0.1:1/none"
		for _, cmd := range []string{"serve", "dev", "seed"} {
			err := runEnv(context.Background(), env, io.Discard, io.Discard, cmd)
			require.Error(t, err, "%s with %v", cmd, env)
			assert.Contains(t, err.Error(), name)
		}
	}
	err := runEnv(context.Background(), nil, io.Discard, io.Discard, "serve", "-request-timeout", "abc")
	assert.ErrorContains(t, err, "-request-timeout")
}

func TestBusyPortNamesHTTPAddr(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	dir := filepath.Join(t.TempDir(), "pg")
	err = runEnv(context.Background(), map[string]string{"HTTP_ADDR": ln.Addr().String(), "DEV_PGDATA": dir},
		io.Discard, io.Discard, "dev")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "HTTP_ADDR")
	assert.NoDirExists(t, dir, "no cluster was started")
}

// syncBuffer is a bytes.Buffer safe for a server's logger and a test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServe runs `api serve` with env on a free port and returns its base
// URL; the server stops with the test.
func startServe(t *testing.T, env map[string]string) string {
	t.Helper()
	env["HTTP_ADDR"] = "127.0.0.1:0"
	env["LOG_FORMAT"] = "json"
	ctx, cancel := context.WithCancel(context.Background())
	var logs syncBuffer
	done := make(chan error, 1)
	go func() { done <- runEnv(ctx, env, io.Discard, &logs, "serve") }()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	addr := regexp.MustCompile(`"msg":"serving","addr":"([^"]+)"`)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if m := addr.FindStringSubmatch(logs.String()); m != nil {
			return "http://" + m[1]
		}
		select {
		case err := <-done:
			t.Fatalf("serve stopped: %v\n%s", err, logs.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("serve did not start:\n%s", logs.String())
	return ""
}

func TestReadRequiresKey_Spellings(t *testing.T) {
	url := pgtest.URL(t)
	for _, spelling := range []string{"yes", "on", "1", "TRUE"} {
		base := startServe(t, map[string]string{"DATABASE_URL": url, "READ_REQUIRES_KEY": spelling})
		resp, err := http.Get(base + "/meetings")
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusUnauthorized, resp.StatusCode, "READ_REQUIRES_KEY=%s", spelling)
	}
	base := startServe(t, map[string]string{"DATABASE_URL": url, "READ_REQUIRES_KEY": "off"})
	resp, err := http.Get(base + "/meetings")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}

func TestToolsFindTheDevCluster(t *testing.T) {
	url := pgtest.URL(t)
	dir := t.TempDir()
	env := map[string]string{"DEV_PGDATA": dir}
	err := runEnv(context.Background(), env, io.Discard, io.Discard, "keys", "list")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "DATABASE_URL is not set")
	assert.Contains(t, err.Error(), "make run")

	// As `api dev` leaves it while it runs.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "url"), []byte(url+"\n"), 0o644))
	var out bytes.Buffer
	require.NoError(t, runEnv(context.Background(), env, &out, io.Discard, "migrate", "version"))
	assert.Contains(t, out.String(), "version")
}

// TestServeReadsReplicaSettings: serve routes reads by DATABASE_READ_URLS
// (here the primary itself, which is no replica and so serves no reads),
// sends statements as DB_QUERY_EXEC_MODE says, and counts write limits in
// the database with RATE_LIMIT_STORE=postgres.
func TestServeReadsReplicaSettings(t *testing.T) {
	url := pgtest.URL(t)
	base := startServe(t, map[string]string{"DATABASE_URL": url, "DATABASE_READ_URLS": url + ", ",
		"MAX_REPLICA_LAG": "2s", "REPLICA_CHECK_INTERVAL": "100ms", "DB_QUERY_EXEC_MODE": "cache_describe",
		"RATE_LIMIT_STORE": "postgres"})
	resp, err := http.Get(base + "/readyz")
	require.NoError(t, err)
	var ready struct {
		Status string
		Nodes  []struct {
			Name, Role, Problem string
			Serving             bool
		}
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&ready))
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "degraded", ready.Status)
	require.Len(t, ready.Nodes, 2)
	assert.Equal(t, "replica-1", ready.Nodes[1].Name)
	assert.False(t, ready.Nodes[1].Serving)
	assert.Contains(t, ready.Nodes[1].Problem, "not in recovery")

	resp, err = http.Get(base + "/meetings?country=UZ")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "primary", resp.Header.Get("Milmeet-Node"))

	ctx := context.Background()
	out, _, err := runCmd(t, url, "keys", "create", "--name", "replica-settings", "--scope", "write")
	require.NoError(t, err)
	token := strings.TrimSpace(out)
	req, _ := http.NewRequestWithContext(ctx, "POST", base+"/meetings", strings.NewReader(`{}`))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err = http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, "599", resp.Header.Get("RateLimit-Remaining"))
	var counted int
	conn, err := pgx.Connect(ctx, url)
	require.NoError(t, err)
	defer conn.Close(ctx)
	require.NoError(t, conn.QueryRow(ctx, `SELECT sum(count) FROM rate_limit_counts`).Scan(&counted))
	assert.Equal(t, 1, counted, "the write was counted in the database")

	err = runEnv(ctx, map[string]string{"DATABASE_URL": url, "DB_QUERY_EXEC_MODE": "prepared"}, io.Discard, io.Discard, "serve")
	assert.ErrorContains(t, err, "DB_QUERY_EXEC_MODE")
}

// TestServeMetrics: METRICS_ADDR takes /metrics off the API's address onto
// its own; METRICS_KEY makes it need the key.
func TestServeMetrics(t *testing.T) {
	url := pgtest.URL(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	metricsAddr := l.Addr().String()
	require.NoError(t, l.Close())
	key := "metrics-key-0123456789"
	base := startServe(t, map[string]string{"DATABASE_URL": url, "METRICS_ADDR": metricsAddr, "METRICS_KEY": key})
	status := func(target, auth string) int {
		t.Helper()
		req, err := http.NewRequest("GET", target, nil)
		require.NoError(t, err)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		return resp.StatusCode
	}
	assert.Equal(t, http.StatusNotFound, status(base+"/metrics", "Bearer "+key), "/metrics on the API's address")
	assert.Equal(t, http.StatusUnauthorized, status("http://"+metricsAddr+"/metrics", ""))
	assert.Equal(t, http.StatusUnauthorized, status("http://"+metricsAddr+"/metrics", "Bearer wrong"))
	assert.Equal(t, http.StatusOK, status("http://"+metricsAddr+"/metrics", "Bearer "+key))
	assert.Equal(t, http.StatusOK, status(base+"/readyz", ""))
}

// TestDevCursorSecret: dev makes a cursor secret once, keeps it readable
// by its owner alone, and reads the same one back.
func TestDevCursorSecret(t *testing.T) {
	dir := t.TempDir()
	first, err := devCursorSecret(dir)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, len(first), domain.MinCursorSecret)
	st, err := os.Stat(filepath.Join(dir, cursorSecretFile))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), st.Mode().Perm())
	again, err := devCursorSecret(dir)
	require.NoError(t, err)
	assert.Equal(t, first, again)
}

// TestDevCursorSecret_OwnedAsTheCluster: as root, `api dev` runs the cluster
// as another user; the secret it keeps in the data directory is that
// user's, or pg_basebackup of the cluster fails on it ("could not open
// file ./cursor-secret: Permission denied").
func TestDevCursorSecret_OwnedAsTheCluster(t *testing.T) {
	dir := t.TempDir()
	if os.Geteuid() == 0 {
		require.NoError(t, os.Chown(dir, 65534, 65534)) // nobody, as a cluster's owner
	}
	_, err := devCursorSecret(dir)
	require.NoError(t, err)
	d, err := os.Stat(dir)
	require.NoError(t, err)
	f, err := os.Stat(filepath.Join(dir, cursorSecretFile))
	require.NoError(t, err)
	assert.Equal(t, d.Sys().(*syscall.Stat_t).Uid, f.Sys().(*syscall.Stat_t).Uid, "the secret's owner")
	assert.Equal(t, os.FileMode(0o600), f.Mode().Perm())
}

// TestCursorSecretTooShort: a secret under 32 bytes stops the start.
func TestCursorSecretTooShort(t *testing.T) {
	err := runEnv(context.Background(), map[string]string{"DATABASE_URL": "postgres://x", "CURSOR_SECRET": "short"},
		io.Discard, io.Discard, "serve")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "CURSOR_SECRET")
}
