package http_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/drafter"
	httpapi "github.com/milmeet/milmeet/internal/http"
	"github.com/milmeet/milmeet/internal/pgtest"
)

// draftView is a draft as GET /drafts/{id} answers it.
type draftView struct {
	ID         string         `json:"id"`
	Status     string         `json:"status"`
	Meeting    domain.Meeting `json:"meeting"`
	Evidence   []evidenceView `json:"evidence"`
	Warnings   []string       `json:"warnings"`
	Confidence float64        `json:"confidence"`
	Edited     []string       `json:"edited"`
	Problems   []struct {
		Pointer string `json:"pointer"`
		Detail  string `json:"detail"`
	} `json:"problems"`
	Article struct {
		ID          string  `json:"id"`
		Text        string  `json:"text"`
		URL         *string `json:"url"`
		ContentHash string  `json:"content_hash"`
	} `json:"article"`
	Candidate *struct {
		Meeting  domain.Meeting `json:"meeting"`
		Match    string         `json:"match"`
		Reason   string         `json:"reason"`
		OtherIDs []string       `json:"other_ids"`
	} `json:"candidate"`
	MeetingID *string `json:"meeting_id"`
	Outcome   *string `json:"outcome"`
	Auto      bool    `json:"auto_accepted"`
	DecidedBy *string `json:"decided_by"`
	Reason    *string `json:"reason"`
	Version   int     `json:"version"`
}

type evidenceView struct {
	Field       string  `json:"field"`
	Value       any     `json:"value"`
	Offset      int     `json:"offset"`
	Length      int     `json:"length"`
	UTF16Offset int     `json:"utf16_offset"`
	UTF16Length int     `json:"utf16_length"`
	Words       string  `json:"words"`
	Confidence  float64 `json:"confidence"`
	Source      *struct {
		URL *string `json:"url"`
	} `json:"source"`
	DraftID string `json:"draft_id"`
}

// draft decodes an answer holding a draft.
func (r response) draft() draftView {
	r.t.Helper()
	var d draftView
	r.json(&d)
	return d
}

// postArticle posts a report and returns the answer and its draft.
func (e *env) postArticle(body map[string]any) (response, draftView) {
	e.t.Helper()
	r := e.do("POST", "/articles", body)
	require.Contains(e.t, []int{http.StatusOK, http.StatusCreated}, r.Code, r.Body.String())
	return r, r.draft()
}

// send serves a request without checking it against the spec, for use from
// several goroutines at once.
func (e *env) send(method, target string, body []byte, headers ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, bytes.NewReader(body))
	req.Header.Set("Authorization", e.writer)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	return rec
}

// getDraft reads a draft with the writer key.
func (e *env) getDraft(id string) (response, draftView) {
	e.t.Helper()
	r := e.do("GET", "/drafts/"+id, nil, "Authorization", e.writer)
	require.Equal(e.t, http.StatusOK, r.Code, r.Body.String())
	return r, r.draft()
}

// problemPointers returns the pointers a problem answer names.
func problemPointers(r response) []string {
	var p struct {
		Errors []struct {
			Pointer   string `json:"pointer"`
			Parameter string `json:"parameter"`
		} `json:"errors"`
	}
	r.json(&p)
	var out []string
	for _, f := range p.Errors {
		out = append(out, f.Pointer+f.Parameter)
	}
	return out
}

// checkSpans holds every span to the article's text: the bytes and the
// UTF-16 units both cut out the words.
func checkSpans(t *testing.T, text string, ev []evidenceView) {
	t.Helper()
	u := utf16.Encode([]rune(text))
	words := 0
	for _, e := range ev {
		require.LessOrEqual(t, e.Offset+e.Length, len(text), e.Field)
		assert.Equal(t, e.Words, text[e.Offset:e.Offset+e.Length], "bytes of %s", e.Field)
		require.LessOrEqual(t, e.UTF16Offset+e.UTF16Length, len(u), e.Field)
		assert.Equal(t, e.Words, string(utf16.Decode(u[e.UTF16Offset:e.UTF16Offset+e.UTF16Length])), "UTF-16 of %s", e.Field)
		if e.Length > 0 {
			words++
		}
	}
	assert.Greater(t, words, len(ev)/2, "most values rest on words of the text")
}

func TestArticles_PendingDraftWithEvidence(t *testing.T) {
	t.Parallel()
	e := newEmptyEnv(t)
	text := seedText(t, "000_6c1e7bd3863296f4.txt")
	r, d := e.postArticle(map[string]any{"text": text, "url": "https://report.az/example-uz", "outlet": "Report",
		"published_at": "2025-12-10"})
	require.Equal(t, http.StatusCreated, r.Code)
	assert.Equal(t, "/drafts/"+d.ID, r.Header().Get("Location"))
	assert.Equal(t, "pending", d.Status)
	assert.Equal(t, text, d.Article.Text)
	assert.Len(t, d.Article.ContentHash, 64)
	assert.Equal(t, "2025-12-10", d.Meeting.Date.String())
	assert.Equal(t, []string{"AZ", "UZ"}, d.Meeting.Countries())
	assert.Empty(t, d.Problems)
	assert.Nil(t, d.Candidate, "nothing stored to merge into")
	assert.Positive(t, d.Confidence)
	assert.Equal(t, 1, d.Version)

	require.NotEmpty(t, d.Evidence)
	checkSpans(t, text, d.Evidence)
	fields := map[string]evidenceView{}
	for _, ev := range d.Evidence {
		fields[ev.Field] = ev
	}
	for _, f := range []string{"/date", "/delegations/0/country", "/delegations/1/country", "/delegations/0/head/name",
		"/delegations/1/head/name"} {
		assert.Contains(t, fields, f)
	}
	// A name's span reads as the name.
	for _, ev := range d.Evidence {
		if strings.HasSuffix(ev.Field, "/name") {
			assert.Equal(t, ev.Value, ev.Words, ev.Field)
		}
	}
	assert.Equal(t, "Viktor Mahmudov", fields["/delegations/1/head/name"].Words)

	assert.Equal(t, 0, e.countRows("meetings"), "nothing in /meetings until accepted")
	var page struct {
		Data []any `json:"data"`
	}
	e.do("GET", "/meetings", nil).json(&page)
	assert.Empty(t, page.Data)

	_, got := e.getDraft(d.ID)
	assert.Equal(t, d.Evidence, got.Evidence)
}

func TestArticles_SameReportOnce(t *testing.T) {
	t.Parallel()
	e := newEmptyEnv(t)
	text := seedText(t, "003_e9c12771c509b077.txt")
	_, first := e.postArticle(map[string]any{"text": text, "url": "https://www.azernews.az/example", "published_at": "2023-11-27"})

	r, again := e.postArticle(map[string]any{"text": text, "url": "https://www.azernews.az/example", "published_at": "2023-11-27"})
	assert.Equal(t, http.StatusOK, r.Code, "the same report")
	assert.Equal(t, first.ID, again.ID)
	assert.Equal(t, "/drafts/"+first.ID, r.Header().Get("Location"))

	respaced := strings.ReplaceAll(text, " ", "  ") + "\n\n"
	r, again = e.postArticle(map[string]any{"text": respaced, "url": "https://mirror.example/copy"})
	assert.Equal(t, http.StatusOK, r.Code, "the same text at another URL")
	assert.Equal(t, first.ID, again.ID)

	r, again = e.postArticle(map[string]any{"text": "An updated text.", "url": "https://www.azernews.az/example"})
	assert.Equal(t, http.StatusOK, r.Code, "the same URL with another text")
	assert.Equal(t, first.ID, again.ID)
	assert.Equal(t, 1, e.countRows("drafts"))
	assert.Equal(t, 1, e.countRows("articles"))

	// A retry with the same Idempotency-Key replays the first answer.
	body1 := map[string]any{"text": seedText(t, "001_ef38f601bec65bb7.txt"), "published_at": "2025-12-04"}
	r1 := e.do("POST", "/articles", body1, "Idempotency-Key", "draft-retry-1")
	require.Equal(t, http.StatusCreated, r1.Code, r1.Body.String())
	r2 := e.do("POST", "/articles", body1, "Idempotency-Key", "draft-retry-1")
	assert.Equal(t, http.StatusCreated, r2.Code)
	assert.Equal(t, "true", r2.Header().Get("Idempotent-Replayed"))
	assert.Equal(t, r1.Body.String(), r2.Body.String())
	assert.Equal(t, 2, e.countRows("drafts"))

	// The same new report posted at once by several clients: one draft.
	body, _ := json.Marshal(map[string]any{"text": seedText(t, "000_6c1e7bd3863296f4.txt"), "published_at": "2025-12-10"})
	codes := make([]int, 6)
	ids := make([]string, 6)
	var wg sync.WaitGroup
	for i := range codes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rec := e.send("POST", "/articles", body)
			codes[i] = rec.Code
			var d struct {
				ID string `json:"id"`
			}
			_ = json.Unmarshal(rec.Body.Bytes(), &d)
			ids[i] = d.ID
		}()
	}
	wg.Wait()
	slices.Sort(codes)
	assert.Equal(t, []int{200, 200, 200, 200, 200, 201}, codes)
	assert.Len(t, slices.Compact(ids), 1, "one draft")
	assert.Equal(t, 3, e.countRows("drafts"))
}

func TestDrafts_AcceptCreatesMeetingWithEvidence(t *testing.T) {
	t.Parallel()
	e := newEmptyEnv(t)
	text := seedText(t, "003_e9c12771c509b077.txt")
	url := "https://www.azernews.az/example"
	r, d := e.postArticle(map[string]any{"text": text, "url": url, "published_at": "2023-11-27"})
	tag := r.Header().Get("ETag")

	r = e.do("POST", "/drafts/"+d.ID+"/accept", nil, "If-Match", tag)
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	acc := r.draft()
	assert.Equal(t, "accepted", acc.Status)
	assert.Equal(t, "created", *acc.Outcome)
	assert.Equal(t, "writer", *acc.DecidedBy)
	assert.False(t, acc.Auto)
	require.NotNil(t, acc.MeetingID)
	assert.Nil(t, acc.Candidate)
	assert.Equal(t, 1, e.countRows("meetings"))

	r = e.do("GET", "/meetings/"+*acc.MeetingID+"?include=evidence", nil)
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	var m struct {
		domain.Meeting
		Evidence []evidenceView `json:"evidence"`
	}
	require.NoError(t, json.Unmarshal(r.Body.Bytes(), &m.Meeting))
	var raw map[string]json.RawMessage
	r.json(&raw)
	require.NoError(t, json.Unmarshal(raw["evidence"], &m.Evidence))
	require.Len(t, m.Sources, 1)
	assert.Equal(t, url, *m.Sources[0].URL, "the article is a source of the meeting")
	require.NotEmpty(t, m.Evidence)
	checkSpans(t, text, m.Evidence)
	var doc any
	require.NoError(t, json.Unmarshal(raw["id"], new(string)))
	plain := e.do("GET", "/meetings/"+*acc.MeetingID, nil)
	require.NoError(t, json.Unmarshal(plain.Body.Bytes(), &doc))
	// Both representations name the meeting's version: either ETag serves
	// If-Match on a write.
	assert.Equal(t, r.Header().Get("ETag")[:9], plain.Header().Get("ETag")[:9])
	assert.NotEqual(t, r.Header().Get("ETag"), plain.Header().Get("ETag"))
	for _, ev := range m.Evidence {
		assert.Equal(t, d.ID, ev.DraftID)
		require.NotNil(t, ev.Source, ev.Field)
		assert.Equal(t, url, *ev.Source.URL)
		assert.NotNil(t, pointerValue(doc, ev.Field), "%s resolves in the meeting", ev.Field)
	}

	// The audit log links the draft to the meeting and names the key.
	r = e.do("GET", "/audit?draft="+d.ID, nil, "Authorization", e.admin)
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	var audit struct {
		Data []domain.AuditEntry `json:"data"`
	}
	r.json(&audit)
	require.Len(t, audit.Data, 1)
	assert.Equal(t, domain.AuditCreate, audit.Data[0].Action)
	assert.Equal(t, "writer", audit.Data[0].Actor)
	assert.Equal(t, *acc.MeetingID, *audit.Data[0].MeetingID)
	assert.Equal(t, d.ID, *audit.Data[0].DraftID)

	// A decided draft no longer changes.
	r = e.do("POST", "/drafts/"+d.ID+"/accept", nil)
	require.Equal(t, http.StatusConflict, r.Code, r.Body.String())
	assert.Equal(t, []string{"/status"}, problemPointers(r))
	assert.Equal(t, "/meetings/"+*acc.MeetingID, r.Header().Get("Location"))
	assert.Equal(t, http.StatusConflict, e.do("POST", "/drafts/"+d.ID+"/reject", map[string]any{"reason": "x"}).Code)
	assert.Equal(t, http.StatusConflict, e.do("POST", "/drafts/"+d.ID+"/reextract", nil).Code)
	assert.Equal(t, http.StatusConflict, e.do("PATCH", "/drafts/"+d.ID, `{"city":"Tbilisi"}`,
		"Content-Type", "application/merge-patch+json", "If-Match", "*").Code)
	assert.Equal(t, 1, e.countRows("meetings"))

	// The same report again answers the accepted draft.
	r, again := e.postArticle(map[string]any{"text": text, "url": url})
	assert.Equal(t, http.StatusOK, r.Code)
	assert.Equal(t, "accepted", again.Status)
}

// pointerValue returns the value at an RFC 6901 pointer, or nil.
func pointerValue(doc any, p string) any {
	cur := doc
	for _, t := range strings.Split(strings.TrimPrefix(p, "/"), "/") {
		switch c := cur.(type) {
		case map[string]any:
			cur = c[t]
		case []any:
			var i int
			if _, err := fmt.Sscan(t, &i); err != nil || i < 0 || i >= len(c) {
				return nil
			}
			cur = c[i]
		default:
			return nil
		}
	}
	return cur
}

func TestDrafts_AcceptMergesIntoCandidate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.meetingID("UZ")
	meetings := e.countRows("meetings")
	url := "https://news.example/az-uz-plan"
	_, d := e.postArticle(map[string]any{"text": secondReport, "url": url, "outlet": "Example News",
		"published_at": "2025-12-10"})
	require.NotNil(t, d.Candidate, "the stored meeting of the same countries and day")
	assert.Equal(t, id, d.Candidate.Meeting.ID)
	assert.Equal(t, "same_countries_near_date", d.Candidate.Match)
	assert.Contains(t, d.Candidate.Reason, "AZ, UZ")
	assert.Empty(t, d.Candidate.OtherIDs)
	assert.Equal(t, meetings, e.countRows("meetings"), "nothing stored before the accept")

	r := e.do("POST", "/drafts/"+d.ID+"/accept", nil)
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	acc := r.draft()
	assert.Equal(t, "merged", *acc.Outcome)
	assert.Equal(t, id, *acc.MeetingID)
	assert.Equal(t, meetings, e.countRows("meetings"), "one meeting")

	r = e.do("GET", "/meetings/"+id+"?include=evidence", nil)
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	var doc map[string]any
	r.json(&doc)
	srcs := doc["sources"].([]any)
	assert.Len(t, srcs, 2)
	ev := doc["evidence"].([]any)
	require.NotEmpty(t, ev)
	heads := 0
	for _, x := range ev {
		item := x.(map[string]any)
		field := item["field"].(string)
		assert.NotNil(t, pointerValue(doc, field), field)
		assert.Equal(t, secondReport[int(item["offset"].(float64)):int(item["offset"].(float64)+item["length"].(float64))], item["words"])
		if strings.HasSuffix(field, "/head/name") {
			heads++
			// The pointer is into the stored meeting: its value there is
			// the person the words name.
			assert.Contains(t, domain.NameKeys(pointerValue(doc, field).(string)), domain.Fold(item["words"].(string)))
		}
	}
	assert.Positive(t, heads)

	r = e.do("GET", "/audit?draft="+d.ID, nil, "Authorization", e.admin)
	var audit struct {
		Data []domain.AuditEntry `json:"data"`
	}
	r.json(&audit)
	require.Len(t, audit.Data, 1)
	assert.Equal(t, domain.AuditMerge, audit.Data[0].Action)
}

func TestDrafts_Reject(t *testing.T) {
	t.Parallel()
	e := newEmptyEnv(t)
	_, d := e.postArticle(map[string]any{"text": seedText(t, "003_e9c12771c509b077.txt"), "published_at": "2023-11-27"})

	r := e.do("POST", "/drafts/"+d.ID+"/reject", map[string]any{})
	require.Equal(t, http.StatusUnprocessableEntity, r.Code, r.Body.String())
	assert.Equal(t, []string{"/reason"}, problemPointers(r))
	r = e.do("POST", "/drafts/"+d.ID+"/reject", map[string]any{"reason": "   "})
	require.Equal(t, http.StatusUnprocessableEntity, r.Code)
	assert.Equal(t, []string{"/reason"}, problemPointers(r))
	assert.Equal(t, http.StatusBadRequest, e.do("POST", "/drafts/"+d.ID+"/reject", map[string]any{"why": "x"}).Code)

	r = e.do("POST", "/drafts/"+d.ID+"/reject", map[string]any{"reason": "A conference, not a bilateral meeting."})
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	rej := r.draft()
	assert.Equal(t, "rejected", rej.Status)
	assert.Equal(t, "A conference, not a bilateral meeting.", *rej.Reason)
	assert.Equal(t, "writer", *rej.DecidedBy)
	assert.Nil(t, rej.MeetingID)
	assert.Equal(t, 0, e.countRows("meetings"))
	assert.Equal(t, 0, e.countRows("sources"))

	r = e.do("POST", "/drafts/"+d.ID+"/accept", nil)
	require.Equal(t, http.StatusConflict, r.Code, "accepting a rejected draft")
	assert.Equal(t, []string{"/status"}, problemPointers(r))
	assert.Contains(t, r.Body.String(), "A conference")
	assert.Equal(t, 0, e.countRows("meetings"))

	r = e.do("GET", "/audit?draft="+d.ID, nil, "Authorization", e.admin)
	var audit struct {
		Data []domain.AuditEntry `json:"data"`
	}
	r.json(&audit)
	require.Len(t, audit.Data, 1)
	assert.Equal(t, domain.AuditReject, audit.Data[0].Action)
	assert.Nil(t, audit.Data[0].MeetingID)
	assert.JSONEq(t, `{"reason":"A conference, not a bilateral meeting."}`, string(audit.Data[0].After))
}

// Two accepts at once store one meeting, the other gets 409: into an empty
// database (a new meeting) and into the seeded one, where the draft merges
// into the stored meeting and its officials are found, not made. More
// accepts than the pool has connections: each waits for the draft's lock
// holding a connection, so the one that holds the lock must need no other.
func TestDrafts_ConcurrentAccepts(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		seeded  bool
		meeting string
	}{{"New", false, "created"}, {"Merged", true, "merged"}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEmptyEnv(t)
			if tc.seeded {
				e.seed()
			}
			meetings := e.countRows("meetings WHERE parent_id IS NULL")
			r, d := e.postArticle(map[string]any{"text": seedText(t, "000_6c1e7bd3863296f4.txt"), "published_at": "2025-12-10",
				"url": "https://example.org/concurrent-accepts", "outlet": "Example"}) // a source the merge adds
			tag := r.Header().Get("ETag")
			n := max(4, int(e.pool.Config().MaxConns)+1)
			codes := make([]int, n)
			var wg sync.WaitGroup
			for i := range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					codes[i] = e.send("POST", "/drafts/"+d.ID+"/accept", nil, "If-Match", tag).Code
				}()
			}
			done := make(chan struct{})
			go func() { wg.Wait(); close(done) }()
			select {
			case <-done:
			case <-time.After(2 * time.Minute): // a hang guard only
				t.Fatal("the accepts never all answered")
			}
			slices.Sort(codes)
			want := make([]int, n)
			for i := range want {
				want[i] = http.StatusConflict
			}
			want[0] = http.StatusOK
			assert.Equal(t, want, codes)
			if tc.seeded {
				assert.Equal(t, meetings, e.countRows("meetings WHERE parent_id IS NULL"), "merged into the stored meeting")
			} else {
				assert.Equal(t, 1, e.countRows("meetings WHERE parent_id IS NULL"), "one meeting")
			}
			assert.Equal(t, 1, e.countRows("audit_log WHERE draft_id IS NOT NULL"))
			assert.Equal(t, 1, e.countRows("drafts WHERE outcome = '"+tc.meeting+"'"))
		})
	}
}

func TestDrafts_IfMatch(t *testing.T) {
	t.Parallel()
	e := newEmptyEnv(t)
	r, d := e.postArticle(map[string]any{"text": seedText(t, "003_e9c12771c509b077.txt"), "published_at": "2023-11-27"})
	stale := r.Header().Get("ETag")
	patch := func(body, ifMatch string) response {
		return e.do("PATCH", "/drafts/"+d.ID, body, "Content-Type", "application/merge-patch+json", "If-Match", ifMatch)
	}
	assert.Equal(t, http.StatusPreconditionRequired, patch(`{"city":"Tbilisi"}`, "").Code)
	r = patch(`{"city":"Tbilisi"}`, stale)
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	edited := r.draft()
	assert.Equal(t, "Tbilisi", *edited.Meeting.City)
	assert.Equal(t, []string{"/city"}, edited.Edited)
	assert.Equal(t, 2, edited.Version)
	for _, ev := range edited.Evidence {
		assert.NotEqual(t, "/city", ev.Field, "a person's value rests on no words")
	}
	fresh := r.Header().Get("ETag")

	r = patch(`{"venue":"Ministry of Defense"}`, stale)
	assert.Equal(t, http.StatusPreconditionFailed, r.Code, "edited by someone else since")
	r = e.do("POST", "/drafts/"+d.ID+"/accept", nil, "If-Match", stale)
	assert.Equal(t, http.StatusPreconditionFailed, r.Code, r.Body.String())
	assert.Equal(t, http.StatusPreconditionFailed, e.do("POST", "/drafts/"+d.ID+"/reject", map[string]any{"reason": "x"},
		"If-Match", stale).Code)
	assert.Equal(t, http.StatusPreconditionFailed, e.do("POST", "/drafts/"+d.ID+"/accept", nil, "If-Match", `"nonsense"`).Code)
	assert.Equal(t, 0, e.countRows("meetings"))

	r = e.do("POST", "/drafts/"+d.ID+"/accept", nil, "If-Match", fresh)
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	m := e.do("GET", "/meetings/"+*r.draft().MeetingID, nil)
	assert.Equal(t, "Tbilisi", m.object()["city"], "the edit is what was stored")

	// A draft unchanged answers 304 to its ETag.
	r, _ = e.getDraft(d.ID)
	assert.Equal(t, http.StatusNotModified, e.do("GET", "/drafts/"+d.ID, nil, "Authorization", e.writer,
		"If-None-Match", r.Header().Get("ETag")).Code)
}

func TestDrafts_BadInput(t *testing.T) {
	t.Parallel()
	e := newEmptyEnv(t)
	r, d := e.postArticle(map[string]any{"text": seedText(t, "003_e9c12771c509b077.txt"), "published_at": "2023-11-27"})
	tag := r.Header().Get("ETag")
	patch := func(body string) response {
		return e.do("PATCH", "/drafts/"+d.ID, body, "Content-Type", "application/merge-patch+json", "If-Match", tag)
	}
	for _, c := range []struct {
		body    string
		status  int
		pointer string
	}{
		{`{"date":"2023-13-01"}`, 422, "/date"},
		{`{"date":null}`, 422, "/date"},
		{`{"delegations":[]}`, 422, "/delegations"},
		{`{"delegations":[{"country":"XX","role":"host"},{"country":"GE","role":"guest"}]}`, 422, "/delegations/0/country"},
		{`{"kind":"picnic"}`, 422, "/kind"},
		{`{"topics":["military","military"]}`, 422, "/topics/1"},
		{`{"colour":"red"}`, 422, "/colour"},
		{`{"city":5}`, 422, "/city"},
		{`{"sources":null}`, 422, "/sources"},
	} {
		r := patch(c.body)
		require.Equal(t, c.status, r.Code, "%s: %s", c.body, r.Body.String())
		assert.Equal(t, "application/problem+json", r.Header().Get("Content-Type"))
		assert.Contains(t, problemPointers(r), c.pointer, c.body)
	}
	assert.Equal(t, http.StatusBadRequest, patch(`{"city":`).Code)
	assert.Equal(t, http.StatusBadRequest, patch(`[1]`).Code)
	assert.Equal(t, http.StatusUnsupportedMediaType, e.do("PATCH", "/drafts/"+d.ID, `{"city":"Baku"}`, "If-Match", tag).Code)
	_, after := e.getDraft(d.ID)
	assert.Equal(t, 1, after.Version, "nothing written")
	assert.Equal(t, d.Meeting, after.Meeting)

	for _, id := range []string{"01a209dc-d80e-7f1e-8a0c-f0a82af64f05", "nope"} {
		assert.Equal(t, http.StatusNotFound, e.do("GET", "/drafts/"+id, nil, "Authorization", e.writer).Code)
		assert.Equal(t, http.StatusNotFound, e.do("POST", "/drafts/"+id+"/accept", nil).Code)
		assert.Equal(t, http.StatusNotFound, e.do("POST", "/drafts/"+id+"/reject", map[string]any{"reason": "x"}).Code)
		assert.Equal(t, http.StatusNotFound, e.do("POST", "/drafts/"+id+"/reextract", nil).Code)
		assert.Equal(t, http.StatusNotFound, e.do("PATCH", "/drafts/"+id, `{"city":"Baku"}`,
			"Content-Type", "application/merge-patch+json", "If-Match", "*").Code)
	}
	r = e.do("POST", "/drafts/"+d.ID+"/accept", map[string]any{"merge_into": "01a209dc-d80e-7f1e-8a0c-f0a82af64f05"})
	require.Equal(t, http.StatusUnprocessableEntity, r.Code, r.Body.String())
	assert.Equal(t, []string{"/merge_into"}, problemPointers(r))
	r = e.do("POST", "/drafts/"+d.ID+"/accept", map[string]any{"merge_into": "x"})
	assert.Equal(t, []string{"/merge_into"}, problemPointers(r))
	assert.Equal(t, http.StatusBadRequest, e.do("POST", "/drafts/"+d.ID+"/accept", map[string]any{"into": "x"}).Code)
	assert.Equal(t, 0, e.countRows("meetings"))

	// A report that gives no meeting: a draft with problems, that cannot be
	// accepted, and nothing half-written.
	_, bad := e.postArticle(map[string]any{"text": "The weather in Baku was fine.", "url": "https://weather.example/baku"})
	assert.Equal(t, "pending", bad.Status)
	assert.NotEmpty(t, bad.Warnings)
	require.NotEmpty(t, bad.Problems)
	r = e.do("POST", "/drafts/"+bad.ID+"/accept", nil)
	require.Equal(t, http.StatusUnprocessableEntity, r.Code, r.Body.String())
	assert.Contains(t, problemPointers(r), "/delegations")
	assert.Equal(t, 0, e.countRows("meetings"))
	assert.Equal(t, 0, e.countRows("sources"))
	assert.Equal(t, 0, e.countRows("meeting_evidence"))
	assert.Equal(t, 0, e.countRows("officials"))
	// An edit that leaves other problems in place is taken.
	r = e.do("PATCH", "/drafts/"+bad.ID, `{"title":"Weather"}`, "Content-Type", "application/merge-patch+json", "If-Match", "*")
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	assert.NotEmpty(t, r.draft().Problems)

	// Drafts are not public, nor for readers.
	assert.Equal(t, http.StatusUnauthorized, e.do("GET", "/drafts", nil).Code)
	assert.Equal(t, http.StatusForbidden, e.do("GET", "/drafts/"+d.ID, nil, "Authorization", e.reader).Code)
	assert.Equal(t, http.StatusBadRequest, e.do("GET", "/meetings/"+d.ID+"?include=sources", nil).Code)
	assert.Equal(t, http.StatusBadRequest, e.do("GET", "/audit?draft=x", nil, "Authorization", e.admin).Code)
}

func TestDrafts_List(t *testing.T) {
	t.Parallel()
	e := newEmptyEnv(t)
	_, uz := e.postArticle(map[string]any{"text": seedText(t, "000_6c1e7bd3863296f4.txt"), "published_at": "2025-12-10"})
	_, ge := e.postArticle(map[string]any{"text": seedText(t, "003_e9c12771c509b077.txt"), "published_at": "2023-11-27"})
	_, tr := e.postArticle(map[string]any{"text": seedText(t, "001_ef38f601bec65bb7.txt"), "published_at": "2025-12-04"})
	require.Equal(t, http.StatusOK, e.do("POST", "/drafts/"+tr.ID+"/reject", map[string]any{"reason": "duplicate"}).Code)

	list := func(q string) []string {
		t.Helper()
		r := e.do("GET", "/drafts"+q, nil, "Authorization", e.writer)
		require.Equal(t, http.StatusOK, r.Code, r.Body.String())
		var p struct {
			Data []domain.DraftSummary `json:"data"`
		}
		r.json(&p)
		var ids []string
		for _, d := range p.Data {
			ids = append(ids, d.ID)
		}
		return ids
	}
	assert.Equal(t, []string{tr.ID, ge.ID, uz.ID}, list(""), "newest first")
	assert.Equal(t, []string{ge.ID, uz.ID}, list("?status=pending"))
	assert.Equal(t, []string{tr.ID}, list("?status=rejected"))
	assert.Equal(t, []string{ge.ID}, list("?country=geo"))
	assert.Equal(t, []string{uz.ID}, list("?country=UZ&status=pending"))
	assert.Equal(t, []string{tr.ID, uz.ID}, list("?from=2025-01&to=2025-12-31"))
	assert.Equal(t, []string{ge.ID}, list("?to=2024"))
	assert.Equal(t, []string{ge.ID}, list("?q=Burchuladze"))

	// Cursor paging goes through every draft once.
	var seen []string
	next := "/drafts?limit=1"
	for next != "" {
		r := e.do("GET", next, nil, "Authorization", e.writer)
		require.Equal(t, http.StatusOK, r.Code, r.Body.String())
		var p struct {
			Data       []domain.DraftSummary `json:"data"`
			NextCursor *string               `json:"next_cursor"`
		}
		r.json(&p)
		require.Len(t, p.Data, 1)
		seen = append(seen, p.Data[0].ID)
		next = ""
		if p.NextCursor != nil {
			next = "/drafts?limit=1&cursor=" + *p.NextCursor
		}
	}
	assert.Equal(t, []string{tr.ID, ge.ID, uz.ID}, seen)

	for q, param := range map[string]string{"?status=done": "status", "?country=XX": "country", "?from=soon": "from",
		"?limit=0": "limit", "?cursor=zzz": "cursor", "?sort=date": "sort", "?from=2025&to=2024": "to"} {
		r := e.do("GET", "/drafts"+q, nil, "Authorization", e.writer)
		require.Equal(t, http.StatusBadRequest, r.Code, q)
		assert.Equal(t, []string{param}, problemPointers(r), q)
	}
}

func TestDrafts_ReextractKeepsEdits(t *testing.T) {
	t.Parallel()
	e := newEmptyEnv(t)
	_, d := e.postArticle(map[string]any{"text": seedText(t, "000_6c1e7bd3863296f4.txt"), "published_at": "2025-12-10"})
	r := e.do("PATCH", "/drafts/"+d.ID, `{"city":"Ganja","delegations":[{"country":"AZ","role":"host","head":{"name":"Zakir Hasanov"}},{"country":"UZ","role":"guest","head":{"name":"Viktor Makhmudov"}}]}`,
		"Content-Type", "application/merge-patch+json", "If-Match", "*")
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	edited := r.draft()
	assert.Contains(t, edited.Edited, "/city")

	// What an older reading left in fields no one edited goes; the edits stay.
	_, err := e.pool.Exec(t.Context(), `UPDATE drafts SET meeting = jsonb_set(jsonb_set(meeting, '{venue}', '"Old venue"'),
		'{title}', '"Old title"'), evidence = '[]', warnings = '["old"]' WHERE id = $1`, d.ID)
	require.NoError(t, err)

	r = e.do("POST", "/drafts/"+d.ID+"/reextract", nil, "If-Match", r.Header().Get("ETag"))
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	re := r.draft()
	assert.Equal(t, "Ganja", *re.Meeting.City, "edited: kept")
	require.Len(t, re.Meeting.Delegations, 2)
	assert.Equal(t, "Viktor Makhmudov", re.Meeting.Delegations[1].Head.Name, "edited: kept whole")
	assert.Empty(t, re.Meeting.Delegations[1].Members, "the edited delegations are the person's, not mixed")
	assert.Nil(t, re.Meeting.Venue, "not edited: the new reading")
	assert.Equal(t, d.Meeting.Title, re.Meeting.Title)
	assert.Equal(t, d.Warnings, re.Warnings)
	assert.Equal(t, edited.Edited, re.Edited)
	assert.Equal(t, 3, re.Version)
	fields := map[string]bool{}
	for _, ev := range re.Evidence {
		fields[ev.Field] = true
	}
	assert.True(t, fields["/title"] && fields["/date"], "fresh evidence for values read again")
	assert.False(t, fields["/city"], "no evidence for a person's value")
	assert.True(t, fields["/delegations/0/head/name"], "evidence that still holds is kept")
	assert.False(t, fields["/delegations/1/head/name"], "the person changed that name")
	assert.Equal(t, 0, e.countRows("meetings"))
}

// steered reads reports with the extractor, then gives the draft the
// confidence and warnings a test sets, so that the threshold rule is
// tested apart from how sure the extractor is of a given report.
type steered struct {
	confidence float64
	warnings   []string
}

func (s *steered) Extract(a *domain.Article) domain.Extraction {
	x := drafter.New().Extract(a)
	x.Confidence, x.Warnings = s.confidence, s.warnings
	return x
}

func (s *steered) Version() string { return "steered" }

func TestArticles_AutoAccept(t *testing.T) {
	t.Parallel()
	ex := &steered{confidence: 0.9}
	pool := pgtest.New(t)
	e := newEnvOn(t, httpapi.DefaultConfig(), pool, pool, func(st *domain.Stores) { st.Extractor = ex })
	threshold := 0.8
	e.svc.AutoAccept = &threshold

	r, d := e.postArticle(map[string]any{"text": seedText(t, "000_6c1e7bd3863296f4.txt"), "published_at": "2025-12-10"})
	require.Equal(t, http.StatusCreated, r.Code)
	assert.Equal(t, 0.9, d.Confidence)
	assert.Equal(t, "accepted", d.Status, "confident and without warnings")
	assert.True(t, d.Auto)
	assert.Equal(t, "writer", *d.DecidedBy)
	require.NotNil(t, d.MeetingID)
	assert.Equal(t, 1, e.countRows("meetings WHERE parent_id IS NULL"))
	r = e.do("GET", "/meetings/"+*d.MeetingID+"?include=evidence", nil)
	assert.NotEmpty(t, r.object()["evidence"])

	ex.warnings = []string{"the text seems cut off mid-sentence"}
	_, w := e.postArticle(map[string]any{"text": seedText(t, "003_e9c12771c509b077.txt"), "published_at": "2023-11-27"})
	assert.Equal(t, "pending", w.Status, "a draft with warnings waits for a person")

	ex.warnings, ex.confidence = nil, 0.79
	_, g := e.postArticle(map[string]any{"text": seedText(t, "002_afd11f634c6ed929.txt")})
	assert.Equal(t, "pending", g.Status, "below the threshold")

	ex.confidence = 1
	_, bad := e.postArticle(map[string]any{"text": "The weather in Baku was fine."})
	assert.Equal(t, "pending", bad.Status, "not a valid meeting: nothing to accept")
	assert.Equal(t, 1, e.countRows("meetings WHERE parent_id IS NULL"))

	// Off (the default): nothing is accepted without a person.
	e.svc.AutoAccept = nil
	_, off := e.postArticle(map[string]any{"text": secondReport, "published_at": "2025-12-10"})
	assert.Equal(t, "pending", off.Status)
	assert.Equal(t, 1, e.countRows("meetings WHERE parent_id IS NULL"))
}

// An article a source could not hold is refused naming each field, and
// nothing is stored: the database would refuse its text, and an accept
// its outlet or URL.
func TestArticles_BadInput(t *testing.T) {
	t.Parallel()
	e := newEmptyEnv(t)
	for _, c := range []struct {
		body     map[string]any
		pointers []string
	}{
		{map[string]any{"text": "Baku, 3 May. Talks.\u0000"}, []string{"/text"}},
		{map[string]any{"text": "Baku, 3 May. Talks.", "outlet": "News\u0007"}, []string{"/outlet"}},
		{map[string]any{"text": "Baku, 3 May. Talks.", "outlet": " "}, []string{"/outlet"}},
		{map[string]any{"text": "Baku, 3 May. Talks.", "url": "https://example.org/" + strings.Repeat("a", 2000)}, []string{"/url"}},
		{map[string]any{"text": "Baku\u0000", "outlet": "", "url": "https://example.org/" + strings.Repeat("a", 2000)},
			[]string{"/text", "/url", "/outlet"}},
	} {
		r := e.do("POST", "/articles", c.body)
		require.Equal(t, http.StatusUnprocessableEntity, r.Code, r.Body.String())
		assert.ElementsMatch(t, c.pointers, problemPointers(r), r.Body.String())
	}
	assert.Equal(t, 0, e.countRows("articles"))
	assert.Equal(t, 0, e.countRows("drafts"))
}
