package domain

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// DatePrecision says how much of a meeting's date the reports give.
type DatePrecision string

// The precisions of a PartialDate.
const (
	PrecisionDay   DatePrecision = "day"   // 2025-12-10
	PrecisionMonth DatePrecision = "month" // 2025-12
	PrecisionYear  DatePrecision = "year"  // 2025
	// PrecisionMonthDay is a day and month whose year no report gives: --10-28.
	PrecisionMonthDay DatePrecision = "month_day"
)

// PartialDate is a calendar date of which only some parts may be known. A zero
// part is unknown. Its text forms are ISO 8601's: YYYY-MM-DD, YYYY-MM, YYYY,
// and --MM-DD for a day and month without a year.
type PartialDate struct {
	Year  int
	Month int
	Day   int

	// bad holds text that did not parse, so that validation can name the
	// field it came from.
	bad string
}

// Precision returns what the date holds, or "" when it holds nothing valid.
func (d PartialDate) Precision() DatePrecision {
	switch {
	case d.Year != 0 && d.Month != 0 && d.Day != 0:
		return PrecisionDay
	case d.Year != 0 && d.Month != 0 && d.Day == 0:
		return PrecisionMonth
	case d.Year != 0 && d.Month == 0 && d.Day == 0:
		return PrecisionYear
	case d.Year == 0 && d.Month != 0 && d.Day != 0:
		return PrecisionMonthDay
	}
	return ""
}

// IsZero reports whether no part of the date is known.
func (d PartialDate) IsZero() bool { return d == PartialDate{} }

// Err returns why the text the date was read from is not a date, or nil.
func (d PartialDate) Err() error {
	if d.bad == "" {
		return nil
	}
	_, err := ParsePartialDate(d.bad)
	return err
}

// String returns the ISO 8601 form, or "" for the zero date.
func (d PartialDate) String() string {
	switch d.Precision() {
	case PrecisionDay:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	case PrecisionMonth:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case PrecisionYear:
		return fmt.Sprintf("%04d", d.Year)
	case PrecisionMonthDay:
		return fmt.Sprintf("--%02d-%02d", d.Month, d.Day)
	}
	return ""
}

// ParsePartialDate parses YYYY-MM-DD, YYYY-MM, YYYY or --MM-DD and checks
// that the date exists (--02-29 does, 2025-02-29 does not).
func ParsePartialDate(s string) (PartialDate, error) {
	bad := fmt.Errorf("%q is not a date of the form YYYY-MM-DD, YYYY-MM, YYYY or --MM-DD", s)
	num := func(s string) (int, bool) {
		for _, c := range s {
			if c < '0' || c > '9' {
				return 0, false
			}
		}
		n, err := strconv.Atoi(s)
		return n, err == nil
	}
	var d PartialDate
	var ok1, ok2, ok3 bool
	switch {
	case len(s) == 10 && s[4] == '-' && s[7] == '-':
		d.Year, ok1 = num(s[:4])
		d.Month, ok2 = num(s[5:7])
		d.Day, ok3 = num(s[8:])
	case len(s) == 7 && s[4] == '-' && s[:2] != "--":
		d.Year, ok1 = num(s[:4])
		d.Month, ok2 = num(s[5:])
		ok3 = true
	case len(s) == 4:
		d.Year, ok1 = num(s)
		ok2, ok3 = true, true
	case len(s) == 7 && s[:2] == "--" && s[4] == '-':
		ok1 = true
		d.Month, ok2 = num(s[2:4])
		d.Day, ok3 = num(s[5:])
	default:
		return PartialDate{}, bad
	}
	if !ok1 || !ok2 || !ok3 {
		return PartialDate{}, bad
	}
	if err := d.check(); err != nil {
		return PartialDate{}, fmt.Errorf("%q: %w", s, err)
	}
	if d.String() != s {
		// A part written as zeros ("2025-12-00") is not an unknown part.
		return PartialDate{}, bad
	}
	return d, nil
}

func (d PartialDate) check() error {
	if d.Precision() == "" {
		return fmt.Errorf("not a date")
	}
	if d.Year != 0 && (d.Year < 1900 || d.Year > 2200) {
		return fmt.Errorf("year %d is out of range 1900-2200", d.Year)
	}
	if d.Month != 0 && (d.Month < 1 || d.Month > 12) {
		return fmt.Errorf("month %d does not exist", d.Month)
	}
	if d.Day != 0 {
		year := d.Year
		if year == 0 {
			year = 2000 // a leap year: --02-29 is a real day and month
		}
		t := time.Date(year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
		if t.Day() != d.Day {
			return fmt.Errorf("day %d does not exist in that month", d.Day)
		}
	}
	return nil
}

// First returns the earliest day the date can be, and false when the year is
// unknown.
func (d PartialDate) First() (time.Time, bool) {
	if d.Year == 0 {
		return time.Time{}, false
	}
	m, day := d.Month, d.Day
	if m == 0 {
		m = 1
	}
	if day == 0 {
		day = 1
	}
	return time.Date(d.Year, time.Month(m), day, 0, 0, 0, 0, time.UTC), true
}

// Last returns the latest day the date can be, and false when the year is
// unknown.
func (d PartialDate) Last() (time.Time, bool) {
	if d.Year == 0 {
		return time.Time{}, false
	}
	switch {
	case d.Day != 0:
		return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC), true
	case d.Month != 0:
		return time.Date(d.Year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC), true
	}
	return time.Date(d.Year, 12, 31, 0, 0, 0, 0, time.UTC), true
}

// MarshalJSON writes the ISO form, or null for the zero date.
func (d PartialDate) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return quoted(d.String()), nil
}

// quoted returns s as a JSON string; s is a date's ISO form, which holds
// nothing to escape.
func quoted(s string) []byte {
	b := make([]byte, 0, len(s)+2)
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// UnmarshalJSON reads the ISO form; null leaves the date zero.
func (d *PartialDate) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = PartialDate{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("a date must be a string")
	}
	p, err := ParsePartialDate(s)
	if err != nil {
		// Kept for Validate, which names the field.
		*d = PartialDate{bad: s}
		return nil
	}
	*d = p
	return nil
}

// Day is a full calendar date (YYYY-MM-DD) on the wire.
type Day struct {
	time.Time
	// bad and invalid keep text that did not parse; see PartialDate.
	bad     string
	invalid bool
}

// Err returns why the text the day was read from is not a date, or nil.
func (d *Day) Err() error {
	if d == nil || !d.invalid {
		return nil
	}
	_, err := ParseDay(d.bad)
	return err
}

// ParseDay parses YYYY-MM-DD.
func ParseDay(s string) (Day, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Day{}, fmt.Errorf("%q is not a date of the form YYYY-MM-DD", s)
	}
	return Day{Time: t}, nil
}

// String returns YYYY-MM-DD.
func (d Day) String() string { return d.Format("2006-01-02") }

// MarshalJSON writes YYYY-MM-DD.
func (d Day) MarshalJSON() ([]byte, error) { return quoted(d.String()), nil }

// UnmarshalJSON reads YYYY-MM-DD.
func (d *Day) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("a date must be a string of the form YYYY-MM-DD")
	}
	p, err := ParseDay(s)
	if err != nil {
		*d = Day{bad: s, invalid: true}
		return nil
	}
	*d = p
	return nil
}
