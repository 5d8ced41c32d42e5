// Package drafter gives the domain its Extractor: the rule-based reader of
// package extract, its evidence as spans of the article's text in bytes and
// in UTF-16 units, and its overall confidence.
package drafter

import (
	"runtime/debug"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/extract"
)

// Extractor implements domain.Extractor with package extract.
type Extractor struct{}

// New returns the extractor.
func New() Extractor { return Extractor{} }

// Version names the rules: the revision the binary was built from, when
// known.
func (Extractor) Version() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				return "extract@" + s.Value[:12]
			}
		}
	}
	return "extract"
}

// Extract implements domain.Extractor.
func (Extractor) Extract(a *domain.Article) domain.Extraction {
	res := extract.Extract(a.Text, extract.Options{URL: a.URL, Outlet: a.Outlet, PublishedAt: a.PublishedAt,
		Language: a.Language})
	out := domain.Extraction{Meeting: res.Meeting, Warnings: res.Warnings, Confidence: res.Confidence,
		Evidence: make([]domain.Evidence, 0, len(res.Evidence))}
	for _, e := range res.Evidence {
		start, end, ok := span(a.Text, e.Offset, e.Offset+e.Length)
		if !ok {
			continue // no span of this text: evidence of nothing
		}
		out.Evidence = append(out.Evidence, domain.Evidence{Field: e.Field, Value: e.Value, Confidence: e.Confidence,
			Offset: start, Length: end - start, Words: a.Text[start:end],
			UTF16Offset: utf16Len(a.Text[:start]), UTF16Length: utf16Len(a.Text[start:end])})
	}
	return out
}

// span checks that [start, end) is a span of text on UTF-8 boundaries. A
// value given with the article rather than read in it (its URL, say) has
// an empty span.
func span(text string, start, end int) (int, int, bool) {
	if start < 0 || end < start || end > len(text) {
		return 0, 0, false
	}
	if (start < len(text) && !utf8.RuneStart(text[start])) || (end < len(text) && !utf8.RuneStart(text[end])) {
		return 0, 0, false
	}
	return start, end, true
}

// utf16Len returns the number of UTF-16 code units s takes.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
