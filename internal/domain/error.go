package domain

import (
	"errors"
	"fmt"
)

// Error codes. The HTTP layer maps each to a status.
const (
	ECONFLICT        = "conflict"              // the record exists already or was changed meanwhile
	EINTERNAL        = "internal"              // a bug or an unexpected failure
	EINVALID         = "invalid"               // the input breaks a rule
	ENOTFOUND        = "not_found"             // no such record
	EPRECONDITION    = "precondition"          // a conditional request's condition failed
	EUNAUTHORIZED    = "unauthorized"          // no or bad credentials
	EFORBIDDEN       = "forbidden"             // credentials without the right
	EUNAVAILABLE     = "unavailable"           // the database cannot be reached for now
	ETOOMANY         = "too_many"              // a rate or concurrency limit was hit
	EPRECONDREQUIRED = "precondition_required" // a conditional request was needed
)

// FieldError names one bad input value: a value of a record by its JSON
// pointer, or a field of a filter by its name.
type FieldError struct {
	// Pointer is the RFC 6901 pointer of a bad value of a record.
	Pointer string `json:"pointer,omitempty"`
	// Field names a bad field of a filter as its type spells it (Topic,
	// Limit, After); whoever filled the filter knows where the value came
	// from.
	Field  string `json:"-"`
	Detail string `json:"detail"`
}

// Error is an error the caller can act on: a code, a message for people, and
// for invalid input the fields at fault.
type Error struct {
	Code    string
	Message string
	Fields  []FieldError
	// Data carries machine-readable extras, such as the id of the stored
	// record a conflict is with.
	Data map[string]any
}

func (e *Error) Error() string {
	s := fmt.Sprintf("%s: %s", e.Code, e.Message)
	for _, f := range e.Fields {
		s += fmt.Sprintf(" %s%s %s;", f.Pointer, f.Field, f.Detail)
	}
	return s
}

// Errorf returns an *Error with the code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// any other error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the first *Error in err's chain, and
// "Internal error." for any other error.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}

// AsError returns the first *Error in err's chain, or nil.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// Problems gathers field errors during validation.
type Problems []FieldError

// Add records a problem with the value at pointer.
func (p *Problems) Add(pointer, format string, args ...any) {
	*p = append(*p, FieldError{Pointer: pointer, Detail: fmt.Sprintf(format, args...)})
}

// AddField records a problem with a filter's field.
func (p *Problems) AddField(field, format string, args ...any) {
	*p = append(*p, FieldError{Field: field, Detail: fmt.Sprintf(format, args...)})
}

// Err returns an EINVALID *Error listing the problems, or nil when there are none.
func (p Problems) Err(message string) error {
	if len(p) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: message, Fields: p}
}
