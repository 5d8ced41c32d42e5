package domain

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ImportLine is one line of an NDJSON import: the meeting it holds, or why
// it could not be read.
type ImportLine struct {
	N       int
	Meeting *Meeting
	Err     error
}

// ImportError says what is wrong with one line.
type ImportError struct {
	Line       int          `json:"line"`
	Code       string       `json:"code"`
	Detail     string       `json:"detail"`
	Errors     []FieldError `json:"errors,omitempty"`
	ExistingID string       `json:"existing_id,omitempty"`
}

// ImportReport is the outcome of an import.
type ImportReport struct {
	Atomic bool          `json:"atomic"`
	Lines  int           `json:"lines"`
	Stored int           `json:"stored"`
	Failed int           `json:"failed"`
	Errors []ImportError `json:"errors"`
	// ErrorsTruncated says that errors lists the first MaxErrors failures
	// only; failed counts them all.
	ErrorsTruncated bool `json:"errors_truncated"`
	// Seconds is how long the import took.
	Seconds float64 `json:"seconds"`
}

// ImportOptions tune an import.
type ImportOptions struct {
	// Atomic stores all lines or none.
	Atomic bool
	// Chunk is how many meetings go to the database together (default 500).
	Chunk int
	// Progress, when set, is called after each chunk with the lines read
	// and stored so far.
	Progress func(lines, stored int)
	// MaxErrors is how many failed lines the report lists (default 1000),
	// so that a file of bad lines does not make an answer larger than it.
	MaxErrors int
}

// ImportStore writes meetings in bulk.
type ImportStore interface {
	// BeginImport starts a transaction for an import.
	BeginImport(ctx context.Context) (ImportTx, error)
}

// ImportTx is a transaction that writes meetings in bulk.
type ImportTx interface {
	// FindMeetingIDs returns the ids of live meetings by dedupe key, for the
	// keys that have one.
	FindMeetingIDs(ctx context.Context, keys []string) (map[string]string, error)
	// WriteMeetings stores prepared meetings, the new officials they name
	// and their audit entries. It returns, for new officials that a
	// concurrent write stored first, the stored id by the id given (and
	// points the meetings at it). On error the transaction is unusable.
	WriteMeetings(ctx context.Context, ms []*Meeting, news []Official, audits []*AuditEntry) (map[string]string, error)
	Commit(ctx context.Context) error
	Rollback(ctx context.Context) error
}

// pending is a prepared meeting of an import and what it needs stored.
type pending struct {
	line int
	m    *Meeting
	news []Official
}

// Import stores the meetings of next's lines, validating and resolving each
// as CreateMeeting does. Without Atomic good lines are stored and bad ones
// reported; with it any bad line stores none. next returns false at the end.
func (s *Service) Import(ctx context.Context, next func() (ImportLine, bool), opt ImportOptions) (*ImportReport, error) {
	start := time.Now()
	if opt.Chunk <= 0 {
		opt.Chunk = 500
	}
	if opt.MaxErrors <= 0 {
		opt.MaxErrors = 1000
	}
	if err := s.loadCountries(ctx); err != nil {
		return nil, err
	}
	im := &importer{s: s, r: s.newResolver(), opt: opt, keys: map[string]int{},
		rep: &ImportReport{Atomic: opt.Atomic, Errors: []ImportError{}}}
	if opt.Atomic {
		tx, err := s.imports.BeginImport(ctx)
		if err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
		defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
		im.tx = tx
	}
	var chunk []pending
	for {
		line, ok := next()
		if !ok {
			break
		}
		im.rep.Lines++
		if p, ok := im.prepare(ctx, line); ok {
			chunk = append(chunk, p)
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if len(chunk) >= opt.Chunk {
			if err := im.flush(ctx, chunk); err != nil {
				return nil, err
			}
			chunk = chunk[:0]
		}
	}
	if err := im.flush(ctx, chunk); err != nil {
		return nil, err
	}
	if opt.Atomic {
		if im.rep.Failed > 0 {
			im.rep.Stored = 0
		} else if err := im.tx.Commit(ctx); err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
	}
	im.rep.Seconds = time.Since(start).Seconds()
	return im.rep, nil
}

type importer struct {
	s    *Service
	r    *resolver
	opt  ImportOptions
	tx   ImportTx // the one transaction of an atomic import
	keys map[string]int
	rep  *ImportReport
}

func (im *importer) fail(line int, err error) {
	im.rep.Failed++
	if len(im.rep.Errors) >= im.opt.MaxErrors {
		im.rep.ErrorsTruncated = true
		return
	}
	e := ImportError{Line: line, Code: ErrorCode(err), Detail: ErrorMessage(err)}
	if de := AsError(err); de != nil {
		e.Errors = de.Fields
		e.ExistingID, _ = de.Data["existing_id"].(string)
	}
	im.rep.Errors = append(im.rep.Errors, e)
}

// prepare validates and resolves one line; a line that fails is reported.
func (im *importer) prepare(ctx context.Context, line ImportLine) (pending, bool) {
	if line.Err != nil {
		im.fail(line.N, line.Err)
		return pending{}, false
	}
	m := line.Meeting
	if err := m.Validate(); err != nil {
		im.fail(line.N, err)
		return pending{}, false
	}
	news, err := im.r.prepare(ctx, m, nil)
	if err != nil {
		if AsError(err) == nil {
			err = fmt.Errorf("%w", err) // a store failure: reported on the line, the import goes on
		}
		im.fail(line.N, err)
		return pending{}, false
	}
	if first, dup := im.keys[m.DedupeKey]; dup {
		im.fail(line.N, Errorf(ECONFLICT, "Line %d holds the same meeting (same date, kind and countries).", first))
		return pending{}, false
	}
	im.keys[m.DedupeKey] = line.N
	return pending{line: line.N, m: m, news: news}, true
}

// flush writes a chunk: in the import's transaction when atomic, else in a
// transaction of its own, and line by line when the chunk as a whole fails.
func (im *importer) flush(ctx context.Context, chunk []pending) error {
	if len(chunk) == 0 {
		return nil
	}
	defer func() {
		if im.opt.Progress != nil {
			im.opt.Progress(im.rep.Lines, im.rep.Stored)
		}
	}()
	if im.opt.Atomic {
		if im.rep.Failed > 0 {
			return nil // nothing will be stored; the lines are only checked
		}
		chunk, err := im.dedupe(ctx, im.tx, chunk)
		if err != nil || im.rep.Failed > 0 {
			return err
		}
		w, err := im.write(ctx, im.tx, chunk)
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		im.stored(w)
		return nil
	}
	var w written
	err := im.inTx(ctx, func(tx ImportTx) error {
		var err error
		if chunk, err = im.dedupe(ctx, tx, chunk); err != nil {
			return err
		}
		w, err = im.write(ctx, tx, chunk)
		return err
	})
	if err == nil {
		im.stored(w)
		return nil
	}
	if ErrorCode(err) == EUNAVAILABLE || errors.Is(err, context.Canceled) {
		return err
	}
	// Something in the chunk broke a rule of the database (a meeting stored
	// meanwhile, say): store its meetings one by one to find which.
	for _, p := range chunk {
		var w written
		err := im.inTx(ctx, func(tx ImportTx) error {
			one, err := im.dedupe(ctx, tx, []pending{p})
			if err != nil || len(one) == 0 {
				return err
			}
			w, err = im.write(ctx, tx, one)
			return err
		})
		if err == nil {
			im.stored(w)
		} else {
			if ErrorCode(err) == EUNAVAILABLE || errors.Is(err, context.Canceled) {
				return err
			}
			im.fail(p.line, err)
		}
	}
	return nil
}

func (im *importer) inTx(ctx context.Context, fn func(ImportTx) error) error {
	tx, err := im.s.imports.BeginImport(ctx)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback(context.WithoutCancel(ctx))
		return err
	}
	return tx.Commit(ctx)
}

// dedupe reports the meetings of the chunk that are stored already and
// returns the others.
func (im *importer) dedupe(ctx context.Context, tx ImportTx, chunk []pending) ([]pending, error) {
	keys := make([]string, len(chunk))
	for i, p := range chunk {
		keys[i] = p.m.DedupeKey
	}
	found, err := tx.FindMeetingIDs(ctx, keys)
	if err != nil {
		return nil, err
	}
	out := chunk[:0:0]
	for _, p := range chunk {
		if id, ok := found[p.m.DedupeKey]; ok {
			im.fail(p.line, duplicate(id))
			continue
		}
		out = append(out, p)
	}
	return out, nil
}

// written is what a chunk stored, counted once its transaction commits.
type written struct {
	meetings  int
	officials []string
	remap     map[string]string // stored id by given id
}

func (im *importer) stored(w written) {
	for _, id := range w.officials {
		im.r.stored[id] = true
	}
	// Lines still to come name these officials by their stored ids.
	for _, o := range im.r.news {
		if to, ok := w.remap[o.ID]; ok {
			im.r.stored[to] = true
			o.ID = to
		}
	}
	im.rep.Stored += w.meetings
}

// write stores the chunk's meetings and the new officials they name, once.
func (im *importer) write(ctx context.Context, tx ImportTx, chunk []pending) (written, error) {
	var ms []*Meeting
	var news []Official
	var audits []*AuditEntry
	seen := map[string]bool{}
	for _, p := range chunk {
		ms = append(ms, p.m)
		for _, o := range p.news {
			if !seen[o.ID] && !im.r.stored[o.ID] {
				seen[o.ID] = true
				news = append(news, o)
			}
		}
		audits = append(audits, im.s.audit(ctx, AuditImport, p.m.ID, nil, p.m))
	}
	remap, err := tx.WriteMeetings(ctx, ms, news, audits)
	if err != nil {
		return written{}, err
	}
	w := written{meetings: len(ms), remap: remap}
	for id := range seen {
		w.officials = append(w.officials, id)
	}
	return w, nil
}
