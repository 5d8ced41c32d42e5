package http

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/milmeet/milmeet/internal/domain"
)

// TestEncodeMeetingPage_SameAsMarshal: a page whose items arrive encoded is
// the bytes json.Marshal makes of the same page with the items decoded,
// tombstones, HTML-escaped text, cursor and totals included.
func TestEncodeMeetingPage_SameAsMarshal(t *testing.T) {
	city, pos := "Baku <&> \u2028", "Minister"
	d, _ := domain.ParsePartialDate("2025-03")
	items := []domain.MeetingSummary{
		{ID: "0193b4a8-0000-7000-8000-000000000001", Title: `"Quoted" <b>title</b>`, Date: d,
			DatePrecision: d.Precision(), Kind: "official_visit", City: &city, Countries: []string{"AZ", "UZ"},
			Heads:      []domain.DelegationHead{{Country: "AZ", Role: "host", OfficialID: "x", Name: "Zakir Həsənov", Position: &pos}},
			Agreements: []string{}, Topics: []domain.Topic{"military"}, UpdatedAt: time.Date(2025, 3, 4, 5, 6, 7, 123000, time.UTC)},
		{ID: "0193b4a8-0000-7000-8000-000000000002", Deleted: true, UpdatedAt: time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)},
		{ID: "0193b4a8-0000-7000-8000-000000000003", Title: "Plain", Kind: "phone_call", Countries: []string{},
			Heads: []domain.DelegationHead{}, Agreements: []string{"Plan"}, Topics: []domain.Topic{}},
	}
	cursor, total, exact := "abc_-", int64(3), true
	for _, pg := range []page[domain.MeetingSummary]{
		newPage(items, nil), newPage(items, &cursor), {Data: items, NextCursor: &cursor, Total: &total, TotalExact: &exact},
		newPage[domain.MeetingSummary](nil, nil),
	} {
		want, err := json.Marshal(pg)
		if err != nil {
			t.Fatal(err)
		}
		enc := page[domain.MeetingSummary]{Data: make([]domain.MeetingSummary, len(pg.Data)), NextCursor: pg.NextCursor,
			Total: pg.Total, TotalExact: pg.TotalExact}
		for i, m := range pg.Data {
			if !m.Deleted {
				b, _ := json.Marshal(m)
				m = domain.MeetingSummary{ID: m.ID, UpdatedAt: m.UpdatedAt, Encoded: b}
			}
			enc.Data[i] = m
		}
		got, err := appendMeetingPage(nil, enc)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	}
}
