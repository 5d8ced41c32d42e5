package http

import (
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/milmeet/milmeet/internal/domain"
)

// errNotAcceptable answers an Accept that names nothing the route gives.
const errNotAcceptable = "not_acceptable"

func init() { statuses[errNotAcceptable] = http.StatusNotAcceptable }

// exportTypes are what GET /meetings gives besides JSON.
var exportTypes = []string{"application/x-ndjson", "application/ndjson", "text/csv"}

// negotiate answers 406 when the request's Accept admits none of the media
// types the route answers with: JSON everywhere (problems are
// application/problem+json), and NDJSON and CSV from GET /meetings.
func (s *Server) negotiate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		accept := r.Header.Get("Accept")
		offers := []string{"application/json", "application/problem+json"}
		if r.URL.Path == "/meetings" && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
			offers = append(offers, exportTypes...)
		}
		if accept == "" || acceptsAny(accept, offers) {
			next.ServeHTTP(w, r)
			return
		}
		s.writeError(w, r, &domain.Error{Code: errNotAcceptable,
			Message: "This resource is given as " + strings.Join(offers, ", ") + "; the Accept header admits none of them."})
	})
}

// acceptsAny reports whether the Accept header admits one of offers.
func acceptsAny(accept string, offers []string) bool {
	for _, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		if q, err := strconv.ParseFloat(params["q"], 64); err == nil && q <= 0 {
			continue
		}
		for _, o := range offers {
			typ, _, _ := strings.Cut(o, "/")
			if mt == "*/*" || mt == o || mt == typ+"/*" ||
				strings.HasSuffix(o, "+json") && mt == "application/json" {
				return true
			}
		}
	}
	return false
}

// compressible are the media types middleware.Compress compresses; keep
// the two lists together.
var compressible = []string{"application/json", "application/problem+json", "application/x-ndjson",
	"text/csv", "application/yaml"}

// weakETagWhenCompressed makes the ETag of an answer that will be sent
// compressed weak (W/"…"): the gzip and the identity bytes differ, so one
// strong tag may not name both. Conditional requests compare tags by their
// opaque part, so either form validates. It runs inside Compress, which adds
// Vary: Accept-Encoding to what it compresses; the identity answer of a
// type it would have compressed gets Vary: Accept-Encoding here, since a
// request that accepts gzip gets other bytes (RFC 9110, 12.5.5).
func weakETagWhenCompressed(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ae := strings.ToLower(r.Header.Get("Accept-Encoding"))
		identity := !strings.Contains(ae, "gzip") && !strings.Contains(ae, "deflate")
		next.ServeHTTP(&weakener{ResponseWriter: w, identity: identity}, r)
	})
}

type weakener struct {
	http.ResponseWriter
	identity bool // the request accepts no encoding Compress gives
	wrote    bool
}

func (w *weakener) WriteHeader(code int) {
	if !w.wrote {
		w.wrote = true
		h := w.Header()
		tag := h.Get("ETag")
		ct, _, _ := mime.ParseMediaType(h.Get("Content-Type"))
		switch {
		case !slicesContains(compressible, ct):
		case w.identity:
			h.Add("Vary", "Accept-Encoding")
		case tag != "" && !strings.HasPrefix(tag, "W/") && h.Get("Content-Encoding") == "":
			h.Set("ETag", "W/"+tag)
		}
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *weakener) Write(b []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

// Flush lets streamed exports through.
func (w *weakener) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap gives http.ResponseController the writer underneath.
func (w *weakener) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func slicesContains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// identityBody refuses a request body sent with a content coding: the API
// reads bodies as sent and decodes none, so a gzip body would be taken for
// JSON and refused with a misleading message, or worse, stored as text. The
// answer is 415 with Accept-Encoding: identity (RFC 7694).
func (s *Server) identityBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, v := range r.Header.Values("Content-Encoding") {
			for _, coding := range strings.Split(v, ",") {
				if c := strings.TrimSpace(coding); c != "" && !strings.EqualFold(c, "identity") {
					w.Header().Set("Accept-Encoding", "identity")
					s.writeError(w, r, &domain.Error{Code: errUnsupportedMedia,
						Message: "The body must be sent without a content coding (Content-Encoding " + c + " is not accepted)."})
					return
				}
			}
		}
		next.ServeHTTP(w, r)
	})
}
