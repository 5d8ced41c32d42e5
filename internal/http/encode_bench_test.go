package http

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
)

// benchMeeting is a meeting of the size a report gives: two delegations,
// a child meeting, ceremonies, an agreement and two sources.
const benchMeeting = `{
 "id": "0190a2c4-5e61-7d2a-9a51-0c3b7f1e2d40", "title": "Meeting of the defence ministers",
 "date": "2024-05-14", "date_precision": "day", "end_date": "2024-05-15",
 "city": "Tashkent", "venue": "Ministry of Defence", "host_country": "UZ", "kind": "official_visit",
 "summary": "The ministers discussed military and military-technical cooperation.",
 "topics": ["military", "military_technical", "regional_security"],
 "series": {"name": "Joint Commission", "edition": 7}, "parent_id": null,
 "delegations": [
  {"country": "UZ", "role": "host", "head": {"official_id": "0190a2c4-5e61-7d2a-9a51-0c3b7f1e2d41", "name": "Host Minister", "rank": "Lieutenant General", "position": "Minister of Defence"},
   "members": [{"official_id": "0190a2c4-5e61-7d2a-9a51-0c3b7f1e2d42", "name": "First Deputy", "rank": "Major General", "position": "First Deputy Minister of Defence"},
               {"official_id": "0190a2c4-5e61-7d2a-9a51-0c3b7f1e2d43", "name": "Chief of Staff", "rank": "Major General", "position": "Chief of the General Staff"}]},
  {"country": "AZ", "role": "guest", "head": {"official_id": "0190a2c4-5e61-7d2a-9a51-0c3b7f1e2d44", "name": "Guest Minister", "rank": "Colonel General", "position": "Minister of Defence"},
   "members": [{"official_id": "0190a2c4-5e61-7d2a-9a51-0c3b7f1e2d45", "name": "Deputy Minister", "rank": "Lieutenant General", "position": "Deputy Minister of Defence"}]}],
 "ceremonies": [{"type": "guard_of_honour", "site": null, "honoured": null, "description": null, "award": null, "recipient": null},
                {"type": "wreath_laying", "site": "Independence Monument", "honoured": null, "description": "Flowers were laid.", "award": null, "recipient": null}],
 "agreements": [{"title": "Plan of bilateral cooperation for 2025", "type": "cooperation_plan", "period": "2025", "signed_on": "2024-05-14", "parties": ["AZ", "UZ"],
                 "signatories": [{"official_id": "0190a2c4-5e61-7d2a-9a51-0c3b7f1e2d41", "name": "Host Minister"}, {"official_id": "0190a2c4-5e61-7d2a-9a51-0c3b7f1e2d44", "name": "Guest Minister"}]}],
 "child_meetings": [{"id": "0190a2c4-5e61-7d2a-9a51-0c3b7f1e2d46", "title": "Talks with the Chief of the General Staff", "date": "2024-05-15", "date_precision": "day",
   "end_date": null, "city": "Tashkent", "venue": null, "host_country": "UZ", "kind": "meeting", "summary": null, "topics": ["military"], "series": null,
   "parent_id": "0190a2c4-5e61-7d2a-9a51-0c3b7f1e2d40",
   "delegations": [{"country": "UZ", "role": "host", "head": {"official_id": "0190a2c4-5e61-7d2a-9a51-0c3b7f1e2d43", "name": "Chief of Staff", "rank": "Major General", "position": "Chief of the General Staff"}, "members": []},
                   {"country": "AZ", "role": "guest", "head": {"official_id": "0190a2c4-5e61-7d2a-9a51-0c3b7f1e2d44", "name": "Guest Minister", "rank": "Colonel General", "position": "Minister of Defence"}, "members": []}],
   "ceremonies": [], "agreements": [], "version": 1, "created_at": "2024-05-16T10:00:00Z", "updated_at": "2024-05-16T10:00:00Z"}],
 "sources": [{"url": "https://mod.example/news/1", "outlet": "Ministry of Defence", "title": "Ministers met", "published_at": "2024-05-14", "language": "en", "alternate_titles": []},
             {"url": "https://news.example/2", "outlet": "News Agency", "title": "Plan signed", "published_at": "2024-05-15", "language": "en", "alternate_titles": [{"language": "ru", "title": "План подписан"}]}],
 "version": 3, "created_at": "2024-05-16T10:00:00Z", "updated_at": "2024-05-17T08:30:00Z"}`

// BenchmarkEncodeMeeting measures what GET /meetings/{id} spends turning a
// meeting into its body and entity tag.
func BenchmarkEncodeMeeting(b *testing.B) {
	var m domain.Meeting
	if err := json.Unmarshal([]byte(benchMeeting), &m); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := encodeJSON(&m); err != nil {
			b.Fatal(err)
		}
	}
}

// TestEncodeMeetingAsMarshal holds a meeting's body to the meeting it
// encodes, and to what the standard encoder writes for it, byte for byte.
func TestEncodeMeetingAsMarshal(t *testing.T) {
	var m domain.Meeting
	require.NoError(t, json.Unmarshal([]byte(benchMeeting), &m))
	body, _, err := encodeJSON(&m)
	require.NoError(t, err)
	var got, want any
	require.NoError(t, json.Unmarshal(body, &got))
	require.NoError(t, json.Unmarshal([]byte(benchMeeting), &want))
	require.Equal(t, want, got, "every member written, children without child_meetings and sources")

	s := "Talks <on> \"A & B\" \u2028"
	m.ChildMeetings[0].Summary = &s
	body, _, err = encodeJSON(&m)
	require.NoError(t, err)
	marshalled, err := json.Marshal(&m)
	require.NoError(t, err)
	require.Equal(t, string(marshalled)+"\n", string(body), "compact, escaped as the standard encoder does")

	// A draft's child has no parent id: it keeps the top-level form.
	m.ChildMeetings[0].ParentID = nil
	body, _, err = encodeJSON(&m)
	require.NoError(t, err)
	require.Contains(t, string(body), `"ceremonies":[],"agreements":[],"version":1,"created_at":"2024-05-16T10:00:00Z","updated_at":"2024-05-16T10:00:00Z","child_meetings":[],"sources":[]}]`)

	m.ChildMeetings, m.Sources = nil, nil
	body, _, err = encodeJSON(&m)
	require.NoError(t, err)
	require.Contains(t, string(body), `"child_meetings":[],"sources":[]`)
}
