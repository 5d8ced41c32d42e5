package domain

import "context"

// AgreementFilter selects agreements.
type AgreementFilter struct {
	// Country is a party.
	Country string
	// Partner is another party, with Country.
	Partner string
	// Year falls within the period covered.
	Year  int
	Type  AgreementType
	Limit int
	// After is the id the page starts after.
	After string
}

// Validate checks the filter, resolves its country codes and fills in the
// page size.
func (f *AgreementFilter) Validate(codes CountryCodes) error {
	var p Problems
	if f.Partner != "" && f.Country == "" {
		p.AddField("Partner", "needs country")
	}
	codes.resolveGiven(&p, "Country", &f.Country)
	codes.resolveGiven(&p, "Partner", &f.Partner)
	checkPage(&p, &f.Limit, f.After)
	checkOneOf(&p, "Type", f.Type, AgreementTypes)
	return p.Err(errFilter)
}

// AgreementStore reads agreements; they are written with their meeting.
type AgreementStore interface {
	// GetAgreement returns the agreement. Returns ENOTFOUND.
	GetAgreement(ctx context.Context, id string) (*Agreement, error)
	// ListAgreements returns one page of agreements ordered by id.
	ListAgreements(ctx context.Context, f AgreementFilter) ([]Agreement, error)
}
