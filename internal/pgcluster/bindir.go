package pgcluster

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// systemBinGlob is where Debian and Ubuntu install each major version's
// server; a variable so tests can point it at a tree they control.
var systemBinGlob = "/usr/lib/postgresql/*/bin"

// ErrNoBinaries is wrapped by FindBinDir's error when no server is installed,
// so callers can tell "install PostgreSQL" from a broken PG_BINDIR, and give
// advice of their own.
var ErrNoBinaries = errors.New("no PostgreSQL server binaries found (looked in PG_BINDIR, PATH, /usr/lib/postgresql/*/bin)")

// FindBinDir returns the directory holding PostgreSQL's initdb and postgres
// programs. getenv is os.Getenv outside tests. It looks in $PG_BINDIR, then
// in $PATH, then in /usr/lib/postgresql/*/bin, newest major version first:
// Debian keeps the server off PATH, so the last is where it usually is.
func FindBinDir(getenv func(string) string) (string, error) {
	if dir := getenv("PG_BINDIR"); dir != "" {
		// A PG_BINDIR that is set but wrong is a mistake to report, not a
		// reason to quietly pick some other server.
		if hasServer(dir) {
			return filepath.Abs(dir)
		}
		return "", fmt.Errorf("PG_BINDIR=%s holds no initdb and postgres programs: point it at a PostgreSQL server bin directory (e.g. /usr/lib/postgresql/15/bin) or unset it", dir)
	}
	for _, dir := range filepath.SplitList(getenv("PATH")) {
		if dir == "" || !hasServer(dir) {
			continue
		}
		// Distributions link a few programs into PATH; use the directory
		// they point into when it is complete, so that every program of
		// one installation is used together.
		if real, err := filepath.EvalSymlinks(filepath.Join(dir, "initdb")); err == nil && hasServer(filepath.Dir(real)) {
			return filepath.Dir(real), nil
		}
		return filepath.Abs(dir)
	}
	dirs, _ := filepath.Glob(systemBinGlob)
	slices.SortFunc(dirs, func(a, b string) int { return compareVersions(versionOf(b), versionOf(a)) })
	for _, dir := range dirs {
		if hasServer(dir) {
			return dir, nil
		}
	}
	return "", fmt.Errorf("%w: install the postgresql package (apt-get install postgresql) or set DATABASE_URL", ErrNoBinaries)
}

// hasServer tells whether dir holds executable initdb and postgres programs.
func hasServer(dir string) bool {
	for _, name := range []string{"initdb", "postgres"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm()&0o111 == 0 {
			return false
		}
	}
	return true
}

// versionOf returns the numeric parts of the version directory in
// /usr/lib/postgresql/VERSION/bin ("9.6" → [9 6]); non-numbers sort first.
func versionOf(binDir string) []int {
	var v []int
	for _, part := range strings.Split(filepath.Base(filepath.Dir(binDir)), ".") {
		n, err := strconv.Atoi(part)
		if err != nil {
			n = -1
		}
		v = append(v, n)
	}
	return v
}

func compareVersions(a, b []int) int { return slices.Compare(a, b) }
