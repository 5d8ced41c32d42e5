package domain_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
)

func mustDate(t *testing.T, s string) domain.PartialDate {
	t.Helper()
	d, err := domain.ParsePartialDate(s)
	require.NoError(t, err, s)
	return d
}

func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func TestParsePartialDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want domain.PartialDate
		prec domain.DatePrecision
	}{
		{"Day", "2025-12-10", domain.PartialDate{Year: 2025, Month: 12, Day: 10}, domain.PrecisionDay},
		{"Month", "2025-12", domain.PartialDate{Year: 2025, Month: 12}, domain.PrecisionMonth},
		{"Year", "2025", domain.PartialDate{Year: 2025}, domain.PrecisionYear},
		{"DayMonthUnknownYear", "--10-28", domain.PartialDate{Month: 10, Day: 28}, domain.PrecisionMonthDay},
		{"LeapDayUnknownYear", "--02-29", domain.PartialDate{Month: 2, Day: 29}, domain.PrecisionMonthDay},
		{"LeapDayLeapYear", "2024-02-29", domain.PartialDate{Year: 2024, Month: 2, Day: 29}, domain.PrecisionDay},
		{"LeapDay2000", "2000-02-29", domain.PartialDate{Year: 2000, Month: 2, Day: 29}, domain.PrecisionDay},
		{"FirstYear", "1900", domain.PartialDate{Year: 1900}, domain.PrecisionYear},
		{"LastYear", "2200-12-31", domain.PartialDate{Year: 2200, Month: 12, Day: 31}, domain.PrecisionDay},
		{"December31UnknownYear", "--12-31", domain.PartialDate{Month: 12, Day: 31}, domain.PrecisionMonthDay},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := domain.ParsePartialDate(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.prec, got.Precision())
			assert.Equal(t, tt.in, got.String(), "round trip")
			assert.NoError(t, got.Err())
			assert.False(t, got.IsZero())
		})
	}
}

func TestParsePartialDate_Invalid(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in string }{
		{"Empty", ""},
		{"NotLeapYear", "2025-02-29"},
		{"NoLeapDay1900", "1900-02-29"},
		{"February30UnknownYear", "--02-30"},
		{"April31", "2025-04-31"},
		{"Month13", "2025-13"},
		{"Month13Day", "2025-13-01"},
		{"TwoDigitYear", "25-12-10"},
		{"UnpaddedMonthDay", "2025-1-1"},
		{"UnpaddedDay", "2025-01-1"},
		{"LeadingSpace", " 2025"},
		{"TrailingSpace", "2025 "},
		{"TrailingNewline", "2025\n"},
		{"ArabicIndicDigits", "٢٠٢٥"},
		{"FullwidthDigits", "２０２５"},
		{"DevanagariDigitsInMonth", "2025-१२"},
		{"YearTooEarly", "1899"},
		{"YearTooLate", "2201"},
		{"Year9999", "9999-01-01"},
		{"YearZeroAlone", "0000"},
		{"AllZero", "0000-00-00"},
		{"MonthZeroDayUnknownYear", "--00-10"},
		{"DayZeroUnknownYear", "--12-00"},
		{"MonthOnlyUnknownYear", "--12"},
		{"Slashes", "2025/12/10"},
		{"PlusSign", "+025"},
		{"MinusSign", "-2025"},
		{"SignedMonth", "2025-+1"},
		{"Letters", "abcd"},
		{"DateTime", "2025-12-10T00:00:00Z"},
		{"TripleDash", "---12-10"},
		{"WeekDate", "2025-W01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := domain.ParsePartialDate(tt.in)
			require.Error(t, err)
			assert.True(t, got.IsZero(), "an invalid date parses to the zero date")
		})
	}
}

// A zero part written out in the text is not an unknown part: "2025-12-00",
// "2025-00" and "0000-12-10" are none of the four forms and are rejected.
func TestParsePartialDate_ZeroPartsRejected(t *testing.T) {
	t.Parallel()
	for _, in := range []string{"2025-12-00", "2025-00", "2025-00-00", "0000-12-10"} {
		t.Run(in, func(t *testing.T) {
			t.Parallel()
			got, err := domain.ParsePartialDate(in)
			assert.Error(t, err, "parsed as %q (%s)", got.String(), got.Precision())
		})
	}
}

func TestPartialDatePrecision(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		d    domain.PartialDate
		want domain.DatePrecision
	}{
		{"Zero", domain.PartialDate{}, ""},
		{"Day", domain.PartialDate{Year: 2025, Month: 1, Day: 2}, domain.PrecisionDay},
		{"Month", domain.PartialDate{Year: 2025, Month: 1}, domain.PrecisionMonth},
		{"Year", domain.PartialDate{Year: 2025}, domain.PrecisionYear},
		{"MonthDay", domain.PartialDate{Month: 1, Day: 2}, domain.PrecisionMonthDay},
		{"YearAndDayOnly", domain.PartialDate{Year: 2025, Day: 2}, ""},
		{"MonthOnly", domain.PartialDate{Month: 1}, ""},
		{"DayOnly", domain.PartialDate{Day: 2}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, tt.d.Precision())
			if tt.want == "" {
				assert.Empty(t, tt.d.String())
			}
		})
	}
}

func TestPartialDateFirstLast(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		in          string
		first, last time.Time
	}{
		{"Day", "2025-12-10", day(2025, 12, 10), day(2025, 12, 10)},
		{"Year", "2025", day(2025, 1, 1), day(2025, 12, 31)},
		{"December", "2025-12", day(2025, 12, 1), day(2025, 12, 31)},
		{"January", "2025-01", day(2025, 1, 1), day(2025, 1, 31)},
		{"April", "2025-04", day(2025, 4, 1), day(2025, 4, 30)},
		{"FebruaryCommonYear", "2025-02", day(2025, 2, 1), day(2025, 2, 28)},
		{"FebruaryLeapYear", "2024-02", day(2024, 2, 1), day(2024, 2, 29)},
		{"February2000", "2000-02", day(2000, 2, 1), day(2000, 2, 29)},
		{"February1900", "1900-02", day(1900, 2, 1), day(1900, 2, 28)},
		{"February2100", "2100-02", day(2100, 2, 1), day(2100, 2, 28)},
		{"LeapDay", "2024-02-29", day(2024, 2, 29), day(2024, 2, 29)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := mustDate(t, tt.in)
			first, ok := d.First()
			require.True(t, ok)
			assert.Equal(t, tt.first, first)
			last, ok := d.Last()
			require.True(t, ok)
			assert.Equal(t, tt.last, last)
		})
	}

	t.Run("UnknownYear", func(t *testing.T) {
		t.Parallel()
		d := mustDate(t, "--02-29")
		_, ok := d.First()
		assert.False(t, ok)
		_, ok = d.Last()
		assert.False(t, ok)
	})
	t.Run("Zero", func(t *testing.T) {
		t.Parallel()
		_, ok := domain.PartialDate{}.First()
		assert.False(t, ok)
		_, ok = domain.PartialDate{}.Last()
		assert.False(t, ok)
	})
}

func TestPartialDateJSON(t *testing.T) {
	t.Parallel()

	t.Run("MarshalForms", func(t *testing.T) {
		t.Parallel()
		for _, s := range []string{"2025-12-10", "2025-12", "2025", "--02-29"} {
			b, err := json.Marshal(mustDate(t, s))
			require.NoError(t, err)
			assert.Equal(t, `"`+s+`"`, string(b))
		}
	})
	t.Run("MarshalZeroIsNull", func(t *testing.T) {
		t.Parallel()
		b, err := json.Marshal(domain.PartialDate{})
		require.NoError(t, err)
		assert.Equal(t, "null", string(b))
	})
	t.Run("MarshalInStruct", func(t *testing.T) {
		t.Parallel()
		b, err := json.Marshal(struct {
			D domain.PartialDate `json:"d"`
		}{mustDate(t, "--10-28")})
		require.NoError(t, err)
		assert.JSONEq(t, `{"d":"--10-28"}`, string(b))
	})

	t.Run("UnmarshalForms", func(t *testing.T) {
		t.Parallel()
		for _, s := range []string{"2025-12-10", "2025-12", "2025", "--02-29"} {
			var d domain.PartialDate
			require.NoError(t, json.Unmarshal([]byte(`"`+s+`"`), &d))
			assert.Equal(t, mustDate(t, s), d)
			assert.NoError(t, d.Err())
		}
	})
	t.Run("UnmarshalNull", func(t *testing.T) {
		t.Parallel()
		d := mustDate(t, "2025")
		require.NoError(t, d.UnmarshalJSON([]byte("null")))
		assert.True(t, d.IsZero())
		assert.NoError(t, d.Err())
	})
	t.Run("UnmarshalNullInStruct", func(t *testing.T) {
		t.Parallel()
		var v struct {
			D domain.PartialDate `json:"d"`
		}
		require.NoError(t, json.Unmarshal([]byte(`{"d":null}`), &v))
		assert.True(t, v.D.IsZero())
	})
	t.Run("UnmarshalBadTextKeptForErr", func(t *testing.T) {
		t.Parallel()
		for _, s := range []string{"2025-02-29", "2025-13", "25-12-10", "yesterday", "1899"} {
			var d domain.PartialDate
			require.NoError(t, json.Unmarshal([]byte(`"`+s+`"`), &d), "the error is left for Validate")
			assert.False(t, d.IsZero(), s)
			assert.Empty(t, d.Precision(), s)
			require.Error(t, d.Err(), s)
			assert.Contains(t, d.Err().Error(), s)
		}
	})
	t.Run("UnmarshalNotAString", func(t *testing.T) {
		t.Parallel()
		for _, raw := range []string{`2025`, `{}`, `[]`, `true`} {
			var d domain.PartialDate
			assert.Error(t, json.Unmarshal([]byte(raw), &d), raw)
		}
	})
	t.Run("RoundTrip", func(t *testing.T) {
		t.Parallel()
		in := mustDate(t, "2024-02-29")
		b, err := json.Marshal(in)
		require.NoError(t, err)
		var out domain.PartialDate
		require.NoError(t, json.Unmarshal(b, &out))
		assert.Equal(t, in, out)
	})
}

func TestPartialDateErr(t *testing.T) {
	t.Parallel()
	assert.NoError(t, domain.PartialDate{}.Err())
	assert.NoError(t, mustDate(t, "2025").Err())
	// A date made in code is not checked by Err: Validate checks it.
	assert.NoError(t, domain.PartialDate{Year: 2025, Month: 2, Day: 30}.Err())
}

func TestParseDay(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in string
		ok bool
	}{
		{"2025-12-10", true},
		{"2024-02-29", true},
		{"2025-02-29", false},
		{"2025-12", false},
		{"2025", false},
		{"--12-10", false},
		{"", false},
		{"2025-1-1", false},
		{" 2025-12-10", false},
		{"2025-12-10T00:00:00Z", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			d, err := domain.ParseDay(tt.in)
			if !tt.ok {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.in, d.String())
			assert.Equal(t, time.UTC, d.Location())
		})
	}
}

func TestDayJSON(t *testing.T) {
	t.Parallel()

	t.Run("RoundTrip", func(t *testing.T) {
		t.Parallel()
		var d domain.Day
		require.NoError(t, json.Unmarshal([]byte(`"2024-02-29"`), &d))
		assert.NoError(t, d.Err())
		assert.Equal(t, day(2024, 2, 29), d.Time)
		b, err := json.Marshal(d)
		require.NoError(t, err)
		assert.Equal(t, `"2024-02-29"`, string(b))
	})
	t.Run("NullPointerField", func(t *testing.T) {
		t.Parallel()
		var v struct {
			D *domain.Day `json:"d"`
		}
		require.NoError(t, json.Unmarshal([]byte(`{"d":null}`), &v))
		assert.Nil(t, v.D)
		assert.NoError(t, v.D.Err(), "Err is safe on nil")
	})
	t.Run("BadTextKeptForErr", func(t *testing.T) {
		t.Parallel()
		for _, s := range []string{"2025-02-29", "2025-12", "10.12.2025", "tomorrow"} {
			var v struct {
				D *domain.Day `json:"d"`
			}
			require.NoError(t, json.Unmarshal([]byte(`{"d":"`+s+`"}`), &v), s)
			require.NotNil(t, v.D)
			require.Error(t, v.D.Err(), s)
			assert.Contains(t, v.D.Err().Error(), s)
			assert.True(t, v.D.IsZero())
		}
	})
	t.Run("NotAString", func(t *testing.T) {
		t.Parallel()
		var d domain.Day
		assert.Error(t, json.Unmarshal([]byte(`20251210`), &d))
	})
}

// An empty string is not a day: `"signed_on": ""` fails validation rather
// than being stored as 0001-01-01.
func TestDayJSON_EmptyStringIsAnError(t *testing.T) {
	t.Parallel()
	var v struct {
		D *domain.Day `json:"d"`
	}
	require.NoError(t, json.Unmarshal([]byte(`{"d":""}`), &v))
	require.NotNil(t, v.D)
	assert.Error(t, v.D.Err(), "an empty string is not a date, but reads as %s", v.D)
}
