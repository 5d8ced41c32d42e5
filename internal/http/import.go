package http

import (
	"errors"
	"mime"
	"net/http"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/jsonx"
)

func (s *Server) importRoutes(r chi.Router) {
	r.Use(s.require(domain.ScopeWrite))
	r.Post("/", s.handle(s.importMeetings))
}

// importMeetings stores the meetings of an NDJSON body, one per line, read
// as it arrives. Without atomic=true good lines are stored and bad ones
// listed; with it a bad line stores nothing (422).
func (s *Server) importMeetings(w http.ResponseWriter, r *http.Request) error {
	p, err := parseParams(r, "atomic")
	if err != nil {
		return err
	}
	atomic := p.bool("atomic")
	if err := p.err(); err != nil {
		return err
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "application/x-ndjson" && mt != "application/ndjson" && mt != "application/jsonl" {
		return &domain.Error{Code: errUnsupportedMedia, Message: "An import is application/x-ndjson: one meeting per line."}
	}
	// An import may take longer than an ordinary request to upload.
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Time{})
	_ = rc.SetWriteDeadline(time.Time{})

	next, stop := ndjsonLines(r, s.cfg.ImportMaxLineBytes)
	defer stop()
	rep, err := s.svc.Import(r.Context(), next, domain.ImportOptions{Atomic: atomic != nil && *atomic})
	if err != nil {
		return err
	}
	s.metrics.imported.WithLabelValues("stored").Add(float64(rep.Stored))
	s.metrics.imported.WithLabelValues("failed").Add(float64(rep.Failed))
	if rep.Atomic && rep.Failed > 0 {
		return extendedProblem{
			err:    domain.Errorf(domain.EINVALID, "Some lines are not valid: nothing was stored."),
			extend: func(p Problem) any { return importProblem{Problem: p, Report: rep} },
		}
	}
	return s.writeJSON(w, r, http.StatusOK, rep)
}

// importProblem is the problem answer of an atomic import, with its report.
type importProblem struct {
	Problem
	Report *domain.ImportReport `json:"report"`
}

// ndjsonLines reads a request body as import lines, decoding one line ahead
// of the import; stop ends the reading.
func ndjsonLines(r *http.Request, maxLine int) (next func() (domain.ImportLine, bool), stop func()) {
	lines := make(chan domain.ImportLine)
	done := make(chan struct{})
	var once sync.Once
	stop = func() { once.Do(func() { close(done) }) }
	go func() {
		defer close(lines)
		err := jsonx.MeetingLines(r.Body, maxLine, func(l domain.ImportLine) bool {
			select {
			case lines <- l:
				return true
			case <-done:
				return false
			}
		})
		if err != nil && !errors.Is(err, http.ErrBodyReadAfterClose) {
			select {
			case lines <- domain.ImportLine{Err: domain.Errorf(domain.EINVALID, "The body could not be read to its end: %v", err)}:
			case <-done:
			}
		}
	}()
	next = func() (domain.ImportLine, bool) {
		select {
		case l, ok := <-lines:
			return l, ok
		case <-r.Context().Done():
			stop()
			return domain.ImportLine{}, false
		}
	}
	return next, stop
}
