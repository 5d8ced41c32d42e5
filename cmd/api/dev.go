package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/pgcluster"
	"github.com/milmeet/milmeet/internal/postgres"
)

// cmdDev runs the service with data: against DATABASE_URL when set, else
// against a project-local cluster in ./.devpg started from the installed
// server binaries. It migrates, seeds an empty database and serves.
func cmdDev(ctx context.Context, set *settings, args []string, stdout, stderr io.Writer) error {
	fs := set.flags("dev")
	cfg, err := set.parse(fs, args)
	if err != nil {
		return err
	}
	log := newLogger(cfg, stderr)
	// The port first: a busy one is reported before a cluster starts.
	ln, err := listen(cfg.HTTPAddr)
	if err != nil {
		return err
	}
	defer ln.Close()
	if cfg.DatabaseURL == "" {
		dir, err := filepath.Abs(cfg.Dev.DataDir)
		if err != nil {
			return err
		}
		log.Info("starting local PostgreSQL", "data", dir)
		cluster, err := pgcluster.Start(ctx, pgcluster.Options{DataDir: dir, Port: cfg.Dev.Port, Durable: true})
		if err != nil {
			return err
		}
		defer func() {
			if err := cluster.Stop(); err != nil {
				log.Error("stop local PostgreSQL", "err", err)
			}
		}()
		if err := createDatabase(ctx, cluster.URL("postgres"), "milmeet"); err != nil {
			return err
		}
		cfg.DatabaseURL = cluster.URL("milmeet")
		// The other commands (keys, import, seed, migrate) read it from
		// here when DATABASE_URL is unset.
		file := filepath.Join(cfg.Dev.DataDir, urlFile)
		if err := os.WriteFile(file, []byte(cfg.DatabaseURL+"\n"), 0o644); err != nil {
			return fmt.Errorf("write the local cluster's URL: %w", err)
		}
		defer os.Remove(file)
		log.Info("local PostgreSQL is up", "url", cfg.DatabaseURL, "written_to", file)
	}
	// Cursors stay good across restarts: the secret is kept with the local
	// cluster (also when DATABASE_URL names another server, if there is one).
	if _, err := os.Stat(filepath.Join(cfg.Dev.DataDir, "PG_VERSION")); err == nil && cfg.HTTP.CursorSecret == "" {
		if cfg.HTTP.CursorSecret, err = devCursorSecret(cfg.Dev.DataDir); err != nil {
			return err
		}
		log.Info("cursors are signed with the secret kept in " + filepath.Join(cfg.Dev.DataDir, cursorSecretFile))
	}
	log.Info("migrating the database")
	if err := postgres.MigrateUp(ctx, cfg.DatabaseURL); err != nil {
		return err
	}
	router, err := openRouter(ctx, cfg)
	if err != nil {
		return err
	}
	defer router.Close()
	pool := router.Primary().Main
	var n int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM meetings`).Scan(&n); err != nil {
		return fmt.Errorf("count meetings: %w", err)
	}
	if n == 0 {
		log.Info("loading the seed meetings into the empty database")
		svc, _ := newService(pool)
		if err := loadSeed(ctx, svc, stdout); err != nil {
			return err
		}
	}
	return serve(ctx, cfg, router, log, ln)
}

// cursorSecretFile is where `api dev` keeps the cursor secret it made, in
// its cluster's data directory.
const cursorSecretFile = "cursor-secret"

// devCursorSecret returns the cursor secret kept in dir, making and keeping
// one (readable by its owner alone) when there is none. The file belongs to
// dir's owner, the cluster's (as root, the cluster runs as another user):
// a file in the data directory the server cannot read fails every
// pg_basebackup of it.
func devCursorSecret(dir string) (string, error) {
	path := filepath.Join(dir, cursorSecretFile)
	b, err := os.ReadFile(path)
	if err == nil && len(strings.TrimSpace(string(b))) >= domain.MinCursorSecret {
		return strings.TrimSpace(string(b)), nil
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("read the cursor secret: %w", err)
	}
	secret := domain.NewRandomCursorSecret()
	if err := os.WriteFile(path, []byte(secret+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("keep the cursor secret: %w", err)
	}
	if st, err := os.Stat(dir); err == nil {
		if o, ok := st.Sys().(*syscall.Stat_t); ok && int(o.Uid) != os.Geteuid() {
			if err := os.Chown(path, int(o.Uid), int(o.Gid)); err != nil {
				return "", fmt.Errorf("give the cursor secret to the cluster's owner: %w", err)
			}
		}
	}
	return secret, nil
}

// createDatabase creates the database name unless it exists.
func createDatabase(ctx context.Context, adminURL, name string) error {
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return fmt.Errorf("connect to local PostgreSQL: %w", err)
	}
	defer conn.Close(ctx)
	var exists bool
	if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		return fmt.Errorf("look for database %s: %w", name, err)
	}
	if exists {
		return nil
	}
	if _, err := conn.Exec(ctx, `CREATE DATABASE `+pgx.Identifier{name}.Sanitize()+` ENCODING 'UTF8' TEMPLATE template0`); err != nil {
		return fmt.Errorf("create database %s: %w", name, err)
	}
	return nil
}
