package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/milmeet/milmeet/internal/postgres"
)

func cmdMigrate(ctx context.Context, set *settings, args []string, stdout, _ io.Writer) error {
	fs := set.flags("migrate")
	cfg, err := set.parse(fs, args)
	if err != nil {
		return err
	}
	if cfg.DatabaseURL, err = databaseURL(cfg); err != nil {
		return err
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
