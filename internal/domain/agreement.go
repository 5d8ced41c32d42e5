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

// AgreementStore reads agreements; they are written with their meeting.
type AgreementStore interface {
	// GetAgreement returns the agreement. Returns ENOTFOUND.
	GetAgreement(ctx context.Context, id string) (*Agreement, error)
	// ListAgreements returns one page of agreements ordered by id.
	ListAgreements(ctx context.Context, f AgreementFilter) ([]Agreement, error)
}
