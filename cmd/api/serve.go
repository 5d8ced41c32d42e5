package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/milmeet/milmeet/api"
	"github.com/milmeet/milmeet/internal/domain"
	httpapi "github.com/milmeet/milmeet/internal/http"
	"github.com/milmeet/milmeet/internal/postgres"
)

func cmdServe(ctx context.Context, cfg config, args []string, stderr io.Writer) error {
	fs := cfg.flags("serve", stderr)
	cfg.serveFlags(fs)
	noMigrate := fs.Bool("no-migrate", false, "do not apply migrations at start")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if cfg.DatabaseURL == "" {
		return errors.New("DATABASE_URL is not set: set it, or run `make run` (api dev) for a local database")
	}
	log, err := cfg.logger(stderr)
	if err != nil {
		return err
	}
	if !*noMigrate {
		if err := postgres.MigrateUp(ctx, cfg.DatabaseURL); err != nil {
			return err
		}
	}
	pool, err := postgres.Open(ctx, cfg.DatabaseURL, cfg.poolOptions())
	if err != nil {
		return err
	}
	defer pool.Close()
	return serve(ctx, cfg, pool, log, nil)
}

// newService wires the domain service over the store.
func newService(pool *pgxpool.Pool) (*domain.Service, *postgres.Store) {
	st := postgres.NewStore(pool)
	return domain.NewService(domain.Stores{Meetings: st, Officials: st, Agreements: st, Countries: st,
		Stats: st, Rows: st, Keys: st, Audit: st, Imports: st, Idempotency: st, Articles: st}), st
}

// serve answers requests until ctx ends, then lets in-flight requests finish
// within the grace period; past it their contexts are cancelled, so that an
// import rolls back rather than being cut off midway. ready, when given,
// receives the bound address.
func serve(ctx context.Context, cfg config, pool *pgxpool.Pool, log *slog.Logger, ready chan<- string) error {
	svc, st := newService(pool)
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		postgres.NewPoolCollector(pool))
	hcfg := httpapi.DefaultConfig()
	hcfg.CORSOrigins = strings.Split(cfg.CORSOrigins, ",")
	hcfg.ReadRequiresKey = cfg.ReadRequiresKey
	hcfg.WritesPerMinute = cfg.WritesPerMinute
	hcfg.AnonymousReadsPerMinute = cfg.ReadsPerMinute
	hcfg.ImportMaxLineBytes = cfg.ImportMaxLineBytes
	hcfg.RequestTimeout = cfg.RequestTimeout
	hcfg.MaxExports = cfg.MaxExports
	hcfg.Registerer, hcfg.Gatherer = reg, reg

	base, cancelRequests := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelRequests()
	srv := &http.Server{
		Handler:           httpapi.NewServer(svc, st, log, hcfg, api.Spec).Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      cfg.RequestTimeout + 5*time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return base },
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", cfg.HTTPAddr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	log.Info("serving", "addr", ln.Addr().String())
	if ready != nil {
		ready <- ln.Addr().String()
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down", "grace", cfg.ShutdownGrace.String())
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		log.Warn("grace period over: cancelling the requests still running", "err", err)
		cancelRequests()
		_ = srv.Close()
		return nil
	}
	log.Info("stopped")
	return nil
}
