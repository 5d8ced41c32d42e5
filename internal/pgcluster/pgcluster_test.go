package pgcluster

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// binDir returns the installed server's programs; their absence fails the
// test, since a suite that skips its database tests passes while proving
// nothing.
func binDir(t *testing.T) string {
	t.Helper()
	dir, err := FindBinDir(os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// tempRoot returns a directory for a cluster that the server's user can
// reach even when the tests run as root (t.TempDir is mode 0700).
func tempRoot(t *testing.T) string {
	t.Helper()
	dir, err := MkdirTemp(os.TempDir(), "pgcluster-test-")
	require.NoError(t, err)
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	return dir
}

func fakeBinDir(t *testing.T, dir string, programs ...string) string {
	t.Helper()
	require.NoError(t, os.MkdirAll(dir, 0o755))
	for _, p := range programs {
		require.NoError(t, os.WriteFile(filepath.Join(dir, p), []byte("#!/bin/sh\n"), 0o755))
	}
	return dir
}

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestFindBinDir(t *testing.T) {
	root := t.TempDir()
	full := fakeBinDir(t, filepath.Join(root, "full"), "initdb", "postgres", "pg_ctl")
	half := fakeBinDir(t, filepath.Join(root, "half"), "initdb")
	links := fakeBinDir(t, filepath.Join(root, "links"))
	for _, p := range []string{"initdb", "postgres"} {
		require.NoError(t, os.Symlink(filepath.Join(full, p), filepath.Join(links, p)))
	}
	for _, v := range []string{"9.6", "10", "17"} {
		fakeBinDir(t, filepath.Join(root, "lib", v, "bin"), "initdb", "postgres")
	}
	fakeBinDir(t, filepath.Join(root, "lib", "18", "bin"), "postgres") // incomplete

	old := systemBinGlob
	t.Cleanup(func() { systemBinGlob = old })

	t.Run("PG_BINDIR first", func(t *testing.T) {
		systemBinGlob = filepath.Join(root, "lib", "*", "bin")
		got, err := FindBinDir(env(map[string]string{"PG_BINDIR": full, "PATH": links}))
		require.NoError(t, err)
		assert.Equal(t, full, got)
	})
	t.Run("wrong PG_BINDIR is an error", func(t *testing.T) {
		_, err := FindBinDir(env(map[string]string{"PG_BINDIR": half, "PATH": full}))
		require.Error(t, err)
		assert.Contains(t, err.Error(), "PG_BINDIR="+half)
		assert.False(t, errors.Is(err, ErrNoBinaries))
	})
	t.Run("PATH follows links", func(t *testing.T) {
		got, err := FindBinDir(env(map[string]string{"PATH": half + ":" + links + ":" + full}))
		require.NoError(t, err)
		assert.Equal(t, full, got)
	})
	t.Run("newest system version", func(t *testing.T) {
		systemBinGlob = filepath.Join(root, "lib", "*", "bin")
		got, err := FindBinDir(env(map[string]string{"PATH": half}))
		require.NoError(t, err)
		assert.Equal(t, filepath.Join(root, "lib", "17", "bin"), got)
	})
	t.Run("none", func(t *testing.T) {
		systemBinGlob = filepath.Join(root, "nothing", "*", "bin")
		_, err := FindBinDir(env(map[string]string{"PATH": half}))
		require.ErrorIs(t, err, ErrNoBinaries)
		assert.NotContains(t, err.Error(), "\n")
		assert.Contains(t, err.Error(), "apt-get install postgresql")
		assert.Contains(t, err.Error(), "PG_BINDIR, PATH, /usr/lib/postgresql/*/bin")
	})
	t.Run("this machine", func(t *testing.T) {
		systemBinGlob = old
		binDir(t)
	})
}

func connect(t *testing.T, c *Cluster) *pgx.Conn {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close(ctx) })
	return conn
}

func TestClusterLifecycle(t *testing.T) {
	bin := binDir(t)
	ctx := context.Background()
	dataDir := filepath.Join(tempRoot(t), "nested", "data")

	began := time.Now()
	c, err := Start(ctx, Options{DataDir: dataDir, BinDir: bin})
	require.NoError(t, err)
	t.Logf("first Start (initdb + start): %s", time.Since(began))
	t.Cleanup(func() { _ = c.Stop() })
	assert.Equal(t, dataDir, c.DataDir())
	assert.NotZero(t, c.Port())
	assert.Equal(t, "postgres://postgres@127.0.0.1:"+strconv.Itoa(c.Port())+"/x?sslmode=disable", c.URL("x"))

	conn := connect(t, c)
	var encoding, ctype, fsync string
	require.NoError(t, conn.QueryRow(ctx, "SHOW server_encoding").Scan(&encoding))
	require.NoError(t, conn.QueryRow(ctx, "SELECT datctype FROM pg_database WHERE datname = 'postgres'").Scan(&ctype))
	require.NoError(t, conn.QueryRow(ctx, "SHOW fsync").Scan(&fsync))
	assert.Equal(t, "UTF8", encoding)
	assert.Equal(t, "off", fsync)
	t.Logf("lc_ctype %s", ctype)
	_, err = conn.Exec(ctx, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('ünïcødé'); CHECKPOINT")
	require.NoError(t, err)

	require.NoError(t, c.Stop())
	require.NoError(t, c.Stop(), "stopping twice")
	_, err = pgx.Connect(ctx, c.URL("postgres"))
	require.Error(t, err, "connect to a stopped cluster")

	began = time.Now()
	require.NoError(t, c.Restart(ctx))
	t.Logf("Restart after Stop: %s", time.Since(began))
	var v string
	require.NoError(t, connect(t, c).QueryRow(ctx, "SELECT v FROM kept").Scan(&v))
	assert.Equal(t, "ünïcødé", v)

	c.Kill()
	_, err = pgx.Connect(ctx, c.URL("postgres"))
	require.Error(t, err, "connect to a killed cluster")
	began = time.Now()
	require.NoError(t, c.Restart(ctx))
	t.Logf("Restart after Kill (crash recovery): %s", time.Since(began))
	require.NoError(t, connect(t, c).QueryRow(ctx, "SELECT v FROM kept").Scan(&v))

	// Restart of a running cluster stops it first.
	require.NoError(t, c.Restart(ctx))
	require.NoError(t, connect(t, c).Ping(ctx))

	// An existing cluster is started as it is, not initialised again.
	require.NoError(t, c.Stop())
	began = time.Now()
	again, err := Start(ctx, Options{DataDir: dataDir, BinDir: bin, Durable: true})
	require.NoError(t, err)
	t.Logf("Start of an existing cluster: %s", time.Since(began))
	defer func() { require.NoError(t, again.Stop()) }()
	require.NoError(t, connect(t, again).QueryRow(ctx, "SELECT v FROM kept").Scan(&v))
	require.NoError(t, connect(t, again).QueryRow(ctx, "SHOW fsync").Scan(&fsync))
	assert.Equal(t, "on", fsync)

	// A port served by another cluster is refused, not mistaken for ours.
	_, err = Start(ctx, Options{DataDir: filepath.Join(tempRoot(t), "data"), BinDir: bin, Port: again.Port()})
	require.Error(t, err)
	assert.ErrorIs(t, err, errPortTaken)
}

func TestStartUnreachableAsRoot(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Log("not root: the server runs as us and reaches whatever we reach")
		return
	}
	closed := t.TempDir() // mode 0700, owned by root
	require.NoError(t, os.Chmod(closed, 0o700))
	_, err := Start(context.Background(), Options{DataDir: filepath.Join(closed, "data"), BinDir: binDir(t)})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "out of reach")
}

func TestCleanStale(t *testing.T) {
	root := t.TempDir()
	dead := exec.Command("true")
	require.NoError(t, dead.Run())

	mine, err := MkdirTemp(root, "stale-test-")
	require.NoError(t, err)
	abandonedDir := filepath.Join(root, "stale-test-dead")
	require.NoError(t, os.MkdirAll(filepath.Join(abandonedDir, "data"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(abandonedDir, ownerFile), []byte(strconv.Itoa(dead.Process.Pid)+"\n"), 0o644))
	reused := filepath.Join(root, "stale-test-reused")
	require.NoError(t, os.Mkdir(reused, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(reused, ownerFile), []byte(strconv.Itoa(os.Getpid())+"\n1\n"), 0o644))
	other := filepath.Join(root, "other-dead")
	require.NoError(t, os.Mkdir(other, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(other, ownerFile), []byte(strconv.Itoa(dead.Process.Pid)+"\n"), 0o644))
	fresh := filepath.Join(root, "stale-test-fresh") // no owner file yet
	require.NoError(t, os.Mkdir(fresh, 0o755))
	zombie := exec.Command("true")
	require.NoError(t, zombie.Start())
	defer func() { _ = zombie.Wait() }()
	for state, _ := procStat(zombie.Process.Pid); state != "Z"; state, _ = procStat(zombie.Process.Pid) {
		time.Sleep(time.Millisecond)
	}
	zombieDir := filepath.Join(root, "stale-test-zombie")
	require.NoError(t, os.Mkdir(zombieDir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(zombieDir, ownerFile), []byte(strconv.Itoa(zombie.Process.Pid)+"\n"), 0o644))

	require.NoError(t, CleanStale(root, "stale-test-"))
	for dir, want := range map[string]bool{mine: true, abandonedDir: false, reused: false, other: true, fresh: true, zombieDir: false} {
		_, err := os.Stat(dir)
		assert.Equal(t, want, err == nil, "%s kept", filepath.Base(dir))
	}
	record, err := os.ReadFile(filepath.Join(mine, ownerFile))
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(record), strconv.Itoa(os.Getpid())+"\n"))
}

func TestCleanStaleKillsServer(t *testing.T) {
	bin := binDir(t)
	root := tempRoot(t)
	dir, err := MkdirTemp(root, "stale-live-")
	require.NoError(t, err)
	c, err := Start(context.Background(), Options{DataDir: filepath.Join(dir, "data"), BinDir: bin})
	require.NoError(t, err)
	t.Cleanup(c.Kill)

	dead := exec.Command("true")
	require.NoError(t, dead.Run())
	require.NoError(t, os.WriteFile(filepath.Join(dir, ownerFile), []byte(strconv.Itoa(dead.Process.Pid)+"\n"), 0o644))
	require.NoError(t, CleanStale(root, "stale-live-"))

	_, err = os.Stat(dir)
	assert.ErrorIs(t, err, os.ErrNotExist)
	select {
	case <-c.srv.exited:
	case <-time.After(5 * time.Second):
		t.Fatal("the abandoned server still runs")
	}
}

// TestInitdbWithoutCUTF8 runs Start with an initdb that refuses the C.UTF-8
// locale, as one on a system without it does: the cluster must still be UTF8.
func TestInitdbWithoutCUTF8(t *testing.T) {
	bin := binDir(t)
	fake := filepath.Join(tempRoot(t), "bin")
	require.NoError(t, os.Mkdir(fake, 0o755))
	script := "#!/bin/sh\n" +
		"for a in \"$@\"; do [ \"$a\" = --locale=C.UTF-8 ] && { echo 'initdb: error: invalid locale name \"C.UTF-8\"' >&2; exit 1; }; done\n" +
		"exec " + filepath.Join(bin, "initdb") + " \"$@\"\n"
	require.NoError(t, os.WriteFile(filepath.Join(fake, "initdb"), []byte(script), 0o755))
	require.NoError(t, os.Symlink(filepath.Join(bin, "postgres"), filepath.Join(fake, "postgres")))

	c, err := Start(context.Background(), Options{DataDir: filepath.Join(filepath.Dir(fake), "data"), BinDir: fake})
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Stop() })
	var encoding, ctype string
	conn := connect(t, c)
	require.NoError(t, conn.QueryRow(context.Background(), "SHOW server_encoding").Scan(&encoding))
	require.NoError(t, conn.QueryRow(context.Background(), "SHOW lc_ctype").Scan(&ctype))
	assert.Equal(t, "UTF8", encoding)
	assert.Equal(t, "C", ctype)
}
