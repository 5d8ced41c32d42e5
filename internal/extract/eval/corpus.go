// Package eval scores the extractor against a corpus of real reports
// annotated by hand: it loads and checks the annotations, runs the extractor
// on each report as it would be called on an unseen one, and prints per-field
// figures, the dates it invented and how far its confidence can be trusted.
//
// A corpus folder holds train/ and test/ (or, for a set kept elsewhere, the
// reports themselves): <id>.txt is the page text as crawled, <id>.json its
// annotation. testdata/corpus/README.md in the extract package describes the
// layout, the annotation schema and the split rule.
package eval

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/milmeet/milmeet/internal/domain"
)

// Annotation is what a report's <id>.json says of it.
type Annotation struct {
	URL           string  `json:"url"`
	Outlet        string  `json:"outlet"`
	OutletCountry *string `json:"outlet_country"`
	Source        string  `json:"source"`
	Notes         string  `json:"notes"`
	Want          Want    `json:"want"`
}

// Want is the record the text supports, written by hand.
type Want struct {
	Countries     []string           `json:"countries"`
	Host          *string            `json:"host"`
	Date          *string            `json:"date"`
	DateFromStamp bool               `json:"date_from_stamp"`
	Kind          string             `json:"kind"`
	Heads         map[string]*string `json:"heads"`
	Officials     []Official         `json:"officials"`
	Agreements    []Agreement        `json:"agreements"`
	Ceremonies    []string           `json:"ceremonies"`
}

// Official is a named official of a participating country who took part.
type Official struct {
	Country  string  `json:"country"`
	Name     string  `json:"name"`
	Rank     *string `json:"rank"`
	Position *string `json:"position"`
}

// Agreement is a document signed at the visit.
type Agreement struct {
	Type   string  `json:"type"`
	Period *string `json:"period"`
}

// Report is one annotated report of a corpus.
type Report struct {
	ID    string // file name without extension
	Split string // "train", "test", or the folder's name for a flat set
	Text  string
	Ann   Annotation
}

// The splits of a corpus, in the order they are printed.
const (
	Train = "train"
	Test  = "test"
)

// SplitOf returns the split the rule assigns a URL to: test when the first
// byte of sha256(url) is a multiple of 3, else train.
func SplitOf(u string) string {
	if sum := sha256.Sum256([]byte(u)); sum[0]%3 == 0 {
		return Test
	}
	return Train
}

var idRe = regexp.MustCompile(`^[a-z][0-9]{3}_[a-z0-9]+(_[a-z0-9]+)*$`)

// Load reads every report under root. When root holds train/ or test/, those
// are the splits and each report must sit in the one its URL's hash gives;
// otherwise root itself is one set. Every malformed annotation is reported:
// the error joins one line per problem.
func Load(fsys fs.FS, root string) ([]Report, error) {
	var dirs []string
	for _, s := range []string{Train, Test} {
		if fi, err := fs.Stat(fsys, path.Join(root, s)); err == nil && fi.IsDir() {
			dirs = append(dirs, s)
		}
	}
	flat := len(dirs) == 0
	if flat {
		dirs = []string{""}
	}
	var reports []Report
	var errs []error
	urls := map[string]string{}
	for _, dir := range dirs {
		split := dir
		if flat {
			split = path.Base(root)
		}
		rs, es := loadDir(fsys, path.Join(root, dir), split, !flat)
		errs = append(errs, es...)
		for _, r := range rs {
			if other, dup := urls[r.Ann.URL]; dup {
				errs = append(errs, fmt.Errorf("%s/%s: the URL is also that of %s", r.Split, r.ID, other))
			}
			urls[r.Ann.URL] = r.Split + "/" + r.ID
		}
		reports = append(reports, rs...)
	}
	if len(reports) == 0 && len(errs) == 0 {
		errs = append(errs, fmt.Errorf("%s: no reports", root))
	}
	return reports, errors.Join(errs...)
}

func loadDir(fsys fs.FS, dir, split string, hashed bool) ([]Report, []error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, []error{err}
	}
	var errs []error
	fail := func(id, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s/%s: %s", split, id, fmt.Sprintf(format, args...)))
	}
	ids := map[string]int{}
	for _, e := range entries {
		name := e.Name()
		ext := path.Ext(name)
		id := strings.TrimSuffix(name, ext)
		switch {
		case e.IsDir():
			fail(name, "a folder where only reports belong")
		case ext == ".txt":
			ids[id] |= 1
		case ext == ".json":
			ids[id] |= 2
		default:
			fail(name, "neither a report text (.txt) nor an annotation (.json)")
		}
	}
	var reports []Report
	for _, id := range slices.Sorted(maps.Keys(ids)) {
		if !idRe.MatchString(id) {
			fail(id, "the id is not of the form a###_slug (lowercase words joined by _)")
		}
		if ids[id] != 3 {
			missing := ".json"
			if ids[id]&1 == 0 {
				missing = ".txt"
			}
			fail(id, "%s is missing", missing)
			continue
		}
		text, err := fs.ReadFile(fsys, path.Join(dir, id+".txt"))
		if err != nil {
			fail(id, "%v", err)
			continue
		}
		raw, err := fs.ReadFile(fsys, path.Join(dir, id+".json"))
		if err != nil {
			fail(id, "%v", err)
			continue
		}
		r := Report{ID: id, Split: split, Text: string(text)}
		for _, p := range check(raw, string(text), &r.Ann) {
			fail(id, "%s", p)
		}
		if hashed && r.Ann.URL != "" && SplitOf(r.Ann.URL) != split {
			fail(id, "its URL's hash puts it in %s/, not %s/", SplitOf(r.Ann.URL), split)
		}
		reports = append(reports, r)
	}
	return reports, errs
}

// The keys every annotation and its parts carry, null or not.
var (
	annKeys      = []string{"url", "outlet", "outlet_country", "source", "notes", "want"}
	wantKeys     = []string{"countries", "host", "date", "date_from_stamp", "kind", "heads", "officials", "agreements", "ceremonies"}
	officialKeys = []string{"country", "name", "rank", "position"}
	agrKeys      = []string{"type", "period"}
	periodRe     = regexp.MustCompile(`^[0-9]{4}(-[0-9]{4})?$`)
)

// check decodes an annotation into a and returns what is wrong with it.
func check(raw []byte, text string, a *Annotation) []string {
	var ps []string
	bad := func(format string, args ...any) { ps = append(ps, fmt.Sprintf(format, args...)) }
	if !utf8.ValidString(text) || strings.TrimSpace(text) == "" {
		bad("the text is empty or not UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(a); err != nil {
		return append(ps, fmt.Sprintf("the annotation is not of the schema: %v", err))
	}
	if dec.More() {
		bad("the annotation holds more than one JSON value")
	}
	ps = append(ps, keysPresent(raw)...)

	if u, err := url.Parse(a.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		bad("url %q is not an http(s) URL", a.URL)
	}
	if strings.TrimSpace(a.Outlet) == "" {
		bad("outlet is empty")
	}
	if a.OutletCountry != nil && !isCountry(*a.OutletCountry) {
		bad("outlet_country %q is not an ISO 3166-1 alpha-2 code", *a.OutletCountry)
	}
	if strings.TrimSpace(a.Source) == "" {
		bad("source is empty")
	}

	w := a.Want
	if len(w.Countries) < 2 {
		bad("want.countries names %d countries; a meeting has at least two", len(w.Countries))
	}
	for _, c := range w.Countries {
		if !isCountry(c) {
			bad("want.countries: %q is not an ISO 3166-1 alpha-2 code", c)
		}
	}
	if !slices.IsSorted(w.Countries) || len(slices.Compact(slices.Clone(w.Countries))) != len(w.Countries) {
		bad("want.countries is not sorted and without repeats")
	}
	in := func(c string) bool { return slices.Contains(w.Countries, c) }
	if w.Host != nil && !in(*w.Host) {
		bad("want.host %q is not one of want.countries", *w.Host)
	}
	if w.Date != nil {
		d, err := domain.ParsePartialDate(*w.Date)
		if err != nil {
			bad("want.date: %v", err)
		} else if w.DateFromStamp && d.Precision() != domain.PrecisionDay {
			bad("want.date_from_stamp needs a whole day in want.date")
		}
	} else if w.DateFromStamp {
		bad("want.date_from_stamp is true but want.date is null")
	}
	if !slices.Contains(domain.Kinds, domain.Kind(w.Kind)) {
		bad("want.kind %q is not a meeting kind (%v)", w.Kind, domain.Kinds)
	}
	for c := range w.Heads {
		if !in(c) {
			bad("want.heads has %q, which is not one of want.countries", c)
		}
	}
	for _, c := range w.Countries {
		h, ok := w.Heads[c]
		if !ok {
			bad("want.heads has no entry for %s (null when the text names none)", c)
			continue
		}
		if h != nil && !slices.ContainsFunc(w.Officials, func(o Official) bool { return o.Country == c && SameName(o.Name, *h) }) {
			bad("want.heads: %s's head %q is not among want.officials", c, *h)
		}
	}
	// a name may be written in its possessive ("Lloyd Austin’s visit"), which
	// folding would glue into one word
	folded := " " + domain.Fold(text) + " " + domain.Fold(strings.NewReplacer("'", " ", "’", " ").Replace(text)) + " "
	seen := map[string]bool{}
	for i, o := range w.Officials {
		if !in(o.Country) {
			bad("want.officials[%d]: country %q is not one of want.countries", i, o.Country)
		}
		f := domain.Fold(o.Name)
		if f == "" {
			bad("want.officials[%d]: the name is empty", i)
			continue
		}
		if !strings.Contains(folded, " "+f+" ") {
			bad("want.officials[%d]: the name %q is not written so in the text", i, o.Name)
		}
		if seen[o.Country+"|"+f] {
			bad("want.officials[%d]: %s %q is listed twice", i, o.Country, o.Name)
		}
		seen[o.Country+"|"+f] = true
		for _, s := range []*string{o.Rank, o.Position} {
			if s != nil && strings.TrimSpace(*s) == "" {
				bad("want.officials[%d]: an empty rank or position (null when not given)", i)
			}
		}
	}
	for i, ag := range w.Agreements {
		if !slices.Contains(domain.AgreementTypes, domain.AgreementType(ag.Type)) {
			bad("want.agreements[%d]: type %q is not an agreement type (%v)", i, ag.Type, domain.AgreementTypes)
		}
		if ag.Period != nil && !periodRe.MatchString(*ag.Period) {
			bad("want.agreements[%d]: period %q is not YYYY or YYYY-YYYY", i, *ag.Period)
		}
	}
	for i, c := range w.Ceremonies {
		if !slices.Contains(domain.CeremonyTypes, domain.CeremonyType(c)) {
			bad("want.ceremonies[%d]: %q is not a ceremony type (%v)", i, c, domain.CeremonyTypes)
		}
		if slices.Index(w.Ceremonies, c) != i {
			bad("want.ceremonies lists %q twice", c)
		}
	}
	return ps
}

// keysPresent reports the schema's keys an annotation leaves out: unknown
// stays null, it is never left unsaid.
func keysPresent(raw []byte) []string {
	var ps []string
	need := func(at string, obj json.RawMessage, keys []string) {
		var m map[string]json.RawMessage
		if json.Unmarshal(obj, &m) != nil {
			return
		}
		for _, k := range keys {
			if _, ok := m[k]; !ok {
				ps = append(ps, fmt.Sprintf("%s%s is missing (null when unknown)", at, k))
			}
		}
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(raw, &top) != nil {
		return nil
	}
	need("", raw, annKeys)
	var want map[string]json.RawMessage
	if json.Unmarshal(top["want"], &want) != nil {
		return ps
	}
	need("want.", top["want"], wantKeys)
	for _, k := range []string{"countries", "officials", "agreements", "ceremonies"} {
		if v, ok := want[k]; ok && bytes.Equal(bytes.TrimSpace(v), []byte("null")) {
			ps = append(ps, fmt.Sprintf("want.%s is null; an empty list says there are none", k))
		}
	}
	if v, ok := want["heads"]; ok && bytes.Equal(bytes.TrimSpace(v), []byte("null")) {
		ps = append(ps, "want.heads is null; it maps every country to its head or null")
	}
	var list []json.RawMessage
	if json.Unmarshal(want["officials"], &list) == nil {
		for i, o := range list {
			need(fmt.Sprintf("want.officials[%d].", i), o, officialKeys)
		}
	}
	list = nil
	if json.Unmarshal(want["agreements"], &list) == nil {
		for i, o := range list {
			need(fmt.Sprintf("want.agreements[%d].", i), o, agrKeys)
		}
	}
	return ps
}

// SameName reports whether two names are one person's as the evaluation
// counts them: their folded tokens are equal, or one is the other with one
// more token strictly inside it (a middle name or patronymic).
func SameName(a, b string) bool {
	x, y := strings.Fields(domain.Fold(a)), strings.Fields(domain.Fold(b))
	if len(x) == 0 || len(y) == 0 {
		return false
	}
	if slices.Equal(x, y) {
		return true
	}
	if len(x) < len(y) {
		x, y = y, x
	}
	if len(x) != len(y)+1 || len(y) < 2 {
		return false
	}
	for i := 1; i < len(x)-1; i++ {
		if slices.Equal(slices.Concat(x[:i], x[i+1:]), y) {
			return true
		}
	}
	return false
}
