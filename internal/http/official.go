package http

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/milmeet/milmeet/internal/domain"
)

func (s *Server) officialRoutes(r chi.Router) {
	r.Use(s.readAccess)
	r.Get("/", s.handle(s.listOfficials))
	r.Get("/{id}", s.handle(s.getOfficial))
	r.Get("/{id}/meetings", s.handle(s.officialMeetings))
}

// officialMeetings lists the meetings an official took part in, talks held
// within visits included.
func (s *Server) officialMeetings(w http.ResponseWriter, r *http.Request) error {
	p, err := parseParams(r, "sort", "limit", "cursor")
	if err != nil {
		return err
	}
	o, err := s.svc.GetOfficial(r.Context(), chi.URLParam(r, "id"))
	if err != nil {
		return err
	}
	f := domain.MeetingFilter{Official: o.ID, IncludeChildren: true, Sort: domain.MeetingSort(p.str("sort")),
		Limit: p.int("limit", 1, domain.MaxLimit), After: p.cursor(s.cursors)}
	if err := p.check(s.svc.CheckFilter(r.Context(), &f)); err != nil {
		return err
	}
	return s.listPage(w, r, f, "")
}

func (s *Server) listOfficials(w http.ResponseWriter, r *http.Request) error {
	p, err := parseParams(r, "country", "q", "limit", "cursor")
	if err != nil {
		return err
	}
	f := domain.OfficialFilter{Country: p.str("country"), Q: p.str("q"), Limit: p.int("limit", 1, domain.MaxLimit),
		After: p.idCursor(s.cursors)}
	if err := p.check(s.svc.CheckFilter(r.Context(), &f)); err != nil {
		return err
	}
	items, last, err := s.svc.ListOfficials(r.Context(), f)
	if err != nil {
		return err
	}
	next := s.idCursor(last, p)
	setNext(w, r, next)
	return s.writeJSON(w, r, http.StatusOK, newPage(items, next))
}

// idCursor returns the cursor of a list ordered by id that goes on after
// last with the filters of p, or nil when last is "".
func (s *Server) idCursor(last string, p *params) *string {
	if last == "" {
		return nil
	}
	c := s.cursors.Encode(domain.Cursor{Sort: "id", ID: last, Filter: p.filterKey()})
	return &c
}

func (s *Server) getOfficial(w http.ResponseWriter, r *http.Request) error {
	if _, err := parseParams(r); err != nil {
		return err
	}
	o, err := s.svc.GetOfficial(r.Context(), chi.URLParam(r, "id"))
	if err != nil {
		return err
	}
	return s.writeJSON(w, r, http.StatusOK, o)
}
