package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/milmeet/milmeet/internal/postgres"
)

func cmdMigrate(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) error {
	fs := cfg.flags("migrate", stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if cfg.DatabaseURL == "" {
		return errors.New("DATABASE_URL is not set")
	}
	switch fs.Arg(0) {
	case "up":
		if err := postgres.MigrateUp(ctx, cfg.DatabaseURL); err != nil {
			return err
		}
	case "down":
		if err := postgres.MigrateDown(ctx, cfg.DatabaseURL); err != nil {
			return err
		}
	case "version":
	default:
		return errors.New("usage: api migrate up|down|version")
	}
	v, dirty, err := postgres.MigrationVersion(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "version %d", v)
	if dirty {
		fmt.Fprint(stdout, " (dirty)")
	}
	fmt.Fprintln(stdout)
	return nil
}
