package reliability

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/pgtest"
	"github.com/milmeet/milmeet/migrations"
)

// TestServeBinary builds cmd/api once and runs it as production does: a
// graceful shutdown with requests in flight, a grace period too short for an
// import, and three instances starting at once on an empty database.
func TestServeBinary(t *testing.T) {
	bin := buildAPI(t, t.TempDir())
	t.Run("SIGTERM_drains_in_flight", func(t *testing.T) { t.Parallel(); testDrain(t, bin) })
	t.Run("grace_over_import_atomic", func(t *testing.T) { t.Parallel(); testGraceOver(t, bin) })
	t.Run("concurrent_start", func(t *testing.T) { t.Parallel(); testConcurrentStart(t, bin) })
}

// importResult is what a client got for an import.
type importResult struct {
	status int
	err    error
	report struct {
		Lines  int `json:"lines"`
		Stored int `json:"stored"`
		Failed int `json:"failed"`
	}
	body string
}

// postImport sends an NDJSON import and reads the answer.
func postImport(client *http.Client, url, token string, body io.Reader) importResult {
	var r importResult
	req, err := http.NewRequest("POST", url, body)
	if err != nil {
		r.err = err
		return r
	}
	req.Header.Set("Content-Type", "application/x-ndjson")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := client.Do(req)
	if err != nil {
		r.err = err
		return r
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	r.status, r.err, r.body = resp.StatusCode, err, string(raw)
	if err == nil {
		r.err = json.Unmarshal(raw, &r.report)
	}
	return r
}

func lines(from, n int, tag string) [][]byte {
	out := make([][]byte, n)
	for i := range out {
		out[i] = meetingLine(from+i, tag)
	}
	return out
}

// fatLines are meetings of about 20 KB each in an export (40 agreements
// with long titles): a few hundred make an export larger than what the
// socket buffers of a loopback connection hold, cheap to import.
func fatLines(from, n int, tag string) [][]byte {
	out := make([][]byte, n)
	for i := range out {
		var m map[string]any
		if err := json.Unmarshal(meetingLine(from+i, tag), &m); err != nil {
			panic(err)
		}
		var as []any
		for j := range 40 {
			as = append(as, map[string]any{"title": fmt.Sprintf("Agreement %d of meeting %d: %s", j, from+i,
				strings.TrimSpace(strings.Repeat("on military cooperation ", 19))), "type": "other"})
		}
		m["agreements"] = as
		raw, err := json.Marshal(m)
		if err != nil {
			panic(err)
		}
		out[i] = raw
	}
	return out
}

func countMeetings(t *testing.T, dbURL string) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dbURL)
	require.NoError(t, err)
	defer conn.Close(ctx)
	var n, orphans int
	require.NoError(t, conn.QueryRow(ctx, "SELECT count(*) FROM meetings").Scan(&n))
	require.NoError(t, conn.QueryRow(ctx, `SELECT count(*) FROM meetings m
		WHERE NOT EXISTS (SELECT 1 FROM delegations d WHERE d.meeting_id = m.id)`).Scan(&orphans))
	require.Zero(t, orphans, "meetings stored without their delegations")
	return n
}

// slowReader dials with a small receive buffer, so that a large answer
// stays in flight while the client does not read.
func slowClient() *http.Client {
	d := &net.Dialer{Control: func(_, _ string, c syscall.RawConn) error {
		var err error
		_ = c.Control(func(fd uintptr) { err = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4096) })
		return err
	}}
	return &http.Client{Timeout: time.Minute, Transport: &http.Transport{DialContext: d.DialContext, DisableCompression: true}}
}

// testDrain: SIGTERM while two imports upload slowly and an NDJSON export
// is read slowly. The listener closes at once (new connections refused),
// the three requests finish whole, and the process exits 0 within its
// grace period (its log says the grace period did not run out).
func testDrain(t *testing.T, bin string) {
	t0 := time.Now()
	phase := func(name string) { t.Logf("%6s %s", time.Since(t0).Round(time.Millisecond), name) }
	dbURL := pgtest.URL(t)
	token := writeKey(t, bin, dbURL, "drain")
	// Stored before the server starts, one import at a time: the export's
	// rows, and the officials the imports name. 300 meetings of ~20 KB make
	// a 6 MB export, more than the 4 MB a loopback connection's send buffer
	// grows to (net.ipv4.tcp_wmem), so that it cannot be written out before
	// the client reads.
	const preload = 300
	file := filepath.Join(t.TempDir(), "preload.ndjson")
	require.NoError(t, os.WriteFile(file, bytes.Join(fatLines(0, preload, "preload"), []byte("\n")), 0o644))
	runAPI(t, bin, dbURL, "import", "-atomic", file)
	require.Equal(t, preload, countMeetings(t, dbURL))
	phase("preloaded")

	const grace = 30 * time.Second
	p := startServe(t, bin, dbURL, "SHUTDOWN_GRACE="+grace.String(), "RATE_LIMIT_WRITES_PER_MINUTE=0")

	const n1, n2 = 400, 300
	client := &http.Client{Timeout: time.Minute}
	var wg sync.WaitGroup
	var imp1, imp2 importResult
	body1, sent1 := slowBody(lines(10_000, n1, "drain-a"), 10, 150*time.Millisecond)
	body2, sent2 := slowBody(lines(20_000, n2, "drain-b"), 8, 200*time.Millisecond)
	wg.Add(2)
	go func() {
		defer wg.Done()
		imp1 = postImport(client, p.base+"/imports?atomic=true", token, body1)
	}()
	go func() {
		defer wg.Done()
		imp2 = postImport(client, p.base+"/imports", token, body2)
	}()
	// The export: its first bytes read, then left unread until after the
	// signal.
	resp, err := slowClient().Get(p.base + "/meetings?format=ndjson")
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	export := bufio.NewReaderSize(resp.Body, 4096)
	first, err := export.ReadBytes('\n')
	require.NoError(t, err)

	for _, sent := range []<-chan struct{}{sent1, sent2} {
		select {
		case <-sent:
		case <-time.After(90 * time.Second):
			t.Fatal("the imports' bodies were not taken within 90 s")
		}
	}
	time.Sleep(200 * time.Millisecond)
	phase("in flight")
	sigAt := p.signal(syscall.SIGTERM)
	p.waitLog("shutting down", 10*time.Second)

	// New connections are refused at once, while the others go on.
	refusedAt := time.Time{}
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		c, err := net.DialTimeout("tcp", p.addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
			continue
		}
		if errors.Is(err, syscall.ECONNRESET) {
			// The listener closed while this connection sat in its
			// backlog; the next attempt finds it closed.
			continue
		}
		require.True(t, errors.Is(err, syscall.ECONNREFUSED), "dial after SIGTERM: %v", err)
		refusedAt = time.Now()
		break
	}
	require.False(t, refusedAt.IsZero(), "new connections still accepted 5 s after SIGTERM")
	_, running := p.findLog("stopped")
	require.False(t, running, "the server stopped before its in-flight requests were checked")
	_, err = (&http.Client{Timeout: time.Second}).Get(p.base + "/livez")
	require.Error(t, err, "a new request after SIGTERM was served")

	// The export, read to its end: every meeting stored before it began.
	time.Sleep(300 * time.Millisecond)
	exported, exportBytes := 1, len(first)
	var m struct {
		ID string `json:"id"`
	}
	require.NoError(t, json.Unmarshal(first, &m))
	for {
		line, err := export.ReadBytes('\n')
		if errors.Is(err, io.EOF) {
			require.Empty(t, line, "the export ends mid-line")
			break
		}
		require.NoError(t, err, "the export was cut after %d lines", exported)
		require.NoError(t, json.Unmarshal(line, &m), "line %d", exported+1)
		exported++
		exportBytes += len(line)
	}
	phase("export read")
	wg.Wait()
	phase("imports answered")

	require.NoError(t, imp1.err, "atomic import: %d %.300s", imp1.status, imp1.body)
	require.Equal(t, http.StatusOK, imp1.status, imp1.body)
	require.Equal(t, n1, imp1.report.Stored, imp1.body)
	require.NoError(t, imp2.err, "import: %d %.300s", imp2.status, imp2.body)
	require.Equal(t, http.StatusOK, imp2.status, imp2.body)
	require.Equal(t, n2, imp2.report.Stored, imp2.body)
	require.GreaterOrEqual(t, exported, preload, "the export lost rows")
	// The export was still running when the signal came: its request's log
	// line (written when the handler returns) follows the signal.
	if l, ok := p.findRequestLog("GET", "/meetings"); !ok || !l.at.After(sigAt) {
		t.Fatalf("the export had finished before SIGTERM (logged at %v, signal at %v): the test did not test an export in flight",
			l.at.Format("15:04:05.000"), sigAt.Format("15:04:05.000"))
	}

	// Within the grace period: the log says whether it ran out (no
	// assertion on elapsed time; the wait is a hang guard).
	code, took := p.waitExit(sigAt, grace+time.Minute)
	require.Zero(t, code, "exit status after SIGTERM")
	p.waitLog("stopped", time.Minute)
	_, over := p.findLog("grace period over: cancelling the requests still running")
	require.False(t, over, "the grace period ran out")
	require.Empty(t, p.logsAt("ERROR"), "errors logged")
	require.Equal(t, preload+n1+n2, countMeetings(t, dbURL))
	t.Logf("SIGTERM → refused %s, exit 0 after %s; export %d lines (%d KB), imports %d + %d",
		refusedAt.Sub(sigAt).Round(time.Millisecond), took.Round(time.Millisecond), exported, exportBytes>>10, n1, n2)
}

// testGraceOver: SIGTERM with SHUTDOWN_GRACE=1s while an atomic import
// uploads for several seconds more. The process still exits at the end of
// the grace period, with status 0, and the import is stored whole or not at
// all.
func testGraceOver(t *testing.T, bin string) {
	dbURL := pgtest.URL(t)
	token := writeKey(t, bin, dbURL, "grace")
	file := filepath.Join(t.TempDir(), "officials.ndjson")
	require.NoError(t, os.WriteFile(file, bytes.Join(lines(0, len(guests), "officials"), []byte("\n")), 0o644))
	runAPI(t, bin, dbURL, "import", file)
	before := countMeetings(t, dbURL)

	const grace = time.Second
	p := startServe(t, bin, dbURL, "SHUTDOWN_GRACE="+grace.String(), "RATE_LIMIT_WRITES_PER_MINUTE=0")
	const n = 2000
	done := make(chan importResult, 1)
	body, sent := slowBody(lines(30_000, n, "grace"), 20, 250*time.Millisecond) // 5 s of upload
	go func() {
		done <- postImport(&http.Client{Timeout: time.Minute}, p.base+"/imports?atomic=true", token, body)
	}()
	select {
	case <-sent:
	case <-time.After(90 * time.Second):
		t.Fatal("the import's body was not taken within 90 s")
	}
	time.Sleep(200 * time.Millisecond)
	sigAt := p.signal(syscall.SIGTERM)
	// The grace period ran out (the log says so) and the process exited
	// (the wait is a hang guard, not a measure).
	code, took := p.waitExit(sigAt, grace+time.Minute)
	require.Zero(t, code, "exit status after SIGTERM")
	p.waitLog("grace period over: cancelling the requests still running", time.Minute)

	var res importResult
	select {
	case res = <-done:
	case <-time.After(time.Minute): // a hang guard
		t.Fatal("the import's client got no answer nor error a minute after the server exited")
	}
	stored := countMeetings(t, dbURL) - before
	if res.err == nil && res.status == http.StatusOK {
		require.Equal(t, n, stored, "the import was answered 200 (%s) but stored %d of %d", res.body, stored, n)
	} else {
		require.Zero(t, stored, "an atomic import cut off by the shutdown (%d %v) stored %d of %d lines", res.status, res.err, stored, n)
	}
	t.Logf("SIGTERM with grace %s → exit 0 after %s; import: %d %v; stored %d of %d",
		grace, took.Round(time.Millisecond), res.status, res.err, stored, n)
	// Cancelling what still runs is the shutdown's doing, not a fault of
	// the service: it must not be logged (and counted) as an internal error,
	// which is what alerts are made of.
	for _, l := range p.logsAt("ERROR") {
		t.Errorf("logged at ERROR during a shutdown past its grace: %s %s", l.Msg, l.Err)
	}
}

// testConcurrentStart: three instances start at once on a new, empty
// database. Each migrates at start; golang-migrate's advisory lock must make
// that happen once, so that all three come up and the schema is the one the
// migrations make, at their last version and not dirty.
func testConcurrentStart(t *testing.T, bin string) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	reference := pgtest.URL(t) // migrated by pgtest: the schema to compare with
	admin, err := pgx.Connect(ctx, pgtest.ServerURL())
	require.NoError(t, err)
	defer admin.Close(context.Background())
	name := fmt.Sprintf("milmeet_start_%d_%d", os.Getpid(), time.Now().UnixNano())
	_, err = admin.Exec(ctx, "CREATE DATABASE "+name)
	require.NoError(t, err)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, pgtest.ServerURL())
		if err == nil {
			_, err = conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
			conn.Close(ctx)
		}
		if err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	dbURL := withDatabase(t, pgtest.ServerURL(), name)

	procs := make([]*apiProc, 3)
	for i := range procs {
		procs[i] = launchServe(t, bin, dbURL)
	}
	for _, p := range procs {
		p.waitReady(60 * time.Second)
	}

	conn, err := pgx.Connect(ctx, dbURL)
	require.NoError(t, err)
	defer conn.Close(context.Background())
	var rows int
	require.NoError(t, conn.QueryRow(ctx, "SELECT count(*) FROM schema_migrations").Scan(&rows))
	require.Equal(t, 1, rows, "schema_migrations rows")
	var version int
	var dirty bool
	require.NoError(t, conn.QueryRow(ctx, "SELECT version, dirty FROM schema_migrations").Scan(&version, &dirty))
	require.Equal(t, latestMigration(t), version, "schema version")
	require.False(t, dirty, "the migration is marked dirty")

	got, want := schema(ctx, t, conn), func() []string {
		ref, err := pgx.Connect(ctx, reference)
		require.NoError(t, err)
		defer ref.Close(context.Background())
		return schema(ctx, t, ref)
	}()
	require.Equal(t, want, got, "the schema three concurrent starts made differs from the migrations'")

	for _, p := range procs {
		at := p.signal(syscall.SIGTERM)
		code, _ := p.waitExit(at, 20*time.Second)
		require.Zero(t, code)
		require.Empty(t, p.logsAt("ERROR"), "errors logged")
	}
}

// schema lists the public schema's relations (tables, indexes, views,
// sequences) with their kind, and the columns of its tables.
func schema(ctx context.Context, t *testing.T, conn *pgx.Conn) []string {
	t.Helper()
	rows, err := conn.Query(ctx, `
		SELECT c.relkind::text || ' ' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'public'
		UNION ALL
		SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type
		FROM information_schema.columns WHERE table_schema = 'public'`)
	require.NoError(t, err)
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	require.NoError(t, err)
	slices.Sort(out)
	require.NotEmpty(t, out)
	return out
}

// latestMigration returns the highest version among the migration files.
func latestMigration(t *testing.T) int {
	t.Helper()
	re := regexp.MustCompile(`^(\d+)_.*\.up\.sql$`)
	latest := 0
	require.NoError(t, fs.WalkDir(migrations.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if m := re.FindStringSubmatch(filepath.Base(path)); m != nil {
			v, _ := strconv.Atoi(m[1])
			latest = max(latest, v)
		}
		return err
	}))
	require.Positive(t, latest)
	return latest
}

// withDatabase returns url with its database replaced.
func withDatabase(t *testing.T, url, db string) string {
	t.Helper()
	cfg, err := pgx.ParseConfig(url)
	require.NoError(t, err)
	re := regexp.MustCompile(`^(postgres(?:ql)?://[^/]*/)([^?]*)(.*)$`)
	m := re.FindStringSubmatch(url)
	require.NotNil(t, m, "TEST_DATABASE_URL-style URL expected, got one for %s", cfg.Host)
	return m[1] + db + m[3]
}
