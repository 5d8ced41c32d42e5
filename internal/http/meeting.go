package http

import (
	"encoding/json"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/go-chi/chi/v5"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/jsonx"
)

func (s *Server) meetingRoutes(r chi.Router) {
	r.With(s.readAccess).Get("/", s.handle(s.listMeetings))
	r.With(s.readAccess).Get("/{id}", s.handle(s.getMeeting))
	r.Group(func(r chi.Router) {
		r.Use(s.require(domain.ScopeWrite))
		r.With(s.idempotentWrite(meetingAnswer)).Post("/", s.handle(s.createMeeting))
		r.Put("/{id}", s.handle(s.replaceMeeting))
		r.Patch("/{id}", s.handle(s.patchMeeting))
		r.Delete("/{id}", s.handle(s.deleteMeeting))
	})
}

// meetingParams are the parameters of GET /meetings.
var meetingParams = []string{"country", "partner", "host", "guest", "from", "to", "official", "topic", "kind",
	"series", "has_agreement", "agreement_type", "ceremony", "updated_since", "include_children", "q", "sort",
	"limit", "cursor", "count", "format", "table"}

// meetingFilter reads a filter from the query, its cursor with cs; the
// domain checks it.
func meetingFilter(p *params, cs *domain.Cursors) domain.MeetingFilter {
	f := domain.MeetingFilter{
		Partner:         p.str("partner"),
		Host:            p.str("host"),
		Guest:           p.str("guest"),
		From:            p.date("from"),
		To:              p.date("to"),
		Official:        p.str("official"),
		Topic:           domain.Topic(p.str("topic")),
		Kind:            domain.Kind(p.str("kind")),
		Series:          p.str("series"),
		HasAgreement:    p.bool("has_agreement"),
		AgreementType:   domain.AgreementType(p.str("agreement_type")),
		Ceremony:        domain.CeremonyType(p.str("ceremony")),
		UpdatedSince:    p.time("updated_since"),
		IncludeChildren: p.bool("include_children") != nil && *p.bool("include_children"),
		Q:               p.str("q"),
		Sort:            domain.MeetingSort(p.str("sort")),
		Limit:           p.int("limit", 1, domain.MaxLimit),
		After:           p.cursor(cs),
	}
	if c := p.str("country"); c != "" {
		for _, code := range strings.Split(c, ",") {
			f.Countries = append(f.Countries, strings.TrimSpace(code))
		}
	}
	return f
}

func (s *Server) listMeetings(w http.ResponseWriter, r *http.Request) error {
	p, err := parseParams(r, meetingParams...)
	if err != nil {
		return err
	}
	format := exportFormat(r, p)
	count := p.str("count")
	if count != "" && count != "exact" && count != "estimated" {
		p.add("count", "must be exact or estimated")
	}
	f := meetingFilter(p, s.cursors)
	if err := p.check(s.svc.CheckFilter(r.Context(), &f)); err != nil {
		return err
	}
	if format != formatJSON || p.has("table") {
		return s.export(w, r, f, format, p.str("table"))
	}
	return s.listPage(w, r, f, count)
}

// listPage answers one page of meetings, with the total when count asks.
func (s *Server) listPage(w http.ResponseWriter, r *http.Request, f domain.MeetingFilter, count string) error {
	w.Header().Set("Content-Type", "application/json")
	if done, err := s.revalidatePage(w, r, f, count); done || err != nil {
		return err
	}
	items, next, err := s.svc.ListMeetings(r.Context(), f)
	if err != nil {
		return err
	}
	var cursor *string
	if next != nil {
		c := s.cursors.Encode(*next)
		cursor = &c
	}
	pg := newPage(items, cursor)
	if count != "" {
		n, exact, err := s.svc.CountMeetings(r.Context(), f, count == "exact")
		if err != nil {
			return err
		}
		pg.Total = &n
		pg.TotalExact = &exact
	}
	setNext(w, r, cursor)
	tag, tagged := pageTag(pg)
	if tagged && s.notModified(w, r, http.StatusOK, tag) {
		return nil
	}
	buf := pageBuffers.Get().(*[]byte)
	defer putPageBuffer(buf)
	body, err := appendMeetingPage((*buf)[:0], pg)
	if err != nil {
		return err
	}
	body = append(body, '\n')
	*buf = body
	if !tagged {
		tag = etag(body)
	}
	s.writeEncoded(w, r, http.StatusOK, "application/json", body, tag)
	return nil
}

// revalidatePage answers 304 to a GET of a page whose If-None-Match holds
// the page's tag, made from the items' revisions without reading the items
// (domain.MeetingFilter.RevisionsOnly); false when the tag does not match,
// or cannot be had so (searches, totals, items not rendered yet): the page
// is then read and answered whole.
func (s *Server) revalidatePage(w http.ResponseWriter, r *http.Request, f domain.MeetingFilter,
	count string) (bool, error) {
	inm := r.Header.Get("If-None-Match")
	if inm == "" || count != "" || f.Q != "" || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
		return false, nil
	}
	f.RevisionsOnly = true
	items, next, err := s.svc.ListMeetings(r.Context(), f)
	if err != nil {
		return false, err
	}
	var cursor *string
	if next != nil {
		c := s.cursors.Encode(*next)
		cursor = &c
	}
	tag, ok := pageTag(newPage(items, cursor))
	if !ok || !etagMatch(inm, tag) {
		return false, nil
	}
	setNext(w, r, cursor)
	return s.notModified(w, r, http.StatusOK, tag), nil
}

// pageTagForm names the form of the pages pageTag tags: a change to how a
// page is written changes it, so that no tag outlives its page's form.
const pageTagForm = "milmeet list page 1\n"

// pageTag returns the entity tag of a page of meetings from what names each
// item's representation (its id and revision, see
// domain.MeetingSummary.Revision) and the rest of the page, without
// rendering it; false when an item has no revision (the page's tag is then
// its body's).
func pageTag(pg page[domain.MeetingSummary]) (string, bool) {
	b := make([]byte, 0, len(pageTagForm)+len(pg.Data)*64+128)
	b = append(b, pageTagForm...)
	for i := range pg.Data {
		m := &pg.Data[i]
		if m.Revision == 0 {
			return "", false
		}
		b = append(b, m.ID...)
		b = append(b, ' ')
		b = strconv.AppendInt(b, m.Revision, 10)
		b = append(b, '\n')
	}
	if pg.NextCursor != nil {
		b = append(b, "next "...)
		b = append(b, *pg.NextCursor...)
		b = append(b, '\n')
	}
	if pg.Total != nil {
		b = append(b, "total "...)
		b = strconv.AppendInt(b, *pg.Total, 10)
		b = strconv.AppendBool(b, pg.TotalExact != nil && *pg.TotalExact)
	}
	return etag(b), true
}

// pageBuffers hold the bodies of list pages between requests: once written
// to the connection a body is not needed.
var pageBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

// putPageBuffer returns a page's buffer to the pool, unless it grew
// large (a page of a thousand items).
func putPageBuffer(b *[]byte) {
	if cap(*b) <= 1<<20 {
		pageBuffers.Put(b)
	}
}

// appendMeetingPage appends to b a page of meetings as json.Marshal would
// write it, with the items the store has encoded copied as they are.
func appendMeetingPage(b []byte, pg page[domain.MeetingSummary]) ([]byte, error) {
	n := 64
	for i := range pg.Data {
		n += len(pg.Data[i].Encoded) + 1
	}
	b = slices.Grow(b, n)
	b = append(b, `{"data":[`...)
	for i := range pg.Data {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = appendItem(b, &pg.Data[i]); err != nil {
			return nil, err
		}
	}
	b = append(b, `],"next_cursor":`...)
	rest, err := json.Marshal(struct {
		NextCursor *string `json:"next_cursor"`
		Total      *int64  `json:"total,omitempty"`
		TotalExact *bool   `json:"total_exact,omitempty"`
	}{pg.NextCursor, pg.Total, pg.TotalExact})
	if err != nil {
		return nil, err
	}
	// rest is {"next_cursor":...}: its members follow the data.
	return append(b, rest[len(`{"next_cursor":`):]...), nil
}

// appendItem appends a list item's JSON: the stored encoding when there is
// one.
func appendItem(b []byte, m *domain.MeetingSummary) ([]byte, error) {
	if m.Encoded != nil {
		return append(b, m.Encoded...), nil
	}
	enc, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	return append(b, enc...), nil
}

func (s *Server) getMeeting(w http.ResponseWriter, r *http.Request) error {
	p, err := parseParams(r, "include")
	if err != nil {
		return err
	}
	include := p.str("include")
	if p.has("include") && include != "evidence" {
		p.add("include", "must be evidence")
	}
	if err := p.err(); err != nil {
		return err
	}
	m, err := s.svc.GetMeeting(r.Context(), chi.URLParam(r, "id"))
	if err != nil {
		return err
	}
	if include != "evidence" {
		return s.writeJSON(w, r, http.StatusOK, m)
	}
	ev, err := s.svc.MeetingEvidence(r.Context(), m.ID)
	if err != nil {
		return err
	}
	body, err := withEvidence(m, ev)
	if err != nil {
		return err
	}
	body = append(body, '\n')
	s.writeEncoded(w, r, http.StatusOK, "application/json", body, meetingTag(m.Version, body))
	return nil
}

// withEvidence returns the meeting's JSON with its evidence as one more
// member.
func withEvidence(m *domain.Meeting, ev []domain.MeetingEvidence) (json.RawMessage, error) {
	mj, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	ej, err := json.Marshal(ev)
	if err != nil {
		return nil, err
	}
	out := append(mj[:len(mj)-1:len(mj)-1], `,"evidence":`...)
	out = append(out, ej...)
	return append(out, '}'), nil
}

// createMeeting stores a meeting; with merge=true a meeting stored already
// gains what the new record adds, and the answer is 200 with the merged
// record.
func (s *Server) createMeeting(w http.ResponseWriter, r *http.Request) error {
	p, err := parseParams(r, "merge")
	if err != nil {
		return err
	}
	merge := p.bool("merge")
	if err := p.err(); err != nil {
		return err
	}
	var m domain.Meeting
	if err := decodeJSON(w, r, &m, s.cfg.MaxBodyBytes); err != nil {
		return err
	}
	saved, merged, err := s.svc.CreateOrMerge(r.Context(), &m, merge != nil && *merge)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/meetings/"+saved.ID)
	status := http.StatusCreated
	if merged {
		status = http.StatusOK
	}
	return s.writeJSON(w, r, status, saved)
}

// current returns the stored meeting and checks a write's If-Match against
// its version, which its ETag names: without one the answer is 428, with a
// stale one 412, so that two editors never overwrite each other
// unknowingly. The store checks the version again as it writes.
func (s *Server) current(r *http.Request, id string) (*domain.Meeting, error) {
	m, err := s.svc.GetMeeting(r.Context(), id)
	if err != nil {
		return nil, err
	}
	match := r.Header.Get("If-Match")
	if match == "" {
		return nil, domain.Errorf(domain.EPRECONDREQUIRED,
			"Send If-Match with the meeting's ETag, so that changes made meanwhile are not overwritten.")
	}
	if !versionMatch(match, m.Version) {
		return nil, domain.Errorf(domain.EPRECONDITION, "The meeting has changed since it was read: read it again.")
	}
	return m, nil
}

func (s *Server) replaceMeeting(w http.ResponseWriter, r *http.Request) error {
	if _, err := parseParams(r); err != nil {
		return err
	}
	var m domain.Meeting
	if err := decodeJSON(w, r, &m, s.cfg.MaxBodyBytes); err != nil {
		return err
	}
	old, err := s.current(r, chi.URLParam(r, "id"))
	if err != nil {
		return err
	}
	updated, err := s.svc.ReplaceMeeting(r.Context(), old.ID, &m, old.Version)
	if err != nil {
		return err
	}
	return s.writeJSON(w, r, http.StatusOK, updated)
}

func (s *Server) deleteMeeting(w http.ResponseWriter, r *http.Request) error {
	if _, err := parseParams(r); err != nil {
		return err
	}
	old, err := s.current(r, chi.URLParam(r, "id"))
	if err != nil {
		return err
	}
	if err := s.svc.DeleteMeeting(r.Context(), old.ID, old.Version); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// patchMeeting applies an RFC 7396 merge patch to the meeting's JSON and
// stores the result as PUT would.
func (s *Server) patchMeeting(w http.ResponseWriter, r *http.Request) error {
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
	old, err := s.current(r, chi.URLParam(r, "id"))
	if err != nil {
		return err
	}
	m, err := patchMeeting(old, patch, "The patched meeting is not valid.")
	if err != nil {
		return err
	}
	updated, err := s.svc.ReplaceMeeting(r.Context(), old.ID, m, old.Version)
	if err != nil {
		return err
	}
	return s.writeJSON(w, r, http.StatusOK, updated)
}

// patchMeeting applies an RFC 7396 merge patch to a meeting's JSON form
// and reads the result back as a meeting. A result that is not a meeting is
// the client's fault: EINVALID with invalid as its message and the fields
// at fault.
func patchMeeting(old *domain.Meeting, patch any, invalid string) (*domain.Meeting, error) {
	doc, err := json.Marshal(old)
	if err != nil {
		return nil, err
	}
	var target any
	if err := json.Unmarshal(doc, &target); err != nil {
		return nil, err
	}
	patched, err := json.Marshal(mergePatch(target, patch))
	if err != nil {
		return nil, err
	}
	var m domain.Meeting
	if err := jsonx.Strict(patched, &m); err != nil {
		return nil, &domain.Error{Code: domain.EINVALID, Message: invalid, Fields: domain.AsError(err).Fields}
	}
	return &m, nil
}

// mergePatch applies an RFC 7396 merge patch to target.
func mergePatch(target, patch any) any {
	p, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	t, ok := target.(map[string]any)
	if !ok {
		t = map[string]any{}
	}
	out := make(map[string]any, len(t))
	for k, v := range t {
		out[k] = v
	}
	for k, v := range p {
		if v == nil {
			delete(out, k)
		} else {
			out[k] = mergePatch(out[k], v)
		}
	}
	return out
}
