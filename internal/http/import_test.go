package http_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
	httpapi "github.com/milmeet/milmeet/internal/http"
)

// importConn is an import sent by hand over TCP, a piece at a time.
type importConn struct {
	t    *testing.T
	conn net.Conn
	br   *bufio.Reader
}

// startImport sends the head of POST target with an NDJSON body said to
// hold size bytes; the body follows with send.
func startImport(t *testing.T, base, token, target string, size int) *importConn {
	t.Helper()
	conn, err := net.DialTimeout("tcp", strings.TrimPrefix(base, "http://"), 5*time.Second)
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	_, err = fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: milmeet\r\nAuthorization: %s\r\n"+
		"Content-Type: application/x-ndjson\r\nContent-Length: %d\r\n\r\n", target, token, size)
	require.NoError(t, err)
	return &importConn{t: t, conn: conn, br: bufio.NewReader(conn)}
}

func (c *importConn) send(s string) {
	c.t.Helper()
	_, err := io.WriteString(c.conn, s)
	require.NoError(c.t, err)
}

// answer reads the answer, waiting at most within.
func (c *importConn) answer(within time.Duration) (*http.Response, map[string]any) {
	c.t.Helper()
	_ = c.conn.SetReadDeadline(time.Now().Add(within))
	resp, err := http.ReadResponse(c.br, nil)
	require.NoError(c.t, err, "no answer within %s", within)
	defer resp.Body.Close()
	var body map[string]any
	require.NoError(c.t, json.NewDecoder(resp.Body).Decode(&body))
	return resp, body
}

// reportOf returns the import report of an answer: the body, or its
// report member for a problem.
func reportOf(t *testing.T, body map[string]any) domain.ImportReport {
	t.Helper()
	if r, ok := body["report"]; ok {
		body = r.(map[string]any)
	}
	raw, err := json.Marshal(body)
	require.NoError(t, err)
	var rep domain.ImportReport
	require.NoError(t, json.Unmarshal(raw, &rep))
	return rep
}

// storedLines returns the lines of importBody whose meetings are stored.
func (e *env) storedLines() map[int]bool {
	e.t.Helper()
	rows, err := e.pool.Query(context.Background(),
		`SELECT substring(title FROM 'Imported meeting ([0-9]+)')::int FROM meetings WHERE title LIKE 'Imported meeting %'`)
	require.NoError(e.t, err)
	defer rows.Close()
	out := map[int]bool{}
	for rows.Next() {
		var n int
		require.NoError(e.t, rows.Scan(&n))
		require.False(e.t, out[n], "line %d stored twice", n)
		out[n] = true
	}
	require.NoError(e.t, rows.Err())
	return out
}

// requireSameLines fails unless the lines a report names are the lines
// stored.
func requireSameLines(t *testing.T, named, stored map[int]bool) {
	t.Helper()
	var missing, extra []int
	for n := range stored {
		if !named[n] {
			missing = append(missing, n)
		}
	}
	for n := range named {
		if !stored[n] {
			extra = append(extra, n)
		}
	}
	slices.Sort(missing)
	slices.Sort(extra)
	require.True(t, len(missing) == 0 && len(extra) == 0,
		"the report does not name exactly the lines stored: %d stored but not named (first %v), %d named but not stored (first %v)",
		len(missing), missing[:min(len(missing), 5)], len(extra), extra[:min(len(extra), 5)])
}

// linesIn returns the lines that ranges name.
func linesIn(ranges [][2]int) map[int]bool {
	out := map[int]bool{}
	for _, r := range ranges {
		for n := r[0]; n <= r[1]; n++ {
			out[n] = true
		}
	}
	return out
}

// TestImport_Stalled: an import whose client sends part of the body and
// then nothing is answered 408 once the idle timeout passes; the lines of a
// plain import received whole are stored and reported, an atomic import
// stores nothing and, while it waits, holds no database connection.
func TestImport_Stalled(t *testing.T) {
	t.Parallel()
	cfg := httpapi.DefaultConfig()
	cfg.ImportIdleTimeout = 1500 * time.Millisecond
	body := importBody(5, nil)
	head := strings.Join(strings.SplitAfter(body, "\n")[:3], "") + `{"title": "Imported meeting 4", "da`

	t.Run("plain", func(t *testing.T) {
		t.Parallel()
		e := newConfiguredEnv(t, cfg)
		c := startImport(t, e.serveTCP(), e.writer, "/imports", 1<<20)
		c.send(head)
		resp, got := c.answer(10 * time.Second)
		require.Equal(t, http.StatusRequestTimeout, resp.StatusCode, "%v", got)
		assert.Equal(t, "application/problem+json", resp.Header.Get("Content-Type"))
		rep := reportOf(t, got)
		assert.False(t, rep.Complete)
		assert.Equal(t, 4, rep.StoppedAtLine, "line 4 did not arrive whole")
		assert.Equal(t, 3, rep.Stored)
		assert.Equal(t, [][2]int{{1, 3}}, rep.StoredLines)
		assert.Equal(t, map[int]bool{1: true, 2: true, 3: true}, e.storedLines())
	})
	t.Run("atomic", func(t *testing.T) {
		t.Parallel()
		e := newConfiguredEnv(t, cfg)
		c := startImport(t, e.serveTCP(), e.writer, "/imports?atomic=true", 1<<20)
		c.send(head)
		time.Sleep(500 * time.Millisecond)
		assert.Zero(t, e.pool.Stat().AcquiredConns(), "a connection held while the body does not come")
		resp, got := c.answer(10 * time.Second)
		require.Equal(t, http.StatusRequestTimeout, resp.StatusCode, "%v", got)
		assert.Equal(t, "application/problem+json", resp.Header.Get("Content-Type"))
		assert.Contains(t, got["detail"], "Nothing was stored")
		assert.Zero(t, e.countRows("meetings"))
	})
}

// TestImport_FromLine: from_line skips the lines before it, which a stopped
// import names as the line to resume from.
func TestImport_FromLine(t *testing.T) {
	t.Parallel()
	e := newEmptyEnv(t)
	body := importBody(10, map[int]string{3: `{"broken`})
	r := e.do("POST", "/imports?from_line=6", body, "Content-Type", "application/x-ndjson")
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	var rep domain.ImportReport
	r.json(&rep)
	assert.Equal(t, 5, rep.Lines)
	assert.Equal(t, 5, rep.Stored)
	assert.True(t, rep.Complete)
	assert.Equal(t, [][2]int{{6, 10}}, rep.StoredLines)
	assert.Equal(t, map[int]bool{6: true, 7: true, 8: true, 9: true, 10: true}, e.storedLines())

	for _, bad := range []string{"0", "-1", "x", "1.5"} {
		r := e.do("POST", "/imports?from_line="+bad, body, "Content-Type", "application/x-ndjson")
		assert.Equal(t, http.StatusBadRequest, r.Code, "from_line=%s", bad)
	}
}

// TestImport_DatabaseGoesAway: when the database goes away in the middle
// of an import, a plain import's answer is 503 with a report that names
// exactly the lines stored and where to resume; resuming there stores the
// rest, each line once. An atomic import is 503 with Retry-After and stores
// nothing.
func TestImport_DatabaseGoesAway(t *testing.T) {
	t.Parallel()
	const n = 1500
	body := importBody(n, map[int]string{7: `{"title": "no date", "kind": "meeting"}`})
	lines := strings.SplitAfter(body, "\n")
	half := strings.Join(lines[:800], "")
	rest := strings.Join(lines[800:], "")

	t.Run("plain", func(t *testing.T) {
		t.Parallel()
		e, proxy := newProxiedEnv(t, httpapi.DefaultConfig())
		base := e.serveTCP()
		c := startImport(t, base, e.writer, "/imports", len(body))
		c.send(half)
		// Once the first 500 lines are stored, the database goes away.
		deadline := time.Now().Add(20 * time.Second)
		for len(e.storedLines()) < 500 && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		require.Len(t, e.storedLines(), 500, "the first chunk (lines 1-501 but 7) was not stored")
		proxy.Refuse(true)
		proxy.Cut(false)
		c.send(rest)
		resp, got := c.answer(30 * time.Second)
		proxy.Refuse(false)
		require.Equal(t, http.StatusServiceUnavailable, resp.StatusCode, "%v", got)
		assert.NotEmpty(t, resp.Header.Get("Retry-After"))
		require.Contains(t, got, "report", "a plain import's problem holds its report")
		rep := reportOf(t, got)
		assert.False(t, rep.Complete)
		stored := e.storedLines()
		resume := 502
		u := rep.UncertainLines
		if u != nil {
			// The connection died with the commit of these lines sent: the
			// report cannot know whether it took effect, and says so.
			t.Logf("the commit of lines %d-%d was in flight when the connection died", u[0], u[1])
			resume = u[0]
			for n := u[0]; n <= u[1]; n++ {
				delete(stored, n)
			}
		}
		requireSameLines(t, linesIn(rep.StoredLines), stored)
		assert.Equal(t, len(stored), rep.Stored)
		assert.Equal(t, resume, rep.StoppedAtLine)
		require.NotEmpty(t, rep.Errors)
		assert.Equal(t, 7, rep.Errors[0].Line)

		r := e.do("POST", fmt.Sprintf("/imports?from_line=%d", rep.StoppedAtLine), body,
			"Content-Type", "application/x-ndjson")
		require.Equal(t, http.StatusOK, r.Code, truncate(r.Body.String(), 500))
		var again domain.ImportReport
		r.json(&again)
		assert.True(t, again.Complete)
		for _, f := range again.Errors {
			// Resuming is safe: a line stored already is refused as such.
			ok := f.Line == 7 || u != nil && f.Line >= u[0] && f.Line <= u[1] && f.Code == domain.ECONFLICT && f.ExistingID != ""
			assert.True(t, ok, "resumed: line %d failed: %+v", f.Line, f)
		}
		all := e.storedLines()
		assert.Len(t, all, n-1, "every good line, once")
		assert.False(t, all[7])
	})
	t.Run("atomic", func(t *testing.T) {
		t.Parallel()
		e, proxy := newProxiedEnv(t, httpapi.DefaultConfig())
		body := importBody(n, nil)
		c := startImport(t, e.serveTCP(), e.writer, "/imports?atomic=true", len(body))
		c.send(body[:len(body)/2])
		time.Sleep(300 * time.Millisecond)
		proxy.Refuse(true)
		proxy.Cut(false)
		c.send(body[len(body)/2:])
		resp, got := c.answer(30 * time.Second)
		proxy.Refuse(false)
		require.Equal(t, http.StatusServiceUnavailable, resp.StatusCode, "%v", got)
		assert.NotEmpty(t, resp.Header.Get("Retry-After"))
		assert.Equal(t, "application/problem+json", resp.Header.Get("Content-Type"))
		assert.Zero(t, e.countRows("meetings"))
	})
}

// TestImport_CommitOutcomeUnknown: when the connection dies after a
// chunk's commit was sent, the commit may have taken effect or not; the
// report does not count those lines either way but names them
// (uncertain_lines) and stops at the first of them, and resuming there is
// safe: the lines stored already are refused as such, the others stored.
func TestImport_CommitOutcomeUnknown(t *testing.T) {
	t.Parallel()
	const n = 700
	body := importBody(n, nil)
	e, proxy := newProxiedEnv(t, httpapi.DefaultConfig())
	proxy.CutAfter([]byte("commit"))
	r := e.do("POST", "/imports", body, "Content-Type", "application/x-ndjson")
	proxy.Refuse(false)
	require.Equal(t, http.StatusServiceUnavailable, r.Code, truncate(r.Body.String(), 500))
	rep := reportOf(t, r.object())
	require.NotNil(t, rep.UncertainLines, "%+v", rep)
	assert.Equal(t, [2]int{1, 500}, *rep.UncertainLines)
	assert.Equal(t, 1, rep.StoppedAtLine)
	assert.Empty(t, rep.StoredLines)
	assert.Zero(t, rep.Stored)
	stored := e.storedLines()
	assert.Len(t, stored, 500, "the commit took effect, unknown to the import")

	r = e.do("POST", "/imports?from_line=1", body, "Content-Type", "application/x-ndjson")
	require.Equal(t, http.StatusOK, r.Code, truncate(r.Body.String(), 500))
	var again domain.ImportReport
	r.json(&again)
	assert.Equal(t, n-500, again.Stored)
	assert.Equal(t, 500, again.Failed)
	for _, f := range again.Errors {
		assert.Equal(t, domain.ECONFLICT, f.Code, "line %d", f.Line)
		assert.NotEmpty(t, f.ExistingID)
	}
	assert.Len(t, e.storedLines(), n, "every line, once")
}

// TestImport_TooLarge: a body past IMPORT_MAX_BYTES is answered 413; a
// plain import keeps the lines before the limit and says so, an atomic one
// stores nothing.
func TestImport_TooLarge(t *testing.T) {
	t.Parallel()
	cfg := httpapi.DefaultConfig()
	body := importBody(20, nil)
	lines := strings.SplitAfter(body, "\n")
	cfg.ImportMaxBytes = int64(len(strings.Join(lines[:5], "")) + 10) // five lines and a bit of the sixth
	e := newConfiguredEnv(t, cfg)

	r := e.do("POST", "/imports", body, "Content-Type", "application/x-ndjson")
	require.Equal(t, http.StatusRequestEntityTooLarge, r.Code, truncate(r.Body.String(), 500))
	rep := reportOf(t, r.object())
	assert.False(t, rep.Complete)
	assert.Equal(t, 6, rep.StoppedAtLine)
	assert.Equal(t, [][2]int{{1, 5}}, rep.StoredLines)
	assert.Len(t, e.storedLines(), 5)

	e = newConfiguredEnv(t, cfg)
	r = e.do("POST", "/imports?atomic=true", body, "Content-Type", "application/x-ndjson")
	require.Equal(t, http.StatusRequestEntityTooLarge, r.Code, truncate(r.Body.String(), 500))
	assert.Contains(t, r.object()["detail"], "Nothing was stored")
	assert.Zero(t, e.countRows("meetings"))
}
