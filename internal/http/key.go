package http

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/milmeet/milmeet/internal/domain"
)

func (s *Server) keyRoutes(r chi.Router) {
	r.Use(s.require(domain.ScopeAdmin))
	r.Get("/", s.handle(s.listKeys))
	r.Post("/", s.handle(s.createKey))
	r.Delete("/{name}", s.handle(s.revokeKey))
}

func (s *Server) listKeys(w http.ResponseWriter, r *http.Request) error {
	if _, err := parseParams(r); err != nil {
		return err
	}
	ks, err := s.svc.ListKeys(r.Context())
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	return s.writeJSON(w, r, http.StatusOK, newPage(ks, nil))
}

// newKey is the body of POST /keys.
type newKey struct {
	Name  string       `json:"name"`
	Scope domain.Scope `json:"scope"`
}

// createdKey is a new key with its token, shown this once.
type createdKey struct {
	domain.Key
	Token string `json:"token"`
}

func (s *Server) createKey(w http.ResponseWriter, r *http.Request) error {
	if _, err := parseParams(r); err != nil {
		return err
	}
	var in newKey
	if err := decodeJSON(w, r, &in, 4<<10); err != nil {
		return err
	}
	k, token, err := s.svc.CreateKey(r.Context(), in.Name, in.Scope)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	return s.writeJSON(w, r, http.StatusCreated, createdKey{Key: *k, Token: token})
}

func (s *Server) revokeKey(w http.ResponseWriter, r *http.Request) error {
	if _, err := parseParams(r); err != nil {
		return err
	}
	if err := s.svc.RevokeKey(r.Context(), chi.URLParam(r, "name")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
