package http

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

type originKey struct{}

// hostPattern is what a forwarded host may be: a name or address, and a port.
var hostPattern = regexp.MustCompile(`^[A-Za-z0-9.-]+(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$`)

// origin records the scheme and host the client used, for absolute links:
// the request's own, or, when the server trusts a proxy in front of it
// (TRUST_PROXY), the first X-Forwarded-Proto and X-Forwarded-Host.
func (s *Server) origin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
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
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), originKey{}, u)))
	})
}

func firstValue(v string) string {
	v, _, _ = strings.Cut(v, ",")
	return strings.ToLower(strings.TrimSpace(v))
}

// originOf returns the scheme and host the client used.
func originOf(r *http.Request) url.URL {
	if u, ok := r.Context().Value(originKey{}).(url.URL); ok {
		return u
	}
	return url.URL{Scheme: "http", Host: r.Host}
}
