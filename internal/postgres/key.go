package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/milmeet/milmeet/internal/domain"
)

const keyColumns = `id, name, scope, token_hash, created_at, revoked_at, last_used_at`

func scanKey(row pgx.CollectableRow) (domain.Key, error) {
	var k domain.Key
	err := row.Scan(&k.ID, &k.Name, &k.Scope, &k.TokenHash, &k.CreatedAt, &k.RevokedAt, &k.LastUsedAt)
	return k, err
}

// CreateKey implements domain.KeyStore.
func (s *Store) CreateKey(ctx context.Context, k *domain.Key) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO api_keys (id, name, scope, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)`,
		k.ID, k.Name, k.Scope, k.TokenHash, k.CreatedAt)
	if err != nil {
		return fmt.Errorf("create key: %w", formatError(err))
	}
	return nil
}

// ListKeys implements domain.KeyStore.
func (s *Store) ListKeys(ctx context.Context) ([]domain.Key, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+keyColumns+` FROM api_keys ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("list keys: %w", formatError(err))
	}
	ks, err := pgx.CollectRows(rows, scanKey)
	return ks, formatError(err)
}

// RevokeKey implements domain.KeyStore.
func (s *Store) RevokeKey(ctx context.Context, name string, at time.Time) error {
	tag, err := s.pool.Exec(ctx, `UPDATE api_keys SET revoked_at = $2 WHERE name = $1 AND revoked_at IS NULL`, name, at)
	if err != nil {
		return fmt.Errorf("revoke key: %w", formatError(err))
	}
	if tag.RowsAffected() == 0 {
		return domain.Errorf(domain.ENOTFOUND, "There is no live key named %q.", name)
	}
	return nil
}

// FindKey implements domain.KeyStore, in one statement: one lookup by the
// unique index on the token's hash, whether or not a key has it. The time
// of last use is noted at most once a minute, so that reads do not all
// write.
func (s *Store) FindKey(ctx context.Context, hash []byte) (*domain.Key, error) {
	if s.router != nil && domain.ReadPolicyOf(ctx) != nil {
		return s.findKeyToRead(ctx, hash)
	}
	rows, err := s.pool.Query(ctx, `
WITH k AS (
    SELECT `+keyColumns+` FROM api_keys WHERE token_hash = $1 AND revoked_at IS NULL
), used AS (
    UPDATE api_keys SET last_used_at = now()
    WHERE id IN (SELECT id FROM k WHERE last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
)
SELECT `+keyColumns+` FROM k`, hash)
	if err != nil {
		return nil, fmt.Errorf("find key: %w", formatError(err))
	}
	ks, err := pgx.CollectRows(rows, scanKey)
	if err != nil {
		return nil, fmt.Errorf("find key: %w", formatError(err))
	}
	if len(ks) == 0 {
		return nil, domain.Errorf(domain.ENOTFOUND, "No such key.")
	}
	return &ks[0], nil
}

// findKeyToRead finds the key of a request that only reads, on the node that
// serves its reads, so that a replica can authenticate while the primary is
// down. A key the replica does not have yet is looked for on the primary; a
// key revoked there is accepted until the replica replays the revocation
// (MAX_REPLICA_LAG at most). The time of last use is noted on the primary
// when due, and not at all while it is down.
func (s *Store) findKeyToRead(ctx context.Context, hash []byte) (*domain.Key, error) {
	find := func(q querier) (*domain.Key, error) {
		rows, err := q.Query(ctx, `SELECT `+keyColumns+` FROM api_keys WHERE token_hash = $1 AND revoked_at IS NULL`, hash)
		if err != nil {
			return nil, fmt.Errorf("find key: %w", formatError(err))
		}
		ks, err := pgx.CollectRows(rows, scanKey)
		if err != nil {
			return nil, fmt.Errorf("find key: %w", formatError(err))
		}
		if len(ks) == 0 {
			return nil, domain.Errorf(domain.ENOTFOUND, "No such key.")
		}
		return &ks[0], nil
	}
	k, err := find(s.pool)
	if node, _ := domain.ReadPolicyOf(ctx).Served(); domain.ErrorCode(err) == domain.ENOTFOUND && node != RolePrimary {
		k, err = find(s.primary)
	}
	if err != nil {
		return nil, err
	}
	if (k.LastUsedAt == nil || time.Since(*k.LastUsedAt) > time.Minute) && s.router.serving(s.router.primary) {
		_, _ = s.primary.Exec(ctx, `UPDATE api_keys SET last_used_at = now()
WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`, k.ID)
	}
	return k, nil
}
