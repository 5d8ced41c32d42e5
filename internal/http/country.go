package http

import (
	"net/http"

	"github.com/go-chi/chi/v5"
)

func (s *Server) countryRoutes(r chi.Router) {
	r.Use(s.readAccess)
	r.Get("/", s.listCountries)
	r.Get("/{code}", s.getCountry)
}

func (s *Server) listCountries(w http.ResponseWriter, r *http.Request) {
	if _, err := parseParams(r); err != nil {
		s.writeError(w, r, err)
		return
	}
	cs, err := s.svc.Countries(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, newPage(cs, nil))
}

func (s *Server) getCountry(w http.ResponseWriter, r *http.Request) {
	if _, err := parseParams(r); err != nil {
		s.writeError(w, r, err)
		return
	}
	c, err := s.svc.CountryProfile(r.Context(), chi.URLParam(r, "code"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, c)
}
