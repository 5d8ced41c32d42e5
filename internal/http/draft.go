package http

import (
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/jsonx"
)

// Drafts are unreviewed: reading them, as writing them, needs the write
// scope, so that nothing unconfirmed is open to the public.
func (s *Server) draftRoutes(r chi.Router) {
	r.Use(s.require(domain.ScopeWrite))
	r.Get("/", s.handle(s.listDrafts))
	r.Get("/{id}", s.handle(s.getDraft))
	r.Patch("/{id}", s.handle(s.patchDraft))
	r.Post("/{id}/accept", s.handle(s.acceptDraft))
	r.Post("/{id}/reject", s.handle(s.rejectDraft))
	r.Post("/{id}/reextract", s.handle(s.reextractDraft))
}

// writeDraft answers with the draft; its ETag names its version, which
// If-Match on the draft's writes is checked against. A draft is never kept
// by shared caches.
func (s *Server) writeDraft(w http.ResponseWriter, r *http.Request, status int, d *domain.Draft) error {
	w.Header().Set("Cache-Control", "private, no-cache")
	return s.writeJSON(w, r, status, d)
}

// draftVersion reads the version an If-Match names: 0 without one (428
// when required) or with "*", EPRECONDITION for a tag that is no draft's.
func draftVersion(r *http.Request, required bool) (int, error) {
	h := strings.TrimSpace(r.Header.Get("If-Match"))
	if h == "" {
		if required {
			return 0, domain.Errorf(domain.EPRECONDREQUIRED,
				"Send If-Match with the draft's ETag, so that changes made meanwhile are not overwritten.")
		}
		return 0, nil
	}
	if h == "*" {
		return 0, nil
	}
	t := strings.TrimPrefix(strings.TrimSpace(strings.Split(h, ",")[0]), "W/")
	if len(t) == 26 {
		if n, err := strconv.ParseUint(t[1:9], 16, 32); err == nil && n > 0 {
			return int(n), nil
		}
	}
	return 0, domain.Errorf(domain.EPRECONDITION, "If-Match holds no ETag this draft had: read the draft again.")
}

func (s *Server) listDrafts(w http.ResponseWriter, r *http.Request) error {
	p, err := parseParams(r, "status", "country", "from", "to", "q", "limit", "cursor")
	if err != nil {
		return err
	}
	f := domain.DraftFilter{Status: domain.DraftStatus(p.str("status")), Country: p.str("country"),
		From: p.date("from"), To: p.date("to"), Q: p.str("q"), Limit: p.int("limit", 1, domain.MaxLimit),
		After: p.idCursor(s.cursors)}
	if err := p.check(s.svc.CheckFilter(r.Context(), &f)); err != nil {
		return err
	}
	items, last, err := s.svc.ListDrafts(r.Context(), f)
	if err != nil {
		return err
	}
	next := s.idCursor(last, p)
	setNext(w, r, next)
	w.Header().Set("Cache-Control", "private, no-cache")
	return s.writeJSON(w, r, http.StatusOK, newPage(items, next))
}

func (s *Server) getDraft(w http.ResponseWriter, r *http.Request) error {
	if _, err := parseParams(r); err != nil {
		return err
	}
	d, err := s.svc.GetDraft(r.Context(), chi.URLParam(r, "id"))
	if err != nil {
		return err
	}
	return s.writeDraft(w, r, http.StatusOK, d)
}

// patchDraft applies an RFC 7396 merge patch to the draft meeting.
func (s *Server) patchDraft(w http.ResponseWriter, r *http.Request) error {
	if _, err := parseParams(r); err != nil {
		return err
	}
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/merge-patch+json" {
		return &domain.Error{Code: errUnsupportedMedia, Message: "PATCH takes application/merge-patch+json."}
	}
	var patch any
	if err := decodeJSON(w, r, &patch, s.cfg.MaxBodyBytes); err != nil {
		return err
	}
	if _, ok := patch.(map[string]any); !ok {
		return invalidRequest("The patch must be a JSON object: the fields of the draft meeting to change.")
	}
	version, err := draftVersion(r, true)
	if err != nil {
		return err
	}
	d, err := s.svc.GetDraft(r.Context(), chi.URLParam(r, "id"))
	if err != nil {
		return err
	}
	m, err := patchMeeting(&d.Meeting, patch, "The patched draft meeting is not valid.")
	if err != nil {
		return err
	}
	if version == 0 {
		version = d.Version // If-Match: *
	}
	out, err := s.svc.EditDraft(r.Context(), d.ID, version, m)
	if err != nil {
		return err
	}
	return s.writeDraft(w, r, http.StatusOK, out)
}

// acceptBody is the optional body of POST /drafts/{id}/accept.
type acceptBody struct {
	// MergeInto names the stored meeting to merge into, over the candidate.
	MergeInto *string `json:"merge_into"`
	// AsNew stores the draft as a new meeting even when a candidate exists.
	AsNew bool `json:"as_new"`
}

// readOptionalJSON decodes a JSON body into v when there is one.
func readOptionalJSON(w http.ResponseWriter, r *http.Request, v any) error {
	if r.ContentLength == 0 || r.Body == nil || r.Body == http.NoBody {
		return nil
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 64<<10))
	if err != nil {
		return &domain.Error{Code: errTooLarge, Message: "The body is larger than 64 KiB."}
	}
	if strings.TrimSpace(string(body)) == "" {
		return nil
	}
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
			return &domain.Error{Code: errUnsupportedMedia, Message: "The body must be application/json."}
		}
	}
	if err := jsonx.Strict(body, v); err != nil {
		return badRequest{domain.AsError(err)}
	}
	return nil
}

func (s *Server) acceptDraft(w http.ResponseWriter, r *http.Request) error {
	if _, err := parseParams(r); err != nil {
		return err
	}
	var b acceptBody
	if err := readOptionalJSON(w, r, &b); err != nil {
		return err
	}
	version, err := draftVersion(r, false)
	if err != nil {
		return err
	}
	opt := domain.AcceptOptions{Version: version, AsNew: b.AsNew}
	if b.MergeInto != nil {
		opt.MergeInto = *b.MergeInto
		if opt.MergeInto == "" {
			return &domain.Error{Code: domain.EINVALID, Message: "The accept is not valid.",
				Fields: []domain.FieldError{{Pointer: "/merge_into", Detail: "is not an id"}}}
		}
	}
	d, err := s.svc.AcceptDraft(r.Context(), chi.URLParam(r, "id"), opt)
	if err != nil {
		return err
	}
	s.metrics.extractions.WithLabelValues("accepted").Inc()
	return s.writeDraft(w, r, http.StatusOK, d)
}

// rejectBody is the body of POST /drafts/{id}/reject.
type rejectBody struct {
	Reason string `json:"reason"`
}

func (s *Server) rejectDraft(w http.ResponseWriter, r *http.Request) error {
	if _, err := parseParams(r); err != nil {
		return err
	}
	var b rejectBody
	if err := decodeJSON(w, r, &b, 64<<10); err != nil {
		return err
	}
	version, err := draftVersion(r, false)
	if err != nil {
		return err
	}
	d, err := s.svc.RejectDraft(r.Context(), chi.URLParam(r, "id"), version, b.Reason)
	if err != nil {
		return err
	}
	s.metrics.extractions.WithLabelValues("rejected").Inc()
	return s.writeDraft(w, r, http.StatusOK, d)
}

func (s *Server) reextractDraft(w http.ResponseWriter, r *http.Request) error {
	if _, err := parseParams(r); err != nil {
		return err
	}
	version, err := draftVersion(r, false)
	if err != nil {
		return err
	}
	d, err := s.svc.ReextractDraft(r.Context(), chi.URLParam(r, "id"), version)
	if err != nil {
		return err
	}
	return s.writeDraft(w, r, http.StatusOK, d)
}
