package http

import (
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/milmeet/milmeet/internal/domain"
)

func (s *Server) auditRoutes(r chi.Router) {
	r.Use(s.require(domain.ScopeAdmin))
	r.Get("/", s.handle(s.listAudit))
}

func (s *Server) listAudit(w http.ResponseWriter, r *http.Request) error {
	p, err := parseParams(r, "meeting", "draft", "actor", "limit", "cursor")
	if err != nil {
		return err
	}
	f := domain.AuditFilter{MeetingID: p.str("meeting"), DraftID: p.str("draft"), Actor: p.str("actor"), Limit: p.int("limit", 1, domain.MaxLimit)}
	if c := p.cursor(s.cursors); c != nil {
		if c.Sort != "audit" {
			p.add("cursor", "belongs to another list")
		}
		f.After, _ = strconv.ParseInt(c.Key, 10, 64)
	}
	if err := p.check(s.svc.CheckFilter(r.Context(), &f)); err != nil {
		return err
	}
	es, last, err := s.svc.ListAudit(r.Context(), f)
	if err != nil {
		return err
	}
	var next *string
	if last != 0 {
		c := s.cursors.Encode(domain.Cursor{Sort: "audit", Key: strconv.FormatInt(last, 10), ID: domain.NewID()})
		next = &c
	}
	w.Header().Set("Cache-Control", "no-store")
	setNext(w, r, next)
	return s.writeJSON(w, r, http.StatusOK, newPage(es, next))
}
