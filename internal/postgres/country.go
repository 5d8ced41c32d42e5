package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/milmeet/milmeet/internal/domain"
)

// ListCountries implements domain.CountryStore.
func (s *Store) ListCountries(ctx context.Context) ([]domain.Country, error) {
	rows, err := s.q(ctx).Query(ctx, `SELECT alpha2, alpha3, numeric_code, name, official_name, alt_names
		FROM countries ORDER BY alpha2`)
	if err != nil {
		return nil, fmt.Errorf("list countries: %w", formatError(err))
	}
	cs, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Country, error) {
		var c domain.Country
		err := row.Scan(&c.Alpha2, &c.Alpha3, &c.NumericCode, &c.Name, &c.OfficialName, &c.AltNames)
		return c, err
	})
	return cs, formatError(err)
}
