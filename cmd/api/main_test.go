package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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
