package http

import (
	"context"
	"math"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/httprate"

	"github.com/milmeet/milmeet/internal/domain"
)

// limiter allows perMinute requests a minute per client, counted by
// httprate's sliding window: the current minute's count plus the previous
// minute's weighted by how much of it still falls in the last 60 seconds,
// so that no 60 seconds hold much more than the limit (a fixed window lets
// twice the limit through across its boundary).
type limiter struct {
	rl        *httprate.RateLimiter
	perMinute int
	headers   bool
}

// newLimiter returns a limiter whose answers carry the RateLimit headers
// when headers is true.
func newLimiter(perMinute int, headers bool) *limiter {
	h := httprate.ResponseHeaders{} // none
	if headers {
		h = httprate.ResponseHeaders{Limit: "RateLimit-Limit", Remaining: "RateLimit-Remaining",
			Reset: "RateLimit-Reset", RetryAfter: "Retry-After"}
	}
	return &limiter{rl: httprate.NewRateLimiter(perMinute, time.Minute, httprate.WithResponseHeaders(h)),
		perMinute: perMinute, headers: headers}
}

// take counts one request of client, unless it is over the limit: then it
// returns false and counts nothing. It sets the RateLimit headers.
func (l *limiter) take(w http.ResponseWriter, r *http.Request, client string) bool {
	over := l.rl.OnLimit(w, r, client)
	if l.headers {
		// httprate gives the window's end as a Unix time and may count
		// past the limit; the headers say seconds, and never less than 0.
		h := w.Header()
		if end, err := strconv.ParseInt(h.Get("RateLimit-Reset"), 10, 64); err == nil {
			h.Set("RateLimit-Reset", strconv.FormatInt(max(end-time.Now().Unix(), 0), 10))
		}
		if n, err := strconv.Atoi(h.Get("RateLimit-Remaining")); err == nil && n < 0 {
			h.Set("RateLimit-Remaining", "0")
		}
		h.Set("RateLimit-Policy", strconv.Itoa(l.perMinute)+";w=60")
	}
	if over {
		w.Header().Set("Retry-After", "60")
	}
	return !over
}

// tooMany is the problem of a request past l's limit.
func (l *limiter) tooMany() error {
	return domain.Errorf(domain.ETOOMANY, "Too many requests: %d a minute are allowed.", l.perMinute)
}

// RequestCounter counts requests per client where every instance of the
// server sees the counts (the database), by the sliding window the
// in-memory limiter uses.
type RequestCounter interface {
	// TakeRequest counts one request of client, unless the requests of the
	// last window would then be over limit: the current window's count plus
	// the previous window's, weighted by how much of it still falls in the
	// last window. It returns whether it counted the request, that rate
	// before it, and how long until the current window ends.
	TakeRequest(ctx context.Context, client string, limit int, window time.Duration) (ok bool, rate float64, reset time.Duration, err error)
}

// takeShared is limiter.take with the counts in s.cfg.SharedLimits.
func (s *Server) takeShared(w http.ResponseWriter, r *http.Request, l *limiter, client string) (bool, error) {
	ok, rate, reset, err := s.cfg.SharedLimits.TakeRequest(r.Context(), client, l.perMinute, time.Minute)
	if err != nil {
		return false, err
	}
	remaining := l.perMinute - int(math.Round(rate))
	if ok {
		remaining--
	}
	h := w.Header()
	h.Set("RateLimit-Limit", strconv.Itoa(l.perMinute))
	h.Set("RateLimit-Remaining", strconv.Itoa(max(remaining, 0)))
	h.Set("RateLimit-Reset", strconv.Itoa(int(math.Ceil(reset.Seconds()))))
	h.Set("RateLimit-Policy", strconv.Itoa(l.perMinute)+";w=60")
	if !ok {
		h.Set("Retry-After", "60")
	}
	return ok, nil
}

// limit limits writes per API key k and, when configured, anonymous
// requests per client address. Requests past the limit get its problem,
// 429 with Retry-After; every limited answer carries RateLimit-* headers.
func (s *Server) limit(w http.ResponseWriter, r *http.Request, k *domain.Key) error {
	var l *limiter
	var client string
	write := r.Method != http.MethodGet && r.Method != http.MethodHead && r.Method != http.MethodOptions
	shared := false
	switch {
	case write && k != nil && s.writes != nil:
		l, client, shared = s.writes, "key:"+k.Name, s.cfg.SharedLimits != nil
	case k == nil && s.reads != nil:
		l, client = s.reads, addressOf(r)
	}
	if l == nil {
		return nil
	}
	ok := true
	if shared {
		var err error
		if ok, err = s.takeShared(w, r, l, client); err != nil {
			return err
		}
	} else {
		ok = l.take(w, r, client)
	}
	if !ok {
		return l.tooMany()
	}
	return nil
}

// addressOf is the rate limits' name for the request's client address.
func addressOf(r *http.Request) string { return "ip:" + clientIP(r) }

// clientIP is the request's remote address without its port (RealIP has
// put a trusted proxy's X-Forwarded-For there when configured).
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
