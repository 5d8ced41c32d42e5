//go:build e2e

package e2e

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// postArticle stores a report as a pending draft through the API, and
// returns the draft's id.
func (s *site) postArticle(t *testing.T, file, publishedAt string) string {
	t.Helper()
	text, err := os.ReadFile(file)
	require.NoError(t, err)
	body, err := json.Marshal(map[string]any{"text": string(text), "published_at": publishedAt})
	require.NoError(t, err)
	var d struct {
		ID string `json:"id"`
	}
	res := s.call(t, "POST", "/articles", body, &d)
	require.Equal(t, http.StatusCreated, res.StatusCode)
	return d.ID
}

// call sends a request with the write key and decodes the JSON answer.
func (s *site) call(t *testing.T, method, path string, body []byte, out any) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, s.URL+path, bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+s.write)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	if out != nil {
		require.NoError(t, json.NewDecoder(res.Body).Decode(out))
	}
	return res
}

type draftState struct {
	Status    string   `json:"status"`
	Edited    []string `json:"edited"`
	Reason    *string  `json:"reason"`
	Outcome   *string  `json:"outcome"`
	MeetingID *string  `json:"meeting_id"`
	Meeting   struct {
		City *string `json:"city"`
	} `json:"meeting"`
}

// TestReview: a reviewer enters the key once, edits a draft beside its
// report, accepts it into the stored meeting it matches, and rejects
// another with a reason.
func TestReview(t *testing.T) {
	s := newSite(t)
	browser := newBrowser(t)
	toAccept := s.postArticle(t, "../../extract/testdata/seeds/000_6c1e7bd3863296f4.txt", "2025-12-10")
	toReject := s.postArticle(t, "../../extract/testdata/articles/05_us_phone_call.txt", "2023-12-15")
	var uz struct {
		Data []struct {
			ID string `json:"id"`
		} `json:"data"`
	}
	s.call(t, "GET", "/meetings?country=UZ", nil, &uz)
	require.Len(t, uz.Data, 1)

	tb := newTab(t, browser, s.URL)
	tb.open("/review")
	tb.wait(`document.getElementById('api-key')`)
	tb.do(chromedp.SendKeys(chromedp.CSS("#api-key"), s.write),
		chromedp.Click(chromedp.CSS("#key-form button[type=submit]")))
	tb.wait(`document.querySelectorAll('#draft-list > li').length === 2`)
	assert.Equal(t, s.write, eval[string](tb, `sessionStorage.getItem('milmeet.key')`))
	assert.Equal(t, 0, eval[int](tb, `localStorage.length`), "the key is kept for the tab only")
	tb.screenshot("review-queue", "")

	// One draft: the report's words marked, each linked to its field.
	tb.do(chromedp.Click(chromedp.CSS(`#draft-list li[data-draft="` + toAccept + `"] a`)))
	tb.wait(`document.querySelectorAll('#article-text mark').length > 10`)
	tb.do(chromedp.Click(chromedp.CSS(`#article-text a[data-field-link="/delegations/1/head/name"]`)))
	assert.Equal(t, "f:/delegations/1/head/name", eval[string](tb, `document.activeElement.id`))
	assert.Equal(t, "Viktor Mahmudov", eval[string](tb, `document.activeElement.value`))
	tb.do(chromedp.Click(chromedp.CSS(`[data-field="/date"] a.evidence-link`)))
	assert.Equal(t, "December 10", eval[string](tb, `document.querySelector('#article-text mark.active')?.innerText ?? ''`))
	assert.Contains(t, tb.text("#candidate"), "Azerbaijan and Uzbekistan sign military cooperation plan")

	// An edit is saved with If-Match; the value then rests on the person.
	eval[chromedp.Void](tb, `(() => { const c = document.getElementById('f:/city'); c.value = 'Baku';
	  c.dispatchEvent(new Event('input', { bubbles: true })); })()`)
	assert.True(t, eval[bool](tb, `document.getElementById('accept').disabled`), "no accept with unsaved edits")
	tb.do(chromedp.Click(chromedp.CSS(`#draft-form button[type=submit]`)))
	tb.wait(`(document.getElementById('draft-status')?.innerText ?? '').includes('Saved')`)
	var d draftState
	s.call(t, "GET", "/drafts/"+toAccept, nil, &d)
	assert.Contains(t, d.Edited, "/city")
	require.NotNil(t, d.Meeting.City)
	assert.Equal(t, "Baku", *d.Meeting.City)
	tb.screenshot("review", "#draft-title")

	// Accepted into the stored meeting it matches.
	tb.do(chromedp.Click(chromedp.CSS("#accept")))
	tb.wait(`(document.getElementById('decision')?.innerText ?? '').includes('Accepted')`)
	assert.Contains(t, tb.text("#decision"), "Merged into")
	s.call(t, "GET", "/drafts/"+toAccept, nil, &d)
	assert.Equal(t, "accepted", d.Status)
	require.NotNil(t, d.MeetingID)
	assert.Equal(t, uz.Data[0].ID, *d.MeetingID)

	// The other is rejected, and only with a reason.
	tb.open("/review")
	tb.wait(`document.querySelectorAll('#draft-list > li').length === 1`)
	tb.do(chromedp.Click(chromedp.CSS(`#draft-list li[data-draft="` + toReject + `"] a`)))
	tb.wait(`document.getElementById('reject-form')`)
	tb.do(chromedp.Click(chromedp.CSS(`#reject-form button[type=submit]`)))
	tb.wait(`document.getElementById('reject-reason').getAttribute('aria-invalid') === 'true'`)
	s.call(t, "GET", "/drafts/"+toReject, nil, &d)
	assert.Equal(t, "pending", d.Status, "no reject without a reason")
	tb.do(chromedp.SendKeys(chromedp.CSS("#reject-reason"), "A phone call about Ukraine: not a meeting of this record."),
		chromedp.Click(chromedp.CSS(`#reject-form button[type=submit]`)))
	tb.wait(`(document.getElementById('decision')?.innerText ?? '').includes('Rejected')`)
	s.call(t, "GET", "/drafts/"+toReject, nil, &d)
	assert.Equal(t, "rejected", d.Status)
	require.NotNil(t, d.Reason)
	assert.Equal(t, "A phone call about Ukraine: not a meeting of this record.", *d.Reason)

	tb.open("/review")
	tb.wait(`document.getElementById('queue-empty')`)

	// At phone width a draft's page does not scroll sideways.
	tb.do(chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	tb.open("/review?draft=" + toAccept)
	tb.wait(`document.getElementById('article-text')`)
	assert.LessOrEqual(t, eval[int](tb, `document.documentElement.scrollWidth`), 390)

	// The key went in headers only: never in a URL.
	assert.NotContains(t, eval[string](tb, `location.href`), s.write)
	tb.mu.Lock()
	for _, r := range tb.requests {
		assert.False(t, strings.Contains(r, s.write), "the key is in a URL: %s", r)
	}
	tb.mu.Unlock()
	tb.clean()
}
