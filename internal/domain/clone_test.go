package domain_test

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
)

// TestMeetingClone: a clone equals the meeting and shares no pointer or
// slice with it, for every field, those added later included (the meeting
// is filled by reflection).
func TestMeetingClone(t *testing.T) {
	t.Parallel()
	var m domain.Meeting
	fill(reflect.ValueOf(&m).Elem(), 2)
	require.NotEmpty(t, m.ChildMeetings)
	c := m.Clone()
	assert.Equal(t, m, *c)
	var shared []string
	unshared(reflect.ValueOf(m), reflect.ValueOf(*c), "Meeting", &shared)
	assert.Empty(t, shared)

	var empty domain.Meeting
	assert.Equal(t, empty, *empty.Clone(), "nil stays nil")
}

// fill gives every pointer a value and every slice one element, to depth
// levels of nested meetings.
func fill(v reflect.Value, depth int) {
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), depth)
	case reflect.Slice:
		if v.Type().Elem() == reflect.TypeOf(domain.Meeting{}) {
			if depth == 0 {
				return
			}
			depth--
		}
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0), depth)
	case reflect.Struct:
		if v.Type().PkgPath() != "github.com/milmeet/milmeet/internal/domain" {
			return // time.Time and the like: values
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), depth)
			}
		}
	case reflect.String:
		v.SetString("x")
	case reflect.Int:
		v.SetInt(1)
	}
}

// unshared records where a and b share a pointer or a slice's array.
func unshared(a, b reflect.Value, at string, out *[]string) {
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() {
			return
		}
		if a.Pointer() == b.Pointer() {
			*out = append(*out, at)
		}
		unshared(a.Elem(), b.Elem(), at, out)
	case reflect.Slice:
		if a.Len() == 0 {
			return
		}
		if a.Pointer() == b.Pointer() {
			*out = append(*out, at)
		}
		for i := range a.Len() {
			unshared(a.Index(i), b.Index(i), at+"[]", out)
		}
	case reflect.Struct:
		for i := range a.NumField() {
			if a.Type().Field(i).IsExported() {
				unshared(a.Field(i), b.Field(i), at+"."+a.Type().Field(i).Name, out)
			}
		}
	}
}
