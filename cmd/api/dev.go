package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/jackc/pgx/v5"

	"github.com/milmeet/milmeet/internal/pgcluster"
	"github.com/milmeet/milmeet/internal/postgres"
)

// cmdDev runs the service with data: against DATABASE_URL when set, else
// against a project-local cluster in ./.devpg started from the installed
// server binaries. It migrates, seeds an empty database and serves.
func cmdDev(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) error {
	fs := cfg.flags("dev", stderr)
	cfg.serveFlags(fs)
	fs.StringVar(&cfg.DevDataDir, "pgdata", cfg.DevDataDir, "data directory of the local cluster (env DEV_PGDATA)")
	fs.IntVar(&cfg.DevPort, "pgport", cfg.DevPort, "port of the local cluster; 0 picks a free one (env DEV_PGPORT)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	log, err := cfg.logger(stderr)
	if err != nil {
		return err
	}
	if cfg.DatabaseURL == "" {
		dir, err := filepath.Abs(cfg.DevDataDir)
		if err != nil {
			return err
		}
		log.Info("starting local PostgreSQL", "data", dir)
		cluster, err := pgcluster.Start(ctx, pgcluster.Options{DataDir: dir, Port: cfg.DevPort, Durable: true})
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
		log.Info("local PostgreSQL is up", "url", cfg.DatabaseURL)
	}
	if err := postgres.MigrateUp(ctx, cfg.DatabaseURL); err != nil {
		return err
	}
	pool, err := postgres.Open(ctx, cfg.DatabaseURL, cfg.poolOptions())
	if err != nil {
		return err
	}
	defer pool.Close()
	var n int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM meetings`).Scan(&n); err != nil {
		return fmt.Errorf("count meetings: %w", err)
	}
	if n == 0 {
		svc, _ := newService(pool)
		if err := loadSeed(ctx, svc, stdout); err != nil {
			return err
		}
	}
	return serve(ctx, cfg, pool, log, nil)
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
