//go:build e2e

// Package e2e tests milmeet's pages in a real browser: Debian's Chromium,
// headless, driven by chromedp, against the whole server over a fresh
// database holding the seed meetings. Run with `make test-e2e`. Without
// Chromium the tests fail; they never skip.
package e2e

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/api"
	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/drafter"
	httpapi "github.com/milmeet/milmeet/internal/http"
	"github.com/milmeet/milmeet/internal/pgtest"
	"github.com/milmeet/milmeet/internal/postgres"
	"github.com/milmeet/milmeet/internal/seed"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// site is the whole server over a fresh database holding the seed
// meetings.
type site struct {
	URL   string
	svc   *domain.Service
	write string // a key with the write scope
}

func newSite(t *testing.T) *site {
	t.Helper()
	pool := pgtest.New(t)
	st := postgres.NewStore(pool)
	svc := domain.NewService(domain.Stores{Meetings: st, Officials: st, Agreements: st, Countries: st,
		Stats: st, Rows: st, Keys: st, Audit: st, Imports: st, Idempotency: st, Articles: st,
		Drafts: st, Tx: st, Extractor: drafter.New()})
	ms, err := seed.Meetings()
	require.NoError(t, err)
	for i := range ms {
		_, err := svc.CreateMeeting(context.Background(), &ms[i])
		require.NoError(t, err)
	}
	_, token, err := svc.CreateKey(context.Background(), "reviewer", domain.ScopeWrite)
	require.NoError(t, err)
	srv := httptest.NewServer(httpapi.NewServer(svc, st, slog.New(slog.NewTextHandler(io.Discard, nil)),
		httpapi.DefaultConfig(), api.Spec).Handler())
	t.Cleanup(srv.Close)
	return &site{URL: srv.URL, svc: svc, write: token}
}

// chromium finds the browser: CHROMIUM when set, else Debian's.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("no Chromium found: install Debian's package (apt-get install chromium) or set CHROMIUM")
	return ""
}

// newBrowser starts a headless Chromium with a fresh profile, kept off
// the network: it resolves no host name but the loopback addresses.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	require.NoError(t, chromedp.Do(ctx), "start Chromium")
	return ctx
}

// tab is a browser tab that records every request it makes, every answer's
// status, and every console error, uncaught exception and
// Content-Security-Policy violation.
type tab struct {
	t    *testing.T
	ctx  context.Context
	base string

	mu        sync.Mutex
	requests  []string
	responses []response
	problems  []string
}

type response struct {
	url    string
	status int64
}

// cspProbe records the page's CSP violations where the test can read them.
const cspProbe = `window.__csp = []; document.addEventListener('securitypolicyviolation',
  (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));`

func newTab(t *testing.T, browser context.Context, base string) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	ctx, cancelTime := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTime(); cancel() })
	tb := &tab{t: t, ctx: ctx, base: base}
	require.NoError(t, chromedp.Do(ctx)) // opens the tab
	require.NoError(t, chromedp.Listen(ctx, func(ev any) {
		tb.mu.Lock()
		defer tb.mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			tb.requests = append(tb.requests, ev.Request.URL)
		case *network.EventResponseReceived:
			tb.responses = append(tb.responses, response{ev.Response.URL, ev.Response.Status})
		case *runtime.EventExceptionThrown:
			tb.problems = append(tb.problems, "exception: "+ev.ExceptionDetails.Text+" "+describe(ev.ExceptionDetails.Exception))
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
				tb.problems = append(tb.problems, fmt.Sprintf("console.%s: %s", ev.Type, args(ev.Args)))
			}
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.EntryLevelError || ev.Entry.Level == cdplog.EntryLevelWarning {
				tb.problems = append(tb.problems, fmt.Sprintf("log %s: %s %s", ev.Entry.Level, ev.Entry.Text, ev.Entry.URL))
			}
		}
	}))
	_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: cspProbe})
	require.NoError(t, err)
	return tb
}

func describe(o *runtime.RemoteObject) string {
	if o == nil {
		return ""
	}
	return o.Description
}

func args(as []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range as {
		if a.Description != "" {
			parts = append(parts, a.Description)
		} else {
			parts = append(parts, string(a.Value))
		}
	}
	return strings.Join(parts, " ")
}

// do runs actions, failing the test on an error.
func (tb *tab) do(actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	require.NoError(tb.t, chromedp.Do(tb.ctx, actions...))
}

// open navigates to a path of the site and waits for the page to be drawn:
// for the explorer, until its view has rendered.
func (tb *tab) open(path string) {
	tb.t.Helper()
	tb.do(chromedp.Navigate(tb.base + path))
}

// wait waits until a JavaScript expression is truthy.
func (tb *tab) wait(expr string) {
	tb.t.Helper()
	_, err := chromedp.Run(tb.ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(20*time.Second)))
	require.NoError(tb.t, err, "waiting for %s", expr)
}

// eval returns a JavaScript expression's value.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr))
	require.NoError(tb.t, err, expr)
	return v
}

// text returns the text of the first element a CSS selector matches.
func (tb *tab) text(sel string) string {
	tb.t.Helper()
	return eval[string](tb, fmt.Sprintf(`document.querySelector(%q)?.innerText ?? ''`, sel))
}

// rendered waits until the explorer has drawn its view once more than n
// times; it returns the new count.
func (tb *tab) rendered(after string) string {
	tb.t.Helper()
	tb.wait(fmt.Sprintf(`(document.getElementById('view')?.dataset.ready ?? '') !== '' && document.getElementById('view').dataset.ready !== %q`, after))
	return eval[string](tb, `document.getElementById('view').dataset.ready`)
}

// clean checks that the page made no request off the machine, logged no
// error and broke no rule of its Content-Security-Policy.
func (tb *tab) clean() {
	tb.t.Helper()
	csp := eval[[]string](tb, `window.__csp || []`)
	require.Empty(tb.t, csp, "Content-Security-Policy violations")
	tb.mu.Lock()
	defer tb.mu.Unlock()
	require.NotEmpty(tb.t, tb.requests)
	for _, r := range tb.requests {
		u, err := url.Parse(r)
		require.NoError(tb.t, err)
		if u.Scheme == "data" || u.Scheme == "blob" || u.Scheme == "about" {
			continue
		}
		require.Contains(tb.t, []string{"127.0.0.1", "localhost"}, u.Hostname(), "a request left the machine: %s", r)
	}
	require.Empty(tb.t, tb.problems, "errors in the browser")
}

// statuses returns the statuses of the answers to URLs with the prefix.
func (tb *tab) statuses(prefix string) []int64 {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	var out []int64
	for _, r := range tb.responses {
		if strings.HasPrefix(r.url, tb.base+prefix) {
			out = append(out, r.status)
		}
	}
	return out
}

// screenshot saves the viewport as NAME.png in E2E_SCREENSHOTS, when set,
// scrolled to the element a CSS selector matches when one is given.
func (tb *tab) screenshot(name, scrollTo string) {
	tb.t.Helper()
	dir := os.Getenv("E2E_SCREENSHOTS")
	if dir == "" {
		return
	}
	if scrollTo != "" {
		eval[chromedp.Void](tb, fmt.Sprintf(`window.scrollTo(0, document.querySelector(%q).getBoundingClientRect().top + window.scrollY - 8)`, scrollTo))
	}
	buf, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
	require.NoError(tb.t, err)
	require.NoError(tb.t, os.MkdirAll(dir, 0o755))
	require.NoError(tb.t, os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644))
}
