// Package http serves milmeet's REST API with chi: one file per resource,
// handlers that return their errors to one adapter (handle) which writes
// the problem, and the contract in api/openapi.yaml.
package http

import (
	"context"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/go-chi/cors"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/milmeet/milmeet/internal/config"
	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/web"
)

// HTTP-only error codes, for statuses no domain rule gives.
const (
	errUnsupportedMedia = "unsupported_media_type"
	errTooLarge         = "too_large"
	errMethod           = "method_not_allowed"
	errTimeout          = "request_timeout"
)

func init() {
	statuses[errUnsupportedMedia] = http.StatusUnsupportedMediaType
	statuses[errTooLarge] = http.StatusRequestEntityTooLarge
	statuses[errMethod] = http.StatusMethodNotAllowed
	statuses[errTimeout] = http.StatusRequestTimeout
}

// Config tunes the HTTP layer: its settings (config.HTTP, with their
// defaults) and where its metrics go.
type Config struct {
	config.HTTP
	// Registerer and Gatherer hold the metrics; nil for a registry of the
	// server's own.
	Registerer prometheus.Registerer
	Gatherer   prometheus.Gatherer
	// TokenCookieAge is how long the consistency cookie a write's answer
	// sets lasts (0: ten minutes). It must outlast the time a replica
	// that serves may take to replay a write (MAX_REPLICA_LAG).
	TokenCookieAge time.Duration
	// SharedLimits, when set, counts the writes of each key where every
	// instance sees the count (the database), rather than in memory.
	SharedLimits RequestCounter
}

// DefaultConfig returns the settings' defaults, as config.Default gives them.
func DefaultConfig() Config {
	return Config{HTTP: config.Default().HTTP}
}

// Pinger reports whether the database answers.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Server serves the API.
type Server struct {
	svc    Service
	db     Database
	log    *slog.Logger
	cfg    Config
	spec   []byte
	writes *limiter // nil: no limit
	reads  *limiter
	// authFailures counts failed authentications per address.
	authFailures *limiter
	cursors      *domain.Cursors
	exports      chan struct{} // a slot per export that may run
	cors         *cors.Cors
	compress     *middleware.Compressor
	metrics      *metrics

	routesOnce sync.Once
	flatRoutes *chi.Mux // every route, unmounted, for Allow
}

// NewServer returns a Server; spec is the OpenAPI document it serves.
func NewServer(svc Service, db Database, log *slog.Logger, cfg Config, spec []byte) *Server {
	if cfg.Registerer == nil {
		reg := prometheus.NewRegistry()
		reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
		cfg.Registerer, cfg.Gatherer = reg, reg
	}
	s := &Server{svc: svc, db: db, log: log, cfg: cfg, spec: spec, exports: make(chan struct{}, cfg.MaxExports),
		metrics: newMetrics(cfg.Registerer)}
	if cfg.WritesPerMinute > 0 {
		s.writes = newLimiter(cfg.WritesPerMinute, true)
	}
	if cfg.AnonymousReadsPerMinute > 0 {
		s.reads = newLimiter(cfg.AnonymousReadsPerMinute, true)
	}
	if cfg.AuthFailuresPerMinute > 0 {
		s.authFailures = newLimiter(cfg.AuthFailuresPerMinute, false)
	}
	secret := cfg.CursorSecret
	if secret == "" {
		secret = domain.NewRandomCursorSecret()
		log.Warn("CURSOR_SECRET is not set: cursors are signed with a random key, so that they work only on " +
			"this instance until it stops; give every instance the same CURSOR_SECRET")
	}
	cs, err := domain.NewCursors([]byte(secret))
	if err != nil {
		panic("http: " + err.Error()) // the configuration checks the secret's length
	}
	s.cursors = cs
	s.cors = cors.New(cors.Options{
		AllowedOrigins: cfg.CORSOrigins,
		AllowedMethods: []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"},
		AllowedHeaders: []string{"Accept", "Authorization", "Content-Type", "If-Match", "If-None-Match",
			"Idempotency-Key", consistencyHeader},
		ExposedHeaders: strings.Split(exposedHeaders, ", "),
		MaxAge:         600,
	})
	s.compress = middleware.NewCompressor(5, compressible...)
	return s
}

// Handler returns the router with its middleware.
func (s *Server) Handler() http.Handler {
	r := chi.NewRouter()
	r.Use(s.front)
	r.NotFound(s.handle(func(w http.ResponseWriter, r *http.Request) error {
		return domain.Errorf(domain.ENOTFOUND, "There is no resource at %s.", r.URL.Path)
	}))
	r.MethodNotAllowed(s.handle(func(w http.ResponseWriter, req *http.Request) error {
		w.Header().Set("Allow", strings.Join(s.allowed(r, req.URL.Path), ", "))
		return &domain.Error{Code: errMethod, Message: "The method is not allowed on this resource."}
	}))

	r.Get("/livez", s.handle(s.livez))
	r.Get("/readyz", s.handle(s.readyz))
	r.Get("/openapi.yaml", s.handle(s.openapi))
	if s.cfg.MetricsAddr == "" {
		r.Method(http.MethodGet, "/metrics", s.MetricsHandler())
	}
	web.Mount(r, r.NotFoundHandler().ServeHTTP) // the pages for browsers: /, /docs, /review
	r.Group(func(r chi.Router) {
		r.Use(s.guard)
		r.Route("/meetings", s.meetingRoutes)
		r.Route("/officials", s.officialRoutes)
		r.Route("/agreements", s.agreementRoutes)
		r.Route("/countries", s.countryRoutes)
		r.Route("/stats", s.statsRoutes)
		r.Route("/imports", s.importRoutes)
		r.Route("/audit", s.auditRoutes)
		r.Route("/keys", s.keyRoutes)
		r.Route("/extract", s.extractRoutes)
		r.Route("/articles", s.articleRoutes)
		r.Route("/drafts", s.draftRoutes)
	})
	return r
}

// allowed returns the methods the router serves at path. chi answers a
// mounted sub-router's own path for every method, so the routes chi.Walk
// finds are laid out flat on a router of their own, once, and chi matches
// path against them.
func (s *Server) allowed(routes chi.Routes, path string) []string {
	s.routesOnce.Do(func() {
		s.flatRoutes = chi.NewRouter()
		_ = chi.Walk(routes, func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
			s.flatRoutes.MethodFunc(method, trimSlash(route), func(http.ResponseWriter, *http.Request) {})
			return nil
		})
	})
	var out []string
	for _, m := range []string{http.MethodDelete, http.MethodGet, http.MethodPatch, http.MethodPost, http.MethodPut} {
		if s.flatRoutes.Match(chi.NewRouteContext(), m, trimSlash(path)) {
			out = append(out, m)
		}
	}
	if slices.Contains(out, http.MethodGet) {
		out = append(out, http.MethodHead) // headAsGet serves HEAD wherever GET is
	}
	slices.Sort(out)
	return out
}

// trimSlash drops a trailing slash: chi serves /meetings and /meetings/
// alike.
func trimSlash(path string) string {
	if path != "/" {
		return strings.TrimSuffix(path, "/")
	}
	return path
}

// exposedHeaders are the answer headers browser code may read.
var exposedHeaders = "ETag, Link, Location, Retry-After, WWW-Authenticate, RateLimit-Limit, RateLimit-Remaining, " +
	"RateLimit-Reset, RateLimit-Policy, X-Request-Id, " + consistencyHeader + ", " + nodeHeader + ", " + staleHeader

func (s *Server) livez(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Cache-Control", "no-store")
	return s.writeJSON(w, r, http.StatusOK, map[string]string{"status": "ok"})
}

// readiness is the answer of /readyz.
type readiness struct {
	Status string          `json:"status"`
	Nodes  []readinessNode `json:"nodes"`
}

// readinessNode is one database node's state.
type readinessNode struct {
	Name         string   `json:"name"`
	Role         string   `json:"role"`
	Address      string   `json:"address,omitempty"`
	Up           bool     `json:"up"`
	Serving      bool     `json:"serving"`
	Position     string   `json:"position,omitempty"`
	LagSeconds   *float64 `json:"lag_seconds,omitempty"`
	ReplayPaused bool     `json:"replay_paused,omitempty"`
	Reads        int64    `json:"reads"`
	Problem      string   `json:"problem,omitempty"`
}

// readyz says whether this instance can answer, and how each database node
// is: ready when every node serves; degraded (still 200) when some do not
// but reads are answered, which includes a primary that does not answer
// while a replica serves reads; 503 when no node serves.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	var nodes []domain.Node
	if s.db != nil {
		nodes = s.db.Nodes(ctx)
	}
	body := readiness{Status: "ready", Nodes: []readinessNode{}}
	serving := 0
	for _, n := range nodes {
		rn := readinessNode{Name: n.Name, Role: n.Role, Address: n.Address, Up: n.Up, Serving: n.Serving,
			LagSeconds: n.LagSeconds, ReplayPaused: n.ReplayPaused, Reads: n.Reads, Problem: n.Problem}
		if n.Position != 0 {
			rn.Position = n.Position.String()
		}
		body.Nodes = append(body.Nodes, rn)
		if n.Serving {
			serving++
		} else {
			body.Status = "degraded"
		}
	}
	w.Header().Set("Cache-Control", "no-store")
	if serving == 0 {
		return extendedProblem{err: &domain.Error{Code: domain.EUNAVAILABLE, Message: "The database does not answer."},
			extend: func(p Problem) any { return readinessProblem{Problem: p, Nodes: body.Nodes} }}
	}
	return s.writeJSON(w, r, http.StatusOK, body)
}

// readinessProblem is the 503 of /readyz, with the nodes' state.
type readinessProblem struct {
	Problem
	Nodes []readinessNode `json:"nodes"`
}

func (s *Server) openapi(w http.ResponseWriter, r *http.Request) error {
	if accept := r.Header.Get("Accept"); accept != "" && !acceptsAny(accept, specTypes) {
		return &domain.Error{Code: errNotAcceptable,
			Message: "The spec is given as YAML (application/yaml, or text/plain to a browser); the Accept header admits neither."}
	}
	w.Header().Set("Content-Type", "application/yaml")
	if prefersHTML(r.Header.Get("Accept")) {
		// A browser opening the link: plain text, which every browser
		// shows rather than downloads.
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	}
	w.Header().Set("Cache-Control", s.cfg.CacheControl)
	_, _ = w.Write(s.spec)
	return nil
}

// specTypes are the media types /openapi.yaml answers with; text/html
// stands for a browser's navigation, answered as text.
var specTypes = []string{"application/yaml", "application/x-yaml", "text/yaml", "text/plain", "text/html"}

// prefersHTML reports whether an Accept header is a browser's for a page:
// it names text/html, and no YAML type.
func prefersHTML(accept string) bool {
	a := strings.ToLower(accept)
	return strings.Contains(a, "text/html") && !strings.Contains(a, "yaml")
}
