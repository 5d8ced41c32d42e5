package postgres

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/milmeet/milmeet/internal/domain"
)

// BeginRequest implements domain.IdempotencyStore.
func (s *Store) BeginRequest(ctx context.Context, owner, key string, hash []byte, stale time.Duration) (*domain.StoredResponse, error) {
	var resp *domain.StoredResponse
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
		var stored []byte
		var status *int
		var headers []byte
		var body []byte
		var created time.Time
		var restarted bool
		if err := tx.QueryRow(ctx, `SELECT request_hash, status, headers, body, created_at,
				server_started IS DISTINCT FROM pg_postmaster_start_time()
			FROM idempotency_keys WHERE owner = $1 AND key = $2 FOR UPDATE`, owner, key).
			Scan(&stored, &status, &headers, &body, &created, &restarted); err != nil {
			return err
		}
		if !bytes.Equal(stored, hash) {
			return domain.Errorf(domain.EINVALID, "The Idempotency-Key was used for a different request.")
		}
		if status == nil {
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
		resp = &domain.StoredResponse{Status: *status, Body: body}
		return json.Unmarshal(headers, &resp.Headers)
	})
	if err != nil {
		return nil, fmt.Errorf("idempotency: %w", err)
	}
	return resp, nil
}

// FinishRequest implements domain.IdempotencyStore.
func (s *Store) FinishRequest(ctx context.Context, owner, key string, r domain.StoredResponse) error {
	headers, err := json.Marshal(r.Headers)
	if err != nil {
		return err
	}
	_, err = s.pool.Exec(ctx, `UPDATE idempotency_keys SET status = $3, headers = $4, body = $5, completed_at = now()
		WHERE owner = $1 AND key = $2`, owner, key, r.Status, headers, r.Body)
	if err != nil {
		return fmt.Errorf("idempotency: %w", formatError(err))
	}
	return nil
}

// AbandonRequest implements domain.IdempotencyStore.
func (s *Store) AbandonRequest(ctx context.Context, owner, key string) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM idempotency_keys WHERE owner = $1 AND key = $2 AND status IS NULL`, owner, key)
	if err != nil {
		return fmt.Errorf("idempotency: %w", formatError(err))
	}
	return nil
}
