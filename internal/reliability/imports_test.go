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
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/api"
	"github.com/milmeet/milmeet/internal/domain"
	httpapi "github.com/milmeet/milmeet/internal/http"
	"github.com/milmeet/milmeet/internal/postgres"
)

// importAnswer is the answer to an import: its status, Retry-After, and
// the report (the body, or a problem's report member).
type importAnswer struct {
	status     int
	retryAfter string
	ctype      string
	report     *domain.ImportReport
	body       string
	err        error
}

// storedImportLines returns the lines of an import body of meetingLine(n,
// tag), n = first, first+1, …, whose meetings are stored.
func storedImportLines(t *testing.T, dbURL, tag string, first int) map[int]bool {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dbURL)
	require.NoError(t, err)
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT substring(title FROM ' meeting ([0-9]+)$')::int FROM meetings WHERE title LIKE $1`,
		tag+" meeting %")
	require.NoError(t, err)
	out := map[int]bool{}
	for rows.Next() {
		var n int
		require.NoError(t, rows.Scan(&n))
		require.False(t, out[n-first+1], "line %d stored twice", n-first+1)
		out[n-first+1] = true
	}
	require.NoError(t, rows.Err())
	return out
}

// midway reports whether an import of tag is under way: min of its lines
// stored, or, with min 0, a transaction other than this check's that has
// written.
func midway(t *testing.T, dbURL, tag string, first, min int) bool {
	t.Helper()
	if min > 0 {
		return len(storedImportLines(t, dbURL, tag, first)) >= min
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dbURL)
	require.NoError(t, err)
	defer conn.Close(ctx)
	var n int
	require.NoError(t, conn.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity
		WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid()`).Scan(&n))
	return n > 0
}

// TestKillDuringImports kills PostgreSQL (SIGKILL) in the middle of an
// import of 2,000 meetings (IMPORT_KILL_LINES others, e.g. 5000). A plain import answers 503 with Retry-After and
// its report, which names exactly the lines the database holds and where
// to resume; resuming there stores the rest, each line once. An atomic
// import answers 503 with Retry-After and stores nothing.
func TestKillDuringImports(t *testing.T) {
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
	srv := httptest.NewServer(httpapi.NewServer(svc, st, log, httpapi.DefaultConfig(), api.Spec).Handler())
	t.Cleanup(srv.Close)
	_, token, err := svc.CreateKey(ctx, "importer", domain.ScopeWrite)
	require.NoError(t, err)
	client := &http.Client{Timeout: 3 * time.Minute}
	size := 2000
	if v, err := strconv.Atoi(os.Getenv("IMPORT_KILL_LINES")); err == nil && v >= 1000 {
		size = min(v, 10000) // the bodies' dates must not overlap
	}

	post := func(query string, body []byte) importAnswer {
		req, _ := http.NewRequest("POST", srv.URL+"/imports"+query, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/x-ndjson")
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := client.Do(req)
		if err != nil {
			return importAnswer{err: err}
		}
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		a := importAnswer{status: resp.StatusCode, retryAfter: resp.Header.Get("Retry-After"),
			ctype: resp.Header.Get("Content-Type"), body: string(raw)}
		var wrapped struct {
			Report *domain.ImportReport `json:"report"`
		}
		if json.Unmarshal(raw, &wrapped) == nil && wrapped.Report != nil {
			a.report = wrapped.Report
		} else if resp.StatusCode == http.StatusOK {
			a.report = &domain.ImportReport{}
			require.NoError(t, json.Unmarshal(raw, a.report))
		}
		return a
	}
	// Each body's meetings are distinct from the others' (meetingLine's n
	// picks the date): from first on.
	firsts := map[string]int{"plain": 0, "atomic": 10000}
	body := func(tag string) []byte {
		var b bytes.Buffer
		for n := range size {
			b.Write(meetingLine(firsts[tag]+n, tag))
			b.WriteByte('\n')
		}
		return b.Bytes()
	}
	// The officials the lines name, stored first.
	var lines bytes.Buffer
	for n := range len(guests) {
		lines.Write(meetingLine(20000+n, "warmup"))
		lines.WriteByte('\n')
	}
	require.Equal(t, http.StatusOK, post("", lines.Bytes()).status)

	// run sends an import and kills the database in its middle: once min
	// of its lines are stored (a plain import commits as it goes), or
	// (min 0, an atomic import) once its one transaction has written; it
	// restarts the database once the import has answered.
	run := func(t *testing.T, query, tag string, min int) importAnswer {
		done := make(chan importAnswer, 1)
		go func() { done <- post(query, body(tag)) }()
		deadline := time.Now().Add(time.Minute)
		for !midway(t, dbURL, tag, firsts[tag], min) {
			require.True(t, time.Now().Before(deadline), "the import did not get under way within a minute")
			time.Sleep(20 * time.Millisecond)
		}
		c.Kill()
		a := <-done
		rctx, cancel := context.WithTimeout(ctx, time.Minute)
		defer cancel()
		require.NoError(t, c.Restart(rctx))
		return a
	}

	t.Run("plain", func(t *testing.T) {
		a := run(t, "", "plain", size/2/500*500) // the kill comes amid the next chunk
		require.NoError(t, a.err)
		require.Equal(t, http.StatusServiceUnavailable, a.status, a.body)
		require.Equal(t, "application/problem+json", a.ctype)
		require.NotEmpty(t, a.retryAfter)
		require.NotNil(t, a.report, a.body)
		require.False(t, a.report.Complete)
		stored := storedImportLines(t, dbURL, "plain", 0)
		named := map[int]bool{}
		for _, r := range a.report.StoredLines {
			for n := r[0]; n <= r[1]; n++ {
				named[n] = true
			}
		}
		if a.report.UncertainLines != nil {
			// Lines whose commit was not confirmed: stored or not, not named.
			for n := a.report.UncertainLines[0]; n <= a.report.UncertainLines[1]; n++ {
				delete(stored, n)
			}
		}
		require.Equal(t, len(named), len(stored), "lines named %d, stored %d", len(named), len(stored))
		for n := range stored {
			require.True(t, named[n], "line %d is stored but not named", n)
		}
		require.Equal(t, len(stored), a.report.Stored)
		t.Logf("killed after %d lines stored; answer: 503, stopped_at_line %d, stored_lines %v, uncertain %v",
			len(stored), a.report.StoppedAtLine, a.report.StoredLines, a.report.UncertainLines)

		// Resumed where it stopped, once the database is back.
		var again importAnswer
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
			if again = post(fmt.Sprintf("?from_line=%d", a.report.StoppedAtLine), body("plain")); again.status != 503 {
				break
			}
		}
		require.Equal(t, http.StatusOK, again.status, again.body)
		require.True(t, again.report.Complete)
		all := storedImportLines(t, dbURL, "plain", 0)
		require.Len(t, all, size, "every line, once")
	})
	t.Run("atomic", func(t *testing.T) {
		a := run(t, "?atomic=true", "atomic", 0)
		require.NoError(t, a.err)
		require.Equal(t, http.StatusServiceUnavailable, a.status, "%.2000s", a.body)
		require.Equal(t, "application/problem+json", a.ctype)
		require.NotEmpty(t, a.retryAfter)
		require.Nil(t, a.report, "an atomic import that stopped has no report: nothing was stored")
		require.Empty(t, storedImportLines(t, dbURL, "atomic", 10000))
	})
	require.NotContains(t, logs.String(), `"internal error"`, "a failure logged as an internal error")
}
