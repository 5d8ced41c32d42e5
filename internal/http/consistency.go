package http

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5/middleware"

	"github.com/milmeet/milmeet/internal/domain"
)

// Read-your-writes across replicas, without state on the server: a write's
// answer gives the client the primary's position after the write, as a
// header and a cookie; a read that presents it is served only by a node
// that has replayed that far.
const (
	// consistencyHeader carries the token: on a write's answer, and on a
	// read that must see the client's writes.
	consistencyHeader = "Milmeet-Consistency"
	// consistencyCookie carries the same token for browsers.
	consistencyCookie = "milmeet_consistency"
	// nodeHeader names the database node that served a read.
	nodeHeader = "Milmeet-Node"
	// staleHeader marks a read served by a replica while the primary does
	// not answer: it may lack the latest writes.
	staleHeader = "Milmeet-Stale"
	// defaultTokenCookieAge is how long the cookie lasts unless configured.
	defaultTokenCookieAge = 10 * time.Minute
)

// Database is what the server asks of the database beside the domain.
type Database interface {
	Pinger
	// Position returns the primary's position after every write committed
	// so far.
	Position(ctx context.Context) (domain.Position, error)
	// Nodes checks the database's nodes and reports their state.
	Nodes(ctx context.Context) []domain.Node
	// ReadFailed tells that the reads of ctx failed with err on the node
	// that served them; it reports whether another node may serve them.
	ReadFailed(ctx context.Context, err error) bool
}

// consistency lets the reads of a GET or HEAD go to a replica, no older
// than the token the request presents, and gives the answer to a write the
// token of the primary's position after it.
func (s *Server) consistency(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cw := &consistencyWriter{ResponseWriter: w, s: s, r: r}
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			p, err := readPolicy(r)
			if err != nil {
				s.writeError(w, r, err)
				return
			}
			cw.policy = p
			r = r.WithContext(domain.WithReadPolicy(r.Context(), p))
			cw.r = r
		} else {
			cw.write = r.Method != http.MethodOptions
		}
		next.ServeHTTP(cw, r)
	})
}

// readPolicy reads the request's token, from its header or its cookie (the
// later of the two when both are given). A header that is not a token is
// refused; a cookie that is not one, which the server never sets, is
// ignored.
func readPolicy(r *http.Request) (*domain.ReadPolicy, error) {
	p := &domain.ReadPolicy{}
	if h := r.Header.Get(consistencyHeader); h != "" {
		pos, err := domain.ParsePosition(h)
		if err != nil {
			return nil, invalidRequest("The " + consistencyHeader + " header is not a consistency token: send back the value a write's answer gave, or nothing.")
		}
		p.After = pos
	}
	if c, err := r.Cookie(consistencyCookie); err == nil {
		if pos, err := domain.ParsePosition(c.Value); err == nil && pos > p.After {
			p.After = pos
		}
	}
	return p, nil
}

// consistencyWriter sets the headers of consistency just before the answer
// starts: the node that served a read, and the token of a write.
type consistencyWriter struct {
	http.ResponseWriter
	s      *Server
	r      *http.Request
	policy *domain.ReadPolicy // a read's
	write  bool
	wrote  bool
}

func (w *consistencyWriter) WriteHeader(code int) {
	if !w.wrote && code >= 200 {
		w.wrote = true
		w.before(code)
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *consistencyWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

// FlushError lets a streaming answer (an export) reach the client; it is
// what http.ResponseController's Flush calls.
func (w *consistencyWriter) FlushError() error {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	return http.NewResponseController(w.ResponseWriter).Flush()
}

// Unwrap lets http.ResponseController reach the connection.
func (w *consistencyWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *consistencyWriter) before(code int) {
	h := w.Header()
	if w.policy != nil {
		// The answer depends on the token, and a cached answer from before
		// a write must not stand in for one that includes it.
		h.Add("Vary", consistencyHeader+", Cookie")
		if node, stale := w.policy.Served(); node != "" {
			h.Set(nodeHeader, node)
			if stale {
				h.Set(staleHeader, "true")
			}
		}
		return
	}
	if !w.write || code >= 400 || w.s.db == nil {
		return
	}
	pos, err := w.s.db.Position(w.r.Context())
	if err != nil {
		// The write is done; only the token is missing.
		w.s.log.WarnContext(w.r.Context(), "no consistency token for a write's answer", slog.String("err", err.Error()),
			slog.String("request_id", middleware.GetReqID(w.r.Context())))
		return
	}
	h.Set(consistencyHeader, pos.String())
	age := w.s.cfg.TokenCookieAge
	if age <= 0 {
		age = defaultTokenCookieAge
	}
	h.Add("Set-Cookie", (&http.Cookie{Name: consistencyCookie, Value: pos.String(), Path: "/",
		MaxAge: int(age.Seconds()), HttpOnly: true, Secure: w.r.TLS != nil, SameSite: http.SameSiteLaxMode}).String())
}

// retryRead reports whether a read that failed with err, before anything
// of its answer was written, may run again on another node.
func (s *Server) retryRead(w http.ResponseWriter, r *http.Request, err error) bool {
	cw, ok := w.(*consistencyWriter)
	if !ok || cw.wrote || cw.policy == nil || s.db == nil || r.Context().Err() != nil ||
		domain.ErrorCode(err) != domain.EUNAVAILABLE {
		return false
	}
	node, _ := cw.policy.Served()
	if !s.db.ReadFailed(r.Context(), err) {
		return false
	}
	s.log.WarnContext(r.Context(), "read failed on a database node; again on another", slog.String("node", node),
		slog.String("err", err.Error()), slog.String("request_id", middleware.GetReqID(r.Context())))
	return true
}
