package http

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/milmeet/milmeet/internal/domain"
)

// params reads a query string strictly: a parameter the endpoint does not
// take, or one given twice, is an error that names it, never ignored.
type params struct {
	v        url.Values
	problems []ProblemField
}

func parseParams(r *http.Request, allowed ...string) (*params, error) {
	v, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, queryError{message: "The query string is not valid.", fields: []ProblemField{{Detail: err.Error()}}}
	}
	p := &params{v: v}
	names := make([]string, 0, len(v))
	for name := range v {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		switch {
		case !slices.Contains(allowed, name):
			p.add(name, "is not a parameter of this endpoint (it takes %s)", strings.Join(allowed, ", "))
		case len(v[name]) > 1:
			p.add(name, "is given more than once")
		case !plainText(v[name][0]):
			p.add(name, "must be valid UTF-8 without control characters")
		}
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	return p, nil
}

// plainText reports whether s is valid UTF-8 without control characters.
func plainText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// add records a problem with the parameter name.
func (p *params) add(name, format string, args ...any) {
	p.problems = append(p.problems, ProblemField{Parameter: name, Detail: fmt.Sprintf(format, args...)})
}

// err returns the problems found in the query, or nil.
func (p *params) err() error {
	if len(p.problems) == 0 {
		return nil
	}
	return queryError{message: "The query is not valid.", fields: p.problems}
}

// check adds the problems of a filter the domain checked (err, from
// Service.CheckFilter) to those of the query, and returns them all at once;
// an error other than invalid input is returned as it is.
func (p *params) check(err error) error {
	if e := domain.AsError(err); e != nil && e.Code == domain.EINVALID && filterFields(e.Fields) {
		p.problems = append(p.problems, problemFields(e.Fields)...)
		err = nil
	}
	if err != nil {
		return err
	}
	return p.err()
}

// filterParameters names the query parameter that fills each field of the
// domain's filters, so that a problem the domain finds with a field names
// the parameter the client gave.
var filterParameters = map[string]string{
	"Countries": "country", "Country": "country", "Partner": "partner", "Host": "host", "Guest": "guest",
	"From": "from", "To": "to", "Official": "official", "Topic": "topic", "Kind": "kind", "Series": "series",
	"HasAgreement": "has_agreement", "AgreementType": "agreement_type", "Ceremony": "ceremony",
	"UpdatedSince": "updated_since", "IncludeChildren": "include_children", "Q": "q", "Sort": "sort",
	"Limit": "limit", "After": "cursor", "Year": "year", "Type": "type", "MeetingID": "meeting",
	"Actor": "actor", "By": "by", "Table": "table", "DraftID": "draft", "Status": "status",
}

// filterParameter returns the parameter that fills a filter's field.
func filterParameter(field string) string {
	if name, ok := filterParameters[field]; ok {
		return name
	}
	return strings.ToLower(field)
}

func (p *params) str(name string) string { return p.v.Get(name) }

func (p *params) has(name string) bool { return p.v.Has(name) }

func (p *params) int(name string, min, max int) int {
	s := p.v.Get(name)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < min || n > max {
		p.add(name, "must be a whole number from %d to %d", min, max)
		return 0
	}
	return n
}

func (p *params) bool(name string) *bool {
	switch p.v.Get(name) {
	case "":
		return nil
	case "true":
		t := true
		return &t
	case "false":
		f := false
		return &f
	}
	p.add(name, "must be true or false")
	return nil
}

// date reads YYYY, YYYY-MM or YYYY-MM-DD.
func (p *params) date(name string) domain.PartialDate {
	s := p.v.Get(name)
	if s == "" {
		return domain.PartialDate{}
	}
	d, err := domain.ParsePartialDate(s)
	if err != nil || d.Year == 0 {
		p.add(name, "must be a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
		return domain.PartialDate{}
	}
	return d
}

func (p *params) time(name string) *time.Time {
	s := p.v.Get(name)
	if s == "" {
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		p.add(name, "must be an RFC 3339 time such as 2025-12-10T16:07:00Z")
		return nil
	}
	return &t
}

func (p *params) cursor(cs *domain.Cursors) *domain.Cursor {
	s := p.v.Get("cursor")
	if s == "" {
		return nil
	}
	c, err := cs.Decode(s)
	if err != nil {
		p.add("cursor", "is not a cursor this service gave out")
		return nil
	}
	return c
}

// idCursor reads the cursor of a list ordered by id.
func (p *params) idCursor(cs *domain.Cursors) string {
	c := p.cursor(cs)
	if c == nil {
		return ""
	}
	if c.Sort != "id" {
		p.add("cursor", "belongs to another list")
		return ""
	}
	if c.Filter != p.filterKey() {
		p.add("cursor", "belongs to a list with other filters: follow the Link of the page, or start again without a cursor")
		return ""
	}
	return c.ID
}

// filterKey identifies the filters of a list ordered by id: its parameters
// other than cursor and limit, as given; "" when there are none. A cursor
// carries the key of the list it was given for, so that it is never read
// against another selection (a page of it would skip or repeat items).
func (p *params) filterKey() string {
	var parts []string
	for name, vs := range p.v {
		if name != "cursor" && name != "limit" {
			parts = append(parts, url.QueryEscape(name)+"="+url.QueryEscape(vs[0]))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	slices.Sort(parts)
	sum := sha256.Sum256([]byte(strings.Join(parts, "&")))
	return hex.EncodeToString(sum[:12])
}

// pageLink returns the absolute URL of this request's list with cursor
// ("" for the first page).
func pageLink(r *http.Request, cursor string) string {
	q := r.URL.Query()
	q.Del("cursor")
	if cursor != "" {
		q.Set("cursor", cursor)
	}
	u := originOf(r)
	u.Path, u.RawQuery = r.URL.Path, q.Encode()
	return u.String()
}

// setNext sets the Link header of a page: rel="first" always, rel="next"
// when there is a next page, both absolute URLs, so that a page on another
// origin can follow them.
func setNext(w http.ResponseWriter, r *http.Request, cursor *string) {
	link := fmt.Sprintf(`<%s>; rel="first"`, pageLink(r, ""))
	if cursor != nil {
		link = fmt.Sprintf(`<%s>; rel="next", `, pageLink(r, *cursor)) + link
	}
	w.Header().Set("Link", link)
}

// page is the body of every list.
type page[T any] struct {
	Data       []T     `json:"data"`
	NextCursor *string `json:"next_cursor"`
	Total      *int64  `json:"total,omitempty"`
	// TotalExact says whether total was counted or estimated.
	TotalExact *bool `json:"total_exact,omitempty"`
}

func newPage[T any](items []T, next *string) page[T] {
	if items == nil {
		items = []T{}
	}
	return page[T]{Data: items, NextCursor: next}
}
