package http_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/api"
	"github.com/milmeet/milmeet/internal/domain"
	httpapi "github.com/milmeet/milmeet/internal/http"
)

// failing is the domain with some calls made to fail as no database fails
// on demand; a call it does not stand in for panics (the nil Service),
// which the server answers 500.
type failing struct {
	httpapi.Service
	get    error
	export func(fn func(*domain.MeetingSummary) error) error
}

func (f failing) GetMeeting(context.Context, string) (*domain.Meeting, error) { return nil, f.get }

func (f failing) CheckFilter(context.Context, domain.Filter) error { return nil }

func (f failing) ExportMeetings(_ context.Context, _ domain.MeetingFilter, fn func(*domain.MeetingSummary) error) error {
	return f.export(fn)
}

func serveFailing(t *testing.T, f failing) http.Handler {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	return httpapi.NewServer(f, nil, log, httpapi.DefaultConfig(), api.Spec).Handler()
}

// Handlers run on the domain's interfaces, so failures are forced here
// without a database.
func TestHandlers_ForcedFailures(t *testing.T) {
	t.Parallel()
	id := domain.NewID()
	tests := []struct {
		name   string
		err    error
		status int
		detail string
		header string
	}{
		{"Internal", errors.New("pq: password authentication failed for user secret"), http.StatusInternalServerError,
			"Internal error.", ""},
		{"Unavailable", &domain.Error{Code: domain.EUNAVAILABLE, Message: "The database cannot be reached."},
			http.StatusServiceUnavailable, "The database cannot be reached.", "Retry-After"},
		{"Wrapped", fmt.Errorf("get meeting: %w", domain.Errorf(domain.ENOTFOUND, "There is no meeting.")),
			http.StatusNotFound, "There is no meeting.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := serveFailing(t, failing{get: tt.err})
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest("GET", "/meetings/"+id, nil))
			require.Equal(t, tt.status, w.Code, w.Body.String())
			assert.Equal(t, "application/problem+json", w.Header().Get("Content-Type"))
			var p httpapi.Problem
			require.NoError(t, json.Unmarshal(w.Body.Bytes(), &p))
			assert.Equal(t, tt.detail, p.Detail)
			assert.NotContains(t, w.Body.String(), "secret")
			if tt.header != "" {
				assert.NotEmpty(t, w.Header().Get(tt.header))
			}
		})
	}
}

// An export that fails after its first rows cuts the connection, so that
// the client cannot take a truncated export for a whole one; one that
// fails before is an ordinary problem answer.
func TestExport_ForcedFailure(t *testing.T) {
	t.Parallel()
	rows := func(n int, then error) func(fn func(*domain.MeetingSummary) error) error {
		return func(fn func(*domain.MeetingSummary) error) error {
			for range n {
				if err := fn(&domain.MeetingSummary{ID: domain.NewID(), Title: "Talks"}); err != nil {
					return err
				}
			}
			return then
		}
	}
	t.Run("Midway", func(t *testing.T) {
		t.Parallel()
		srv := httptest.NewServer(serveFailing(t, failing{export: rows(1000, errors.New("connection reset"))}))
		defer srv.Close()
		resp, err := http.Get(srv.URL + "/meetings?format=ndjson")
		require.NoError(t, err)
		defer resp.Body.Close()
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		_, err = io.ReadAll(resp.Body)
		assert.Error(t, err, "a truncated export does not end cleanly")
	})
	t.Run("BeforeFirstRow", func(t *testing.T) {
		t.Parallel()
		h := serveFailing(t, failing{export: rows(0, &domain.Error{Code: domain.EUNAVAILABLE, Message: "down"})})
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", "/meetings?format=csv", nil))
		assert.Equal(t, http.StatusServiceUnavailable, w.Code, w.Body.String())
		assert.Equal(t, "application/problem+json", w.Header().Get("Content-Type"))
	})
}

// A handler that panics (here: a call the fake does not stand in for)
// answers 500 with a problem that names the request, and the server goes
// on: the panic does not reach net/http.
func TestHandlers_Panic(t *testing.T) {
	t.Parallel()
	h := serveFailing(t, failing{})
	for _, method := range []string{"GET", "HEAD"} {
		w := httptest.NewRecorder()
		require.NotPanics(t, func() { h.ServeHTTP(w, httptest.NewRequest(method, "/meetings?limit=1", nil)) })
		require.Equal(t, http.StatusInternalServerError, w.Code, w.Body.String())
		assert.Equal(t, "application/problem+json", w.Header().Get("Content-Type"))
		assert.NotEmpty(t, w.Header().Get("X-Request-Id"))
		if method == "GET" {
			var p httpapi.Problem
			require.NoError(t, json.Unmarshal(w.Body.Bytes(), &p))
			assert.Equal(t, "Internal error.", p.Detail)
			assert.Equal(t, w.Header().Get("X-Request-Id"), p.RequestID)
		}
	}
}
