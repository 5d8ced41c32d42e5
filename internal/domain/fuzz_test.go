package domain_test

// Fuzz targets of the domain's parsers. Their seeds run as ordinary tests
// with `go test`; to fuzz one (see docs/reliability.md):
//
//	go test -run '^$' -fuzz '^FuzzParsePartialDate$' -fuzztime 30s ./internal/domain/
//	go test -run '^$' -fuzz '^FuzzDecodeCursor$' -fuzztime 30s ./internal/domain/
//	go test -run '^$' -fuzz '^FuzzValidate$' -fuzztime 30s ./internal/domain/
//
// Inputs that failed once are kept in testdata/fuzz/FuzzXxx and run with
// every `go test` from then on.

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/jsonx"
	"github.com/milmeet/milmeet/internal/seed"
)

// FuzzParsePartialDate: whatever the text, parsing does not panic; a date
// that parses is valid, prints as the very text it came from, and that text
// parses back to the same date; JSON carries it unchanged.
func FuzzParsePartialDate(f *testing.F) {
	for _, s := range []string{
		"2025-12-10", "2025-12", "2025", "--10-28", "--02-29", "2024-02-29", "2025-02-29", "2025-02-30",
		"1900-01-01", "2200-12-31", "1899-12-31", "2201-01-01", "0000", "2025-00", "2025-12-00", "--00-10",
		"--13-01", "-2025", "+2025", "2025-1-1", "2025/12/10", "25-12-10", " 2025", "2025 ", "２０２５",
		"2025-12-10T00:00:00Z", "", "--", "----", "---1-01", "--1--1", "2025--1", "1e3", "0x7e9", "9999999999",
		"२०२५", "2025-12-1\x00", "\xff\xfe\xfd\xfc",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := domain.ParsePartialDate(s)
		if err != nil {
			if !d.IsZero() {
				t.Fatalf("ParsePartialDate(%q) failed (%v) but returned %+v", s, err, d)
			}
			return
		}
		if d.Precision() == "" {
			t.Fatalf("ParsePartialDate(%q) = %+v, which has no precision", s, d)
		}
		if got := d.String(); got != s {
			t.Fatalf("ParsePartialDate(%q).String() = %q, not the text it came from", s, got)
		}
		back, err := domain.ParsePartialDate(d.String())
		if err != nil {
			t.Fatalf("%q parsed, but its String() %q does not: %v", s, d.String(), err)
		}
		if back != d {
			t.Fatalf("%q: round trip gave %+v, want %+v", s, back, d)
		}
		if d.Year != 0 {
			first, ok1 := d.First()
			last, ok2 := d.Last()
			if !ok1 || !ok2 || last.Before(first) {
				t.Fatalf("%q: First %v (%t) and Last %v (%t) do not make a range", s, first, ok1, last, ok2)
			}
		}
		raw, err := json.Marshal(d)
		if err != nil {
			t.Fatalf("%q: marshal: %v", s, err)
		}
		var fromJSON domain.PartialDate
		if err := json.Unmarshal(raw, &fromJSON); err != nil || fromJSON != d || fromJSON.Err() != nil {
			t.Fatalf("%q: JSON round trip via %s gave %+v, %v", s, raw, fromJSON, err)
		}
	})
}

// FuzzDecodeCursor: decoding any text does not panic and fails with an
// EINVALID error naming the cursor parameter; a cursor that decodes encodes
// to text that decodes to it again; and every cursor the service makes (its
// id an id, its strings text) decodes back to itself, while one without an
// id is refused.
func FuzzDecodeCursor(f *testing.F) {
	id := "0199b1f2-7c3e-7a51-9c1d-5b8e2f4a6d10"
	for _, c := range []domain.Cursor{
		{Sort: "-date", Key: "2025-12-10", ID: id, Filter: "0123456789abcdef"},
		{Sort: "updated_at", Key: "2025-12-10T08:00:00.123456Z", ID: id},
		{Sort: "id", ID: id},
		{Sort: "audit", Key: "42", ID: id},
	} {
		enc := cursors.Encode(c)
		f.Add(enc, c.Sort, c.Key, c.ID, c.Filter)
		f.Add(enc[:len(enc)-1], c.Sort, c.Key, "not an id", c.Filter)
		f.Add(enc+"A", c.Sort, "Türkiye \"quoted\" \x00 </script>", c.ID, c.Filter)
		f.Add(strings.ToUpper(enc), "", "", strings.ToUpper(c.ID), "")
	}
	f.Add("", "", "", "", "")
	f.Add("%27%20OR%201%3D1", "' OR 1=1 --", "1; DROP TABLE meetings", id, "%ff%fe")
	f.Add(strings.Repeat("A", 1001), strings.Repeat("s", 2000), "", id, "")
	f.Add("\xff\xfe", "\xff", "\xfe", id, "\x00")
	f.Fuzz(func(t *testing.T, s, sort, key, cid, filter string) {
		c, err := cursors.Decode(s)
		if err != nil {
			checkCursorError(t, err)
		} else {
			again, err := cursors.Decode(cursors.Encode(*c))
			if err != nil {
				t.Fatalf("DecodeCursor(%q) = %+v, whose encoding does not decode: %v", s, *c, err)
			}
			if *again != *c {
				t.Fatalf("DecodeCursor(%q) = %+v; encoded and decoded again: %+v", s, *c, *again)
			}
		}

		in := domain.Cursor{Sort: sort, Key: key, ID: cid, Filter: filter}
		enc := cursors.Encode(in)
		out, err := cursors.Decode(enc)
		switch {
		case !domain.IsID(cid):
			if err == nil {
				t.Fatalf("cursor %+v has no id, yet its encoding decodes to %+v", in, *out)
			}
			checkCursorError(t, err)
		case !utf8.ValidString(sort + key + cid + filter):
			// JSON cannot carry bytes that are not UTF-8; the service only
			// makes cursors of ids, numbers, dates and times.
		case len(enc) > 1000:
			// DecodeCursor refuses long text before reading it; the
			// service's own cursors are far shorter.
			if err == nil {
				t.Fatalf("DecodeCursor accepted a %d-byte cursor", len(enc))
			}
		case err != nil:
			t.Fatalf("EncodeCursor(%+v) = %q, which does not decode: %v", in, enc, err)
		case *out != in:
			t.Fatalf("EncodeCursor(%+v) decodes to %+v", in, *out)
		}
	})
}

func checkCursorError(t *testing.T, err error) {
	t.Helper()
	e := domain.AsError(err)
	if e == nil || e.Code != domain.EINVALID {
		t.Fatalf("DecodeCursor error %v (%T) is not an EINVALID *domain.Error", err, err)
	}
	if e.Message != "The cursor is not valid." {
		t.Fatalf("DecodeCursor error %v does not say the cursor is at fault", err)
	}
}

// FuzzValidate: any JSON decoded into a Meeting, the lax way
// (encoding/json) or the strict way the API reads bodies (jsonx), validates
// without panicking; a failure is an EINVALID *domain.Error whose every
// field names a JSON pointer; and a meeting that validates marshals.
func FuzzValidate(f *testing.F) {
	ms, err := seed.Meetings()
	if err != nil {
		f.Fatal(err)
	}
	for _, m := range ms {
		raw, err := json.Marshal(m)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	for _, s := range []string{
		`{}`, `null`, `[]`, `"meeting"`, `1e999`, `{"title":"x","date":"2025","kind":"meeting","delegations":[{"country":"AZ","role":"host"}]}`,
		`{"date":"--02-29","kind":"phone_call","title":"t","delegations":[{"country":"AZE","role":"guest"},{"country":"aze","role":"guest"}]}`,
		`{"date":"2025-02-29","end_date":"2025-02-28","kind":"other","title":"\u0000"}`,
		`{"date":"2025-12-10","end_date":"2025-12-09","kind":"meeting","title":"t","delegations":[{"country":"AZ","role":"host","head":{"official_id":"nope","name":""}}]}`,
		`{"date":"2025","series":{"name":"s","edition":99999999999999999999},"kind":"meeting"}`,
		`{"date":"2025","series":{"name":"s","edition":-1},"kind":"meeting","parent_id":"1; DROP TABLE meetings"}`,
		`{"date":"2025","kind":"meeting","title":"' OR 1=1 --","child_meetings":[{"date":"2025","child_meetings":[{}],"sources":[{}]}]}`,
		`{"date":"2025","kind":"meeting","agreements":[{"title":"p","type":"cooperation_plan","period":"2028-2026","signed_on":"2025-13-01","parties":["X"],"signatories":[{"name":"","country":"1"}]}]}`,
		`{"date":"2025","kind":"meeting","ceremonies":[{"type":"award","recipient":{"official_id":"","name":"","country":"??"}}]}`,
		`{"date":"2025","kind":"meeting","sources":[{"url":"javascript:alert(1)","language":"EN","published_at":"yesterday","alternate_titles":[{"language":"","title":""}]}]}`,
		`{"date":"2025","kind":"meeting","topics":["military","military","nope"],"date_precision":"day"}`,
		`{"date":20251210,"kind":1,"delegations":{},"topics":"military"}`,
		`{"date":"2025","Date":"2026","DATE":"2027"}`,
		`{"title":"` + strings.Repeat("é", 600) + `","date":"2025","kind":"meeting"}`,
		"{\"title\":\"\xff\xfe\",\"date\":\"2025\",\"kind\":\"meeting\"}",
		strings.Repeat("[", 10000),
		`{"child_meetings":[` + strings.Repeat(`{"child_meetings":[`, 50) + strings.Repeat(`]}`, 50) + `]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var lax domain.Meeting
		if json.Unmarshal(raw, &lax) == nil {
			checkValidate(t, raw, &lax)
		}
		var strict domain.Meeting
		if err := jsonx.Strict(raw, &strict); err != nil {
			var de *domain.Error
			if !errors.As(err, &de) || de.Code != domain.EINVALID {
				t.Fatalf("jsonx.Strict(%q) error %v (%T) is not an EINVALID *domain.Error", raw, err, err)
			}
			return
		}
		checkValidate(t, raw, &strict)
	})
}

func checkValidate(t *testing.T, raw []byte, m *domain.Meeting) {
	t.Helper()
	err := m.Validate()
	if err == nil {
		if _, err := json.Marshal(m); err != nil {
			t.Fatalf("%q validates but does not marshal: %v", raw, err)
		}
		return
	}
	e := domain.AsError(err)
	if e == nil || e.Code != domain.EINVALID || len(e.Fields) == 0 {
		t.Fatalf("Validate(%q) = %v (%T): want an EINVALID *domain.Error with fields", raw, err, err)
	}
	for _, fe := range e.Fields {
		if !strings.HasPrefix(fe.Pointer, "/") || fe.Field != "" || fe.Detail == "" {
			t.Fatalf("Validate(%q): field error %+v does not name a JSON pointer", raw, fe)
		}
	}
}
