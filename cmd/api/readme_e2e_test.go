//go:build e2e

package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/apitest"
)

// command is one command of the README, continuation lines joined.
type readmeCommand struct {
	text    string
	comment string
}

// readmeCommands returns the commands of the README's sh blocks, but those
// of the set-up block (make run, make test), which this test does itself.
func readmeCommands(t *testing.T, readme string) []readmeCommand {
	t.Helper()
	var cmds []readmeCommand
	in := false
	var cur strings.Builder
	for _, line := range strings.Split(readme, "\n") {
		switch {
		case line == "```sh":
			in = true
			continue
		case line == "```":
			in = false
			continue
		case !in || strings.TrimSpace(line) == "":
			continue
		}
		if strings.HasSuffix(strings.TrimRight(line, " "), "\\") {
			cur.WriteString(strings.TrimSuffix(strings.TrimRight(line, " "), "\\"))
			continue
		}
		cur.WriteString(line)
		text := cur.String()
		cur.Reset()
		if strings.HasPrefix(text, "make ") {
			continue
		}
		c := readmeCommand{text: text}
		if i := strings.Index(text, "   # "); i >= 0 {
			c.comment = text[i+5:]
		} else if i := strings.Index(text, "  # "); i >= 0 {
			c.comment = text[i+4:]
		}
		cmds = append(cmds, c)
	}
	return cmds
}

// wantStatus is the status a curl command's comment promises: the first
// status code it names at its start, else a success.
func wantStatus(comment string) int {
	if m := regexp.MustCompile(`^(\d{3})\b`).FindStringSubmatch(comment); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

// TestREADME runs the README's commands, in order, against `api dev` as
// `make run` starts it (a local cluster in .devpg, its URL in .devpg/url,
// the seed data), with localhost:8080 replaced by a free port and `go run
// ./cmd/api` by the built binary. Each command must succeed, and each curl
// must get the status its comment names (a success where it names none).
func TestREADME(t *testing.T) {
	root := apitest.ModuleRoot(t)
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	require.NoError(t, err)
	cmds := readmeCommands(t, string(readme))
	require.Greater(t, len(cmds), 30)

	bin := apitest.Build(t)
	work := t.TempDir()
	// As root the cluster runs as postgres, which must reach the directory.
	require.NoError(t, os.Chmod(filepath.Dir(work), 0o755))
	require.NoError(t, os.Chmod(work, 0o755))
	require.NoError(t, os.Symlink(filepath.Join(root, "examples"), filepath.Join(work, "examples")))
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	l.Close()

	dev := exec.Command(bin, "dev")
	dev.Dir = work
	dev.Env = apitest.Env("HTTP_ADDR="+addr, "LOG_FORMAT=text")
	dev.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	var devLog syncBuffer
	dev.Stdout, dev.Stderr = &devLog, &devLog
	require.NoError(t, dev.Start())
	exited := make(chan struct{})
	go func() { _ = dev.Wait(); close(exited) }()
	t.Cleanup(func() {
		_ = dev.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(30 * time.Second):
			_ = dev.Process.Kill()
		}
	})
	deadline := time.Now().Add(2 * time.Minute)
	for {
		resp, err := http.Get("http://" + addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		select {
		case <-exited:
			t.Fatalf("api dev stopped:\n%s", devLog.String())
		default:
		}
		require.True(t, time.Now().Before(deadline), "api dev did not become ready:\n%s", devLog.String())
		time.Sleep(100 * time.Millisecond)
	}
	urlFile, err := os.ReadFile(filepath.Join(work, ".devpg", "url"))
	require.NoError(t, err, "api dev writes its cluster's URL to .devpg/url")
	assert.Contains(t, devLog.String(), strings.TrimSpace(string(urlFile)), "and prints it")

	// curl reports each status on its standard error, after what it prints.
	realCurl, err := exec.LookPath("curl")
	require.NoError(t, err, "the README's commands need curl")
	shims := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(shims, "curl"), []byte(fmt.Sprintf(
		"#!/bin/sh\nexec %s -sS -w '%%{stderr}\\nREADME-STATUS %%{http_code}\\n' \"$@\"\n", realCurl)), 0o755))

	var script strings.Builder
	script.WriteString("set -eu\n")
	for i, c := range cmds {
		line := strings.ReplaceAll(c.text, "localhost:8080", addr)
		line = strings.ReplaceAll(line, "go run ./cmd/api", bin)
		fmt.Fprintf(&script, "echo 'README-COMMAND %d' >&2\n%s\n", i, line)
	}
	sh := exec.Command("bash", "-c", script.String())
	sh.Dir = work
	sh.Env = apitest.Env("PATH=" + shims + ":" + os.Getenv("PATH"))
	stderr, err := sh.StderrPipe()
	require.NoError(t, err)
	var stdout syncBuffer
	sh.Stdout = &stdout
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	require.NoError(t, sh.Start())
	go func() { <-ctx.Done(); _ = sh.Process.Kill() }()

	statuses := map[int][]int{}
	cur := -1
	var errs strings.Builder
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		line := sc.Text()
		if n, ok := strings.CutPrefix(line, "README-COMMAND "); ok {
			cur, _ = strconv.Atoi(n)
			continue
		}
		if s, ok := strings.CutPrefix(line, "README-STATUS "); ok {
			code, _ := strconv.Atoi(s)
			statuses[cur] = append(statuses[cur], code)
			continue
		}
		fmt.Fprintf(&errs, "%d: %s\n", cur, line)
	}
	err = sh.Wait()
	require.NoError(t, err, "a README command failed (the last one begun: %d, %q)\nstderr:\n%s", cur,
		cmds[max(cur, 0)].text, errs.String())

	for i, c := range cmds {
		if !strings.Contains(c.text, "curl") {
			continue
		}
		got := statuses[i]
		require.Len(t, got, 1, "command %d %q", i, c.text)
		if want := wantStatus(c.comment); want != 0 {
			assert.Equal(t, want, got[0], "command %d %q", i, c.text)
		} else {
			assert.True(t, got[0] >= 200 && got[0] < 300, "command %d %q: status %d", i, c.text, got[0])
		}
	}
	t.Logf("%d README commands run; %d bytes of output", len(cmds), len(stdout.String()))
	if t.Failed() {
		out := filepath.Join(os.TempDir(), "milmeet-readme-output.txt")
		_ = os.WriteFile(out, []byte(stdout.String()), 0o644)
		t.Logf("the commands' output is in %s; its tail:\n%s", out, tail(stdout.String(), 2000))
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}
