package domain

import (
	"context"
	"time"
)

// IdempotencyTTL is how long the outcome of a request is given again.
const IdempotencyTTL = 24 * time.Hour

// IdempotencyStore keeps, per key owner and idempotency key, the outcome of
// the first request made with the key, so that the request made again gets
// it rather than running twice. An outcome is bytes the caller encodes and
// reads; the store and the service keep it without reading it.
type IdempotencyStore interface {
	// BeginRequest claims (owner, key) for a request whose content hashes to
	// hash. It returns nil when the claim is new (or an abandoned claim older
	// than stale was taken over); the stored outcome when the same request
	// came to one; EINVALID when the key was used for another request;
	// ECONFLICT when the same request is still in flight.
	BeginRequest(ctx context.Context, owner, key string, hash []byte, stale time.Duration) ([]byte, error)
	// FinishRequest stores the outcome of a claimed request.
	FinishRequest(ctx context.Context, owner, key string, outcome []byte) error
	// AbandonRequest drops a claim whose request came to no outcome worth
	// giving again (the server failed), so that a retry runs again.
	AbandonRequest(ctx context.Context, owner, key string) error
}

// idempotencyStale is how long a claimed request may go unanswered before a
// retry takes it over: longer than an ordinary request may run (30 s).
const idempotencyStale = 35 * time.Second

// BeginRequest claims an idempotency key for owner's request whose content
// hashes to hash. It returns the stored outcome of an earlier identical
// request, or nil when this request is to run. Returns EINVALID for a key
// that is not 1 to 255 characters of text or was used for another request,
// ECONFLICT while the same request runs.
func (s *Service) BeginRequest(ctx context.Context, owner, key string, hash []byte) ([]byte, error) {
	if len(key) == 0 || len(key) > 255 || !cleanText(key, false) {
		var p Problems
		p.Add("", "must be 1 to 255 characters of text")
		return nil, p.Err("The idempotency key is not valid.")
	}
	return s.idem.BeginRequest(ctx, owner, key, hash, idempotencyStale)
}

// FinishRequest stores the outcome of a claimed request, to be given again.
func (s *Service) FinishRequest(ctx context.Context, owner, key string, outcome []byte) error {
	return s.idem.FinishRequest(ctx, owner, key, outcome)
}

// AbandonRequest forgets a claimed request that came to no outcome to give
// again.
func (s *Service) AbandonRequest(ctx context.Context, owner, key string) error {
	return s.idem.AbandonRequest(ctx, owner, key)
}

// WriteOutcome is the idempotency claim of a meeting's write, carried by its
// context: the store keeps the outcome Render gives in the write's own
// transaction, so that the request made again gets it even when the answer
// to the first was lost after the commit.
type WriteOutcome struct {
	Owner, Key string
	// Render encodes the outcome from the meeting as the write left it,
	// and whether the write created it (false: it changed a stored one).
	Render func(m *Meeting, created bool) ([]byte, error)
}

type writeOutcomeKey struct{}

// WithWriteOutcome returns ctx carrying o, for the meeting write ctx makes.
func WithWriteOutcome(ctx context.Context, o *WriteOutcome) context.Context {
	return context.WithValue(ctx, writeOutcomeKey{}, o)
}

// WriteOutcomeOf returns the claim ctx carries, or nil.
func WriteOutcomeOf(ctx context.Context) *WriteOutcome {
	o, _ := ctx.Value(writeOutcomeKey{}).(*WriteOutcome)
	return o
}
