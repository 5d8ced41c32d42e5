package http

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/jsonx"
)

func (s *Server) importRoutes(r chi.Router) {
	r.Use(s.require(domain.ScopeWrite))
	r.Post("/", s.handle(s.importMeetings))
}

// importMeetings stores the meetings of an NDJSON body, one per line.
// Without atomic=true the lines are stored as they arrive, good lines
// stored and bad ones listed; with it the body is first spooled to a
// temporary file, so that no transaction waits on the network, then stored
// in one transaction, and a bad line stores nothing (422). from_line skips
// the lines before it. A body that sends no byte for ImportIdleTimeout is
// answered 408.
func (s *Server) importMeetings(w http.ResponseWriter, r *http.Request) error {
	p, err := parseParams(r, "atomic", "from_line")
	if err != nil {
		return err
	}
	allOrNone := p.bool("atomic") != nil && *p.bool("atomic")
	from := max(p.int("from_line", 1, math.MaxInt32), 1)
	if err := p.err(); err != nil {
		return err
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "application/x-ndjson" && mt != "application/ndjson" && mt != "application/jsonl" {
		return &domain.Error{Code: errUnsupportedMedia, Message: "An import is application/x-ndjson: one meeting per line."}
	}
	// An import may take longer than an ordinary request to upload and to
	// store: the body has a deadline per read instead, the answer none.
	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Time{})
	defer func() { _ = rc.SetReadDeadline(time.Time{}) }()
	idle := &idleReader{r: http.MaxBytesReader(w, r.Body, s.cfg.ImportMaxBytes), rc: rc, idle: s.cfg.ImportIdleTimeout}
	var body io.Reader = idle
	// net/http ends the request's context when a read of its body fails. A
	// plain import whose client stalled still stores the lines that came
	// whole, so the import's context ends with the request's only when that
	// was not the stall.
	ctx, cancel := context.WithCancel(context.WithoutCancel(r.Context()))
	defer cancel()
	defer context.AfterFunc(r.Context(), func() {
		if !idle.expired() {
			cancel()
		}
	})()
	if allOrNone {
		f, err := spool(body)
		if err != nil {
			return s.importError(err, nil, 0)
		}
		defer f.Close()
		body = f
	}
	next, stop := ndjsonLines(ctx, body, s.cfg.ImportMaxLineBytes, from)
	defer stop()
	rep, err := s.svc.Import(ctx, next, domain.ImportOptions{Atomic: allOrNone})
	if rep != nil {
		s.metrics.imported.WithLabelValues("stored").Add(float64(rep.Stored))
		s.metrics.imported.WithLabelValues("failed").Add(float64(rep.Failed))
	}
	if err != nil {
		return s.importError(err, rep, from)
	}
	if rep.Atomic && rep.Failed > 0 {
		return extendedProblem{
			err:    domain.Errorf(domain.EINVALID, "Some lines are not valid: nothing was stored."),
			extend: func(p Problem) any { return importProblem{Problem: p, Report: rep} },
		}
	}
	return s.writeJSON(w, r, http.StatusOK, rep)
}

// importError is the problem of an import that stopped before its end:
// 408 when the body stalled, 413 when it was too large, 400 when it could
// not be read, 503 when the database went away. A plain import's problem
// carries its report, which names the lines stored and where to resume.
func (s *Server) importError(err error, rep *domain.ImportReport, from int) error {
	outcome := "Nothing was stored."
	if errors.Is(err, domain.ErrOutcomeUnknown) {
		outcome = "The database went away as the import was committed: whether it was stored is not known. " +
			"Send it again: if it was stored, its lines are refused as stored already."
	}
	if rep != nil {
		outcome = fmt.Sprintf("The import stopped at line %d: each line before it is stored or failed "+
			"(see report); send the body again with from_line=%d to go on.", rep.StoppedAtLine, rep.StoppedAtLine)
	}
	var tooLarge *http.MaxBytesError
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded):
		err = &domain.Error{Code: errTimeout, Message: fmt.Sprintf("No byte of the body came for %s. %s",
			s.cfg.ImportIdleTimeout, outcome)}
	case errors.As(err, &tooLarge):
		err = &domain.Error{Code: errTooLarge, Message: fmt.Sprintf("The body is larger than %d bytes. %s",
			tooLarge.Limit, outcome)}
	case errors.Is(err, domain.ErrInputCut):
		err = invalidRequest("The body could not be read to its end. " + outcome)
	case domain.ErrorCode(err) == domain.EUNAVAILABLE:
		err = &domain.Error{Code: domain.EUNAVAILABLE, Message: "The database is unavailable. " + outcome}
	}
	if rep == nil {
		return err
	}
	return extendedProblem{err: err, extend: func(p Problem) any { return importProblem{Problem: p, Report: rep} }}
}

// idleReader reads a request body with a deadline idle ahead of each read:
// a client that sends nothing for that long makes the read fail.
type idleReader struct {
	r        io.Reader
	rc       *http.ResponseController
	idle     time.Duration
	deadline atomic.Int64 // of the read under way, in Unix nanoseconds
}

func (b *idleReader) Read(p []byte) (int, error) {
	d := time.Now().Add(b.idle)
	if err := b.rc.SetReadDeadline(d); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return 0, err
	}
	b.deadline.Store(d.UnixNano())
	return b.r.Read(p)
}

// expired reports whether the read under way has passed its deadline.
func (b *idleReader) expired() bool {
	d := b.deadline.Load()
	return d != 0 && time.Now().UnixNano() >= d
}

// spool copies an import's body to a temporary file, removed once closed,
// and returns it ready to be read from the start.
func spool(body io.Reader) (*os.File, error) {
	f, err := os.CreateTemp("", "milmeet-import-*.ndjson")
	if err != nil {
		return nil, fmt.Errorf("spool import: %w", err)
	}
	// Unlinked at once: the file lives as long as it is open, and nothing
	// is left behind if the process dies.
	_ = os.Remove(f.Name())
	if _, err := io.Copy(f, body); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("%w: %w", domain.ErrInputCut, err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("spool import: %w", err)
	}
	return f, nil
}

// importProblem is the problem answer of an atomic import, with its report.
type importProblem struct {
	Problem
	Report *domain.ImportReport `json:"report"`
}

// ndjsonLines reads an import's body as lines, from line from on,
// decoding one line ahead of the import; stop ends the reading. A body that
// fails before its end gives a last line whose Err wraps
// domain.ErrInputCut and the read error.
func ndjsonLines(ctx context.Context, body io.Reader, maxLine, from int) (next func() (domain.ImportLine, bool), stop func()) {
	// A chunk of lines may be decoded while the one before it is written.
	lines := make(chan domain.ImportLine, 64)
	done := make(chan struct{})
	var once sync.Once
	stop = func() { once.Do(func() { close(done) }) }
	go func() {
		defer close(lines)
		err := jsonx.MeetingLines(body, maxLine, from, func(l domain.ImportLine) bool {
			select {
			case lines <- l:
				return true
			case <-done:
				return false
			}
		})
		var re *jsonx.ReadError
		if errors.As(err, &re) && !errors.Is(err, http.ErrBodyReadAfterClose) {
			select {
			case lines <- domain.ImportLine{N: re.Line, Err: fmt.Errorf("%w: %w", domain.ErrInputCut, re.Err)}:
			case <-done:
			}
		}
	}()
	next = func() (domain.ImportLine, bool) {
		select {
		case l, ok := <-lines:
			return l, ok
		case <-ctx.Done():
			stop()
			return domain.ImportLine{}, false
		}
	}
	return next, stop
}
