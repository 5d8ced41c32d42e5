//go:build e2e

package e2e

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/api"
)

// TestPages drives every page in one browser over one server.
func TestPages(t *testing.T) {
	s := newSite(t)
	browser := newBrowser(t)

	t.Run("Explorer/SeedMeetings", func(t *testing.T) {
		tb := newTab(t, browser, s.URL)
		tb.open("/")
		tb.rendered("")
		assert.Equal(t, 5, eval[int](tb, `document.querySelectorAll('#meeting-list > li').length`))
		assert.Contains(t, tb.text("#results"), "5 meetings")
		assert.Contains(t, tb.text("#meeting-list"), "28 October, year unknown")
		tb.screenshot("explorer", "")
		tb.clean()
	})

	t.Run("Explorer/CountryByName", func(t *testing.T) {
		tb := newTab(t, browser, s.URL)
		tb.open("/")
		n := tb.rendered("")
		assert.True(t, eval[bool](tb, `[...document.querySelectorAll('#country-list option')].some(o => o.value === 'Uzbekistan (UZ)')`),
			"the country field suggests names with codes")
		tb.do(chromedp.SendKeys(chromedp.CSS("#f-country"), "uzbekistan"),
			chromedp.Click(chromedp.CSS("#filters button[type=submit]")))
		tb.rendered(n)
		assert.Equal(t, "?country=UZ", eval[string](tb, `location.search`))
		assert.Equal(t, 1, eval[int](tb, `document.querySelectorAll('#meeting-list > li').length`))
		item := tb.text("#meeting-list")
		assert.Contains(t, item, "Azerbaijan and Uzbekistan sign military cooperation plan")
		assert.Contains(t, item, "10 December 2025")

		// The downloads are of the current filter.
		csvHref := eval[string](tb, `document.getElementById('dl-csv').getAttribute('href')`)
		assert.Equal(t, "/meetings?country=UZ&format=csv", csvHref)
		csv := fetchText(tb, csvHref)
		assert.Contains(t, csv, "2025-12-10")
		assert.Equal(t, 2, len(strings.Split(strings.TrimSpace(csv), "\n")), "a header and one row: %s", csv)
		nd := fetchText(tb, eval[string](tb, `document.getElementById('dl-ndjson').getAttribute('href')`))
		assert.Equal(t, 1, len(strings.Split(strings.TrimSpace(nd), "\n")), nd)
		tb.clean()
	})

	t.Run("Explorer/SharedURL", func(t *testing.T) {
		tb := newTab(t, browser, s.URL)
		tb.open("/?country=uzb")
		tb.rendered("")
		assert.Equal(t, 1, eval[int](tb, `document.querySelectorAll('#meeting-list > li').length`))
		assert.Equal(t, "Uzbekistan (UZ)", eval[string](tb, `document.getElementById('f-country').value`))
		assert.Contains(t, tb.text("#meeting-list"), "10 December 2025")
		tb.clean()
	})

	t.Run("Explorer/UnknownCountry", func(t *testing.T) {
		tb := newTab(t, browser, s.URL)
		tb.open("/")
		tb.rendered("")
		tb.do(chromedp.SendKeys(chromedp.CSS("#f-country"), "Narnia"),
			chromedp.Click(chromedp.CSS("#filters button[type=submit]")))
		tb.wait(`document.getElementById('f-country').getAttribute('aria-invalid') === 'true'`)
		assert.Contains(t, tb.text("#e-country"), "Narnia")
		assert.Equal(t, "", eval[string](tb, `location.search`), "no search is made")
		assert.True(t, eval[bool](tb, `document.activeElement.id === 'f-country'`), "the field in error has the focus")
		tb.clean()
	})

	t.Run("Explorer/FiltersCombined", func(t *testing.T) {
		tb := newTab(t, browser, s.URL)
		tb.open("/?country=AZ&from=2024&to=2025&topic=regional_security&kind=official_visit&q=turkiye")
		tb.rendered("")
		assert.Equal(t, 1, eval[int](tb, `document.querySelectorAll('#meeting-list > li').length`))
		assert.Contains(t, tb.text("#meeting-list"), "Türkiye")
		assert.Equal(t, "regional_security", eval[string](tb, `document.getElementById('f-topic').value`))
		assert.Equal(t, "official_visit", eval[string](tb, `document.getElementById('f-kind').value`))
		tb.clean()
	})

	t.Run("Explorer/CursorPaging", func(t *testing.T) {
		tb := newTab(t, browser, s.URL)
		tb.open("/?limit=2")
		n := tb.rendered("")
		seen := map[string]bool{}
		for page := 1; ; page++ {
			ids := eval[[]string](tb, `[...document.querySelectorAll('#meeting-list > li')].map(li => li.dataset.meeting)`)
			for _, id := range ids {
				assert.False(t, seen[id], "meeting %s on two pages", id)
				seen[id] = true
			}
			if !eval[bool](tb, `!!document.querySelector('a[rel=next]')`) {
				break
			}
			require.Less(t, page, 5)
			tb.do(chromedp.Click(chromedp.CSS("a[rel=next]")))
			n = tb.rendered(n)
			assert.Contains(t, eval[string](tb, `location.search`), "cursor=")
		}
		assert.Len(t, seen, 5)
		tb.clean()
	})

	t.Run("Explorer/MeetingWithoutYear", func(t *testing.T) {
		tb := newTab(t, browser, s.URL)
		tb.open("/?country=PK")
		n := tb.rendered("")
		tb.do(chromedp.Click(chromedp.CSS("#meeting-list a")))
		n = tb.rendered(n)
		page := tb.text("[data-meeting-page]")
		assert.Contains(t, page, "28 October, year unknown")
		assert.NotRegexp(t, regexp.MustCompile(`October,? (19|20)\d\d`), page, "no year is made up")
		for _, want := range []string{
			"General Sahir Shamshad Mirza, Chairman Joint Chiefs of Staff Committee", // rank and position as then
			"Colonel General Zakir Hasanov, Minister of Defense",
			"Khazar Farhadov, Ambassador",        // a member
			"Monument visit at Alley of Shehids", // a ceremony with its site
			"Karim Valiyev",                      // the child meeting
			"TurkicWorld",                        // the source
		} {
			assert.Contains(t, page, want)
		}
		assert.Equal(t, 1, eval[int](tb, `document.querySelectorAll('[data-child]').length`))
		tb.screenshot("meeting", "")

		// Back to the list: the page is asked for again with its ETag, and
		// the API's 304 is used.
		tb.do(chromedp.NavigateBack())
		tb.rendered(n)
		assert.Contains(t, tb.statuses("/meetings?"), int64(304), "a list revalidated with If-None-Match")
		tb.clean()
	})

	t.Run("Explorer/MeetingWithAgreementAndSources", func(t *testing.T) {
		tb := newTab(t, browser, s.URL)
		tb.open("/?country=UZ")
		n := tb.rendered("")
		tb.do(chromedp.Click(chromedp.CSS("#meeting-list a")))
		tb.rendered(n)
		page := tb.text("[data-meeting-page]")
		assert.Contains(t, page, "10 December 2025")
		assert.Contains(t, page, "Bilateral military cooperation plan for 2026")
		assert.Regexp(t, `Parties: (Azerbaijan, Uzbekistan|Uzbekistan, Azerbaijan)`, page)
		assert.Contains(t, eval[string](tb, `document.querySelector('[data-meeting-page] [lang=ru]')?.innerText ?? ''`),
			"Азербайджан и Узбекистан")
		assert.Contains(t, eval[string](tb, `document.querySelector('[data-meeting-page] [lang=az]')?.innerText ?? ''`),
			"Azərbaycan")
		tb.clean()
	})

	t.Run("Explorer/Timeline", func(t *testing.T) {
		tb := newTab(t, browser, s.URL)
		tb.open("/?view=timeline&country=AZ")
		n := tb.rendered("")
		assert.Equal(t, 4, eval[int](tb, `document.querySelectorAll('#timeline-chart rect.bar').length`),
			"2023 Georgia, 2024 Kazakhstan, 2025 Uzbekistan and Türkiye")
		assert.Equal(t, []string{"2023", "2024", "2025"},
			eval[[]string](tb, `[...new Set([...document.querySelectorAll('#timeline-chart [data-period]')].map(a => a.dataset.period))]`))
		assert.Contains(t, tb.text("#view"), "whose year is not known")
		assert.Contains(t, tb.text("#view"), "28 October, year unknown")
		tb.screenshot("timeline", "#view")

		// A bar lists its meetings.
		tb.do(chromedp.Click(chromedp.CSS(`#timeline-chart a[data-period="2024"]`)))
		n = tb.rendered(n)
		assert.Equal(t, "?country=AZ&from=2024&to=2024&partner=KZ", eval[string](tb, `location.search`))
		assert.Contains(t, tb.text("#meeting-list"), "Kazakh")

		tb.open("/?view=timeline&country=AZ&by=month&split=kind")
		tb.rendered("")
		assert.Equal(t, []string{"2023-11", "2024-04", "2025-12"},
			eval[[]string](tb, `[...new Set([...document.querySelectorAll('#timeline-chart [data-period]')].map(a => a.dataset.period))]`))
		tb.clean()
	})

	t.Run("Explorer/Network", func(t *testing.T) {
		tb := newTab(t, browser, s.URL)
		tb.open("/?view=network")
		n := tb.rendered("")
		assert.Equal(t, 6, eval[int](tb, `document.querySelectorAll('#network-chart [data-node]').length`))
		assert.ElementsMatch(t, []string{"AZ-GE", "AZ-KZ", "AZ-PK", "AZ-TR", "AZ-UZ"},
			eval[[]string](tb, `[...document.querySelectorAll('#network-chart [data-edge]')].map(a => a.dataset.edge)`))

		tb.do(chromedp.Click(chromedp.CSS(`#network-chart [data-edge="AZ-TR"]`)))
		n = tb.rendered(n)
		assert.Contains(t, eval[string](tb, `location.search`), "pick=AZ-TR")
		picked := tb.text("#picked")
		assert.Contains(t, picked, "Azerbaijan and Türkiye: 1 meeting")
		assert.Contains(t, picked, "Baku hosts discussions on military cooperation between Azerbaijani and Türkiye")
		assert.Equal(t, 1, eval[int](tb, `document.querySelectorAll('#picked li[data-meeting]').length`))
		tb.screenshot("network", "#view")

		// By keyboard: a node takes the focus and Enter chooses it.
		tb.do(chromedp.Focus(chromedp.CSS(`#network-chart [data-node="GE"]`)), chromedp.KeyEvent("\r"))
		tb.rendered(n)
		assert.Contains(t, eval[string](tb, `location.search`), "pick=GE")
		assert.Contains(t, tb.text("#picked"), "Georgia")
		tb.clean()
	})

	t.Run("Explorer/PhoneWidth", func(t *testing.T) {
		tb := newTab(t, browser, s.URL)
		tb.do(chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
		for _, path := range []string{"/", "/?country=PK&view=timeline", "/?view=network"} {
			tb.open(path)
			tb.rendered("")
			assert.LessOrEqual(t, eval[int](tb, `document.documentElement.scrollWidth`), 390, "%s scrolls sideways", path)
		}
		tb.open("/")
		tb.rendered("")
		tb.screenshot("explorer-phone", "")
		tb.clean()
	})

	t.Run("Docs/EveryPath", func(t *testing.T) {
		doc, err := openapi3.NewLoader().LoadFromData(api.Spec)
		require.NoError(t, err)
		tb := newTab(t, browser, s.URL)
		tb.open("/docs")
		tb.wait(`document.querySelectorAll('.opblock').length > 0`)
		shown := eval[[]string](tb, `[...document.querySelectorAll('.opblock-summary-path')].map(e => e.getAttribute('data-path'))`)
		for path := range doc.Paths.Map() {
			assert.Contains(t, shown, path, "/docs shows every path")
		}
		// An example of the spec shows up in the reference.
		tb.do(chromedp.Click(chromedp.CSS(`#operations-meetings-listMeetings .opblock-summary-control`)))
		tb.wait(`(document.querySelector('#operations-meetings-listMeetings .responses-wrapper')?.innerText ?? '').includes('urn:milmeet:problem:')`)
		tb.do(chromedp.Click(chromedp.CSS(`#operations-meetings-listMeetings .opblock-summary-control`)))
		tb.screenshot("docs", "")
		tb.clean()
	})

	t.Run("Docs/Redirects", func(t *testing.T) {
		tb := newTab(t, browser, s.URL)
		for _, path := range []string{"/swagger", "/redoc"} {
			tb.open(path)
			tb.wait(`document.querySelectorAll('.opblock').length > 0`)
			assert.Equal(t, "/docs", eval[string](tb, `location.pathname`))
		}
		tb.clean()
	})

	t.Run("Docs/SpecShownNotDownloaded", func(t *testing.T) {
		tb := newTab(t, browser, s.URL)
		tb.open("/openapi.yaml")
		tb.wait(`document.body && document.body.innerText.length > 0`)
		assert.Equal(t, "text/plain", eval[string](tb, `document.contentType`))
		assert.True(t, strings.HasPrefix(eval[string](tb, `document.body.innerText`), "openapi: 3.1"))
	})

	t.Run("API/CORSFromAnotherOrigin", func(t *testing.T) {
		other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch r.URL.Path {
			case "/app.js":
				w.Header().Set("Content-Type", "text/javascript")
				_, _ = w.Write([]byte(corsApp))
			default:
				w.Header().Set("Content-Type", "text/html")
				_, _ = w.Write([]byte(`<!doctype html><title>app</title><script src="/app.js"></script>`))
			}
		}))
		defer other.Close()
		tb := newTab(t, browser, s.URL)
		tb.do(chromedp.Navigate(other.URL + "/?api=" + s.URL))
		tb.wait(`window.__result`)
		res := eval[map[string]any](tb, `window.__result`)
		require.Nil(t, res["error"], res)
		assert.EqualValues(t, 200, res["status1"])
		assert.NotEmpty(t, res["etag"], "ETag is exposed to the other origin")
		assert.Contains(t, res["link"], `rel="next"`, "Link is exposed to the other origin")
		assert.EqualValues(t, 2, res["count1"])
		assert.EqualValues(t, 2, res["count2"])
		assert.Equal(t, true, res["distinct"], "the second page follows the first")
		assert.EqualValues(t, 304, res["status3"], "If-None-Match with the ETag")
	})
}

// corsApp is a frontend on another origin calling the API as any app would.
const corsApp = `(async () => {
  const api = new URLSearchParams(location.search).get('api');
  const out = {};
  const r1 = await fetch(api + '/meetings?limit=2', { headers: { Accept: 'application/json' } });
  out.status1 = r1.status; out.etag = r1.headers.get('ETag'); out.link = r1.headers.get('Link');
  const b1 = await r1.json(); out.count1 = b1.data.length;
  const r2 = await fetch(api + '/meetings?limit=2&cursor=' + encodeURIComponent(b1.next_cursor));
  const b2 = await r2.json(); out.count2 = b2.data.length;
  out.distinct = !b2.data.some((m) => b1.data.find((x) => x.id === m.id));
  const r3 = await fetch(api + '/meetings?limit=2', { headers: { 'If-None-Match': out.etag } });
  out.status3 = r3.status;
  window.__result = out;
})().catch((e) => { window.__result = { error: String(e) }; });`

// fetchText fetches a path from the page, as a click on a link would.
func fetchText(tb *tab, path string) string {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`fetch(`+quoteJS(path)+`).then(r => r.text())`,
		chromedp.EvalAwaitPromise))
	require.NoError(tb.t, err)
	return v
}

func quoteJS(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}
