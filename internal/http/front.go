package http

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/milmeet/milmeet/internal/domain"
)

// The layers every request passes are two functions rather than a chain of
// twenty: front, before the router, and guard, before the API's routes.
// Each reads what it needs of the request once, keeps what the handlers
// ask for in one context value (reqState), and wraps the ResponseWriter in
// one answer, so that a request is copied once or twice (r.WithContext)
// instead of once a layer. What they do, in order:
//
//	front: a client's X-Request-Id kept if it is short plain text, else a
//	fresh one, sent back; the origin the client used (TRUST_PROXY);
//	metrics and the request's log line; panics as internal errors; CORS
//	(Access-Control-Expose-Headers on preflights too); HEAD served as GET
//	without the body; gzip or deflate when asked for (Compress), and an
//	ETag made weak when the answer may be compressed; nosniff,
//	no-referrer, Vary: Accept.
//
//	guard: a deadline (not for exports and imports, which stream); the
//	read policy of a GET or HEAD (read-your-writes), or the consistency
//	token of a write's answer; the API key; the rate limits; 406 for an
//	Accept the route cannot give; 415 for a body with a content coding.

// reqState is what the layers record of a request for the handlers.
type reqState struct {
	id     string
	origin url.URL
	key    *domain.Key // the API key the request authenticated with
	// hooks is the writer whose first WriteHeader sets the headers of
	// consistency and of compression.
	hooks *answer
}

type stateKey struct{}

func stateOf(ctx context.Context) *reqState {
	st, _ := ctx.Value(stateKey{}).(*reqState)
	return st
}

// requestID returns the request's id, as its X-Request-Id gives it.
func requestID(ctx context.Context) string {
	if st := stateOf(ctx); st != nil {
		return st.id
	}
	return ""
}

// requestIDPrefix begins the ids the server makes, as chi's RequestID
// makes them: host name, 10 random characters, then a counter.
var requestIDPrefix = func() string {
	host, err := os.Hostname()
	if host == "" || err != nil {
		host = "localhost"
	}
	var b [12]byte
	_, _ = rand.Read(b[:])
	s := strings.NewReplacer("+", "", "/", "").Replace(base64.StdEncoding.EncodeToString(b[:]))
	for len(s) < 10 {
		s += "0"
	}
	return host + "/" + s[:10] + "-"
}()

func newRequestID() string {
	n := strconv.FormatUint(middleware.NextRequestID(), 10)
	if len(n) < 6 {
		n = "000000"[len(n):] + n
	}
	return requestIDPrefix + n
}

// front is the layer before the router (see above).
func (s *Server) front(next http.Handler) http.Handler {
	// After CORS: HEAD, compression, the headers every answer has.
	inner := func(w http.ResponseWriter, r *http.Request, a *answer) {
		st := stateOf(r.Context())
		if r.Method == http.MethodHead {
			r = r.Clone(r.Context())
			r.Method = http.MethodGet
			a.head = true
		}
		ae := strings.ToLower(r.Header.Get("Accept-Encoding"))
		if !strings.Contains(ae, "gzip") && !strings.Contains(ae, "deflate") {
			// Nothing to compress with: Compress would pass every call on.
			a.identity, a.hooked = true, true
			st.hooks = a
			fixedHeaders(w.Header())
			next.ServeHTTP(a, r)
			return
		}
		s.compress.Handler(http.HandlerFunc(func(cw http.ResponseWriter, r *http.Request) {
			hw := &answer{ResponseWriter: cw, s: s, r: r, hooked: true, inner: true}
			st.hooks = hw
			fixedHeaders(cw.Header())
			next.ServeHTTP(hw, r)
		})).ServeHTTP(w, r)
	}
	withCORS := s.cors.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		inner(w, r, w.(*answer))
	}))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(middleware.RequestIDHeader)
		if id != "" && (len(id) > 64 || !plainText(id)) {
			r.Header.Del(middleware.RequestIDHeader)
			id = ""
		}
		if id == "" {
			id = newRequestID()
		}
		st := &reqState{id: id, origin: s.originURL(r)}
		r = r.WithContext(context.WithValue(r.Context(), stateKey{}, st))
		h := w.Header()
		h.Set("X-Request-Id", id)
		a := &answer{ResponseWriter: w, s: s, r: r}
		start := time.Now()
		s.metrics.inFlight.Inc()
		defer func() {
			v := recover()
			if v != nil && v != http.ErrAbortHandler {
				s.log.ErrorContext(r.Context(), "panic", "value", v, "request_id", id)
				a.hooked = false // the problem goes out as it is
				s.writeError(a, r, domain.Errorf(domain.EINTERNAL, "panic"))
			}
			s.metrics.inFlight.Dec()
			s.done(r, a, start)
			if v == http.ErrAbortHandler {
				panic(v) // net/http ends the connection quietly
			}
		}()
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			h.Set("Access-Control-Expose-Headers", exposedHeaders)
		}
		if _, ok := r.Header["Origin"]; !ok {
			// What the CORS layer does for a request without Origin.
			h.Add("Vary", "Origin")
			inner(a, r, a)
			return
		}
		withCORS.ServeHTTP(a, r)
	})
}

// done counts and times a request by its route pattern (so that ids in
// paths do not make a series each), and writes its log line, naming the
// API key (never its token).
func (s *Server) done(r *http.Request, a *answer, start time.Time) {
	elapsed := time.Since(start)
	route := ""
	if rc := chi.RouteContext(r.Context()); rc != nil {
		route = rc.RoutePattern()
	}
	mroute := route
	if mroute == "" {
		mroute = "unmatched"
	}
	status := strconv.Itoa(a.status)
	s.metrics.requests.WithLabelValues(mroute, r.Method, status).Inc()
	s.metrics.duration.WithLabelValues(mroute, r.Method, status).Observe(elapsed.Seconds())
	if !s.log.Enabled(r.Context(), slog.LevelInfo) {
		return
	}
	key := ""
	if st := stateOf(r.Context()); st != nil && st.key != nil {
		key = st.key.Name
	}
	s.log.LogAttrs(r.Context(), slog.LevelInfo, "request",
		slog.String("request_id", requestID(r.Context())),
		slog.String("method", r.Method), slog.String("route", route),
		slog.Int("status", a.status), slog.Int("bytes", a.bytes),
		slog.Duration("duration", elapsed), slog.String("key", key))
}

// originURL is the scheme and host the client used, for absolute links:
// the request's own, or, when the server trusts a proxy in front of it
// (TRUST_PROXY), the first X-Forwarded-Proto and X-Forwarded-Host.
func (s *Server) originURL(r *http.Request) url.URL {
	u := url.URL{Scheme: "http", Host: r.Host}
	if r.TLS != nil {
		u.Scheme = "https"
	}
	if s.cfg.TrustProxy {
		if p := firstValue(r.Header.Get("X-Forwarded-Proto")); p == "http" || p == "https" {
			u.Scheme = p
		}
		if h := firstValue(r.Header.Get("X-Forwarded-Host")); hostPattern.MatchString(h) {
			u.Host = h
		}
	}
	return u
}

// answer is the one wrapper of a request's ResponseWriter. It records the
// status and the bytes sent (for the log and the metrics), drops the body
// of an answer to HEAD, and, when hooked, sets the headers of consistency
// and compression at the first WriteHeader. When the answer is compressed
// there are two: the outer one under Compress records and drops, the inner
// one over it (inner) sets the headers, as they must be set before
// Compress decides.
type answer struct {
	http.ResponseWriter
	s *Server
	r *http.Request

	status int // the first status written, 0 before
	bytes  int
	wrote  bool
	head   bool // drop the body
	inner  bool // only the hooks; what is under it records
	hooked bool // set the headers below at the first WriteHeader

	identity bool               // the request accepts no encoding Compress gives
	policy   *domain.ReadPolicy // a read's
	write    bool               // a write's: the consistency token
}

func (a *answer) WriteHeader(code int) {
	if code >= 100 && code <= 199 && code != http.StatusSwitchingProtocols {
		a.ResponseWriter.WriteHeader(code)
		return
	}
	if a.wrote {
		if a.inner {
			a.ResponseWriter.WriteHeader(code) // what is under decides
		}
		return
	}
	a.wrote = true
	a.status = code
	if a.hooked {
		a.before(code)
	}
	a.ResponseWriter.WriteHeader(code)
}

func (a *answer) Write(b []byte) (int, error) {
	if !a.wrote {
		a.WriteHeader(http.StatusOK)
	}
	if a.head && !a.inner {
		return len(b), nil
	}
	n, err := a.ResponseWriter.Write(b)
	a.bytes += n
	return n, err
}

// FlushError lets a streaming answer (an export) reach the client; it is
// what http.ResponseController's Flush calls.
func (a *answer) FlushError() error {
	if !a.wrote {
		a.WriteHeader(http.StatusOK)
	}
	return http.NewResponseController(a.ResponseWriter).Flush()
}

// Flush is FlushError for writers that look for an http.Flusher
// (Compress).
func (a *answer) Flush() { _ = a.FlushError() }

// Unwrap lets http.ResponseController reach the connection.
func (a *answer) Unwrap() http.ResponseWriter { return a.ResponseWriter }

// before sets, just before the answer starts, the headers of consistency
// (the node that served a read, the token of a write) and of compression.
func (a *answer) before(code int) {
	h := a.Header()
	a.consistencyHeaders(h, code)
	tag := h.Get("ETag")
	ct, _, _ := strings.Cut(h.Get("Content-Type"), ";")
	ct = strings.ToLower(strings.TrimSpace(ct))
	switch {
	case !slicesContains(compressible, ct):
	case a.identity:
		// A request that accepts gzip gets other bytes (RFC 9110, 12.5.5).
		h.Add("Vary", "Accept-Encoding")
	case tag != "" && !strings.HasPrefix(tag, "W/") && h.Get("Content-Encoding") == "":
		// The gzip and the identity bytes differ, so one strong tag may
		// not name both; conditional requests compare tags by their
		// opaque part, so either form validates.
		h.Set("ETag", "W/"+tag)
	}
}

// guard is the layer before the API's routes (see above).
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if !streams(r) {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, s.cfg.RequestTimeout)
			defer cancel()
		}
		st := stateOf(ctx)
		var hooks *answer
		if st != nil {
			hooks = st.hooks
		}
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			p, err := readPolicy(r)
			if err != nil {
				s.writeError(w, r, err)
				return
			}
			ctx = domain.WithReadPolicy(ctx, p)
			if hooks != nil {
				hooks.policy = p
			}
		} else if hooks != nil {
			hooks.write = r.Method != http.MethodOptions
		}
		r = r.WithContext(ctx)
		if hooks != nil {
			hooks.r = r
		}
		k, err := s.authenticate(w, r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		if k != nil {
			if st != nil {
				st.key = k
			}
			r = r.WithContext(domain.WithActor(r.Context(), k.Name))
			if hooks != nil {
				hooks.r = r
			}
		}
		if err := s.limit(w, r, k); err != nil {
			s.writeError(w, r, err)
			return
		}
		if err := negotiate(r); err != nil {
			s.writeError(w, r, err)
			return
		}
		if err := identityBody(w, r); err != nil {
			s.writeError(w, r, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// streams reports whether a request streams its answer or its body
// (exports, imports), which go without a deadline.
func streams(r *http.Request) bool {
	if strings.HasPrefix(r.URL.Path, "/imports") {
		return true
	}
	accept := r.Header.Get("Accept")
	if strings.Contains(accept, "ndjson") || strings.Contains(accept, "csv") {
		return true
	}
	if r.URL.RawQuery == "" {
		return false
	}
	q := r.URL.Query()
	return q.Has("format") && q.Get("format") != formatJSON || q.Has("table")
}

// fixedHeaders sets the headers every answer of the API carries.
func fixedHeaders(h http.Header) {
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Add("Vary", "Accept")
}
