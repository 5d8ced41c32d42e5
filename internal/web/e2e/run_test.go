//go:build e2e

package e2e

import (
	"bytes"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMakeRun is the acceptance as a newcomer meets it: what `make run`
// runs (`api dev`: a PostgreSQL cluster of its own, migrated and seeded)
// serves the explorer with the five seed meetings at / and the reference
// at /docs, and the browser makes no request off the machine.
func TestMakeRun(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "api")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/milmeet/milmeet/cmd/api").CombinedOutput()
	require.NoError(t, err, string(out))

	// The cluster runs as the postgres user when the tests run as root: it
	// must be able to reach its data directory.
	dir, err := os.MkdirTemp("", "milmeet-e2e-")
	require.NoError(t, err)
	require.NoError(t, os.Chmod(dir, 0o755))
	t.Cleanup(func() { _ = os.RemoveAll(dir) })

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())

	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "DATABASE_URL=") && !strings.HasPrefix(kv, "HTTP_ADDR=") &&
			!strings.HasPrefix(kv, "DEV_") {
			env = append(env, kv)
		}
	}
	cmd := exec.Command(bin, "dev")
	cmd.Env = append(env, "HTTP_ADDR="+addr, "DEV_PGDATA="+filepath.Join(dir, "pg"), "LOG_FORMAT=json")
	var logs lockedBuffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	require.NoError(t, cmd.Start())
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM) // stops the server, then its cluster
		select {
		case <-done:
		case <-time.After(60 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	})

	base := "http://" + addr
	ready := false
	for deadline := time.Now().Add(90 * time.Second); time.Now().Before(deadline); time.Sleep(250 * time.Millisecond) {
		select {
		case err := <-done:
			t.Fatalf("api dev stopped: %v\n%s", err, logs.String())
		default:
		}
		if res, err := http.Get(base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				ready = true
				break
			}
		}
	}
	require.True(t, ready, "api dev did not get ready:\n%s", logs.String())

	tb := newTab(t, newBrowser(t), base)
	tb.open("/")
	tb.rendered("")
	assert.Equal(t, 5, eval[int](tb, `document.querySelectorAll('#meeting-list > li').length`))
	tb.open("/docs")
	tb.wait(`document.querySelectorAll('.opblock').length > 20`)
	tb.clean()
}

// lockedBuffer collects a process's output for the test to show.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
