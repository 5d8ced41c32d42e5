package domain

import (
	"context"
	"strings"
)

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

// CountryCodes finds countries by alpha-2 or alpha-3 code, in any case: the
// one place a country code given to milmeet is resolved.
type CountryCodes struct {
	by map[string]Country // alpha-2 and alpha-3, upper case
}

// NewCountryCodes indexes the countries by their codes.
func NewCountryCodes(cs []Country) CountryCodes {
	by := make(map[string]Country, 2*len(cs))
	for _, c := range cs {
		by[c.Alpha2] = c
		by[c.Alpha3] = c
	}
	return CountryCodes{by: by}
}

// Find returns the country with the code.
func (cc CountryCodes) Find(code string) (Country, bool) {
	c, ok := cc.by[strings.ToUpper(code)]
	return c, ok
}

// Alpha2 returns the alpha-2 code of a known country code, and "" for an
// unknown one.
func (cc CountryCodes) Alpha2(code string) string {
	c, _ := cc.Find(code)
	return c.Alpha2
}

// resolve returns the alpha-2 code of a filter's country code, or records
// a problem with the field and returns "".
func (cc CountryCodes) resolve(p *Problems, field, code string) string {
	a2 := cc.Alpha2(code)
	if a2 == "" {
		p.AddField(field, "%q is not an ISO 3166-1 alpha-2 or alpha-3 country code", code)
	}
	return a2
}

// resolveGiven resolves a filter's country code in place when one is
// given.
func (cc CountryCodes) resolveGiven(p *Problems, field string, code *string) {
	if *code != "" {
		*code = cc.resolve(p, field, *code)
	}
}
