//go:build e2e

package scaling

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/pgtest"
)

// pgbouncer runs Debian's PgBouncer in transaction pooling in front of the
// test primary, for the test's life, and returns its port. Each database
// of the primary is reachable by its name, with a pool of poolSize server
// connections. Without the program the test fails: install it (apt-get
// install pgbouncer; .ci/run does).
func pgbouncer(t *testing.T, poolSize int) int {
	t.Helper()
	bin, err := exec.LookPath("pgbouncer")
	if err != nil {
		if _, err2 := os.Stat("/usr/sbin/pgbouncer"); err2 == nil {
			bin = "/usr/sbin/pgbouncer"
		} else {
			t.Fatalf("pgbouncer is not installed (apt-get install pgbouncer): %v", err)
		}
	}
	dir, err := os.MkdirTemp("", "milmeet-pgbouncer-")
	require.NoError(t, err)
	require.NoError(t, os.Chmod(dir, 0o755))
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	users := filepath.Join(dir, "users.txt")
	require.NoError(t, os.WriteFile(users, []byte(`"pgtdbuser" ""`+"\n"+`"postgres" ""`+"\n"), 0o644))
	ini := filepath.Join(dir, "pgbouncer.ini")
	// statement_timeout cannot pass PgBouncer as a startup parameter: it is
	// dropped there and set on each server connection instead.
	conf := fmt.Sprintf(`[databases]
* = host=127.0.0.1 port=%d pool_size=%d connect_query='SET statement_timeout = 10000'
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = %d
unix_socket_dir =
auth_type = trust
auth_file = %s
pool_mode = transaction
max_client_conn = 500
ignore_startup_parameters = statement_timeout
`, pgtest.Cluster().Port(), poolSize, port, users)
	require.NoError(t, os.WriteFile(ini, []byte(conf), 0o644))
	args := []string{ini}
	if os.Geteuid() == 0 {
		args = []string{"-u", "postgres", ini} // it refuses to run as root
	}
	var out bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	require.NoError(t, cmd.Start())
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGINT)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
		}
		if t.Failed() {
			t.Logf("pgbouncer:\n%s", out.String())
		}
	})
	require.Eventually(t, func() bool {
		c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		if err == nil {
			c.Close()
		}
		select {
		case <-exited:
			t.Fatalf("pgbouncer exited:\n%s", out.String())
		default:
		}
		return err == nil
	}, 10*time.Second, 20*time.Millisecond)
	return port
}

// through returns dbURL with PgBouncer's port.
func through(t *testing.T, dbURL string, port int) string {
	u, err := url.Parse(dbURL)
	require.NoError(t, err)
	u.Host = "127.0.0.1:" + strconv.Itoa(port)
	return u.String()
}

// TestPgBouncer_NamedStatementsBreak shows why the mode is a setting: with
// pgx's default (cache_statement) two clients sharing PgBouncer's one
// server connection each prepare the same statement on it, and the second
// fails; with cache_describe neither prepares a named statement.
func TestPgBouncer_NamedStatementsBreak(t *testing.T) {
	ctx := context.Background()
	dbURL := through(t, pgtest.URL(t), pgbouncer(t, 1))
	query := func(mode string) error {
		var conns []*pgx.Conn
		defer func() {
			for _, c := range conns {
				c.Close(ctx)
			}
		}()
		for range 2 {
			c, err := pgx.Connect(ctx, dbURL+"&default_query_exec_mode="+mode)
			require.NoError(t, err)
			conns = append(conns, c)
		}
		for _, c := range conns {
			var n int
			if err := c.QueryRow(ctx, `SELECT count(*) FROM meetings WHERE title <> $1`, "").Scan(&n); err != nil {
				return err
			}
		}
		return nil
	}
	err := query("cache_statement")
	require.Error(t, err, "named statements through transaction pooling")
	assert.Contains(t, err.Error(), "prepared statement")
	assert.NoError(t, query("cache_describe"))
}

// TestPgBouncer_API serves the API through PgBouncer in transaction pooling
// (two server connections for many clients) with DB_QUERY_EXEC_MODE's
// cache_describe: concurrent writes, reads with their tokens, exports,
// idempotent retries and an import all answer as they do without it.
func TestPgBouncer_API(t *testing.T) {
	port := pgbouncer(t, 2)
	primary := pgtest.URL(t)
	e := &env{t: t, primaryURL: through(t, primary, port), replicaURL: pgtest.ReplicaURL(t, primary)}
	a := e.start(opts{checkInterval: 50 * time.Millisecond, execMode: "cache_describe", statementTimeout: 10 * time.Second})
	e.apis = append(e.apis, a)
	_, token, err := a.svc.CreateKey(context.Background(), "bouncer-writer", domain.ScopeWrite)
	require.NoError(t, err)
	e.token = token

	var wg sync.WaitGroup
	for c := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 10 {
				n := c*100 + i
				w := a.send("POST", "/meetings", meeting(n, "bouncer"), "Authorization", "Bearer "+token,
					"Idempotency-Key", fmt.Sprintf("bouncer-%d", n))
				if w.err != nil || w.status != http.StatusCreated {
					t.Errorf("POST %d: %v %s", n, w.err, w)
					return
				}
				again := a.send("POST", "/meetings", meeting(n, "bouncer"), "Authorization", "Bearer "+token,
					"Idempotency-Key", fmt.Sprintf("bouncer-%d", n))
				if again.status != http.StatusCreated || again.header.Get("Idempotent-Replayed") != "true" {
					t.Errorf("POST %d again: %v %s", n, again.err, again)
				}
				id := w.json(t)["id"].(string)
				r := a.send("GET", "/meetings/"+id, nil, "Milmeet-Consistency", w.header.Get("Milmeet-Consistency"))
				if r.err != nil || r.status != http.StatusOK {
					t.Errorf("GET %d: %v %s", n, r.err, r)
				}
				for _, path := range []string{"/meetings?country=UZ&limit=5", "/meetings?country=UZ&format=ndjson", "/stats/partners?country=AZ"} {
					r := a.send("GET", path, nil)
					if r.err != nil || r.status != http.StatusOK {
						t.Errorf("GET %s: %v %s", path, r.err, r)
					}
				}
			}
		}()
	}
	wg.Wait()
	var lines bytes.Buffer
	for n := range 50 {
		lines.Write(meeting(5000+n, "bouncer-import"))
		lines.WriteByte('\n')
	}
	r := a.do(t, "POST", "/imports?atomic=true", lines.Bytes(), "Authorization", "Bearer "+token, "Content-Type", "application/x-ndjson")
	assert.Equal(t, http.StatusOK, r.status, r.String())
	r = a.do(t, "GET", "/meetings?country=UZ&count=exact&limit=1", nil, "Milmeet-Consistency", r.header.Get("Milmeet-Consistency"))
	assert.Equal(t, 130.0, r.json(t)["total"], r.String())
}
