package domain

import (
	"context"
	"time"
)

// IdempotencyTTL is how long a stored answer is replayed for.
const IdempotencyTTL = 24 * time.Hour

// StoredResponse is the first answer to a request with an Idempotency-Key.
type StoredResponse struct {
	Status  int
	Headers map[string]string
	Body    []byte
}

// IdempotencyStore keeps the answers to requests with an Idempotency-Key,
// per key owner.
type IdempotencyStore interface {
	// BeginRequest claims (owner, key) for a request whose content hashes to
	// hash. It returns nil when the claim is new (or an abandoned claim older
	// than stale was taken over); the stored answer when the same request
	// was answered; EINVALID when the key was used for another request;
	// ECONFLICT when the same request is still in flight.
	BeginRequest(ctx context.Context, owner, key string, hash []byte, stale time.Duration) (*StoredResponse, error)
	// FinishRequest stores the answer of a claimed request.
	FinishRequest(ctx context.Context, owner, key string, r StoredResponse) error
	// AbandonRequest drops a claim whose request got no answer worth
	// replaying (the server failed), so that a retry runs again.
	AbandonRequest(ctx context.Context, owner, key string) error
}

// idempotencyStale is how long a claimed request may go unanswered before a
// retry takes it over: longer than an ordinary request may run (30 s).
const idempotencyStale = 35 * time.Second

// BeginRequest claims an Idempotency-Key for owner's request whose content
// hashes to hash. It returns the stored answer of an earlier identical
// request, or nil when this request is to run. Returns EINVALID when the key
// was used for another request, ECONFLICT while the same request runs.
func (s *Service) BeginRequest(ctx context.Context, owner, key string, hash []byte) (*StoredResponse, error) {
	if len(key) == 0 || len(key) > 255 || !cleanText(key, false) {
		var p Problems
		p.Add("", "Idempotency-Key must be 1 to 255 characters of text")
		return nil, p.Err("The Idempotency-Key header is not valid.")
	}
	return s.idem.BeginRequest(ctx, owner, key, hash, idempotencyStale)
}

// FinishRequest stores the answer to a claimed request for replay.
func (s *Service) FinishRequest(ctx context.Context, owner, key string, r StoredResponse) error {
	return s.idem.FinishRequest(ctx, owner, key, r)
}

// AbandonRequest forgets a claimed request that got no answer to replay.
func (s *Service) AbandonRequest(ctx context.Context, owner, key string) error {
	return s.idem.AbandonRequest(ctx, owner, key)
}
