package http_test

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
	httpapi "github.com/milmeet/milmeet/internal/http"
)

// TestExport_CSVFormulas: a cell that a spreadsheet would run as a formula
// (it begins with =, +, -, @, tab or carriage return) goes out as text, with
// a leading apostrophe, in every CSV export (OWASP "CSV Injection").
func TestExport_CSVFormulas(t *testing.T) {
	t.Parallel()
	e := newEmptyEnv(t)
	m := newMeeting()
	m["title"] = `=HYPERLINK("http://x")`
	m["summary"] = "plain"
	m["agreements"].([]any)[0].(map[string]any)["title"] = "@SUM(A1:A9)"
	delete(m["agreements"].([]any)[0].(map[string]any), "signatories")
	m["delegations"].([]any)[0].(map[string]any)["head"].(map[string]any)["rank"] = "+Colonel General"
	m["ceremonies"] = []any{map[string]any{"type": "wreath_laying", "site": "=1+1", "honoured": "-cmd|' /C calc'!A0"}}
	r := e.do("POST", "/meetings", m)
	require.Equal(t, http.StatusCreated, r.Code, r.Body.String())
	id := r.object()["id"].(string)

	cells := func(target string) [][]string {
		t.Helper()
		r := e.do("GET", target, nil)
		require.Equal(t, http.StatusOK, r.Code, r.Body.String())
		recs, err := csv.NewReader(strings.NewReader(r.Body.String())).ReadAll()
		require.NoError(t, err)
		require.GreaterOrEqual(t, len(recs), 2, r.Body.String())
		for _, rec := range recs[1:] {
			for _, c := range rec {
				if c != "" {
					assert.NotContains(t, "=+-@\t\r", c[:1], "cell %q of %s would be read as a formula", c, target)
				}
			}
		}
		return recs
	}
	recs := cells("/meetings?format=csv")
	assert.Equal(t, `'=HYPERLINK("http://x")`, recs[1][3], "the title, as text")
	assert.Equal(t, id, recs[1][0], "ids and dates are unchanged")

	recs = cells("/meetings?format=csv&table=agreements")
	assert.Equal(t, "'@SUM(A1:A9)", recs[1][2])

	recs = cells("/meetings?format=csv&table=ceremonies")
	assert.Equal(t, "'=1+1", recs[1][2])
	assert.Equal(t, "'-cmd|' /C calc'!A0", recs[1][3])

	recs = cells("/meetings?format=csv&table=delegation_members&country=AZ")
	assert.Equal(t, "'+Colonel General", recs[1][6])

	// NDJSON and JSON carry the text as it is stored.
	r = e.do("GET", "/meetings/"+id, nil)
	assert.Equal(t, `=HYPERLINK("http://x")`, r.object()["title"])
}

// serveTCP serves e over a real TCP listener whose connections have a small
// send buffer, so that a client that stops reading blocks the server's
// writes after a few KB of an export (on a real network, a few MB).
func (e *env) serveTCP() string {
	e.t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(e.t, err)
	srv := &http.Server{Handler: e.h, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(smallSendBuffers{ln}) }()
	// Close, not Shutdown: a stalled export would hold Shutdown up.
	e.t.Cleanup(func() { _ = srv.Close() })
	return "http://" + ln.Addr().String()
}

type smallSendBuffers struct{ net.Listener }

func (l smallSendBuffers) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.SetWriteBuffer(4 << 10)
	}
	return c, err
}

// stalledClient sends GET target over a connection with a 4 KB receive
// buffer, reads the status line, and then reads nothing.
func stalledClient(t *testing.T, base, target string) net.Conn {
	t.Helper()
	d := net.Dialer{Timeout: 5 * time.Second, Control: func(_, _ string, c syscall.RawConn) error {
		var serr error
		err := c.Control(func(fd uintptr) {
			serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4<<10)
		})
		return errors.Join(err, serr)
	}}
	conn, err := d.Dial("tcp", strings.TrimPrefix(base, "http://"))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	_, err = fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: milmeet\r\n\r\n", target)
	require.NoError(t, err)
	status := make([]byte, len("HTTP/1.1 200"))
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	_, err = io.ReadFull(conn, status)
	require.NoError(t, err)
	require.Equal(t, "HTTP/1.1 200", string(status), "the export did not start")
	return conn
}

// importMeetings stores n generated meetings with POST /imports.
func (e *env) importMeetings(n int) {
	e.t.Helper()
	r := e.do("POST", "/imports", importBody(n, nil), "Content-Type", "application/x-ndjson")
	require.Equal(e.t, http.StatusOK, r.Code, truncate(r.Body.String(), 500))
}

// TestExport_SlowClientsDoNotStarveReads: exports whose clients stop
// reading hold no database connection, so that lists keep being answered
// while they wait; an export read to its end holds every meeting, once.
func TestExport_SlowClientsDoNotStarveReads(t *testing.T) {
	t.Parallel()
	e := newEmptyEnv(t)
	e.importMeetings(1200)
	base := e.serveTCP()
	client := &http.Client{Timeout: 10 * time.Second}

	resp, err := client.Get(base + "/meetings?format=ndjson&sort=date")
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	seen := map[string]bool{}
	for _, l := range lines(string(body)) {
		var m domain.MeetingSummary
		require.NoError(t, json.Unmarshal([]byte(l), &m))
		require.False(t, seen[m.ID], "meeting %s exported twice", m.ID)
		seen[m.ID] = true
	}
	require.Len(t, seen, 1200, "every meeting, once")

	for range 8 {
		stalledClient(t, base, "/meetings?format=ndjson")
	}
	time.Sleep(300 * time.Millisecond) // the exports fill the buffers and block
	assert.Zero(t, e.pool.Stat().AcquiredConns(), "database connections held while clients do not read")
	client.Timeout = 3 * time.Second
	for i := range 20 {
		resp, err := client.Get(base + "/meetings?limit=5")
		require.NoError(t, err, "list %d while 8 exports are stalled", i)
		resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode, "list %d while 8 exports are stalled", i)
		resp, err = client.Get(base + "/countries/TR")
		require.NoError(t, err, "country %d while 8 exports are stalled", i)
		resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode)
	}
}

// TestExport_StalledClientCutOff: an export whose client takes no byte for
// the stall timeout is cut off, logged, and releases what it held.
func TestExport_StalledClientCutOff(t *testing.T) {
	t.Parallel()
	cfg := httpapi.DefaultConfig()
	cfg.ExportStallTimeout = time.Second
	e := newConfiguredEnv(t, cfg)
	e.importMeetings(600)
	base := e.serveTCP()
	for _, target := range []string{"/meetings?format=ndjson", "/meetings?format=csv&table=delegation_members"} {
		conn := stalledClient(t, base, target)
		start := time.Now()
		var logged string
		for time.Since(start) < 10*time.Second && logged == "" {
			time.Sleep(50 * time.Millisecond)
			logged = grepLine(e.logs.String(), "export cut off")
		}
		require.NotEmpty(t, logged, "no export cut off within 10 s of a 1 s stall timeout")
		assert.Contains(t, logged, `"stall_timeout":"1s"`)
		assert.Contains(t, logged, `"level":"WARN"`)

		// The connection ends once the client drains what was sent.
		_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
		_, err := io.Copy(io.Discard, conn)
		var ne net.Error
		assert.False(t, errors.As(err, &ne) && ne.Timeout(), "the server kept the connection open: %v", err)
		assert.Zero(t, e.pool.Stat().AcquiredConns())
		r := e.do("GET", "/metrics", nil)
		assert.Contains(t, r.Body.String(), "\nmilmeet_exports_running 0\n")
		e.logs.Reset()
	}
}

// grepLine returns the first line of s that holds sub.
func grepLine(s, sub string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	return ""
}
