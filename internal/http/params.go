package http

import (
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
	problems domain.Problems
}

func parseParams(r *http.Request, allowed ...string) (*params, error) {
	v, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, invalidRequest("The query string is not valid.", domain.FieldError{Detail: err.Error()})
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
			p.problems.AddParam(name, "is not a parameter of this endpoint (it takes %s)", strings.Join(allowed, ", "))
		case len(v[name]) > 1:
			p.problems.AddParam(name, "is given more than once")
		case !plainText(v[name][0]):
			p.problems.AddParam(name, "must be valid UTF-8 without control characters")
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

func (p *params) err() error {
	if len(p.problems) == 0 {
		return nil
	}
	return invalidRequest("The query is not valid.", p.problems...)
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
		p.problems.AddParam(name, "must be a whole number from %d to %d", min, max)
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
	p.problems.AddParam(name, "must be true or false")
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
		p.problems.AddParam(name, "must be a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
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
		p.problems.AddParam(name, "must be an RFC 3339 time such as 2025-12-10T16:07:00Z")
		return nil
	}
	return &t
}

func (p *params) cursor() *domain.Cursor {
	s := p.v.Get("cursor")
	if s == "" {
		return nil
	}
	c, err := domain.DecodeCursor(s)
	if err != nil {
		p.problems.AddParam("cursor", "is not a cursor this service gave out")
		return nil
	}
	return c
}

// idCursor reads the cursor of a list ordered by id.
func (p *params) idCursor() string {
	c := p.cursor()
	if c == nil {
		return ""
	}
	if c.Sort != "id" {
		p.problems.AddParam("cursor", "belongs to another list")
		return ""
	}
	return c.ID
}

// nextLink returns the URL of the next page: this request's, with the cursor.
func nextLink(r *http.Request, cursor string) string {
	q := r.URL.Query()
	q.Set("cursor", cursor)
	u := url.URL{Path: r.URL.Path, RawQuery: q.Encode()}
	return u.String()
}

// setNext sets the Link header of a page that has a next one.
func setNext(w http.ResponseWriter, r *http.Request, cursor *string) {
	if cursor != nil {
		w.Header().Set("Link", fmt.Sprintf(`<%s>; rel="next"`, nextLink(r, *cursor)))
	}
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
