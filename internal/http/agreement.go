package http

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/milmeet/milmeet/internal/domain"
)

func (s *Server) agreementRoutes(r chi.Router) {
	r.Use(s.readAccess)
	r.Get("/", s.handle(s.listAgreements))
	r.Get("/{id}", s.handle(s.getAgreement))
}

func (s *Server) listAgreements(w http.ResponseWriter, r *http.Request) error {
	p, err := parseParams(r, "country", "partner", "year", "type", "limit", "cursor")
	if err != nil {
		return err
	}
	f := domain.AgreementFilter{Country: p.str("country"), Partner: p.str("partner"), Year: p.int("year", 1900, 2200),
		Type: domain.AgreementType(p.str("type")), Limit: p.int("limit", 1, domain.MaxLimit), After: p.idCursor(s.cursors)}
	if err := p.check(s.svc.CheckFilter(r.Context(), &f)); err != nil {
		return err
	}
	items, last, err := s.svc.ListAgreements(r.Context(), f)
	if err != nil {
		return err
	}
	next := s.idCursor(last, p)
	setNext(w, r, next)
	return s.writeJSON(w, r, http.StatusOK, newPage(items, next))
}

func (s *Server) getAgreement(w http.ResponseWriter, r *http.Request) error {
	if _, err := parseParams(r); err != nil {
		return err
	}
	a, err := s.svc.GetAgreement(r.Context(), chi.URLParam(r, "id"))
	if err != nil {
		return err
	}
	return s.writeJSON(w, r, http.StatusOK, a)
}
