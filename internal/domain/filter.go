package domain

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// MeetingSort orders lists of meetings; ties are broken by id.
type MeetingSort string

// The orders of a list of meetings. Meetings whose year is unknown come last
// newest-first and first oldest-first.
const (
	SortDateDesc    MeetingSort = "-date"
	SortDateAsc     MeetingSort = "date"
	SortUpdatedDesc MeetingSort = "-updated_at"
	SortUpdatedAsc  MeetingSort = "updated_at"
)

// MeetingSorts lists the orders.
var MeetingSorts = []MeetingSort{SortDateDesc, SortDateAsc, SortUpdatedDesc, SortUpdatedAsc}

// Page sizes of lists.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// MeetingFilter selects meetings. Zero fields do not filter.
type MeetingFilter struct {
	// Countries: any of them took part, as host or guest (alpha-2).
	Countries []string
	// Partner took part too (with Countries).
	Partner string
	Host    string
	Guest   string
	// From and To bound the date, inclusive. A meeting matches when all the
	// days its date can be fall within them; one whose year is unknown never
	// matches a date range.
	From PartialDate
	To   PartialDate
	// Official took part, as delegation member, signatory or recipient.
	Official      string
	Topic         Topic
	Kind          Kind
	Series        string
	HasAgreement  *bool
	AgreementType AgreementType
	Ceremony      CeremonyType
	// UpdatedSince selects meetings changed after the instant, tombstones of
	// deleted meetings included.
	UpdatedSince *time.Time
	// IncludeChildren lists the talks held within meetings too; by default
	// a list holds top-level meetings only.
	IncludeChildren bool
	// Q is a full-text query.
	Q     string
	Sort  MeetingSort
	Limit int
	// After is the position the page starts after; nil for the first page.
	After *Cursor
	// NoLimit returns every match (exports).
	NoLimit bool
	// RevisionsOnly lets a store leave the items of a page unread (Encoded
	// nil) where it gives each item's Revision: what a page's tag is made
	// of, without what its body is. An item it cannot tag so has Revision
	// 0, and such a page is to be read again without it.
	RevisionsOnly bool
}

// Fingerprint identifies the filter apart from its paging, so that a cursor
// is only used with the query that made it.
func (f MeetingFilter) Fingerprint() string {
	since := ""
	if f.UpdatedSince != nil {
		since = f.UpdatedSince.UTC().Format(time.RFC3339Nano)
	}
	has := ""
	if f.HasAgreement != nil {
		has = fmt.Sprint(*f.HasAgreement)
	}
	h := sha256.Sum256(fmt.Appendf(nil, "%q|%q|%q|%q|%s|%s|%q|%q|%q|%q|%s|%q|%q|%s|%t|%q|%q",
		f.Countries, f.Partner, f.Host, f.Guest, f.From, f.To, f.Official, f.Topic, f.Kind,
		f.Series, has, f.AgreementType, f.Ceremony, since, f.IncludeChildren, f.Q, f.Sort))
	return hex.EncodeToString(h[:8])
}

// A Filter selects records. Validate checks its fields, fills in defaults
// and resolves its country codes to alpha-2 in place, and reports every
// problem at once: EINVALID naming each field at fault. Validating a
// filter twice changes nothing more.
type Filter interface {
	Validate(codes CountryCodes) error
}

// errFilter is the message of a filter's EINVALID error.
const errFilter = "The filter is not valid."

// Validate checks the filter's values, resolves its country codes and fills
// in defaults.
func (f *MeetingFilter) Validate(codes CountryCodes) error {
	var p Problems
	if f.Partner != "" && len(f.Countries) == 0 {
		p.AddField("Partner", "needs country")
	}
	if f.Countries != nil {
		// A new slice: the caller's stays as it was.
		cs := make([]string, len(f.Countries))
		for i, c := range f.Countries {
			cs[i] = codes.resolve(&p, "Countries", c)
		}
		f.Countries = cs
	}
	codes.resolveGiven(&p, "Partner", &f.Partner)
	codes.resolveGiven(&p, "Host", &f.Host)
	codes.resolveGiven(&p, "Guest", &f.Guest)
	if f.Sort == "" {
		f.Sort = SortDateDesc
		if f.UpdatedSince != nil {
			f.Sort = SortUpdatedAsc
		}
	}
	if !slices.Contains(MeetingSorts, f.Sort) {
		p.AddField("Sort", "must be one of date, -date, updated_at, -updated_at")
	}
	checkLimit(&p, &f.Limit)
	checkDates(&p, f.From, f.To)
	checkOneOf(&p, "Topic", f.Topic, Topics)
	checkOneOf(&p, "Kind", f.Kind, Kinds)
	checkOneOf(&p, "AgreementType", f.AgreementType, AgreementTypes)
	checkOneOf(&p, "Ceremony", f.Ceremony, CeremonyTypes)
	if f.Official != "" && !IsID(f.Official) {
		p.AddField("Official", "is not an id")
	}
	if utf8.RuneCountInString(f.Q) > 200 || !cleanText(f.Q, false) {
		p.AddField("Q", "must be at most 200 characters of text")
	}
	if f.Q != "" && Fold(f.Q) == "" {
		p.AddField("Q", "must hold a letter or digit")
	}
	// "Z.Hasanov" is two words to a reader but one token to the text search.
	f.Q = strings.ReplaceAll(f.Q, ".", " ")
	if f.After != nil && (f.After.Sort != string(f.Sort) || f.After.Filter != f.Fingerprint()) {
		p.AddField("After", "belongs to another query")
	}
	return p.Err(errFilter)
}

// checkLimit fills in the default page size and checks a given one.
func checkLimit(p *Problems, limit *int) {
	if *limit == 0 {
		*limit = DefaultLimit
	}
	if *limit < 1 || *limit > MaxLimit {
		p.AddField("Limit", "must be between 1 and %d", MaxLimit)
	}
}

// checkDates checks a date range: each end has a year, and it does not end
// before it starts.
func checkDates(p *Problems, from, to PartialDate) {
	for _, b := range []struct {
		field string
		d     PartialDate
	}{{"From", from}, {"To", to}} {
		if !b.d.IsZero() && b.d.Year == 0 {
			p.AddField(b.field, "needs a year")
		}
	}
	if !from.IsZero() && !to.IsZero() && from.Year != 0 && to.Year != 0 {
		first, _ := from.First()
		last, _ := to.Last()
		if last.Before(first) {
			p.AddField("To", "ends before the range starts")
		}
	}
}

// checkOneOf checks that v, when given, is one of the values.
func checkOneOf[T ~string](p *Problems, field string, v T, values []T) {
	if v != "" && !slices.Contains(values, v) {
		p.AddField(field, "must be one of %s", list(values))
	}
}
