package reliability

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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

func TestMain(m *testing.M) { pgtest.Main(m) }

// moduleRoot returns the directory holding go.mod, above the test's.
func moduleRoot(t *testing.T) string {
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
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// goTool returns the go command that runs the tests: the one on PATH, else
// the one in $GOROOT.
func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	if p := filepath.Join(os.Getenv("GOROOT"), "bin", "go"); os.Getenv("GOROOT") != "" {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return "go"
}

// buildAPI builds cmd/api into dir and returns the binary's path. It is
// built without the race detector even under -race: that makes the binary
// five to ten times slower, and the handlers it serves run under the race
// detector in-process (TestDatabaseOutage, the package http tests).
func buildAPI(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "api")
	args := []string{"build", "-o", bin}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, goTool(), append(args, "./cmd/api")...)
	cmd.Dir = moduleRoot(t)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go build ./cmd/api: %v\n%s", err, out)
	}
	return bin
}

// freeAddr returns 127.0.0.1:PORT with a port that was free a moment ago.
// Never the same one twice in a test binary: the kernel may hand a port
// just closed out again, and two servers started at once would then race
// for it.
func freeAddr(t *testing.T) string {
	t.Helper()
	givenMu.Lock()
	defer givenMu.Unlock()
	for range 100 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		l.Close()
		if !given[addr] {
			given[addr] = true
			return addr
		}
	}
	t.Fatal("no free port not given already")
	return ""
}

var (
	givenMu sync.Mutex
	given   = map[string]bool{} // the addresses freeAddr gave
)

// apiEnv is the environment the binary runs with: the test's, without any
// database or server setting of its own, plus extra.
func apiEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "DATABASE_URL", "HTTP_ADDR", "SHUTDOWN_GRACE", "LOG_FORMAT", "LOG_LEVEL", "READ_REQUIRES_KEY",
			"RATE_LIMIT_WRITES_PER_MINUTE", "RATE_LIMIT_READS_PER_MINUTE", "REQUEST_TIMEOUT", "MAX_EXPORTS",
			"DB_BULK_CONNS", "EXPORT_STALL_TIMEOUT", "IMPORT_IDLE_TIMEOUT", "IMPORT_MAX_BYTES", "CURSOR_SECRET",
			"METRICS_ADDR", "METRICS_KEY", "RATE_LIMIT_AUTH_FAILURES_PER_MINUTE",
			"DB_MAX_CONNS", "DB_STATEMENT_TIMEOUT", "IMPORT_MAX_LINE_BYTES", "CORS_ORIGINS":
			continue
		}
		env = append(env, kv)
	}
	return append(env, extra...)
}

// runAPI runs a short command of the binary (keys create, import) and
// returns its standard output.
func runAPI(t *testing.T, bin, dbURL string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = apiEnv("DATABASE_URL="+dbURL, "LOG_FORMAT=json")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("api %s: %v\n%s\n%.2000s", strings.Join(args, " "), err, stderr.String(), stdout.String())
	}
	return stdout.String()
}

// writeKey creates a key with the write scope and returns its token.
func writeKey(t *testing.T, bin, dbURL, name string) string {
	t.Helper()
	token := strings.TrimSpace(runAPI(t, bin, dbURL, "keys", "create", "--name", name, "--scope", "write"))
	if !strings.HasPrefix(token, "mm_") {
		t.Fatalf("keys create printed %q, not a token", token)
	}
	return token
}

// apiProc is a running `api serve`.
type apiProc struct {
	t    *testing.T
	cmd  *exec.Cmd
	addr string
	base string

	mu    sync.Mutex
	lines []logLine
	raw   bytes.Buffer
	news  chan struct{} // signalled on each new log line

	exited chan struct{}
	err    error // of Wait, once exited is closed
}

// logLine is one JSON log line of the server.
type logLine struct {
	at    time.Time // when the test read it
	Msg   string    `json:"msg"`
	Level string    `json:"level"`
	Route string    `json:"route"`
	Meth  string    `json:"method"`
	Stat  int       `json:"status"`
	Err   string    `json:"err"`
}

// startServe starts `api serve` on a free port of 127.0.0.1 with the
// environment given, and waits until it answers /readyz. The process is
// killed at the end of the test if it still runs.
func startServe(t *testing.T, bin, dbURL string, env ...string) *apiProc {
	t.Helper()
	p := launchServe(t, bin, dbURL, env...)
	p.waitReady(30 * time.Second)
	return p
}

// launchServe starts `api serve` without waiting for it.
func launchServe(t *testing.T, bin, dbURL string, env ...string) *apiProc {
	t.Helper()
	addr := freeAddr(t)
	cmd := exec.Command(bin, "serve", "-addr", addr)
	cmd.Env = apiEnv(append([]string{"DATABASE_URL=" + dbURL, "LOG_FORMAT=json"}, env...)...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	// The binary's own children, if any, die with it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start api serve: %v", err)
	}
	p := &apiProc{t: t, cmd: cmd, addr: addr, base: "http://" + addr, news: make(chan struct{}, 1), exited: make(chan struct{})}
	readDone := make(chan struct{})
	go func() {
		defer close(readDone)
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			var l logLine
			_ = json.Unmarshal(sc.Bytes(), &l)
			l.at = time.Now()
			p.mu.Lock()
			p.lines = append(p.lines, l)
			p.raw.Write(sc.Bytes())
			p.raw.WriteByte('\n')
			p.mu.Unlock()
			select {
			case p.news <- struct{}{}:
			default:
			}
		}
	}()
	go func() {
		<-readDone
		p.err = cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-p.exited:
		default:
			_ = cmd.Process.Kill()
			<-p.exited
		}
		if t.Failed() {
			t.Logf("log of api serve on %s:\n%s", addr, p.log())
		}
	})
	return p
}

func (p *apiProc) log() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.raw.String()
	if len(s) > 20000 {
		s = "…" + s[len(s)-20000:]
	}
	return s
}

// waitReady polls /readyz until it answers 200.
func (p *apiProc) waitReady(within time.Duration) {
	p.t.Helper()
	deadline := time.Now().Add(within)
	client := &http.Client{Timeout: time.Second}
	for {
		resp, err := client.Get(p.base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		select {
		case <-p.exited:
			p.t.Fatalf("api serve exited before it was ready (%v):\n%s", p.err, p.log())
		default:
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("api serve on %s not ready within %s (last: %v):\n%s", p.addr, within, err, p.log())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitLog waits for a log line with the message and returns it.
func (p *apiProc) waitLog(msg string, within time.Duration) logLine {
	p.t.Helper()
	deadline := time.After(within)
	for {
		if l, ok := p.findLog(msg); ok {
			return l
		}
		select {
		case <-p.news:
		case <-p.exited:
			if l, ok := p.findLog(msg); ok {
				return l
			}
			p.t.Fatalf("api serve exited (%v) without logging %q:\n%s", p.err, msg, p.log())
		case <-deadline:
			p.t.Fatalf("api serve did not log %q within %s:\n%s", msg, within, p.log())
		}
	}
}

func (p *apiProc) findLog(msg string) (logLine, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, l := range p.lines {
		if l.Msg == msg {
			return l, true
		}
	}
	return logLine{}, false
}

// findRequestLog returns the first request log line of a method and route.
func (p *apiProc) findRequestLog(method, route string) (logLine, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, l := range p.lines {
		if l.Msg == "request" && l.Meth == method && l.Route == route {
			return l, true
		}
	}
	return logLine{}, false
}

// logsAt returns the log lines at a level (ERROR, WARN...).
func (p *apiProc) logsAt(level string) []logLine {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []logLine
	for _, l := range p.lines {
		if l.Level == level {
			out = append(out, l)
		}
	}
	return out
}

// waitExit waits for the process to exit and returns its exit code and how
// long after since it exited.
func (p *apiProc) waitExit(since time.Time, within time.Duration) (int, time.Duration) {
	p.t.Helper()
	select {
	case <-p.exited:
	case <-time.After(within):
		p.t.Fatalf("api serve still runs %s after the signal:\n%s", within, p.log())
	}
	took := time.Since(since)
	code := 0
	var ee *exec.ExitError
	if errors.As(p.err, &ee) {
		code = ee.ExitCode()
	} else if p.err != nil {
		p.t.Fatalf("wait: %v", p.err)
	}
	return code, took
}

func (p *apiProc) signal(sig os.Signal) time.Time {
	p.t.Helper()
	at := time.Now()
	if err := p.cmd.Process.Signal(sig); err != nil {
		p.t.Fatalf("signal: %v", err)
	}
	return at
}

// guests are the guest countries of meetingLine's meetings.
var guests = []string{"TR", "GE", "KZ", "UZ", "PK"}

// meetingLine returns one NDJSON line (or POST body) of a valid, distinct
// meeting: n picks its date, so that no two n are the same meeting.
func meetingLine(n int, tag string) []byte {
	day := time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n)
	m := map[string]any{
		"title": fmt.Sprintf("%s meeting %d", tag, n),
		"date":  day.Format("2006-01-02"),
		"kind":  "working_visit",
		"delegations": []any{
			map[string]any{"country": "AZ", "role": "host", "head": map[string]any{"name": "Zakir Hasanov"}},
			map[string]any{"country": guests[n%len(guests)], "role": "guest",
				"head": map[string]any{"name": "Guest Chief of " + guests[n%len(guests)], "rank": "General"}},
		},
		"ceremonies": []any{map[string]any{"type": "wreath_laying", "site": "Alley of Honor"}},
		"sources":    []any{map[string]any{"url": fmt.Sprintf("https://example.org/%s/%d", tag, n), "outlet": "Example"}},
	}
	raw, err := json.Marshal(m)
	if err != nil {
		panic(err)
	}
	return raw
}

// slowBody is a request body whose lines a goroutine writes in chunks, a
// pause between each, until all are written or the request ends. The
// channel is closed once the HTTP client has taken two chunks: the request
// is then on the wire, headers and all, and in the server's hands.
func slowBody(lines [][]byte, chunks int, pause time.Duration) (io.Reader, <-chan struct{}) {
	pr, pw := io.Pipe()
	sent := make(chan struct{})
	go func() {
		per := (len(lines) + chunks - 1) / chunks
		for i, n := 0, 0; i < len(lines); i, n = i+per, n+1 {
			var b bytes.Buffer
			for _, l := range lines[i:min(i+per, len(lines))] {
				b.Write(l)
				b.WriteByte('\n')
			}
			// An io.Pipe write returns once the reader (the client's
			// transport) has taken the bytes.
			if _, err := pw.Write(b.Bytes()); err != nil {
				return
			}
			if n == 1 || i+per >= len(lines) && n < 1 {
				close(sent)
			}
			if i+per < len(lines) {
				time.Sleep(pause)
			}
		}
		pw.Close()
	}()
	return pr, sent
}
