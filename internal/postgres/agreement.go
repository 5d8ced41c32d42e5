package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/milmeet/milmeet/internal/domain"
)

// GetAgreement implements domain.AgreementStore.
func (s *Store) GetAgreement(ctx context.Context, id string) (*domain.Agreement, error) {
	rows, err := s.pool.Query(ctx, fmt.Sprintf(selectAgreementsSQL, `a.id = $1 AND m.deleted_at IS NULL`), id)
	if err != nil {
		return nil, fmt.Errorf("get agreement: %w", formatError(err))
	}
	a, err := pgx.CollectExactlyOneRow(rows, func(row pgx.CollectableRow) (*domain.Agreement, error) {
		return scanAgreement(row)
	})
	if err != nil {
		if domain.ErrorCode(formatError(err)) == domain.ENOTFOUND {
			return nil, domain.Errorf(domain.ENOTFOUND, "There is no agreement %s.", id)
		}
		return nil, fmt.Errorf("get agreement: %w", formatError(err))
	}
	return a, nil
}

// ListAgreements implements domain.AgreementStore.
func (s *Store) ListAgreements(ctx context.Context, f domain.AgreementFilter) ([]domain.Agreement, error) {
	where := []string{"m.deleted_at IS NULL"}
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	for _, c := range []string{f.Country, f.Partner} {
		if c != "" {
			where = append(where, "EXISTS (SELECT 1 FROM agreement_parties p WHERE p.agreement_id = a.id AND p.country = "+arg(c)+")")
		}
	}
	if f.Year != 0 {
		y := arg(f.Year)
		where = append(where, "a.period_from <= "+y+" AND a.period_to >= "+y)
	}
	if f.Type != "" {
		where = append(where, "a.type = "+arg(string(f.Type)))
	}
	if f.After != "" {
		where = append(where, "a.id > "+arg(f.After)+"::uuid")
	}
	sql := fmt.Sprintf(selectAgreementsSQL, strings.Join(where, " AND "))
	sql = strings.Replace(sql, "ORDER BY a.meeting_id, a.ord", "ORDER BY a.id LIMIT "+arg(f.Limit), 1)
	rows, err := s.pool.Query(ctx, sql, args...)
	if err != nil {
		return nil, fmt.Errorf("list agreements: %w", formatError(err))
	}
	as, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Agreement, error) {
		a, err := scanAgreement(row)
		if err != nil {
			return domain.Agreement{}, err
		}
		return *a, nil
	})
	return as, formatError(err)
}
