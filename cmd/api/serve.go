package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/milmeet/milmeet/api"
	"github.com/milmeet/milmeet/internal/config"
	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/drafter"
	httpapi "github.com/milmeet/milmeet/internal/http"
	"github.com/milmeet/milmeet/internal/postgres"
)

func cmdServe(ctx context.Context, set *settings, args []string, _, stderr io.Writer) error {
	fs := set.flags("serve")
	noMigrate := fs.Bool("no-migrate", false, "do not apply migrations at start")
	cfg, err := set.parse(fs, args)
	if err != nil {
		return err
	}
	if cfg.DatabaseURL == "" {
		return errors.New("DATABASE_URL is not set: set it, or run `make run` (api dev) for a local database")
	}
	log := newLogger(cfg, stderr)
	ln, err := listen(cfg.HTTPAddr)
	if err != nil {
		return err
	}
	defer ln.Close()
	if !*noMigrate {
		if err := postgres.MigrateUp(ctx, cfg.DatabaseURL); err != nil {
			return err
		}
	}
	router, err := openRouter(ctx, cfg)
	if err != nil {
		return err
	}
	defer router.Close()
	return serve(ctx, cfg, router, log, ln)
}

// openRouter opens the pools of the primary and of the replicas that serve
// reads (DATABASE_READ_URLS), and starts checking them.
func openRouter(ctx context.Context, cfg config.Config) (*postgres.Router, error) {
	return postgres.OpenRouter(ctx, cfg.DatabaseURL, cfg.ReadURLs, poolOptions(cfg),
		postgres.RouterOptions{MaxLag: cfg.MaxReplicaLag, CheckInterval: cfg.ReplicaCheckInterval})
}

// listen binds the HTTP address before anything else starts, so that a busy
// port is reported at once, naming the setting to change.
func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("cannot listen on HTTP_ADDR %q: %w; stop what uses it, or set HTTP_ADDR (or -addr) to another address, e.g. HTTP_ADDR=:8081", addr, err)
	}
	return ln, nil
}

// newService wires the domain service over a store on pool.
func newService(pool *pgxpool.Pool) (*domain.Service, *postgres.Store) {
	return serviceOn(postgres.NewStore(pool))
}

// serviceOn wires the domain service, with the extractor its drafts use,
// over st.
func serviceOn(st *postgres.Store) (*domain.Service, *postgres.Store) {
	return domain.NewService(domain.Stores{Meetings: st, Officials: st, Agreements: st, Countries: st,
		Stats: st, Rows: st, Keys: st, Audit: st, Imports: st, Idempotency: st, Articles: st,
		Drafts: st, Tx: st, Extractor: drafter.New()}), st
}

// serve answers requests until ctx ends, then lets in-flight requests finish
// within the grace period; past it their contexts are cancelled, so that an
// import rolls back rather than being cut off midway. It serves on ln.
func serve(ctx context.Context, cfg config.Config, router *postgres.Router, log *slog.Logger, ln net.Listener) error {
	serverGC(os.LookupEnv)
	svc, st := serviceOn(router.Store())
	svc.AutoAccept = cfg.AutoAccept.Value()
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		postgres.NewPoolCollector(router.Primary()), postgres.NewRouterCollector(router))
	hcfg := httpapi.Config{HTTP: cfg.HTTP, Registerer: reg, Gatherer: reg,
		// The cookie outlasts the time a serving replica may take to replay
		// a write, and the HTTP cache's answers from before it.
		TokenCookieAge: max(10*time.Minute, 2*cfg.MaxReplicaLag)}
	if cfg.RateLimitStore == "postgres" {
		hcfg.SharedLimits = st
	}

	hs := httpapi.NewServer(svc, st, log, hcfg, api.Spec)
	if cfg.HTTP.MetricsAddr != "" {
		mln, err := net.Listen("tcp", cfg.HTTP.MetricsAddr)
		if err != nil {
			return fmt.Errorf("cannot listen on METRICS_ADDR %q: %w", cfg.HTTP.MetricsAddr, err)
		}
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", hs.MetricsHandler())
		msrv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, WriteTimeout: 30 * time.Second,
			ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
		go func() { _ = msrv.Serve(mln) }()
		defer msrv.Close()
		log.Info("serving metrics", "addr", mln.Addr().String())
	}

	base, cancelRequests := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelRequests()
	srv := &http.Server{
		Handler:           hs.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      cfg.HTTP.RequestTimeout + 5*time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return base },
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	log.Info("serving", "addr", ln.Addr().String())
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
