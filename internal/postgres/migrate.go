package postgres

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/golang-migrate/migrate/v4"
	_ "github.com/golang-migrate/migrate/v4/database/pgx/v5" // registers the pgx5:// scheme
	"github.com/golang-migrate/migrate/v4/source/iofs"
	"github.com/jackc/pgx/v5"

	"github.com/milmeet/milmeet/migrations"
)

const (
	// defaultLockWait bounds the wait for another process's migration when ctx
	// has no deadline. golang-migrate's own default (15 s) is shorter than a
	// data migration may take, and a starter that gives up while another one
	// migrates would fail for no reason.
	defaultLockWait = 5 * time.Minute
	// defaultConnectTimeout keeps an unreachable host from hanging startup for
	// the OS's TCP timeout: golang-migrate connects without a context.
	defaultConnectTimeout = 15 * time.Second
)

// MigrateUp applies the migrations in migrations.FS that the database at
// databaseURL (postgres:// or postgresql://) lacks. An up-to-date database is
// not an error. golang-migrate holds a Postgres advisory lock while it works,
// so several instances starting at once migrate only once.
//
// Then it fills in what the SQL cannot compute the way the store does: the
// list items of meetings written before migration 000010 (RenderListItems).
func MigrateUp(ctx context.Context, databaseURL string) error {
	err := withMigrate(ctx, databaseURL, (*migrate.Migrate).Up)
	if err != nil && !errors.Is(err, migrate.ErrNoChange) {
		return fmt.Errorf("migrate up: %w", err)
	}
	cfg, err := pgx.ParseConfig(databaseURL)
	if err != nil {
		return errors.New("database URL is not valid")
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = defaultConnectTimeout
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return fmt.Errorf("migrate up: %w", formatError(err))
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := RenderListItems(ctx, conn); err != nil {
		return fmt.Errorf("migrate up: %w", err)
	}
	return nil
}

// MigrateDown reverts every applied migration, leaving only golang-migrate's
// bookkeeping table. It destroys all data: it exists for tests and for
// rebuilding a development database.
func MigrateDown(ctx context.Context, databaseURL string) error {
	err := withMigrate(ctx, databaseURL, (*migrate.Migrate).Down)
	if err != nil && !errors.Is(err, migrate.ErrNoChange) {
		return fmt.Errorf("migrate down: %w", err)
	}
	return nil
}

// MigrationVersion reports the last migration applied to the database, 0 when
// none is. dirty means that migration failed halfway and needs a hand before
// MigrateUp will run again. It creates golang-migrate's bookkeeping table when
// missing, as any golang-migrate call does.
func MigrationVersion(ctx context.Context, databaseURL string) (version uint, dirty bool, err error) {
	err = withMigrate(ctx, databaseURL, func(m *migrate.Migrate) error {
		var verr error
		version, dirty, verr = m.Version()
		return verr
	})
	if errors.Is(err, migrate.ErrNilVersion) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("migration version: %w", err)
	}
	return version, dirty, nil
}

// withMigrate runs fn on a golang-migrate instance over migrations.FS and the
// database, and closes the instance whatever fn returns. golang-migrate takes
// no context: cancelling ctx asks it to stop between two migrations, which
// leaves the database at a clean version.
func withMigrate(ctx context.Context, databaseURL string, fn func(*migrate.Migrate) error) (err error) {
	if err := ctx.Err(); err != nil {
		return err
	}
	dbURL, err := pgx5URL(ctx, databaseURL)
	if err != nil {
		return err
	}
	src, err := iofs.New(migrations.FS, ".")
	if err != nil {
		return fmt.Errorf("read migrations: %w", err)
	}
	m, err := migrate.NewWithSourceInstance("iofs", src, dbURL)
	if err != nil {
		_ = src.Close()
		return err
	}
	defer func() {
		srcErr, dbErr := m.Close()
		if cerr := errors.Join(srcErr, dbErr); cerr != nil && err == nil {
			err = fmt.Errorf("close: %w", cerr)
		}
	}()

	m.LockTimeout = defaultLockWait
	if deadline, ok := ctx.Deadline(); ok {
		m.LockTimeout = max(time.Until(deadline), time.Millisecond)
	}

	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-ctx.Done():
			m.GracefulStop <- true
		case <-done:
		}
	}()

	if err := fn(m); err != nil {
		return err
	}
	// A graceful stop makes golang-migrate return nil with migrations left
	// to run; the caller must not take that for success.
	return ctx.Err()
}

// pgx5URL turns a libpq-style URL into the pgx5:// form golang-migrate's pgx
// v5 driver is registered under, adding a connect timeout when there is none.
// Errors never quote the URL, which may hold a password.
func pgx5URL(ctx context.Context, databaseURL string) (string, error) {
	u, err := url.Parse(databaseURL)
	if err != nil {
		return "", errors.New("database URL is not a valid URL")
	}
	switch u.Scheme {
	case "postgres", "postgresql", "pgx5":
	default:
		return "", fmt.Errorf("database URL scheme %q is not postgres:// or postgresql://", u.Scheme)
	}
	u.Scheme = "pgx5"
	q := u.Query()
	if q.Get("connect_timeout") == "" {
		timeout := defaultConnectTimeout
		if deadline, ok := ctx.Deadline(); ok {
			timeout = min(timeout, time.Until(deadline))
		}
		// pgx reads whole seconds; 0 would mean no timeout at all.
		q.Set("connect_timeout", strconv.Itoa(max(int(timeout/time.Second), 1)))
		u.RawQuery = q.Encode()
	}
	return u.String(), nil
}
