package http

import (
	"net/http"
	"strings"

	"github.com/milmeet/milmeet/internal/domain"
)

// keyOf returns the API key a request authenticated with, or nil.
func keyOf(r *http.Request) *domain.Key {
	if st := stateOf(r.Context()); st != nil {
		return st.key
	}
	return nil
}

// authenticate reads an "Authorization: Bearer" token. A request without one
// goes on anonymous (nil); a request with a bad one is refused at once,
// 401, and counts against its address: as a failed authentication and,
// when requests without a key are limited, as one of those. Past either
// limit it is refused 429.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request) (*domain.Key, error) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return nil, nil
	}
	var k *domain.Key
	var err error
	if scheme, token, ok := strings.Cut(h, " "); !ok || !strings.EqualFold(scheme, "Bearer") {
		err = domain.Errorf(domain.EUNAUTHORIZED, "Send the API key as \"Authorization: Bearer <token>\".")
	} else {
		k, err = s.svc.Authenticate(r.Context(), strings.TrimSpace(token))
	}
	if domain.ErrorCode(err) == domain.EUNAUTHORIZED {
		for _, l := range []*limiter{s.authFailures, s.reads} {
			if l != nil && !l.take(w, r, addressOf(r)) {
				err = l.tooMany()
			}
		}
	}
	if err != nil {
		return nil, err
	}
	return k, nil
}

// require lets through requests whose key has the scope: 401 without a key,
// 403 with one that may not.
func (s *Server) require(scope domain.Scope) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			k := keyOf(r)
			switch {
			case k == nil:
				s.writeError(w, r, domain.Errorf(domain.EUNAUTHORIZED, "This needs an API key with the %s scope.", scope))
			case !k.Scope.Allows(scope):
				s.writeError(w, r, domain.Errorf(domain.EFORBIDDEN, "The key %q has the %s scope; this needs %s.", k.Name, k.Scope, scope))
			default:
				next.ServeHTTP(w, r)
			}
		})
	}
}

// readAccess guards reads: open to all unless configured to need a key.
func (s *Server) readAccess(next http.Handler) http.Handler {
	if !s.cfg.ReadRequiresKey {
		return next
	}
	return s.require(domain.ScopeRead)(next)
}
