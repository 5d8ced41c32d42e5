package http

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/milmeet/milmeet/internal/domain"
)

// replayedHeaders are the headers an idempotent answer is stored and
// replayed with.
var replayedHeaders = []string{"Content-Type", "Location", "ETag", "Cache-Control"}

// idempotent makes a POST with an Idempotency-Key safe to retry: the first
// answer is stored and replayed, byte for byte, for the same key and body;
// the same key with another body is 422, and while the first request runs
// a second gets 409.
func (s *Server) idempotent(next http.Handler) http.Handler { return s.idempotentWrite(nil)(next) }

// idempotentWrite is idempotent for a route whose answer to a meeting's
// write render gives: the answer is then stored by the write's own
// transaction, so that a write that committed is answered as it was even
// when its first answer was lost (the database went away before it).
func (s *Server) idempotentWrite(render func(m *domain.Meeting, created bool) (storedAnswer, error)) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler { return s.idempotentHandler(next, render) }
}

func (s *Server) idempotentHandler(next http.Handler, render func(*domain.Meeting, bool) (storedAnswer, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get("Idempotency-Key")
		k := keyOf(r)
		if key == "" || k == nil {
			next.ServeHTTP(w, r)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes))
		if err != nil {
			s.writeError(w, r, &domain.Error{Code: errTooLarge, Message: "The body is too large."})
			return
		}
		sum := sha256.New()
		io.WriteString(sum, r.Method+" "+r.URL.Path+"?"+r.URL.RawQuery+"\n")
		sum.Write(body)
		stored, err := s.svc.BeginRequest(r.Context(), k.Name, key, sum.Sum(nil))
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		if stored != nil {
			var a storedAnswer
			if err := json.Unmarshal(stored, &a); err != nil {
				s.writeError(w, r, fmt.Errorf("read stored answer: %w", err))
				return
			}
			for name, v := range a.Headers {
				w.Header().Set(name, v)
			}
			w.Header().Set("Idempotent-Replayed", "true")
			w.Header().Set("Content-Length", strconv.Itoa(len(a.Body)))
			w.WriteHeader(a.Status)
			_, _ = w.Write(a.Body)
			return
		}
		rec := &recorder{header: http.Header{}, status: http.StatusOK}
		r.Body = io.NopCloser(bytes.NewReader(body))
		if render != nil {
			r = r.WithContext(domain.WithWriteOutcome(r.Context(), &domain.WriteOutcome{Owner: k.Name, Key: key,
				Render: func(m *domain.Meeting, created bool) ([]byte, error) {
					a, err := render(m, created)
					if err != nil {
						return nil, err
					}
					return json.Marshal(a)
				}}))
		}
		next.ServeHTTP(rec, r)

		ctx := context.WithoutCancel(r.Context())
		if rec.status >= 500 {
			// Not an answer to replay. A write that committed stored its
			// answer with it, which this keeps; otherwise the claim goes,
			// and a retry with the key runs again.
			if err := s.svc.AbandonRequest(ctx, k.Name, key); err != nil {
				s.log.WarnContext(ctx, "abandon idempotency key", "err", err)
			}
		} else {
			a := storedAnswer{Status: rec.status, Body: rec.body.Bytes(), Headers: map[string]string{}}
			for _, name := range replayedHeaders {
				if v := rec.header.Get(name); v != "" {
					a.Headers[name] = v
				}
			}
			outcome, err := json.Marshal(a)
			if err == nil {
				err = s.svc.FinishRequest(ctx, k.Name, key, outcome)
			}
			if err != nil {
				s.log.WarnContext(ctx, "store idempotent answer", "err", err)
			}
		}
		for name, vs := range rec.header {
			w.Header()[name] = vs
		}
		w.WriteHeader(rec.status)
		_, _ = w.Write(rec.body.Bytes())
	})
}

// meetingAnswer is the answer to a POST /meetings that stored m: 201 with
// the meeting when it created it, 200 when it merged into it; as
// createMeeting writes it.
func meetingAnswer(m *domain.Meeting, created bool) (storedAnswer, error) {
	body, tag, err := encodeJSON(m)
	if err != nil {
		return storedAnswer{}, err
	}
	status := http.StatusCreated
	if !created {
		status = http.StatusOK
	}
	return storedAnswer{Status: status, Body: body, Headers: map[string]string{"Content-Type": "application/json",
		"Location": "/meetings/" + m.ID, "ETag": tag}}, nil
}

// storedAnswer is the answer to a request with an Idempotency-Key, as it is
// stored (the domain's outcome of the request) and replayed.
type storedAnswer struct {
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers"`
	Body    []byte            `json:"body"`
}

// recorder holds an answer until it is stored.
type recorder struct {
	header      http.Header
	status      int
	wroteHeader bool
	body        bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if !r.wroteHeader {
		r.status, r.wroteHeader = status, true
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wroteHeader = true
	return r.body.Write(b)
}
