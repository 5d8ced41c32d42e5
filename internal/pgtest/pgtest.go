// Package pgtest gives each test a fresh, migrated database of its own, so
// tests can run in parallel and never see each other's rows.
//
// Each test package that uses it calls Main from TestMain:
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
//
// The databases live on the server TEST_DATABASE_URL names or, without it,
// on a throwaway cluster that Main starts from the installed PostgreSQL
// server programs for the test binary alone. Without either the tests fail:
// a database suite that skips proves nothing.
//
// The schema is migrated once per test binary into a template database
// (github.com/peterldowns/pgtestdb); New clones that template, which takes
// milliseconds.
package pgtest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/golang-migrate/migrate/v4"
	_ "github.com/golang-migrate/migrate/v4/database/pgx/v5" // registers pgx5://
	"github.com/golang-migrate/migrate/v4/source/iofs"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver pgtestdb connects with
	"github.com/peterldowns/pgtestdb"

	"github.com/milmeet/milmeet/internal/pgcluster"
	"github.com/milmeet/milmeet/migrations"
)

// dirPrefix names the throwaway clusters' directories, so that CleanStale
// finds those of test binaries that were killed.
const dirPrefix = "milmeet-test-"

// minShmFree is the free space /dev/shm needs to hold the test cluster; it
// is in memory, so faster, but small on some machines.
const minShmFree = 1 << 30

var (
	serverURL string
	cluster   *pgcluster.Cluster
	replica   *pgcluster.Cluster
	base      pgtestdb.Config
)

// Main sets up the test server, runs the tests and exits with their status;
// call it from TestMain. It never reads DATABASE_URL: tests must not touch a
// database someone uses.
func Main(m *testing.M) {
	os.Exit(run(m, false))
}

// MainWithReplica is Main with a streaming replica of the test server (see
// Replica and ReplicaURL). It always starts a throwaway cluster, whatever
// TEST_DATABASE_URL says: the tests that use a replica stop and start its
// primary, which they must own.
func MainWithReplica(m *testing.M) {
	os.Exit(run(m, true))
}

func run(m *testing.M, withReplica bool) int {
	cleanup, err := setup(withReplica)
	if err != nil {
		fmt.Fprintf(os.Stderr, "pgtest: %v\n", err)
		return 1
	}
	defer cleanup()
	return m.Run()
}

// setup finds or starts the server and returns what undoes it.
func setup(withReplica bool) (func(), error) {
	if u := os.Getenv("TEST_DATABASE_URL"); u != "" && !withReplica {
		if err := useServer(u); err != nil {
			return nil, err
		}
		// Fail once, clearly, rather than in every test.
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, u)
		if err != nil {
			return nil, fmt.Errorf("TEST_DATABASE_URL: %w", err)
		}
		_ = conn.Close(ctx)
		return func() {}, nil
	}
	bin, err := pgcluster.FindBinDir(os.Getenv)
	if errors.Is(err, pgcluster.ErrNoBinaries) {
		// Not FindBinDir's own advice: it names DATABASE_URL, which tests
		// never use.
		return nil, fmt.Errorf("no database for the tests: set TEST_DATABASE_URL or install the PostgreSQL server (apt-get install postgresql): %w", pgcluster.ErrNoBinaries)
	}
	if err != nil {
		return nil, err
	}
	root := dataRoot()
	// Leftovers of killed runs would fill /dev/shm over time; they may be
	// in either place, as /dev/shm's free space varies.
	for _, r := range []string{"/dev/shm", os.TempDir()} {
		_ = pgcluster.CleanStale(r, dirPrefix)
	}
	dir, err := pgcluster.MkdirTemp(root, dirPrefix)
	if err != nil {
		return nil, fmt.Errorf("test cluster directory: %w", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	// Parallel tests each hold a pool of their own.
	settings := map[string]string{"max_connections": "300"}
	if withReplica {
		// A commit is sent to the replica once it is flushed: at once,
		// rather than by the WAL writer a moment later, as in production.
		settings["synchronous_commit"] = "on"
	}
	c, err := pgcluster.Start(ctx, pgcluster.Options{
		DataDir:  dir + "/data",
		BinDir:   bin,
		Settings: settings,
	})
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, fmt.Errorf("start the test cluster: %w", err)
	}
	cluster = c
	undo := func() {
		if replica != nil {
			if err := replica.Stop(); err != nil {
				fmt.Fprintf(os.Stderr, "pgtest: stop the test replica: %v\n", err)
			}
		}
		if err := c.Stop(); err != nil {
			fmt.Fprintf(os.Stderr, "pgtest: stop the test cluster: %v\n", err)
		}
		_ = os.RemoveAll(dir)
	}
	if withReplica {
		replica, err = pgcluster.StartReplica(ctx, c, pgcluster.Options{DataDir: dir + "/replica", BinDir: bin,
			Settings: map[string]string{"max_connections": "300"}})
		if err != nil {
			undo()
			return nil, fmt.Errorf("start the test replica: %w", err)
		}
	}
	if err := useServer(c.URL("postgres")); err != nil {
		undo()
		return nil, err
	}
	return undo, nil
}

// dataRoot prefers memory (/dev/shm) for the test cluster when it has room.
func dataRoot() string {
	var st syscall.Statfs_t
	if err := syscall.Statfs("/dev/shm", &st); err == nil && st.Bavail*uint64(st.Bsize) >= minShmFree {
		return "/dev/shm"
	}
	return os.TempDir()
}

// useServer makes the server at u, an admin URL, the one New creates
// databases on.
func useServer(u string) error {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "postgres" && p.Scheme != "postgresql") || p.Host == "" {
		return errors.New("TEST_DATABASE_URL must be a postgres://user@host:port/db URL")
	}
	port := p.Port()
	if port == "" {
		port = "5432"
	}
	host := p.Hostname()
	if strings.Contains(host, ":") {
		host = "[" + host + "]" // pgtestdb pastes it into a URL as it is
	}
	password, _ := p.User.Password()
	serverURL = u
	base = pgtestdb.Config{
		DriverName: "pgx",
		Host:       host,
		Port:       port,
		User:       p.User.Username(),
		Password:   password,
		Database:   p.Path[min(1, len(p.Path)):],
		Options:    p.RawQuery,
		// A test that leaves a connection open (a server it started and
		// did not wait for, say) must not fail for it in its cleanup.
		ForceTerminateConnections: true,
	}
	return nil
}

// New returns a pool on a new database holding the migrated schema and
// nothing else, dropped when the test ends (kept if it failed, for a look).
// The pool is closed when the test ends.
func New(t testing.TB) *pgxpool.Pool {
	t.Helper()
	pool, err := pgxpool.New(context.Background(), URL(t))
	if err != nil {
		t.Fatalf("pgtest: connect: %v", err)
	}
	t.Cleanup(pool.Close)
	return pool
}

// URL creates a database as New does and returns its URL, for tests that
// connect by themselves, such as ones that start the server binary. Whatever
// holds connections to it must be stopped in a t.Cleanup registered after
// this call, so that it runs before the database is dropped.
func URL(t testing.TB) string {
	t.Helper()
	if serverURL == "" {
		t.Fatal("pgtest: no test server: call pgtest.Main(m) from TestMain")
	}
	return pgtestdb.Custom(t, base, migrator{}).URL()
}

// ServerURL returns the admin URL of the test server, for tests that create
// and drop databases of their own.
func ServerURL() string { return serverURL }

// Replica returns the streaming replica of Cluster that MainWithReplica
// started; nil after Main.
func Replica() *pgcluster.Cluster { return replica }

// ReplicaURL returns the URL of dbURL's database on Replica, once the
// replica has it (it replays the database's creation a moment after the
// primary commits it).
func ReplicaURL(t testing.TB, dbURL string) string {
	t.Helper()
	if replica == nil {
		t.Fatal("pgtest: no test replica: call pgtest.MainWithReplica(m) from TestMain")
	}
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	r, err := url.Parse(replica.URL("postgres"))
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	u.Host = r.Host
	deadline := time.Now().Add(30 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		conn, err := pgx.Connect(ctx, u.String())
		cancel()
		if err == nil {
			_ = conn.Close(context.Background())
			return u.String()
		}
		if time.Now().After(deadline) {
			t.Fatalf("pgtest: the replica does not have the test database: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Cluster returns the throwaway cluster Main started, for fault tests that
// stop, kill or restart the server; nil when the tests use
// TEST_DATABASE_URL. Such tests affect every database on it, so they must not
// run in parallel with others of their package.
func Cluster() *pgcluster.Cluster { return cluster }

// migrator applies migrations.FS to pgtestdb's template database. It uses
// golang-migrate directly rather than postgres.MigrateUp: package postgres
// tests use this package, and an import of postgres here would be a cycle for
// those in package postgres itself. pgtestdb's own golang-migrate migrator
// would pull in lib/pq.
type migrator struct{}

// Hash identifies the schema the migrations build, so that a changed
// migration gets a new template rather than a stale one.
func (migrator) Hash() (string, error) {
	h := sha256.New()
	err := fs.WalkDir(migrations.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(migrations.FS, path)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s %d\n", path, len(data))
		h.Write(data)
		return nil
	})
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Migrate runs every up migration on the template database conf names.
func (migrator) Migrate(_ context.Context, _ *sql.DB, conf pgtestdb.Config) error {
	src, err := iofs.New(migrations.FS, ".")
	if err != nil {
		return err
	}
	u, err := url.Parse(conf.URL())
	if err != nil {
		return err
	}
	u.Scheme = "pgx5"
	m, err := migrate.NewWithSourceInstance("iofs", src, u.String())
	if err != nil {
		_ = src.Close()
		return err
	}
	err = m.Up()
	srcErr, dbErr := m.Close()
	if errors.Is(err, migrate.ErrNoChange) {
		err = nil
	}
	if err != nil {
		return fmt.Errorf("migrate up: %w", err)
	}
	return errors.Join(srcErr, dbErr)
}
