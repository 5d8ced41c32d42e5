package http

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/milmeet/milmeet/internal/domain"
)

// oneMeeting is a Service that has one meeting and nothing else.
type oneMeeting struct {
	Service
	m *domain.Meeting
}

func (s oneMeeting) GetMeeting(context.Context, string) (*domain.Meeting, error) { return s.m, nil }

// BenchmarkServeGetMeeting measures what the HTTP layer spends on a GET
// /meetings/{id} besides the database: routing, the layers every request
// passes, the meeting's body, entity tag and headers, over a Service that
// answers at once.
func BenchmarkServeGetMeeting(b *testing.B) {
	var m domain.Meeting
	if err := json.Unmarshal([]byte(benchMeeting), &m); err != nil {
		b.Fatal(err)
	}
	h := NewServer(oneMeeting{m: &m}, nil, slog.New(slog.NewTextHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelWarn})),
		DefaultConfig(), nil).Handler()
	req := httptest.NewRequest(http.MethodGet, "/meetings/"+m.ID, nil)
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatal(w.Code, w.Body.String())
		}
	}
}
