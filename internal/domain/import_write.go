package domain

import (
	"context"
	"errors"
	"maps"
)

// How an import writes its chunks: each in a transaction of its own, or
// in the one transaction of an atomic import; a chunk the database refuses
// as a whole goes again meeting by meeting.

// A chunk is written while the next is read and prepared: send starts
// the write of a chunk once the one before it is written and its outcome
// noted, for the outcome of chunk k (officials stored, ids remapped) must
// reach chunk k+1 before its write, though not before its preparation. The
// writer touches nothing of the importer's but its transaction and the
// counts it reports progress with; the outcome it returns is noted by the
// importer's own goroutine (wait).

// flush writes a chunk and waits for it; see send.
func (im *importer) flush(ctx context.Context, chunk []pending) (int, error) {
	if at, err := im.send(ctx, chunk); err != nil {
		return at, err
	}
	return im.wait()
}

// send waits for the chunk being written, notes its outcome, and starts
// writing chunk, which the caller must not touch again. When the write
// before it stopped the import, it returns that line and error instead.
func (im *importer) send(ctx context.Context, chunk []pending) (int, error) {
	if at, err := im.wait(); err != nil {
		return at, err
	}
	if len(chunk) == 0 {
		return 0, nil
	}
	if im.opt.Atomic && im.rep.Failed > 0 {
		// Nothing will be stored; the lines are only checked.
		im.progress()
		return 0, nil
	}
	// What the writer reads of the importer: the officials stored so far,
	// and those stored first by others, which nothing changes until its
	// outcome is noted.
	stored, moved := im.r.stored, im.moved
	done := make(chan outcome, 1)
	im.writing = done
	go func() { done <- im.store(ctx, chunk, stored, moved) }()
	return 0, nil
}

// wait waits for the chunk being written, if any, and notes its outcome.
func (im *importer) wait() (int, error) {
	if im.writing == nil {
		return 0, nil
	}
	o := <-im.writing
	im.writing = nil
	for _, d := range o.dups {
		im.fail(d.line, duplicate(d.id))
	}
	for _, f := range o.failed {
		im.fail(f.line, f.err)
	}
	for _, w := range o.written {
		im.stored(w)
	}
	if o.uncertain != nil {
		im.rep.UncertainLines = o.uncertain
	}
	im.progress()
	return o.at, o.err
}

// progress reports the lines read and the meetings stored so far.
func (im *importer) progress() {
	if im.opt.Progress == nil {
		return
	}
	im.pmu.Lock()
	defer im.pmu.Unlock()
	im.opt.Progress(int(im.linesRead.Load()), int(im.storedSoFar.Load()))
}

// storedNow reports, from the writer, that n more meetings are stored: at
// once, not when the importer next notes the outcome, which may be a
// chunk later.
func (im *importer) storedNow(n int) {
	im.storedSoFar.Add(int64(n))
	im.progress()
}

// outcome is what the write of a chunk did: what it stored, the lines that
// failed and, when the import must stop, the first line not stored and why.
type outcome struct {
	written   []written
	dups      []duplicateLine
	failed    []failedLine
	uncertain *[2]int
	at        int
	err       error
}

type failedLine struct {
	line int
	err  error
}

// store writes a chunk: in the import's transaction when atomic, else in a
// transaction of its own, and line by line when the chunk as a whole fails.
// stored are the officials stored before it, and moved those of the
// import that others stored first. Each write that stores meetings is
// reported to Progress as it ends.
func (im *importer) store(ctx context.Context, chunk []pending, stored map[string]bool,
	moved map[string]StoredOfficial) outcome {
	var o outcome
	if im.opt.Atomic {
		todo, dups, err := im.dedupe(ctx, im.tx, chunk)
		if err != nil {
			return outcome{at: chunk[0].line, err: err}
		}
		if o.dups = dups; len(dups) > 0 {
			return o // nothing will be stored
		}
		w, err := im.write(ctx, im.tx, todo, stored, moved)
		if err != nil {
			return outcome{at: chunk[0].line, err: err}
		}
		o.written = append(o.written, w)
		im.storedNow(w.meetings)
		return o
	}
	var w written
	err := im.inTx(ctx, func(tx ImportTx) error {
		todo, d, err := im.dedupe(ctx, tx, chunk)
		if err != nil {
			return err
		}
		o.dups = d
		w, err = im.write(ctx, tx, todo, stored, moved)
		return err
	})
	if err == nil {
		o.written = append(o.written, w)
		im.storedNow(w.meetings)
		return o
	}
	o.dups = nil
	if gone(ctx, err) {
		o.uncertainOf(err, chunk[0].line, chunk[len(chunk)-1].line)
		o.at, o.err = chunk[0].line, err
		return o
	}
	// Something in the chunk broke a rule of the database (a meeting stored
	// meanwhile, say): store its meetings one by one to find which. The
	// officials each stores, or finds stored first, are stored for those
	// after it.
	mine := map[string]bool{}
	isStored := func(id string) bool { return stored[id] || mine[id] }
	moved = maps.Clone(moved)
	for _, p := range chunk {
		var w written
		var dups []duplicateLine
		err := im.inTx(ctx, func(tx ImportTx) error {
			one, d, err := im.dedupe(ctx, tx, []pending{p})
			if err != nil || len(one) == 0 {
				dups = d
				return err
			}
			w, err = im.writeWith(ctx, tx, one, isStored, moved)
			return err
		})
		switch {
		case err == nil:
			o.dups = append(o.dups, dups...)
			o.written = append(o.written, w)
			im.storedNow(w.meetings)
			for _, id := range w.officials {
				mine[id] = true
			}
			for from, to := range w.remap {
				mine[to.ID] = true
				moved[from] = to
			}
		case gone(ctx, err):
			o.uncertainOf(err, p.line, p.line)
			o.at, o.err = p.line, err
			return o
		default:
			o.failed = append(o.failed, failedLine{p.line, err})
		}
	}
	return o
}

// uncertainOf notes the lines from a to b when err says that their commit
// may have taken effect.
func (o *outcome) uncertainOf(err error, a, b int) {
	if errors.Is(err, ErrOutcomeUnknown) {
		o.uncertain = &[2]int{a, b}
	}
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

// duplicateLine is a line whose meeting is stored already.
type duplicateLine struct {
	line int
	id   string
}

// dedupe returns the meetings of the chunk that are not stored yet, and
// the lines of those that are; the latter fail once the transaction that
// found them commits.
func (im *importer) dedupe(ctx context.Context, tx ImportTx, chunk []pending) ([]pending, []duplicateLine, error) {
	keys := make([]string, len(chunk))
	for i, p := range chunk {
		keys[i] = p.m.DedupeKey
	}
	found, err := tx.FindMeetingIDs(ctx, keys)
	if err != nil {
		return nil, nil, err
	}
	out := chunk[:0:0]
	var dups []duplicateLine
	for _, p := range chunk {
		if id, ok := found[p.m.DedupeKey]; ok {
			dups = append(dups, duplicateLine{p.line, id})
			continue
		}
		out = append(out, p)
	}
	return out, dups, nil
}

// written is what a chunk stored, counted once its transaction commits.
type written struct {
	meetings  int
	officials []string
	remap     map[string]StoredOfficial // by the id given
}

func (im *importer) stored(w written) {
	for _, id := range w.officials {
		im.r.stored[id] = true
	}
	// Lines still to come name these officials by their stored ids.
	for from, to := range w.remap {
		im.r.stored[to.ID] = true
		im.r.reassign(from, to)
		im.moved[from] = to
	}
	im.rep.Stored += w.meetings
}

// write stores the chunk's meetings and the new officials they name that
// are not stored yet, once; see writeWith.
func (im *importer) write(ctx context.Context, tx ImportTx, chunk []pending, stored map[string]bool,
	moved map[string]StoredOfficial) (written, error) {
	return im.writeWith(ctx, tx, chunk, func(id string) bool { return stored[id] }, moved)
}

// writeWith stores the new officials of the chunk that are not stored,
// points its meetings at the officials others stored first (those of
// moved, and those found now), and only then makes their audit entries and
// stores them: each entry names the officials as stored.
func (im *importer) writeWith(ctx context.Context, tx ImportTx, chunk []pending, stored func(string) bool,
	moved map[string]StoredOfficial) (written, error) {
	var ms []*Meeting
	var news []Official
	seen := map[string]bool{}
	for _, p := range chunk {
		ms = append(ms, p.m)
		for _, o := range p.news {
			if !seen[o.ID] && !stored(o.ID) {
				seen[o.ID] = true
				news = append(news, o)
			}
		}
	}
	found, err := tx.StoreOfficials(ctx, news)
	if err != nil {
		return written{}, err
	}
	audits := make([]*AuditEntry, len(ms))
	for i, m := range ms {
		RepointOfficials(m, moved)
		RepointOfficials(m, found)
		audits[i] = im.s.audit(ctx, AuditImport, m.ID, nil, m)
	}
	if err := tx.WriteMeetings(ctx, ms, audits); err != nil {
		return written{}, err
	}
	w := written{meetings: len(ms), remap: found}
	for id := range seen {
		w.officials = append(w.officials, id)
	}
	return w, nil
}
