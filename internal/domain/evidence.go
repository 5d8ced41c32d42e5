package domain

import (
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// jsonValue returns v as encoding/json reads it back: maps, slices,
// strings, float64s, bools and nils, so that values compare by content.
func jsonValue(v any) any {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	var out any
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil
	}
	return out
}

// pointerTokens splits an RFC 6901 JSON pointer into its reference tokens.
func pointerTokens(p string) []string {
	if p == "" {
		return nil
	}
	ts := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, t := range ts {
		ts[i] = strings.ReplaceAll(strings.ReplaceAll(t, "~1", "/"), "~0", "~")
	}
	return ts
}

// valueAt returns the value at pointer p in a document jsonValue made.
func valueAt(doc any, p string) (any, bool) {
	cur := doc
	for _, t := range pointerTokens(p) {
		switch c := cur.(type) {
		case map[string]any:
			v, ok := c[t]
			if !ok {
				return nil, false
			}
			cur = v
		case []any:
			i, err := strconv.Atoi(t)
			if err != nil || i < 0 || i >= len(c) {
				return nil, false
			}
			cur = c[i]
		default:
			return nil, false
		}
	}
	return cur, true
}

// related reports whether one of two pointers is at or under the other.
func related(a, b string) bool {
	return a == b || strings.HasPrefix(a, b+"/") || strings.HasPrefix(b, a+"/")
}

// supported keeps the evidence whose value m still holds at its field: a
// value a person changed rests on the person, not on the article.
func supported(m *Meeting, ev []Evidence) []Evidence {
	doc := jsonValue(m)
	out := []Evidence{}
	for _, e := range ev {
		if v, ok := valueAt(doc, e.Field); ok && reflect.DeepEqual(v, jsonValue(e.Value)) {
			out = append(out, e)
		}
	}
	return out
}

// remapEvidence points the evidence of a draft at the same values in the
// stored meeting the draft became: merged into a stored meeting, a
// delegation, person, ceremony or agreement may sit at another index.
// Evidence for a value the stored meeting does not hold (the stored
// meeting kept its own) is left out.
func remapEvidence(draft, stored *Meeting, ev []Evidence) []Evidence {
	ddoc, sdoc := jsonValue(draft), jsonValue(stored)
	out := []Evidence{}
	for _, e := range ev {
		p, ok := remapPointer(draft, stored, pointerTokens(e.Field))
		if !ok {
			continue
		}
		dv, _ := valueAt(ddoc, e.Field)
		sv, ok := valueAt(sdoc, p)
		if !ok {
			continue
		}
		if !reflect.DeepEqual(dv, sv) {
			// A person's name may be stored as the official's known name.
			dn, dok := dv.(string)
			sn, sok := sv.(string)
			if !dok || !sok || !strings.HasSuffix(p, "/name") || !slices.Contains(NameKeys(sn), Fold(dn)) {
				continue
			}
		}
		e.Field = p
		out = append(out, e)
	}
	return out
}

// remapPointer returns the pointer, in stored, of the value at the pointer
// tokens ts in draft.
func remapPointer(draft, stored *Meeting, ts []string) (string, bool) {
	if len(ts) == 0 {
		return "", true
	}
	index := func() (int, bool) {
		if len(ts) < 2 {
			return 0, false
		}
		i, err := strconv.Atoi(ts[1])
		return i, err == nil && i >= 0
	}
	rest := func(at string, tail []string) string {
		for _, t := range tail {
			at += "/" + strings.ReplaceAll(strings.ReplaceAll(t, "~", "~0"), "/", "~1")
		}
		return at
	}
	switch ts[0] {
	case "delegations":
		i, ok := index()
		if !ok || i >= len(draft.Delegations) {
			return "", false
		}
		dd := draft.Delegations[i]
		j := slices.IndexFunc(stored.Delegations, func(o Delegation) bool { return sameCountry(o.Country, dd.Country) })
		if j < 0 {
			return "", false
		}
		at := "/delegations/" + strconv.Itoa(j)
		tail := ts[2:]
		if len(tail) == 0 {
			return at, true
		}
		var person *Participant
		switch {
		case tail[0] == "head" && dd.Head != nil:
			person, tail = dd.Head, tail[1:]
		case tail[0] == "members" && len(tail) > 1:
			k, err := strconv.Atoi(tail[1])
			if err != nil || k < 0 || k >= len(dd.Members) {
				return "", false
			}
			person, tail = &dd.Members[k], tail[2:]
		default:
			return rest(at, tail), true
		}
		sd := stored.Delegations[j]
		if sd.Head != nil && samePerson(*sd.Head, *person) {
			return rest(at+"/head", tail), true
		}
		if k := slices.IndexFunc(sd.Members, func(p Participant) bool { return samePerson(p, *person) }); k >= 0 {
			return rest(at+"/members/"+strconv.Itoa(k), tail), true
		}
		return "", false
	case "child_meetings":
		i, ok := index()
		if !ok || i >= len(draft.ChildMeetings) {
			return "", false
		}
		dc := &draft.ChildMeetings[i]
		j := slices.IndexFunc(stored.ChildMeetings, func(o Meeting) bool { return sameChild(&o, dc) })
		if j < 0 {
			return "", false
		}
		p, ok := remapPointer(dc, &stored.ChildMeetings[j], ts[2:])
		return "/child_meetings/" + strconv.Itoa(j) + p, ok
	case "ceremonies":
		i, ok := index()
		if !ok || i >= len(draft.Ceremonies) {
			return "", false
		}
		c := draft.Ceremonies[i]
		j := slices.IndexFunc(stored.Ceremonies, func(o Ceremony) bool {
			return o.Type == c.Type && Fold(deref(o.Site)) == Fold(deref(c.Site))
		})
		if j < 0 {
			return "", false
		}
		return rest("/ceremonies/"+strconv.Itoa(j), ts[2:]), true
	case "agreements":
		i, ok := index()
		if !ok || i >= len(draft.Agreements) {
			return "", false
		}
		a := draft.Agreements[i]
		j := slices.IndexFunc(stored.Agreements, func(o Agreement) bool { return Fold(o.Title) == Fold(a.Title) })
		if j < 0 {
			return "", false
		}
		return rest("/agreements/"+strconv.Itoa(j), ts[2:]), true
	case "topics":
		i, ok := index()
		if !ok || i >= len(draft.Topics) {
			return "", false
		}
		j := slices.Index(stored.Topics, draft.Topics[i])
		if j < 0 {
			return "", false
		}
		return "/topics/" + strconv.Itoa(j), true
	case "sources":
		i, ok := index()
		if !ok || i >= len(draft.Sources) {
			return "", false
		}
		src := draft.Sources[i]
		j := slices.IndexFunc(stored.Sources, func(o Source) bool { return sameSource(o, src) })
		if j < 0 {
			return "", false
		}
		return rest("/sources/"+strconv.Itoa(j), ts[2:]), true
	}
	return rest("", ts), true
}

// keepEdits returns fresh, a new extraction, with the values a person
// edited taken from edited: every top-level field of the meeting that an
// edited pointer falls in is kept whole from the person's version, so that
// an edited delegation list is never mixed with a re-read one.
func keepEdits(fresh, edited *Meeting, pointers []string) (*Meeting, error) {
	if len(pointers) == 0 {
		return fresh, nil
	}
	f, _ := jsonValue(fresh).(map[string]any)
	e, _ := jsonValue(edited).(map[string]any)
	if f == nil || e == nil {
		return fresh, nil
	}
	for _, p := range pointers {
		ts := pointerTokens(p)
		if len(ts) == 0 {
			return edited, nil
		}
		if v, ok := e[ts[0]]; ok {
			f[ts[0]] = v
		} else {
			delete(f, ts[0])
		}
	}
	raw, err := json.Marshal(f)
	if err != nil {
		return nil, err
	}
	var out Meeting
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
