package http

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/milmeet/milmeet/internal/domain"
)

func (s *Server) statsRoutes(r chi.Router) {
	r.Use(s.readAccess)
	r.Get("/timeline", s.handle(s.timeline))
	r.Get("/partners", s.handle(s.partners))
}

// timeline counts meetings by year or month.
func (s *Server) timeline(w http.ResponseWriter, r *http.Request) error {
	p, err := parseParams(r, "country", "by")
	if err != nil {
		return err
	}
	f := domain.TimelineFilter{Country: p.str("country"), By: p.str("by")}
	if err := p.check(s.svc.CheckFilter(r.Context(), &f)); err != nil {
		return err
	}
	t, err := s.svc.Timeline(r.Context(), f)
	if err != nil {
		return err
	}
	return s.writeJSON(w, r, http.StatusOK, t)
}

// partners counts a country's meetings by partner, or without a country
// every pair's: the edges of the network of meetings.
func (s *Server) partners(w http.ResponseWriter, r *http.Request) error {
	p, err := parseParams(r, "country")
	if err != nil {
		return err
	}
	f := domain.PartnerFilter{Country: p.str("country")}
	if err := p.check(s.svc.CheckFilter(r.Context(), &f)); err != nil {
		return err
	}
	if f.Country == "" {
		es, err := s.svc.Edges(r.Context())
		if err != nil {
			return err
		}
		return s.writeJSON(w, r, http.StatusOK, map[string]any{"data": es})
	}
	ps, err := s.svc.Partners(r.Context(), f.Country)
	if err != nil {
		return err
	}
	return s.writeJSON(w, r, http.StatusOK, map[string]any{"country": f.Country, "data": ps})
}
