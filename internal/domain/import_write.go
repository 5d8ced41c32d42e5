package domain

import (
	"context"
	"errors"
)

// How an import writes its chunks: each in a transaction of its own, or
// in the one transaction of an atomic import; a chunk the database refuses
// as a whole goes again meeting by meeting.

// flush writes a chunk: in the import's transaction when atomic, else in a
// transaction of its own, and line by line when the chunk as a whole fails.
// When the database or the request goes away it returns the error and the
// first line not stored.
func (im *importer) flush(ctx context.Context, chunk []pending) (int, error) {
	if len(chunk) == 0 {
		return 0, nil
	}
	defer func() {
		if im.opt.Progress != nil {
			im.opt.Progress(im.rep.Lines, im.rep.Stored)
		}
	}()
	if im.opt.Atomic {
		if im.rep.Failed > 0 {
			return 0, nil // nothing will be stored; the lines are only checked
		}
		todo, dups, err := im.dedupe(ctx, im.tx, chunk)
		if err != nil {
			return chunk[0].line, err
		}
		im.failDuplicates(dups)
		if im.rep.Failed > 0 {
			return 0, nil
		}
		w, err := im.write(ctx, im.tx, todo)
		if err != nil {
			return chunk[0].line, err
		}
		im.stored(w)
		return 0, nil
	}
	var w written
	var dups []duplicateLine
	err := im.inTx(ctx, func(tx ImportTx) error {
		todo, d, err := im.dedupe(ctx, tx, chunk)
		if err != nil {
			return err
		}
		dups = d
		w, err = im.write(ctx, tx, todo)
		return err
	})
	if err == nil {
		im.failDuplicates(dups)
		im.stored(w)
		return 0, nil
	}
	if gone(ctx, err) {
		im.uncertain(err, chunk[0].line, chunk[len(chunk)-1].line)
		return chunk[0].line, err
	}
	// Something in the chunk broke a rule of the database (a meeting stored
	// meanwhile, say): store its meetings one by one to find which.
	for _, p := range chunk {
		var w written
		var dups []duplicateLine
		err := im.inTx(ctx, func(tx ImportTx) error {
			one, d, err := im.dedupe(ctx, tx, []pending{p})
			if err != nil || len(one) == 0 {
				dups = d
				return err
			}
			w, err = im.write(ctx, tx, one)
			return err
		})
		switch {
		case err == nil:
			im.failDuplicates(dups)
			im.stored(w)
		case gone(ctx, err):
			im.uncertain(err, p.line, p.line)
			return p.line, err
		default:
			im.fail(p.line, err)
		}
	}
	return 0, nil
}

// uncertain notes the lines from a to b when err says that their commit
// may have taken effect.
func (im *importer) uncertain(err error, a, b int) {
	if errors.Is(err, ErrOutcomeUnknown) {
		im.rep.UncertainLines = &[2]int{a, b}
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

func (im *importer) failDuplicates(dups []duplicateLine) {
	for _, d := range dups {
		im.fail(d.line, duplicate(d.id))
	}
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
	for from, to := range w.remap {
		im.r.stored[to] = true
		im.r.reassign(from, to)
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
