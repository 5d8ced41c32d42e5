package http

import (
	"context"
	"log/slog"
	"net/http"
	"time"

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

// consistencyHeaders sets the headers of consistency just before the
// answer starts: the node that served a read, and the token of a write.
func (a *answer) consistencyHeaders(h http.Header, code int) {
	if a.policy != nil {
		// The answer depends on the token, and a cached answer from before
		// a write must not stand in for one that includes it.
		h.Add("Vary", consistencyHeader+", Cookie")
		if node, stale := a.policy.Served(); node != "" {
			h.Set(nodeHeader, node)
			if stale {
				h.Set(staleHeader, "true")
			}
		}
		return
	}
	if !a.write || code >= 400 || a.s.db == nil {
		return
	}
	pos, err := a.s.db.Position(a.r.Context())
	if err != nil {
		// The write is done; only the token is missing.
		a.s.log.WarnContext(a.r.Context(), "no consistency token for a write's answer", slog.String("err", err.Error()),
			slog.String("request_id", requestID(a.r.Context())))
		return
	}
	h.Set(consistencyHeader, pos.String())
	age := a.s.cfg.TokenCookieAge
	if age <= 0 {
		age = defaultTokenCookieAge
	}
	h.Add("Set-Cookie", (&http.Cookie{Name: consistencyCookie, Value: pos.String(), Path: "/",
		MaxAge: int(age.Seconds()), HttpOnly: true, Secure: a.r.TLS != nil, SameSite: http.SameSiteLaxMode}).String())
}

// retryRead reports whether a read that failed with err, before anything
// of its answer was written, may run again on another node.
func (s *Server) retryRead(w http.ResponseWriter, r *http.Request, err error) bool {
	st := stateOf(r.Context())
	if st == nil || st.hooks == nil || st.hooks.wrote || st.hooks.policy == nil || s.db == nil ||
		r.Context().Err() != nil || domain.ErrorCode(err) != domain.EUNAVAILABLE {
		return false
	}
	node, _ := st.hooks.policy.Served()
	if !s.db.ReadFailed(r.Context(), err) {
		return false
	}
	s.log.WarnContext(r.Context(), "read failed on a database node; again on another", slog.String("node", node),
		slog.String("err", err.Error()), slog.String("request_id", requestID(r.Context())))
	return true
}
