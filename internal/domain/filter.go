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
}

// Fingerprint identifies the filter apart from its paging, so that a cursor
// is only used with the query that made it.
func (f MeetingFilter) Fingerprint() string {
	f.After, f.Limit, f.NoLimit = nil, 0, false
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

// normalize checks the filter's values and fills in defaults.
func (f *MeetingFilter) normalize() error {
	var p Problems
	if f.Sort == "" {
		f.Sort = SortDateDesc
		if f.UpdatedSince != nil {
			f.Sort = SortUpdatedAsc
		}
	}
	if !slices.Contains(MeetingSorts, f.Sort) {
		p.AddParam("sort", "must be one of date, -date, updated_at, -updated_at")
	}
	if f.Limit == 0 {
		f.Limit = DefaultLimit
	}
	if f.Limit < 1 || f.Limit > MaxLimit {
		p.AddParam("limit", "must be between 1 and %d", MaxLimit)
	}
	for _, b := range []struct {
		name string
		d    PartialDate
	}{{"from", f.From}, {"to", f.To}} {
		if !b.d.IsZero() && b.d.Year == 0 {
			p.AddParam(b.name, "needs a year")
		}
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.From.Year != 0 && f.To.Year != 0 {
		from, _ := f.From.First()
		to, _ := f.To.Last()
		if to.Before(from) {
			p.AddParam("to", "is before from")
		}
	}
	if f.Partner != "" && len(f.Countries) == 0 {
		p.AddParam("partner", "needs country")
	}
	if f.Topic != "" && !slices.Contains(Topics, f.Topic) {
		p.AddParam("topic", "must be one of %s", list(Topics))
	}
	if f.Kind != "" && !slices.Contains(Kinds, f.Kind) {
		p.AddParam("kind", "must be one of %s", list(Kinds))
	}
	if f.AgreementType != "" && !slices.Contains(AgreementTypes, f.AgreementType) {
		p.AddParam("agreement_type", "must be one of %s", list(AgreementTypes))
	}
	if f.Ceremony != "" && !slices.Contains(CeremonyTypes, f.Ceremony) {
		p.AddParam("ceremony", "must be one of %s", list(CeremonyTypes))
	}
	if f.Official != "" && !IsID(f.Official) {
		p.AddParam("official", "is not an id")
	}
	if utf8.RuneCountInString(f.Q) > 200 || !cleanText(f.Q, false) {
		p.AddParam("q", "must be at most 200 characters of text")
	}
	if f.Q != "" && Fold(f.Q) == "" {
		p.AddParam("q", "must hold a letter or digit")
	}
	// "Z.Hasanov" is two words to a reader but one token to the text search.
	f.Q = strings.ReplaceAll(f.Q, ".", " ")
	if f.After != nil && (f.After.Sort != string(f.Sort) || f.After.Filter != f.Fingerprint()) {
		p.AddParam("cursor", "belongs to another query")
	}
	return p.Err("The query is not valid.")
}

// AddParam records a problem with a query parameter.
func (p *Problems) AddParam(name, format string, args ...any) {
	*p = append(*p, FieldError{Parameter: name, Detail: fmt.Sprintf(format, args...)})
}
