package http

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"github.com/milmeet/milmeet/internal/domain"
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
	return unmarshalStrict(body, v)
}

// unmarshalStrict decodes one JSON value into v and names, by JSON pointer,
// the value at fault when it cannot.
func unmarshalStrict(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if dec.More() {
			return invalidRequest("The body holds more than one JSON value.")
		}
		if _, terr := dec.Token(); terr != io.EOF {
			return invalidRequest("The body holds more than one JSON value.")
		}
		return nil
	}
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return invalidRequest("The body is empty.")
	case errors.As(err, &syntax):
		return invalidRequest(fmt.Sprintf("The body is not valid JSON (at byte %d).", syntax.Offset))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return invalidRequest("The body is not valid JSON: it ends early.")
	case errors.As(err, &typ):
		ptr := "/" + strings.ReplaceAll(typ.Field, ".", "/")
		if typ.Field == "" {
			ptr = ""
		}
		return invalidRequest("A value has the wrong type.",
			domain.FieldError{Pointer: ptr, Detail: fmt.Sprintf("must be %s, not %s", jsonKind(typ.Type), typ.Value)})
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		var generic any
		_ = json.Unmarshal(body, &generic)
		ptr := unknownField(generic, reflect.TypeOf(v), "")
		return invalidRequest("The body has a field this API does not know.",
			domain.FieldError{Pointer: ptr, Detail: "is not a known field"})
	}
	return invalidRequest("The body is not valid: " + err.Error())
}

func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int32, reflect.Int64, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return t.String()
}

// unknownField returns the pointer of the first object key in v that type t
// has no field for, or "".
func unknownField(v any, t reflect.Type, at string) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch v := v.(type) {
	case map[string]any:
		if t.Kind() != reflect.Struct || t.Implements(unmarshalerType) || reflect.PointerTo(t).Implements(unmarshalerType) {
			return ""
		}
		fields := map[string]reflect.Type{}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" || !f.IsExported() {
				continue
			}
			if name == "" {
				name = f.Name
			}
			fields[strings.ToLower(name)] = f.Type
		}
		for k, sub := range v {
			ft, ok := fields[strings.ToLower(k)]
			if !ok {
				return at + "/" + escapePointer(k)
			}
			if p := unknownField(sub, ft, at+"/"+escapePointer(k)); p != "" {
				return p
			}
		}
	case []any:
		if t.Kind() != reflect.Slice {
			return ""
		}
		for i, sub := range v {
			if p := unknownField(sub, t.Elem(), at+"/"+strconv.Itoa(i)); p != "" {
				return p
			}
		}
	}
	return ""
}

var unmarshalerType = reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()

func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// etag returns a strong entity tag for a representation.
func etag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}

// writeJSON answers 200 with v as JSON, with a strong ETag; a GET whose
// If-None-Match holds that tag gets 304 and no body.
func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	s.writeBody(w, r, status, "application/json", v)
}

func (s *Server) writeBody(w http.ResponseWriter, r *http.Request, status int, contentType string, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		s.log.ErrorContext(r.Context(), "encode response", "err", err)
		http.Error(w, `{"title":"Internal Server Error","status":500}`, http.StatusInternalServerError)
		return
	}
	body = append(body, '\n')
	h := w.Header()
	h.Set("Content-Type", contentType)
	if status < 300 {
		tag := etag(body)
		h.Set("ETag", tag)
		if (r.Method == http.MethodGet || r.Method == http.MethodHead) && status == http.StatusOK {
			if h.Get("Cache-Control") == "" {
				h.Set("Cache-Control", s.cfg.CacheControl)
			}
			if etagMatch(r.Header.Get("If-None-Match"), tag) {
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
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
