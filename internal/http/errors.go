package http

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/milmeet/milmeet/internal/domain"
)

// statuses maps domain error codes to HTTP statuses.
var statuses = map[string]int{
	domain.ECONFLICT:        http.StatusConflict,
	domain.EINVALID:         http.StatusUnprocessableEntity,
	domain.ENOTFOUND:        http.StatusNotFound,
	domain.EPRECONDITION:    http.StatusPreconditionFailed,
	domain.EPRECONDREQUIRED: http.StatusPreconditionRequired,
	domain.EUNAUTHORIZED:    http.StatusUnauthorized,
	domain.EFORBIDDEN:       http.StatusForbidden,
	domain.EUNAVAILABLE:     http.StatusServiceUnavailable,
	domain.ETOOMANY:         http.StatusTooManyRequests,
	domain.EINTERNAL:        http.StatusInternalServerError,
}

// Problem is an RFC 9457 problem details body.
type Problem struct {
	Type      string         `json:"type"`
	Title     string         `json:"title"`
	Status    int            `json:"status"`
	Detail    string         `json:"detail"`
	Instance  string         `json:"instance,omitempty"`
	RequestID string         `json:"request_id,omitempty"`
	Errors    []ProblemField `json:"errors,omitempty"`
	// ExistingID and ExistingURL name the stored record a conflict is with.
	ExistingID  string `json:"existing_id,omitempty"`
	ExistingURL string `json:"existing_url,omitempty"`
}

// badRequest marks an error in the request itself (syntax, unknown
// parameter or field), answered 400 rather than 422.
type badRequest struct{ err *domain.Error }

func (e badRequest) Error() string { return e.err.Error() }
func (e badRequest) Unwrap() error { return e.err }

func invalidRequest(message string, fields ...domain.FieldError) error {
	return badRequest{&domain.Error{Code: domain.EINVALID, Message: message, Fields: fields}}
}

// ProblemField is one bad value of a problem answer: a body value by its
// JSON pointer, or a query parameter by its name.
type ProblemField struct {
	Pointer   string `json:"pointer,omitempty"`
	Parameter string `json:"parameter,omitempty"`
	Detail    string `json:"detail"`
}

// queryError is a query that is not valid, with every parameter at fault;
// it is answered 400.
type queryError struct {
	message string
	fields  []ProblemField
}

func (e queryError) Error() string {
	s := "invalid: " + e.message
	for _, f := range e.fields {
		s += " " + f.Parameter + " " + f.Detail + ";"
	}
	return s
}

// problemFields names the domain's bad values as the request gave them: a
// filter's field by the query parameter that fills it.
func problemFields(fs []domain.FieldError) []ProblemField {
	out := make([]ProblemField, len(fs))
	for i, f := range fs {
		out[i] = ProblemField{Pointer: f.Pointer, Detail: f.Detail}
		if f.Field != "" {
			out[i].Parameter = filterParameter(f.Field)
		}
	}
	return out
}

// filterFields reports whether every bad value is a filter's field, so
// that the problem is the query's.
func filterFields(fs []domain.FieldError) bool {
	for _, f := range fs {
		if f.Field == "" {
			return false
		}
	}
	return len(fs) > 0
}

// handlerFunc is the shape of every handler: it writes its answer, or
// returns the error whose problem answers the request.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// handle turns a handler into an http.HandlerFunc. It is the one place a
// handler's error becomes a problem answer; middleware (keys, limits,
// idempotency, panics) may still answer on its own.
func (s *Server) handle(h handlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		// A read whose database node was lost before it answered runs
		// again on another.
		for err != nil && s.retryRead(w, r, err) {
			err = h(w, r)
		}
		if err != nil {
			s.writeError(w, r, err)
		}
	}
}

// extendedProblem is an error whose problem answer carries members beyond
// RFC 9457's own, such as an atomic import's report.
type extendedProblem struct {
	err    error
	extend func(Problem) any
}

func (e extendedProblem) Error() string { return e.err.Error() }
func (e extendedProblem) Unwrap() error { return e.err }

// writeError answers with the problem err describes. Internal errors are
// logged with the request id; the client sees only "Internal error.".
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	if r.Context().Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
		// The client left, the request ran out of time, or the server is
		// shutting down: not a fault of the service.
		s.log.WarnContext(r.Context(), "request ended before its answer", "err", err,
			"request_id", requestID(r.Context()))
		err = &domain.Error{Code: domain.EUNAVAILABLE, Message: "The request was cut short before it was answered."}
	}
	code, detail := domain.ErrorCode(err), domain.ErrorMessage(err)
	status, ok := statuses[code]
	if !ok {
		status = http.StatusInternalServerError
	}
	e := domain.AsError(err)
	var fields []ProblemField
	if e != nil {
		fields = problemFields(e.Fields)
	}
	var br badRequest
	var qe queryError
	switch {
	case errors.As(err, &qe):
		code, detail, status, fields = domain.EINVALID, qe.message, http.StatusBadRequest, qe.fields
	case errors.As(err, &br) || (code == domain.EINVALID && filterFields(e.Fields)):
		status = http.StatusBadRequest
	}
	p := Problem{
		Type:      "urn:milmeet:problem:" + code,
		Title:     http.StatusText(status),
		Status:    status,
		Detail:    detail,
		Instance:  r.URL.Path,
		RequestID: requestID(r.Context()),
		Errors:    fields,
	}
	if e != nil {
		if id, ok := e.Data["existing_id"].(string); ok {
			p.ExistingID, p.ExistingURL = id, "/meetings/"+id
			w.Header().Set("Location", p.ExistingURL)
		}
	}
	if status == http.StatusInternalServerError {
		s.log.ErrorContext(r.Context(), "internal error", "err", err, "request_id", p.RequestID,
			"method", r.Method, "path", r.URL.Path)
		p.Detail = "Internal error."
	}
	if status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", strconv.Itoa(s.cfg.RetryAfterSeconds))
		s.log.WarnContext(r.Context(), "unavailable", slog.String("err", err.Error()), slog.String("request_id", p.RequestID))
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="milmeet"`)
	}
	w.Header().Set("Cache-Control", "no-store")
	var body any = p
	var ext extendedProblem
	if errors.As(err, &ext) {
		body = ext.extend(p)
	}
	s.writeBody(w, r, status, "application/problem+json", body)
}
