package extract

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/milmeet/milmeet/internal/domain"
)

// resolve follows a JSON pointer into a decoded JSON document.
func resolve(doc any, ptr string) (any, bool) {
	if ptr == "" {
		return doc, true
	}
	if !strings.HasPrefix(ptr, "/") {
		return nil, false
	}
	cur := doc
	for _, part := range strings.Split(ptr[1:], "/") {
		part = strings.ReplaceAll(strings.ReplaceAll(part, "~1", "/"), "~0", "~")
		switch v := cur.(type) {
		case map[string]any:
			next, ok := v[part]
			if !ok {
				return nil, false
			}
			cur = next
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(v) {
				return nil, false
			}
			cur = v[i]
		default:
			return nil, false
		}
	}
	return cur, true
}

// checkResult asserts what every extraction must hold: evidence spans inside
// the text and pointing at fields of the draft, evidence for every date,
// name and agreement, and a valid draft whenever it has a date and a
// delegation, or else a warning.
func checkResult(t testing.TB, text string, res Result) {
	t.Helper()
	for _, problem := range resultProblems(text, res) {
		t.Error(problem)
	}
}

func resultProblems(text string, res Result) []string {
	var out []string
	bad := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	for _, w := range res.Warnings {
		if strings.HasPrefix(w, "internal error") {
			bad("extraction failed: %s", w)
		}
	}
	js, err := json.Marshal(res.Meeting)
	if err != nil {
		bad("the draft does not marshal: %v", err)
		return out
	}
	var doc any
	if err := json.Unmarshal(js, &doc); err != nil {
		bad("the draft does not unmarshal: %v", err)
		return out
	}
	if res.Confidence < 0 || res.Confidence > 1 {
		bad("confidence %v outside [0, 1]", res.Confidence)
	}
	out = append(out, spanProblems(text, res, false)...)
	have := map[string]bool{}
	for _, e := range res.Evidence {
		if e.Start < 0 || e.End > len(text) || e.Start > e.End {
			bad("evidence %s has span [%d,%d) outside the text of %d bytes", e.Field, e.Start, e.End, len(text))
		}
		if e.Confidence < 0 || e.Confidence > 1 {
			bad("evidence %s has confidence %v", e.Field, e.Confidence)
		}
		if _, ok := resolve(doc, e.Field); !ok {
			bad("evidence field %q is not in the draft", e.Field)
		}
		have[e.Field] = true
	}
	need := func(ptr string) {
		if !have[ptr] {
			bad("no evidence for %s", ptr)
		}
	}
	var meeting func(m domain.Meeting, at string)
	meeting = func(m domain.Meeting, at string) {
		if !m.Date.IsZero() {
			need(at + "/date")
		}
		for i, d := range m.Delegations {
			p := fmt.Sprintf("%s/delegations/%d", at, i)
			need(p + "/country")
			if d.Head != nil {
				need(p + "/head/name")
			}
			for j := range d.Members {
				need(fmt.Sprintf("%s/members/%d/name", p, j))
			}
		}
		for i, a := range m.Agreements {
			p := fmt.Sprintf("%s/agreements/%d", at, i)
			need(p + "/title")
			if a.Period != nil {
				need(p + "/period")
			}
		}
		for i, c := range m.Ceremonies {
			p := fmt.Sprintf("%s/ceremonies/%d", at, i)
			need(p + "/type")
			if c.Recipient != nil {
				need(p + "/recipient/name")
			}
		}
		for i, c := range m.ChildMeetings {
			meeting(c, fmt.Sprintf("%s/child_meetings/%d", at, i))
		}
	}
	meeting(res.Meeting, "")
	// the store takes one child meeting per date, kind and set of countries
	keys := map[string]int{}
	for i, c := range res.Meeting.ChildMeetings {
		k := domain.DedupeKey(&c)
		if j, ok := keys[k]; ok {
			bad("child meetings %d and %d are the same meeting to the store (%s)", j, i, k)
		}
		keys[k] = i
	}
	if err := res.Meeting.Validate(); err != nil {
		if !res.Meeting.Date.IsZero() && len(res.Meeting.Delegations) > 0 {
			bad("the draft has a date and a delegation but does not validate: %v", err)
		}
		if len(res.Warnings) == 0 {
			bad("the draft does not validate (%v) and no warning says why", err)
		}
	}
	return out
}
