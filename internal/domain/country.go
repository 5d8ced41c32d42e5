package domain

import "context"

// Country is an ISO 3166-1 entry.
type Country struct {
	Alpha2       string   `json:"alpha2"`
	Alpha3       string   `json:"alpha3"`
	NumericCode  *string  `json:"numeric"`
	Name         string   `json:"name"`
	OfficialName *string  `json:"official_name"`
	AltNames     []string `json:"alt_names"`
}

// CountryStore reads the country list, which is data shipped with the schema.
type CountryStore interface {
	// ListCountries returns every country ordered by alpha-2 code.
	ListCountries(ctx context.Context) ([]Country, error)
}
