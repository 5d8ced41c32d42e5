// Package apitest runs the real api binary for tests that talk to it as a
// client would: generated clients, the README's commands. It builds
// ./cmd/api, migrates and seeds a fresh database, makes API keys and starts
// `api serve` on a free port of 127.0.0.1.
package apitest

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
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

	"github.com/milmeet/milmeet/internal/pgtest"
)

// Server is a running `api serve`.
type Server struct {
	// URL is its base URL, http://127.0.0.1:PORT.
	URL string
	// Bin is the api binary; DatabaseURL its database.
	Bin, DatabaseURL string
	// WriteToken is the bearer token of a key with the write scope.
	WriteToken string

	mu   sync.Mutex
	logs bytes.Buffer
}

// Logs returns what the server has logged so far.
func (s *Server) Logs() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logs.String()
}

// Start builds the binary, seeds a fresh database and serves it until the
// test ends. env is added to the server's environment.
func Start(t *testing.T, env ...string) *Server {
	t.Helper()
	s := &Server{Bin: Build(t), DatabaseURL: pgtest.URL(t)}
	s.Run(t, "seed")
	s.WriteToken = strings.TrimSpace(s.Run(t, "keys", "create", "--name", "client-test", "--scope", "write"))
	addr := freeAddr(t)
	cmd := exec.Command(s.Bin, "serve", "-addr", addr)
	cmd.Env = Env(append([]string{"DATABASE_URL=" + s.DatabaseURL, "LOG_FORMAT=json"}, env...)...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start api serve: %v", err)
	}
	done := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			s.mu.Lock()
			s.logs.Write(sc.Bytes())
			s.logs.WriteByte('\n')
			s.mu.Unlock()
		}
		_ = cmd.Wait()
		close(done)
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	})
	s.URL = "http://" + addr
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(s.URL + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s
			}
		}
		select {
		case <-done:
			t.Fatalf("api serve stopped:\n%s", s.Logs())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("api serve did not become ready:\n%s", s.Logs())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Run runs a short command of the binary against the server's database and
// returns its standard output.
func (s *Server) Run(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, s.Bin, args...)
	cmd.Env = Env("DATABASE_URL="+s.DatabaseURL, "LOG_FORMAT=json")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("api %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String()
}

var (
	buildOnce sync.Once
	bin       string
	buildErr  error
)

// Build builds ./cmd/api once per test binary and returns its path.
func Build(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "milmeet-api-")
		if err != nil {
			buildErr = err
			return
		}
		bin = filepath.Join(dir, "api")
		cmd := exec.Command(filepath.Join(runtimeGOROOT(), "bin", "go"), "build", "-o", bin, "./cmd/api")
		cmd.Dir = ModuleRoot(t)
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build ./cmd/api: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return bin
}

// ModuleRoot returns the directory of go.mod.
func ModuleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test's directory")
		}
		dir = parent
	}
}

// Env is the environment commands run with: the test's, without milmeet's
// own settings, plus extra.
func Env(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if isSetting(name) {
			continue
		}
		env = append(env, kv)
	}
	return append(env, extra...)
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}
