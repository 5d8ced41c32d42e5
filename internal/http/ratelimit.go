package http

import (
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/milmeet/milmeet/internal/domain"
)

// limiter counts requests per client in fixed windows of a minute.
type limiter struct {
	perMinute int
	mu        sync.Mutex
	window    time.Time
	counts    map[string]int
}

func newLimiter(perMinute int) *limiter {
	return &limiter{perMinute: perMinute, counts: map[string]int{}}
}

// take counts one request of client and returns how many remain in the
// window, when it resets, and whether this one is allowed.
func (l *limiter) take(client string, now time.Time) (remaining int, reset time.Duration, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	w := now.Truncate(time.Minute)
	if !w.Equal(l.window) {
		// A new window forgets the old one's clients, so the map stays small.
		l.window, l.counts = w, map[string]int{}
	}
	reset = w.Add(time.Minute).Sub(now)
	n := l.counts[client]
	if n >= l.perMinute {
		return 0, reset, false
	}
	l.counts[client] = n + 1
	return l.perMinute - n - 1, reset, true
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
			l, client = s.reads, "ip:"+clientIP(r)
		}
		if l == nil {
			next.ServeHTTP(w, r)
			return
		}
		remaining, reset, ok := l.take(client, time.Now())
		secs := int(reset.Seconds() + 0.999)
		h := w.Header()
		h.Set("RateLimit-Limit", strconv.Itoa(l.perMinute))
		h.Set("RateLimit-Remaining", strconv.Itoa(remaining))
		h.Set("RateLimit-Reset", strconv.Itoa(secs))
		h.Set("RateLimit-Policy", strconv.Itoa(l.perMinute)+";w=60")
		if !ok {
			h.Set("Retry-After", strconv.Itoa(secs))
			s.writeError(w, r, domain.Errorf(domain.ETOOMANY, "Too many requests: %d a minute are allowed.", l.perMinute))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// clientIP is the request's remote address without its port (RealIP has
// put a trusted proxy's X-Forwarded-For there when configured).
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
