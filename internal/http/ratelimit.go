package http

import (
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

// rateLimit limits writes per API key and, when configured, anonymous
// requests per client address. Answers past the limit are 429 with
// Retry-After; every limited answer carries RateLimit-* headers.
func (s *Server) rateLimit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var l *limiter
		var client string
		write := r.Method != http.MethodGet && r.Method != http.MethodHead && r.Method != http.MethodOptions
		switch k := keyOf(r); {
		case write && k != nil && s.writes != nil:
			l, client = s.writes, "key:"+k.Name
		case k == nil && s.reads != nil:
			l, client = s.reads, addressOf(r)
		}
		if l != nil && !l.take(w, r, client) {
			s.writeError(w, r, l.tooMany())
			return
		}
		next.ServeHTTP(w, r)
	})
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
