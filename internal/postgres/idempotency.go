package postgres

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/milmeet/milmeet/internal/domain"
)

// BeginRequest implements domain.IdempotencyStore.
func (s *Store) BeginRequest(ctx context.Context, owner, key string, hash []byte, stale time.Duration) ([]byte, error) {
	var outcome []byte
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		// Answers older than their time to live are forgotten first.
		if _, err := tx.Exec(ctx, `DELETE FROM idempotency_keys WHERE owner = $1 AND key = $2 AND created_at < now() - $3::interval`,
			owner, key, domain.IdempotencyTTL.String()); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `INSERT INTO idempotency_keys (owner, key, request_hash, server_started)
			VALUES ($1, $2, $3, pg_postmaster_start_time())
			ON CONFLICT (owner, key) DO NOTHING`, owner, key, hash)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 1 {
			return nil
		}
		var stored, answer []byte
		var created time.Time
		var restarted bool
		if err := tx.QueryRow(ctx, `SELECT request_hash, answer, created_at,
				server_started IS DISTINCT FROM pg_postmaster_start_time()
			FROM idempotency_keys WHERE owner = $1 AND key = $2 FOR UPDATE`, owner, key).
			Scan(&stored, &answer, &created, &restarted); err != nil {
			return err
		}
		if !bytes.Equal(stored, hash) {
			return domain.Errorf(domain.EINVALID, "The Idempotency-Key was used for a different request.")
		}
		if answer == nil {
			// A claim made before the database restarted belongs to a request
			// whose transaction died with it.
			if !restarted && time.Since(created) < stale {
				return domain.Errorf(domain.ECONFLICT, "A request with this Idempotency-Key is in progress.")
			}
			// The first attempt never finished (its server died): this one
			// takes it over.
			_, err := tx.Exec(ctx, `UPDATE idempotency_keys SET created_at = now(), server_started = pg_postmaster_start_time()
				WHERE owner = $1 AND key = $2`, owner, key)
			return err
		}
		outcome = answer
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("idempotency: %w", err)
	}
	return outcome, nil
}

// writeTx runs fn, the write of meeting id (created, or changed when not),
// in a transaction. When ctx carries the write's idempotency claim, the
// same transaction stores the request's outcome, rendered from the meeting
// as written: the outcome commits with the write or not at all, so that a
// request made again after a lost answer gets it.
func (s *Store) writeTx(ctx context.Context, id string, created bool, fn func(pgx.Tx) error) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		o := domain.WriteOutcomeOf(ctx)
		if o == nil {
			return nil
		}
		m, err := getMeeting(ctx, tx, id)
		if err != nil {
			return err
		}
		outcome, err := o.Render(m, created)
		if err != nil {
			return fmt.Errorf("render outcome: %w", err)
		}
		if _, err := tx.Exec(ctx, finishRequestSQL, o.Owner, o.Key, outcome); err != nil {
			return fmt.Errorf("idempotency: %w", err)
		}
		return nil
	})
}

const finishRequestSQL = `UPDATE idempotency_keys SET answer = $3, completed_at = now() WHERE owner = $1 AND key = $2`

// FinishRequest implements domain.IdempotencyStore.
func (s *Store) FinishRequest(ctx context.Context, owner, key string, outcome []byte) error {
	if outcome == nil {
		outcome = []byte{} // NULL is a claim still in flight
	}
	_, err := s.pool.Exec(ctx, finishRequestSQL, owner, key, outcome)
	if err != nil {
		return fmt.Errorf("idempotency: %w", formatError(err))
	}
	return nil
}

// AbandonRequest implements domain.IdempotencyStore.
func (s *Store) AbandonRequest(ctx context.Context, owner, key string) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM idempotency_keys WHERE owner = $1 AND key = $2 AND answer IS NULL`, owner, key)
	if err != nil {
		return fmt.Errorf("idempotency: %w", formatError(err))
	}
	return nil
}
