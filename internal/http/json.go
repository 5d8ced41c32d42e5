package http

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/zeebo/xxh3"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/jsonx"
)

// decodeJSON reads a JSON body of at most max bytes into v, rejecting other
// content types, unknown fields and trailing data.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any, max int64) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			return &domain.Error{Code: errUnsupportedMedia, Message: "The body must be application/json."}
		}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, max))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return &domain.Error{Code: errTooLarge, Message: fmt.Sprintf("The body is larger than %d bytes.", max)}
		}
		return invalidRequest("The body could not be read.")
	}
	if err := jsonx.Strict(body, v); err != nil {
		return badRequest{domain.AsError(err)}
	}
	return nil
}

// etag returns a strong entity tag for a representation: 96 bits of its
// XXH3 digest, which tells versions of a representation apart (a change
// detector, not a signature) at a small fraction of SHA-256's cost.
func etag(body []byte) string {
	sum := xxh3.Hash128(body).Bytes()
	var b [2 + 24]byte
	b[0], b[25] = '"', '"'
	hex.Encode(b[1:25], sum[:12])
	return string(b[:])
}

// meetingTag is the entity tag of a meeting's representation, of the same
// form as any other: its first 8 hex digits are the meeting's version,
// which a write's If-Match is checked against; the rest digests the
// representation, which changes too when a shared record the meeting shows
// (a source's outlet found later) does, so that a cache never keeps it.
func meetingTag(version int, body []byte) string {
	return fmt.Sprintf(`"%08x%s"`, uint32(version), strings.Trim(etag(body), `"`)[:16])
}

// versionMatch reports whether an If-Match header names the meeting's (or
// draft's) version (or is "*").
func versionMatch(header string, version int) bool {
	want := fmt.Sprintf(`"%08x`, uint32(version))
	for _, t := range strings.Split(header, ",") {
		// A weak tag is a compressed answer's: the same version.
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || len(t) == 26 && strings.HasPrefix(t, want) {
			return true
		}
	}
	return false
}

// writeJSON answers status with v as JSON, with a strong ETag; a GET whose
// If-None-Match holds that tag gets 304 and no body. A value that cannot be
// encoded is an error, returned before anything is written.
func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) error {
	body, tag, err := encodeJSON(v)
	if err != nil {
		return err
	}
	s.writeEncoded(w, r, status, "application/json", body, tag)
	return nil
}

// encodeJSON returns the body of a JSON answer and its entity tag: a
// meeting's or a draft's names its version (meetingTag).
func encodeJSON(v any) (body []byte, tag string, err error) {
	if m, ok := v.(*domain.Meeting); ok {
		// Called directly, the meeting's own encoder is not followed by a
		// second pass that checks and compacts what it wrote.
		body, err = m.MarshalJSON()
	} else {
		body, err = json.Marshal(v)
	}
	if err != nil {
		return nil, "", fmt.Errorf("encode answer: %w", err)
	}
	body = append(body, '\n')
	if m, ok := v.(*domain.Meeting); ok {
		return body, meetingTag(m.Version, body), nil
	}
	if d, ok := v.(*domain.Draft); ok {
		return body, meetingTag(d.Version, body), nil
	}
	return body, etag(body), nil
}

// writeBody answers with v encoded as contentType's JSON.
func (s *Server) writeBody(w http.ResponseWriter, r *http.Request, status int, contentType string, v any) {
	body, tag, err := encodeJSON(v)
	if err != nil {
		s.log.ErrorContext(r.Context(), "encode response", "err", err)
		http.Error(w, `{"title":"Internal Server Error","status":500}`, http.StatusInternalServerError)
		return
	}
	s.writeEncoded(w, r, status, contentType, body, tag)
}

// writeEncoded answers with an encoded JSON body and its entity tag.
func (s *Server) writeEncoded(w http.ResponseWriter, r *http.Request, status int, contentType string, body []byte,
	tag string) {
	w.Header().Set("Content-Type", contentType)
	if s.notModified(w, r, status, tag) {
		return
	}
	h := w.Header()
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// notModified sets the headers of a successful answer with the entity tag
// tag and, when it is a GET's 200 whose If-None-Match holds the tag,
// answers 304 and reports true: the body need not be made.
func (s *Server) notModified(w http.ResponseWriter, r *http.Request, status int, tag string) bool {
	if status >= 300 {
		return false
	}
	h := w.Header()
	h.Set("ETag", tag)
	if (r.Method != http.MethodGet && r.Method != http.MethodHead) || status != http.StatusOK {
		return false
	}
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", s.cfg.CacheControl)
	}
	if !etagMatch(r.Header.Get("If-None-Match"), tag) {
		return false
	}
	w.WriteHeader(http.StatusNotModified)
	return true
}

// etagMatch reports whether an If-None-Match or If-Match header holds tag
// (or "*"); weak tags compare by their opaque part.
func etagMatch(header, tag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == tag {
			return true
		}
	}
	return false
}
