package jsonx

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
)

func TestStrict_Pointers(t *testing.T) {
	tests := []struct {
		name, body, pointer string
	}{
		{"unknown top-level field", `{"colour": 1}`, "/colour"},
		{"unknown nested field", `{"delegations": [{"country": "AZ"}, {"head": {"age": 3}}]}`, "/delegations/1/head/age"},
		{"wrong type in an array", `{"delegations": [{}, {"members": [{}, {"rank": 5}]}]}`, "/delegations/1/members/1/rank"},
		{"wrong type at the top", `{"title": 7}`, "/title"},
		{"number for a date", `{"date": 2025}`, "/date"},
		{"fraction for an integer", `{"series": {"name": "x", "edition": 1.5}}`, "/series/edition"},
		{"duplicate key", `{"title": "a", "title": "b"}`, "/title"},
		{"duplicate nested key", `{"delegations": [{"country": "AZ"}, {"role": "host", "role": "guest"}]}`, "/delegations/1/role"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m domain.Meeting
			err := Strict([]byte(tt.body), &m)
			require.Error(t, err)
			e := domain.AsError(err)
			require.NotNil(t, e)
			if tt.pointer != "" {
				require.NotEmpty(t, e.Fields)
				assert.Equal(t, tt.pointer, e.Fields[0].Pointer)
			}
		})
	}
}

func TestStrict_Rejects(t *testing.T) {
	for _, body := range []string{``, `{`, `{} {}`, `{}x`, `[]`, `null x`} {
		var m domain.Meeting
		assert.Error(t, Strict([]byte(body), &m), body)
	}
	var m domain.Meeting
	assert.NoError(t, Strict([]byte(` {"title": "x"} `+"\n"), &m))
}

func TestEachLine(t *testing.T) {
	in := "a\n\n" + strings.Repeat("b", 100) + "\r\nc\nlast"
	var got []string
	var long []bool
	var nums []int
	err := EachLine(strings.NewReader(in), 10, func(n int, line []byte, tooLong bool) bool {
		nums = append(nums, n)
		got = append(got, string(line))
		long = append(long, tooLong)
		return true
	})
	require.NoError(t, err)
	assert.Equal(t, []int{1, 3, 4, 5}, nums)
	assert.Equal(t, []string{"a", "bbbbbbbbbb", "c", "last"}, got)
	assert.Equal(t, []bool{false, true, false, false}, long)
}

func TestEachLine_LongerThanBuffer(t *testing.T) {
	big := strings.Repeat("x", 200<<10)
	var lens []int
	err := EachLine(strings.NewReader(big+"\nok\n"), 300<<10, func(n int, line []byte, tooLong bool) bool {
		assert.False(t, tooLong)
		lens = append(lens, len(line))
		return true
	})
	require.NoError(t, err)
	assert.Equal(t, []int{200 << 10, 2}, lens)
}

func FuzzStrict(f *testing.F) {
	for _, s := range []string{`{"title":"a","date":"2025-12-10","kind":"meeting","delegations":[{"country":"AZ","role":"host"}]}`,
		`{"delegations":[{"members":[{"rank":5}]}]}`, `{"date":"--10-28"}`, `[]`, `{"a":`, `{"series":{"edition":1e400}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var m domain.Meeting
		if err := Strict(body, &m); err != nil {
			if domain.AsError(err) == nil {
				t.Fatalf("not a domain error: %v", err)
			}
			return
		}
		_ = m.Validate()
	})
}

func FuzzEachLine(f *testing.F) {
	f.Add([]byte("a\nb\r\n\n"), 4)
	f.Add([]byte(strings.Repeat("z", 100)), 10)
	f.Fuzz(func(t *testing.T, in []byte, max int) {
		if max < 1 || max > 1<<16 {
			return
		}
		last := 0
		err := EachLine(strings.NewReader(string(in)), max, func(n int, line []byte, tooLong bool) bool {
			if n <= last || len(line) > max {
				t.Fatalf("line %d after %d, %d bytes > %d", n, last, len(line), max)
			}
			last = n
			return true
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// failingReader gives its text, then fails.
type failingReader struct {
	text string
	err  error
}

func (f *failingReader) Read(p []byte) (int, error) {
	if f.text == "" {
		return 0, f.err
	}
	n := copy(p, f.text)
	f.text = f.text[n:]
	return n, nil
}

// TestEachLine_ReadError: when the reader fails, the line it was reading is
// not passed (a part of a line is not a line), and the error names it.
func TestEachLine_ReadError(t *testing.T) {
	boom := errors.New("i/o timeout")
	var got []string
	err := EachLine(&failingReader{text: "one\n\ntwo\nthr", err: boom}, 100, func(n int, line []byte, _ bool) bool {
		got = append(got, fmt.Sprintf("%d:%s", n, line))
		return true
	})
	if want := []string{"1:one", "3:two"}; !slices.Equal(got, want) {
		t.Errorf("lines %v, want %v", got, want)
	}
	var re *ReadError
	if !errors.As(err, &re) || re.Line != 4 || !errors.Is(err, boom) {
		t.Errorf("error %v, want a ReadError at line 4 wrapping %v", err, boom)
	}
}

// mayRepeatKey may say true of a body without a duplicate key, never false
// of one with.
func FuzzMayRepeatKey(f *testing.F) {
	for _, s := range []string{`{"a":1,"a":2}`, `{"a":{"b":1},"b":{"a":1,"b":2,"b":3}}`, `{"a":[{"a":1},{"a":1}]}`,
		`{"a":1,"\u0061":2}`, `{"é":1,"é":2}`, `{"a":"\"b\":1,\"b\"","b":1}`, `[{"x":1,"y":2},{"x":1}]`, `{"a":1,`,
		`{"a":{"c":1},"b":{"c":1},"a":0}`, `{"a" :1 , "b":2, "a" : 3}`, `{"a":1}{"a":1,"a":2}`, `"a"`, `{"a":1]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		if ptr, dup := duplicateKey(body); dup && !mayRepeatKey(body) {
			t.Fatalf("%q names %s twice, and mayRepeatKey says it cannot", body, ptr)
		}
	})
}

func TestMayRepeatKey(t *testing.T) {
	for body, want := range map[string]bool{
		`{"a":1,"a":2}`: true, `{"a":{"b":1},"b":{"b":2}}`: false, `{"a":{"b":1,"c":{"b":1}},"b":{"b":2,"b":3}}`: true,
		`{"a":"\"a\"","b":["a","a"]}`: false, `{"a":1,"\u0061":2}`: true, `[{"x":1},{"x":1}]`: false,
		`{"title":"x","delegations":[{"country":"AZ","head":{"name":"n"}},{"country":"TR"}],"kind":"k"}`: false,
		`{"title":"x","delegations":[{"country":"AZ"}],"title":"y"}`:                                     true,
	} {
		assert.Equal(t, want, mayRepeatKey([]byte(body)), body)
	}
}
