package http

import (
	"net/http"

	"github.com/go-chi/chi/v5"
)

func (s *Server) countryRoutes(r chi.Router) {
	r.Use(s.readAccess)
	r.Get("/", s.handle(s.listCountries))
	r.Get("/{code}", s.handle(s.getCountry))
}

func (s *Server) listCountries(w http.ResponseWriter, r *http.Request) error {
	if _, err := parseParams(r); err != nil {
		return err
	}
	cs, err := s.svc.Countries(r.Context())
	if err != nil {
		return err
	}
	return s.writeJSON(w, r, http.StatusOK, newPage(cs, nil))
}

func (s *Server) getCountry(w http.ResponseWriter, r *http.Request) error {
	if _, err := parseParams(r); err != nil {
		return err
	}
	c, err := s.svc.CountryProfile(r.Context(), chi.URLParam(r, "code"))
	if err != nil {
		return err
	}
	return s.writeJSON(w, r, http.StatusOK, c)
}
