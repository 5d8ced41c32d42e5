package main

import (
	"context"
	"fmt"
	"io"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/postgres"
	"github.com/milmeet/milmeet/internal/seed"
)

func cmdSeed(ctx context.Context, set *settings, args []string, stdout, _ io.Writer) error {
	fs := set.flags("seed")
	cfg, err := set.parse(fs, args)
	if err != nil {
		return err
	}
	if cfg.DatabaseURL, err = databaseURL(cfg); err != nil {
		return err
	}
	if err := postgres.MigrateUp(ctx, cfg.DatabaseURL); err != nil {
		return err
	}
	pool, err := postgres.Open(ctx, cfg.DatabaseURL, poolOptions(cfg))
	if err != nil {
		return err
	}
	defer pool.Close()
	svc, _ := newService(pool)
	return loadSeed(ctx, svc, stdout)
}

// loadSeed stores the seed meetings; one stored already is left as it is,
// so that seeding twice changes nothing.
func loadSeed(ctx context.Context, svc *domain.Service, stdout io.Writer) error {
	ms, err := seed.Meetings()
	if err != nil {
		return err
	}
	created, kept := 0, 0
	for i := range ms {
		_, err := svc.CreateMeeting(ctx, &ms[i])
		switch domain.ErrorCode(err) {
		case "":
			created++
		case domain.ECONFLICT:
			kept++
		default:
			return fmt.Errorf("seed meeting %d (%s): %w", i, ms[i].Title, err)
		}
	}
	fmt.Fprintf(stdout, "seed: %d meetings created, %d already stored\n", created, kept)
	return nil
}
