//go:build e2e

// The checks that need Node (make test-e2e): the spec's linters, and the
// TypeScript client generated fresh from the served spec and used against
// a running server. They fail, never skip, when Node or the packages of
// clients/package.json (npm ci) are missing.
package clients_test

import (
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/apitest"
	"github.com/milmeet/milmeet/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// npx runs a program of clients/node_modules in clients/.
func npx(t *testing.T, env []string, args ...string) {
	t.Helper()
	if _, err := exec.LookPath("npx"); err != nil {
		t.Fatal("npx not found: install Node.js and npm (apt-get install nodejs npm), then `cd clients && npm ci`")
	}
	if _, err := os.Stat(filepath.Join("node_modules", ".bin", args[0])); err != nil {
		t.Fatalf("%s is not installed: run `cd clients && npm ci`", args[0])
	}
	cmd := exec.Command("npx", append([]string{"--no-install"}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "npx %v:\n%s", args, out)
	t.Logf("npx %v:\n%s", args, tail(out, 1500))
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}

// TestSpecLint: spectral (oas + OWASP, clients/.spectral.yaml) and redocly
// (recommended) find no error in api/openapi.yaml.
func TestSpecLint(t *testing.T) {
	npx(t, nil, "spectral", "lint", "--fail-severity=error", "--format=text", "../api/openapi.yaml")
	npx(t, nil, "redocly", "lint", "--config", "redocly.yaml", "../api/openapi.yaml")
}

// TestTypeScriptClient generates the types from the spec the running server
// serves, type-checks the client code against them, and runs it.
func TestTypeScriptClient(t *testing.T) {
	srv := apitest.Start(t)
	resp, err := http.Get(srv.URL + "/openapi.yaml")
	require.NoError(t, err)
	spec, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	served := filepath.Join(t.TempDir(), "openapi.yaml")
	require.NoError(t, os.WriteFile(served, spec, 0o644))

	npx(t, nil, "openapi-typescript", served, "-o", filepath.Join("ts", "schema.gen.ts"))
	npx(t, nil, "tsc", "-p", "ts")
	npx(t, []string{"MILMEET_URL=" + srv.URL, "MILMEET_TOKEN=" + srv.WriteToken},
		"tsx", "--test", filepath.Join("ts", "client.test.ts"))
}
