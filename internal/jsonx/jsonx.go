// Package jsonx reads JSON from clients strictly: unknown fields, trailing
// data and wrong types are errors that name the value at fault by JSON
// pointer.
package jsonx

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/milmeet/milmeet/internal/domain"
)

func invalid(message string, fields ...domain.FieldError) error {
	return &domain.Error{Code: domain.EINVALID, Message: message, Fields: fields}
}

// Strict decodes one JSON value into v and names, by JSON pointer,
// the value at fault when it cannot.
func Strict(body []byte, v any) error {
	if mayRepeatKey(body) {
		if ptr, dup := duplicateKey(body); dup {
			return invalid("The body names a field twice.", domain.FieldError{Pointer: ptr, Detail: "is given more than once"})
		}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if dec.More() {
			return invalid("The body holds more than one JSON value.")
		}
		if _, terr := dec.Token(); terr != io.EOF {
			return invalid("The body holds more than one JSON value.")
		}
		return nil
	}
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return invalid("The body is empty.")
	case errors.As(err, &syntax):
		return invalid(fmt.Sprintf("The body is not valid JSON (at byte %d).", syntax.Offset))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return invalid("The body is not valid JSON: it ends early.")
	case errors.As(err, &typ):
		// The decoder names the field without array indices; find the value.
		var generic any
		_ = json.Unmarshal(body, &generic)
		ptr, found := typeMismatch(generic, reflect.TypeOf(v), "")
		if !found {
			ptr = "/" + strings.ReplaceAll(typ.Field, ".", "/")
			if typ.Field == "" {
				ptr = ""
			}
		}
		return invalid("A value has the wrong type.",
			domain.FieldError{Pointer: ptr, Detail: fmt.Sprintf("must be %s, not %s", jsonKind(typ.Type), typ.Value)})
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		var generic any
		_ = json.Unmarshal(body, &generic)
		ptr := unknownField(generic, reflect.TypeOf(v), "")
		return invalid("The body has a field this API does not know.",
			domain.FieldError{Pointer: ptr, Detail: "is not a known field"})
	}
	var generic any
	if json.Unmarshal(body, &generic) == nil {
		if ptr, found := typeMismatch(generic, reflect.TypeOf(v), ""); found {
			return invalid("A value has the wrong type.", domain.FieldError{Pointer: ptr, Detail: err.Error()})
		}
	}
	return invalid("The body is not valid: " + err.Error())
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

// mayRepeatKey reports whether body may name a key twice in one object. It
// is false when the keys of every object, as written, are plain ASCII
// without escapes and differ, read in one pass over the bytes; only
// otherwise does duplicateKey, which decodes every token, have to look.
// (That look was half of the decoding of an import's lines.)
func mayRepeatKey(body []byte) bool {
	var stackBuf [16]int
	var keysBuf [64][]byte
	// stack holds, for each open object, where its keys start in keys;
	// -1 for an array.
	stack, keys := stackBuf[:0], keysBuf[:0]
	key := false // the next string is an object's key
	for i := 0; i < len(body); i++ {
		switch body[i] {
		case '"':
			j, plain := i+1, true
			for ; j < len(body) && body[j] != '"'; j++ {
				switch {
				case body[j] == '\\':
					plain = false
					j++
				case body[j] >= 0x80:
					plain = false
				}
			}
			if j >= len(body) {
				return false // not valid JSON: the decoder says so
			}
			if key {
				if !plain {
					return true
				}
				k := body[i+1 : j]
				for _, o := range keys[stack[len(stack)-1]:] {
					if bytes.Equal(o, k) {
						return true
					}
				}
				keys = append(keys, k)
				key = false
			}
			i = j
		case '{':
			stack = append(stack, len(keys))
			key = true
		case '[':
			stack = append(stack, -1)
			key = false
		case '}', ']':
			if len(stack) == 0 {
				return false
			}
			if at := stack[len(stack)-1]; at >= 0 {
				keys = keys[:at]
			}
			stack = stack[:len(stack)-1]
			key = false
		case ',':
			key = len(stack) > 0 && stack[len(stack)-1] >= 0
		}
	}
	return false
}

// duplicateKey returns the pointer of the first object key given twice in
// one object: JSON leaves such a document's meaning to the reader, and this
// one does not guess. Bodies that are not valid JSON are left to the decoder.
func duplicateKey(body []byte) (string, bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	type frame struct {
		object bool
		keys   map[string]bool
		at     string
		index  int
		key    bool // an object's next token is a key
	}
	var stack []*frame
	path := func() string {
		var b strings.Builder
		for _, f := range stack {
			b.WriteString(f.at)
		}
		return b.String()
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			return "", false
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if top != nil && top.object && top.key {
			if d, ok := tok.(json.Delim); ok && d == '}' {
				stack = stack[:len(stack)-1]
				continue
			}
			k, _ := tok.(string)
			if top.keys[k] {
				top.at = "/" + escapePointer(k)
				return path(), true
			}
			top.keys[k] = true
			top.at = "/" + escapePointer(k)
			top.key = false
			continue
		}
		if top != nil && !top.object {
			if d, ok := tok.(json.Delim); ok && d == ']' {
				stack = stack[:len(stack)-1]
				continue
			}
			top.at = "/" + strconv.Itoa(top.index)
			top.index++
		}
		if top != nil && top.object {
			top.key = true // the value is read; a key comes next
		}
		if d, ok := tok.(json.Delim); ok {
			switch d {
			case '{':
				stack = append(stack, &frame{object: true, keys: map[string]bool{}, key: true})
			case '[':
				stack = append(stack, &frame{})
			}
		}
		if len(stack) == 0 {
			return "", false
		}
	}
}

// typeMismatch returns the pointer of the first value in v that type t
// cannot hold.
func typeMismatch(v any, t reflect.Type, at string) (string, bool) {
	for t.Kind() == reflect.Pointer {
		if v == nil {
			return "", false
		}
		t = t.Elem()
	}
	if v == nil || t.Kind() == reflect.Interface {
		return "", false
	}
	if t.Implements(unmarshalerType) || reflect.PointerTo(t).Implements(unmarshalerType) {
		if _, ok := v.(string); !ok {
			return at, true
		}
		return "", false
	}
	switch v := v.(type) {
	case string:
		return at, t.Kind() != reflect.String
	case bool:
		return at, t.Kind() != reflect.Bool
	case float64:
		switch t.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			return at, v != float64(int64(v))
		case reflect.Float32, reflect.Float64:
			return "", false
		}
		return at, true
	case []any:
		if t.Kind() != reflect.Slice && t.Kind() != reflect.Array {
			return at, true
		}
		for i, sub := range v {
			if p, ok := typeMismatch(sub, t.Elem(), at+"/"+strconv.Itoa(i)); ok {
				return p, true
			}
		}
	case map[string]any:
		switch t.Kind() {
		case reflect.Map:
			for k, sub := range v {
				if p, ok := typeMismatch(sub, t.Elem(), at+"/"+escapePointer(k)); ok {
					return p, true
				}
			}
		case reflect.Struct:
			for i := 0; i < t.NumField(); i++ {
				f := t.Field(i)
				name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
				if name == "-" || !f.IsExported() {
					continue
				}
				if name == "" {
					name = f.Name
				}
				for k, sub := range v {
					if strings.EqualFold(k, name) {
						if p, ok := typeMismatch(sub, f.Type, at+"/"+escapePointer(k)); ok {
							return p, true
						}
					}
				}
			}
		default:
			return at, true
		}
	}
	return "", false
}

var unmarshalerType = reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()

func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// ReadError is the error of EachLine when r fails: Line is the first line
// not read whole (a part of it that came is dropped).
type ReadError struct {
	Line int
	Err  error
}

func (e *ReadError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *ReadError) Unwrap() error { return e.Err }

// EachLine calls fn with each line of r that is not blank, numbered from 1,
// without its line break. A line longer than max bytes is passed cut short
// with tooLong set, so that one bad line does not stop the rest. It stops
// when fn returns false. When r fails, the line it was reading is not
// passed and the error is a *ReadError.
func EachLine(r io.Reader, max int, fn func(n int, line []byte, tooLong bool) bool) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var buf []byte
	n := 0
	for {
		chunk, err := br.ReadSlice('\n')
		tooLong := false
		if len(buf)+len(chunk) > max {
			tooLong = true
			if len(buf) < max {
				buf = append(buf, chunk[:max-len(buf)]...)
			}
		} else {
			buf = append(buf, chunk...)
		}
		if err == bufio.ErrBufferFull {
			// The line goes on; keep reading it (and past max, skipping it).
			for err == bufio.ErrBufferFull {
				chunk, err = br.ReadSlice('\n')
				if len(buf)+len(chunk) > max {
					tooLong = true
					if len(buf) < max {
						buf = append(buf, chunk[:max-len(buf)]...)
					}
				} else {
					buf = append(buf, chunk...)
				}
			}
		}
		if err != nil && err != io.EOF {
			return &ReadError{Line: n + 1, Err: err}
		}
		if len(buf) > 0 || err == nil {
			n++
			line := bytes.TrimRight(buf, "\r\n")
			if len(bytes.TrimSpace(line)) > 0 && !fn(n, line, tooLong) {
				return nil
			}
		}
		buf = buf[:0]
		if err == io.EOF {
			return nil
		}
	}
}

// MeetingLines reads an NDJSON import: each line that is not blank, from
// line from on (1: all), becomes a meeting, or the reason it is not one.
// It stops when emit returns false.
func MeetingLines(r io.Reader, max, from int, emit func(domain.ImportLine) bool) error {
	return EachLine(r, max, func(n int, raw []byte, tooLong bool) bool {
		if n < from {
			return true
		}
		l := domain.ImportLine{N: n}
		if tooLong {
			l.Err = domain.Errorf(domain.EINVALID, "The line is longer than %d bytes.", max)
		} else {
			var m domain.Meeting
			if l.Err = Strict(raw, &m); l.Err == nil {
				l.Meeting = &m
			}
		}
		return emit(l)
	})
}
