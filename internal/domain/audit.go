package domain

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// AuditAction is a kind of change.
type AuditAction string

// The actions the audit log records.
const (
	AuditCreate AuditAction = "create"
	AuditUpdate AuditAction = "update"
	AuditDelete AuditAction = "delete"
	AuditMerge  AuditAction = "merge"
	AuditImport AuditAction = "import"
	// AuditReject records a draft rejected: nothing was stored.
	AuditReject AuditAction = "reject"
)

// AuditEntry records one change: who, when, what, and the difference.
type AuditEntry struct {
	ID        int64       `json:"id"`
	At        time.Time   `json:"at"`
	Actor     string      `json:"actor"`
	Action    AuditAction `json:"action"`
	MeetingID *string     `json:"meeting_id"`
	// DraftID names the draft a change came from: the draft accepted into
	// the meeting, or rejected.
	DraftID *string         `json:"draft_id"`
	Before  json.RawMessage `json:"before"`
	After   json.RawMessage `json:"after"`
	Changes []Change        `json:"changes"`
	// changes, when set, is Changes as JSON, made with the entry.
	changes json.RawMessage
}

// ChangesJSON returns the entry's changes as JSON.
func (e *AuditEntry) ChangesJSON() ([]byte, error) {
	if e.changes != nil {
		return e.changes, nil
	}
	return json.Marshal(e.Changes)
}

// Change is one value that differs between two versions of a record.
type Change struct {
	Pointer string `json:"pointer"`
	Before  any    `json:"before"`
	After   any    `json:"after"`
}

// AuditFilter selects audit entries.
type AuditFilter struct {
	MeetingID string
	DraftID   string
	Actor     string
	Limit     int
	// After is the id the page starts after.
	After int64
}

// Validate checks the filter and fills in the page size; an audit filter
// names no country.
func (f *AuditFilter) Validate(CountryCodes) error {
	var p Problems
	checkLimit(&p, &f.Limit)
	if f.MeetingID != "" && !IsID(f.MeetingID) {
		p.AddField("MeetingID", "is not an id")
	}
	if f.DraftID != "" && !IsID(f.DraftID) {
		p.AddField("DraftID", "is not an id")
	}
	return p.Err(errFilter)
}

// AuditStore reads the audit log; entries are written by the stores in the
// transaction of the change they record.
type AuditStore interface {
	// ListAudit returns entries in id order.
	ListAudit(ctx context.Context, f AuditFilter) ([]AuditEntry, error)
}

type draftKey struct{}

// withDraft returns a context whose meeting writes record, in the audit
// log, that they come from the draft id.
func withDraft(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, draftKey{}, id)
}

// audit returns the entry for a change of meeting id from before to after
// (either may be nil).
func (s *Service) audit(ctx context.Context, action AuditAction, id string, before, after *Meeting) *AuditEntry {
	e := &AuditEntry{At: s.Now(), Actor: Actor(ctx), Action: action, MeetingID: &id}
	if d, ok := ctx.Value(draftKey{}).(string); ok {
		e.DraftID = &d
	}
	if before == nil && after != nil {
		// A new record: its one change is the whole of it, which is
		// encoded once, for after and for changes alike.
		e.After = created(after)
		e.Changes = []Change{{Pointer: "", Before: nil, After: e.After}}
		e.changes = make(json.RawMessage, 0, len(e.After)+40)
		e.changes = append(e.changes, `[{"pointer":"","before":null,"after":`...)
		e.changes = append(append(e.changes, e.After...), "}]"...)
		return e
	}
	var b, a any
	if before != nil {
		e.Before, b = snapshot(before)
	}
	if after != nil {
		e.After, a = snapshot(after)
	}
	e.Changes = Diff(b, a)
	return e
}

// snapshot returns a record's JSON without what changes on every write.
func snapshot(m *Meeting) (json.RawMessage, any) {
	c := *m
	c.Agreements = append([]Agreement(nil), m.Agreements...)
	for i := range c.Agreements {
		c.Agreements[i].MeetingID = ""
	}
	raw, _ := json.Marshal(c)
	var v map[string]any
	_ = json.Unmarshal(raw, &v)
	for _, k := range []string{"version", "created_at", "updated_at"} {
		delete(v, k)
	}
	raw, _ = json.Marshal(v)
	return raw, v
}

// created returns what snapshot does, encoded once: the same document,
// its keys in the record's order rather than sorted (the log stores it as
// jsonb, which keeps no order).
func created(m *Meeting) json.RawMessage {
	c := *m
	c.Agreements = append([]Agreement(nil), m.Agreements...)
	for i := range c.Agreements {
		c.Agreements[i].MeetingID = ""
	}
	raw, _ := json.Marshal(c)
	return dropMembers(raw, "version", "created_at", "updated_at")
}

// dropMembers returns the JSON object raw, as encoding/json writes it
// (compact, valid), without its members of the given names; those of the
// objects inside it stay.
func dropMembers(raw []byte, names ...string) []byte {
	if len(raw) < 2 || raw[0] != '{' {
		return raw
	}
	out := make([]byte, 1, len(raw))
	out[0] = '{'
	for i := 1; i < len(raw) && raw[i] == '"'; {
		keyEnd := skipJSON(raw, i)
		end := skipJSON(raw, keyEnd+1) // past the colon
		if !slices.Contains(names, string(raw[i+1:keyEnd-1])) {
			if len(out) > 1 {
				out = append(out, ',')
			}
			out = append(out, raw[i:end]...)
		}
		i = end
		if i < len(raw) && raw[i] == ',' {
			i++
		}
	}
	return append(out, '}')
}

// skipJSON returns the index just past the JSON value that starts at i.
func skipJSON(b []byte, i int) int {
	depth, str := 0, false
	for ; i < len(b); i++ {
		c := b[i]
		if str {
			switch c {
			case '\\':
				i++
			case '"':
				str = false
				if depth == 0 {
					return i + 1
				}
			}
			continue
		}
		switch c {
		case '"':
			str = true
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth <= 0 {
				return i + 1 + depth // past a closed value; at the end of its container
			}
		case ',':
			if depth == 0 {
				return i
			}
		}
	}
	return i
}

// Diff lists the values that differ between two JSON documents, by pointer.
func Diff(before, after any) []Change {
	var out []Change
	diff("", before, after, &out)
	if out == nil {
		out = []Change{}
	}
	return out
}

func diff(at string, b, a any, out *[]Change) {
	bm, bok := b.(map[string]any)
	am, aok := a.(map[string]any)
	if bok && aok {
		keys := map[string]bool{}
		for k := range bm {
			keys[k] = true
		}
		for k := range am {
			keys[k] = true
		}
		sorted := make([]string, 0, len(keys))
		for k := range keys {
			sorted = append(sorted, k)
		}
		sort.Strings(sorted)
		for _, k := range sorted {
			diff(at+"/"+strings.ReplaceAll(strings.ReplaceAll(k, "~", "~0"), "/", "~1"), bm[k], am[k], out)
		}
		return
	}
	bl, bok := b.([]any)
	al, aok := a.([]any)
	if bok && aok && len(bl) == len(al) {
		for i := range bl {
			diff(at+"/"+strconv.Itoa(i), bl[i], al[i], out)
		}
		return
	}
	if !reflect.DeepEqual(b, a) {
		*out = append(*out, Change{Pointer: at, Before: b, After: a})
	}
}

// ListAudit returns one page of the audit log and the id the next page
// starts after (0 on the last).
func (s *Service) ListAudit(ctx context.Context, f AuditFilter) ([]AuditEntry, int64, error) {
	if err := f.Validate(CountryCodes{}); err != nil {
		return nil, 0, err
	}
	want := f.Limit
	f.Limit++
	es, err := s.auditLog.ListAudit(ctx, f)
	if err != nil {
		return nil, 0, fmt.Errorf("list audit: %w", err)
	}
	if len(es) <= want {
		return es, 0, nil
	}
	return es[:want], es[want-1].ID, nil
}
