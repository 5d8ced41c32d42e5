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

// negotiate refuses, 406, a request whose Accept admits none of the media
// types the route answers with: JSON everywhere (problems are
// application/problem+json), and NDJSON and CSV from GET /meetings.
func negotiate(r *http.Request) error {
	accept := r.Header.Get("Accept")
	if accept == "" {
		return nil
	}
	offers := []string{"application/json", "application/problem+json"}
	if r.URL.Path == "/meetings" && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
		offers = append(offers, exportTypes...)
	}
	if acceptsAny(accept, offers) {
		return nil
	}
	return &domain.Error{Code: errNotAcceptable,
		Message: "This resource is given as " + strings.Join(offers, ", ") + "; the Accept header admits none of them."}
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
func identityBody(w http.ResponseWriter, r *http.Request) error {
	for _, v := range r.Header.Values("Content-Encoding") {
		for _, coding := range strings.Split(v, ",") {
			if c := strings.TrimSpace(coding); c != "" && !strings.EqualFold(c, "identity") {
				w.Header().Set("Accept-Encoding", "identity")
				return &domain.Error{Code: errUnsupportedMedia,
					Message: "The body must be sent without a content coding (Content-Encoding " + c + " is not accepted)."}
			}
		}
	}
	return nil
}
