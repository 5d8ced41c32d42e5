package domain

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// ImportLine is one line of an NDJSON import: the meeting it holds, or why
// it could not be read.
type ImportLine struct {
	N       int
	Meeting *Meeting
	Err     error
}

// ErrInputCut is wrapped by the Err of an ImportLine that says the input
// stopped before its end (its sender stalled or went away, or sent more
// than allowed); its N is the first line not read. The import stores what
// came whole and stops there.
var ErrInputCut = errors.New("the input stopped before its end")

// ErrOutcomeUnknown is wrapped by a store's error when the database went
// away after a commit was sent: whether it took effect is not known.
var ErrOutcomeUnknown = errors.New("the database went away after the commit was sent: whether it took effect is not known")

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
	// Complete says that every line was read and handled. When it is
	// false, StoppedAtLine is the first line not handled: no line from it
	// on was stored, and each line before it was stored or failed.
	Complete      bool `json:"complete"`
	StoppedAtLine int  `json:"stopped_at_line,omitempty"`
	// StoredLines are the ranges of lines, first and last, whose meetings
	// were stored: every line in them that is not blank. At most
	// MaxErrors+1 ranges, all of them unless ErrorsTruncated.
	StoredLines [][2]int `json:"stored_lines"`
	// UncertainLines, when set, are lines (first and last) whose write was
	// sent when the database went away, before it confirmed the commit:
	// each was stored or not. Sending them again is safe: one stored
	// already fails as a duplicate naming the stored meeting.
	UncertainLines *[2]int `json:"uncertain_lines,omitempty"`
	// Seconds is how long the import took.
	Seconds float64 `json:"seconds"`
}

// ImportOptions tune an import.
type ImportOptions struct {
	// Atomic stores all lines or none.
	Atomic bool
	// Chunk is how many meetings go to the database together (default 500).
	Chunk int
	// Progress, when set, is called as each chunk is stored (at its
	// commit, or its write into the transaction of an atomic import) with
	// the lines read and the meetings stored so far: the count it gives is
	// what is stored until the next call. Calls come one at a time, not
	// always from the goroutine that called Import.
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
	// StoreOfficials stores new officials. It returns, by the id given,
	// those that a concurrent write stored first (the same country and
	// folded name): the meetings must name the stored one instead. On
	// error the transaction is unusable.
	StoreOfficials(ctx context.Context, news []Official) (map[string]StoredOfficial, error)
	// WriteMeetings stores prepared meetings, whose officials are stored,
	// and their audit entries. On error the transaction is unusable.
	WriteMeetings(ctx context.Context, ms []*Meeting, audits []*AuditEntry) error
	Commit(ctx context.Context) error
	Rollback(ctx context.Context) error
}

// pending is a prepared meeting of an import and the new officials it
// names. Its audit entry is made when it is written, once it names the
// officials as stored.
type pending struct {
	line int
	m    *Meeting
	news []Official
}

// Import stores the meetings of next's lines, validating and resolving each
// as CreateMeeting does. Without Atomic good lines are stored and bad ones
// reported; with it any bad line stores none. next returns false at the end.
//
// When the import stops before the end (the input was cut, the database
// went away, ctx ended), the error says why. Without Atomic the report
// comes with it, incomplete, naming the lines stored and where to resume;
// with Atomic the report is nil: nothing was stored.
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
	im := &importer{s: s, r: s.newResolver(), opt: opt, keys: map[string]int{}, moved: map[string]StoredOfficial{},
		rep: &ImportReport{Atomic: opt.Atomic, Errors: []ImportError{}, StoredLines: [][2]int{}}}
	if opt.Atomic {
		tx, err := s.imports.BeginImport(ctx)
		if err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
		defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
		im.tx = tx
	}
	var chunk []pending
	// Lines are read ahead as many as may fill the chunk, so that the
	// officials they name are looked up in one call rather than one each,
	// and a chunk is written as soon as its last line has come.
	var lines []ImportLine
	for {
		line, ok := next()
		cut := ok && errors.Is(line.Err, ErrInputCut)
		if ok && !cut {
			lines = append(lines, line)
			if len(lines) < opt.Chunk-len(chunk) {
				continue
			}
		}
		var at int
		var err error
		if chunk, at, err = im.take(ctx, lines, chunk); err != nil {
			return im.stop(at, err)
		}
		lines = lines[:0]
		if cut {
			// A plain import stores what came whole and stops at the cut.
			if !opt.Atomic {
				if at, err := im.flush(ctx, chunk); err != nil {
					return im.stop(at, err)
				}
			}
			return im.stop(line.N, line.Err)
		}
		if !ok {
			break
		}
	}
	if at, err := im.flush(ctx, chunk); err != nil {
		return im.stop(at, err)
	}
	if opt.Atomic {
		if im.rep.Failed > 0 {
			im.rep.Stored = 0
		} else if err := im.tx.Commit(ctx); err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
	}
	im.rep.Complete = true
	im.finish(0)
	im.rep.Seconds = time.Since(start).Seconds()
	return im.rep, nil
}

// take prepares lines read ahead, the officials they name looked up at
// once first, and adds them to chunk, writing it each time it is full. It
// returns the chunk still to write or, when the import must stop, the line
// it stops at and why.
func (im *importer) take(ctx context.Context, lines []ImportLine, chunk []pending) ([]pending, int, error) {
	ms := make([]*Meeting, len(lines))
	for i, line := range lines {
		ms[i] = line.Meeting
	}
	im.r.prefetch(ctx, ms)
	for _, line := range lines {
		im.read(line.N)
		p, ok, err := im.prepare(ctx, line)
		if err == nil {
			err = ctx.Err()
		}
		if err != nil {
			at := line.N
			if len(chunk) > 0 {
				at = chunk[0].line
			}
			return chunk, at, err
		}
		if ok {
			chunk = append(chunk, p)
		}
		if len(chunk) >= im.opt.Chunk {
			// Written while the lines after it are prepared.
			if at, err := im.send(ctx, chunk); err != nil {
				return nil, at, err
			}
			chunk = make([]pending, 0, im.opt.Chunk)
		}
	}
	return chunk, 0, nil
}

type importer struct {
	s    *Service
	r    *resolver
	opt  ImportOptions
	tx   ImportTx // the one transaction of an atomic import
	keys map[string]int
	rep  *ImportReport
	// moved are the new officials of the import that concurrent writes
	// stored first, by the id the import gave them: lines prepared before
	// that was known name the given id, and are pointed at the stored one
	// when written.
	moved map[string]StoredOfficial
	// first and last are the first and last lines read; failed are the
	// lines that failed, for the ranges of lines stored.
	first, last int
	failed      []int
	// writing, when set, gives the outcome of the chunk being written.
	writing chan outcome
	// progress: the lines read and meetings stored so far, which the
	// writer of a chunk reports as soon as it is stored; pmu orders the
	// calls of Progress.
	linesRead, storedSoFar atomic.Int64
	pmu                    sync.Mutex
}

// read notes that line n was read.
func (im *importer) read(n int) {
	im.rep.Lines++
	im.linesRead.Store(int64(im.rep.Lines))
	if im.first == 0 {
		im.first = n
	}
	im.last = n
}

// stop ends an import cut short at line at by err: an atomic one stores
// nothing and has no report; a plain one reports what it stored.
func (im *importer) stop(at int, err error) (*ImportReport, error) {
	// The chunk being written ends first; if it stopped the import, its
	// lines come first.
	if wat, werr := im.wait(); werr != nil {
		at, err = wat, werr
	}
	if im.opt.Atomic {
		return nil, fmt.Errorf("import: %w", err)
	}
	im.rep.StoppedAtLine = at
	im.finish(at)
	return im.rep, fmt.Errorf("import stopped at line %d: %w", at, err)
}

// finish sets the ranges of lines stored: every line read before stop (0:
// every line read) that did not fail.
func (im *importer) finish(stop int) {
	// Duplicates found at a chunk's commit are noted after later lines.
	slices.SortStableFunc(im.rep.Errors, func(a, b ImportError) int { return a.Line - b.Line })
	if im.opt.Atomic && im.rep.Stored == 0 || im.first == 0 {
		return
	}
	last := im.last
	if stop > 0 {
		last = min(last, stop-1)
	}
	slices.Sort(im.failed)
	from := im.first
	add := func(a, b int) {
		if a > b {
			return
		}
		if len(im.rep.StoredLines) > im.opt.MaxErrors {
			return
		}
		im.rep.StoredLines = append(im.rep.StoredLines, [2]int{a, b})
	}
	for _, f := range im.failed {
		if f > last {
			break
		}
		add(from, f-1)
		from = max(from, f+1)
	}
	add(from, last)
}

func (im *importer) fail(line int, err error) {
	im.rep.Failed++
	im.failed = append(im.failed, line)
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

// gone reports whether err means that the database or the request went
// away, which stops an import rather than failing a line.
func gone(ctx context.Context, err error) bool {
	return ErrorCode(err) == EUNAVAILABLE || errors.Is(err, context.Canceled) ||
		errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil
}

// prepare validates and resolves one line; a line that fails is reported.
// It returns an error only when the database or the request went away.
func (im *importer) prepare(ctx context.Context, line ImportLine) (pending, bool, error) {
	if line.Err != nil {
		im.fail(line.N, line.Err)
		return pending{}, false, nil
	}
	m := line.Meeting
	if err := m.Validate(); err != nil {
		im.fail(line.N, err)
		return pending{}, false, nil
	}
	news, err := im.r.prepare(ctx, m, nil)
	if err != nil {
		if gone(ctx, err) {
			return pending{}, false, err
		}
		if AsError(err) == nil {
			err = fmt.Errorf("%w", err) // a store failure: reported on the line, the import goes on
		}
		im.fail(line.N, err)
		return pending{}, false, nil
	}
	if first, dup := im.keys[m.DedupeKey]; dup {
		im.fail(line.N, Errorf(ECONFLICT, "Line %d holds the same meeting (same date, kind and countries).", first))
		return pending{}, false, nil
	}
	im.keys[m.DedupeKey] = line.N
	return pending{line: line.N, m: m, news: news}, true, nil
}
