// Command gencountries generates the golang-migrate migration that fills the
// countries table with the ISO 3166-1 country list.
//
// The data comes from Debian's iso-codes package
// (/usr/share/iso-codes/json/iso_3166-1.json), not from memory. For each
// entry it writes alpha-2, alpha-3, the numeric code, a display name (the
// iso-codes common_name when there is one, e.g. "Bolivia" or "South Korea",
// else the ISO name), the official name, and alternative names: every other
// form found in iso-codes, a short curated list of common English names, and
// an ASCII-folded form of every name with accented letters.
//
// It is run through go generate in the migrations package:
//
//	go generate ./migrations
//
// which amounts to
//
//	go run ../internal/tools/gencountries -out .
//
// from the migrations directory. It writes 000002_countries.up.sql and
// 000002_countries.down.sql into the -out directory.
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

const (
	upFile   = "000002_countries.up.sql"
	downFile = "000002_countries.down.sql"
)

// curated lists widely used alternative English names, keyed by alpha-2.
// It only records common English usage that iso-codes lacks (names such as
// "Bolivia", "Laos", "Syria" or "Czech Republic" are already there as
// common_name or official_name); every other alternative name and the ASCII
// folds of accented names come from the iso-codes data. A curated name that
// duplicates one iso-codes has is dropped when the rows are built.
var curated = map[string][]string{
	"AE": {"UAE"},
	"CD": {"DR Congo", "Democratic Republic of the Congo"},
	"CG": {"Republic of the Congo"},
	"CI": {"Ivory Coast"},
	"CV": {"Cape Verde"},
	"GB": {"UK", "Great Britain", "Britain"},
	"KP": {"DPRK"},
	"KR": {"Republic of Korea"},
	"MK": {"Macedonia"},
	"MM": {"Burma"},
	"NL": {"Holland"},
	"PS": {"Palestine"},
	"RU": {"Russia"},
	"SZ": {"Swaziland"},
	"TL": {"East Timor"},
	"TR": {"Turkey"},
	"US": {"USA", "United States of America", "U.S."},
	"VA": {"Vatican"},
}

// fold maps the accented Latin letters this generator knows to ASCII. An
// unknown non-ASCII letter in the data stops the generator, so that a new
// iso-codes release cannot silently yield a half-folded name.
var fold = map[rune]string{
	'À': "A", 'Á': "A", 'Â': "A", 'Ã': "A", 'Ä': "A", 'Å': "A", 'Æ': "AE",
	'Ç': "C", 'È': "E", 'É': "E", 'Ê': "E", 'Ë': "E",
	'Ì': "I", 'Í': "I", 'Î': "I", 'Ï': "I", 'Ñ': "N",
	'Ò': "O", 'Ó': "O", 'Ô': "O", 'Õ': "O", 'Ö': "O", 'Ø': "O",
	'Ù': "U", 'Ú': "U", 'Û': "U", 'Ü': "U", 'Ý': "Y",
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'æ': "ae",
	'ç': "c", 'è': "e", 'é': "e", 'ê': "e", 'ë': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ñ': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ý': "y", 'ÿ': "y",
	'ß': "ss", 'ş': "s", 'Ş': "S", 'ğ': "g", 'ı': "i", 'İ': "I",
	'’': "'", 'ʼ': "'",
}

// entry is one element of the "3166-1" array in iso_3166-1.json.
type entry struct {
	Alpha2       string `json:"alpha_2"`
	Alpha3       string `json:"alpha_3"`
	Numeric      string `json:"numeric"`
	Name         string `json:"name"`
	OfficialName string `json:"official_name"`
	CommonName   string `json:"common_name"`
}

// row is one countries row as written to the migration.
type row struct {
	alpha2, alpha3, numeric, name, official string
	alt                                     []string
}

var (
	reAlpha2  = regexp.MustCompile(`^[A-Z]{2}$`)
	reAlpha3  = regexp.MustCompile(`^[A-Z]{3}$`)
	reNumeric = regexp.MustCompile(`^[0-9]{3}$`)
)

func main() {
	in := flag.String("in", "/usr/share/iso-codes/json/iso_3166-1.json", "iso-codes ISO 3166-1 JSON file")
	out := flag.String("out", "migrations", "directory to write the migration files into")
	version := flag.String("iso-codes-version", "", "iso-codes version for the header; default: asked of dpkg-query, else unknown")
	flag.Parse()

	if err := run(*in, *out, *version); err != nil {
		fmt.Fprintln(os.Stderr, "gencountries:", err)
		os.Exit(1)
	}
}

func run(in, out, version string) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var doc struct {
		Entries []entry `json:"3166-1"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	if len(doc.Entries) == 0 {
		return fmt.Errorf("%s: no 3166-1 entries", in)
	}
	if version == "" {
		version = dpkgVersion()
	}

	rows := make([]row, 0, len(doc.Entries))
	seen := make(map[string]bool, len(doc.Entries))
	for _, e := range doc.Entries {
		r, err := build(e)
		if err != nil {
			return err
		}
		if seen[r.alpha2] {
			return fmt.Errorf("duplicate alpha-2 %s", r.alpha2)
		}
		seen[r.alpha2] = true
		rows = append(rows, r)
	}
	for a2 := range curated {
		if !seen[a2] {
			return fmt.Errorf("curated names for %s, which iso-codes lacks", a2)
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].alpha2 < rows[j].alpha2 })

	sum := sha256.Sum256(data)
	var b bytes.Buffer
	fmt.Fprintf(&b, "-- Code generated by internal/tools/gencountries; DO NOT EDIT.\n")
	fmt.Fprintf(&b, "-- Regenerate with: go generate ./migrations\n")
	fmt.Fprintf(&b, "-- Source: %s (Debian iso-codes %s, sha256 %s).\n",
		filepath.Base(in), version, hex.EncodeToString(sum[:]))
	fmt.Fprintf(&b, "-- %d countries; alt_names adds curated common English names and ASCII folds.\n\n", len(rows))
	b.WriteString("INSERT INTO countries (alpha2, alpha3, numeric_code, name, official_name, alt_names) VALUES\n")
	for i, r := range rows {
		alts := make([]string, len(r.alt))
		for j, a := range r.alt {
			alts[j] = quote(a)
		}
		official := "NULL"
		if r.official != "" {
			official = quote(r.official)
		}
		fmt.Fprintf(&b, "    (%s, %s, %s, %s, %s, ARRAY[%s]::text[])",
			quote(r.alpha2), quote(r.alpha3), quote(r.numeric), quote(r.name), official,
			strings.Join(alts, ", "))
		if i < len(rows)-1 {
			b.WriteString(",\n")
		} else {
			b.WriteString(";\n")
		}
	}

	down := "-- Code generated by internal/tools/gencountries; DO NOT EDIT.\n" +
		"-- Regenerate with: go generate ./migrations\n\n" +
		"DELETE FROM countries;\n"

	if err := os.WriteFile(filepath.Join(out, upFile), b.Bytes(), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, downFile), []byte(down), 0o644)
}

// build turns an iso-codes entry into a row, checking it against the
// constraints of the countries table.
func build(e entry) (row, error) {
	if !reAlpha2.MatchString(e.Alpha2) || !reAlpha3.MatchString(e.Alpha3) ||
		!reNumeric.MatchString(e.Numeric) || e.Name == "" {
		return row{}, fmt.Errorf("bad entry %+v", e)
	}
	r := row{
		alpha2:   e.Alpha2,
		alpha3:   e.Alpha3,
		numeric:  e.Numeric,
		name:     e.Name,
		official: e.OfficialName,
	}
	if e.CommonName != "" {
		r.name = e.CommonName
	}

	seen := map[string]bool{strings.ToLower(r.name): true}
	add := func(s string) {
		s = strings.TrimSpace(s)
		if s == "" || seen[strings.ToLower(s)] {
			return
		}
		seen[strings.ToLower(s)] = true
		r.alt = append(r.alt, s)
	}
	forms := append([]string{r.name, e.Name, e.OfficialName, e.CommonName}, curated[e.Alpha2]...)
	for _, f := range forms {
		add(f)
		folded, err := asciiFold(f)
		if err != nil {
			return row{}, fmt.Errorf("%s: %w", e.Alpha2, err)
		}
		add(folded)
	}
	return r, nil
}

// asciiFold replaces the accented letters of s by their ASCII base letters.
func asciiFold(s string) (string, error) {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c < 0x80:
			b.WriteRune(c)
		case fold[c] != "":
			b.WriteString(fold[c])
		default:
			return "", fmt.Errorf("no ASCII fold for %q in %q; extend the fold table", c, s)
		}
	}
	return b.String(), nil
}

// quote returns s as a standard SQL string literal.
func quote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// dpkgVersion asks dpkg-query for the installed iso-codes version.
func dpkgVersion() string {
	v, err := exec.Command("dpkg-query", "-W", "-f=${Version}", "iso-codes").Output()
	if err != nil || len(bytes.TrimSpace(v)) == 0 {
		return "unknown"
	}
	return string(bytes.TrimSpace(v))
}
