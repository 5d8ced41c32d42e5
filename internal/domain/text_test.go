package domain_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/milmeet/milmeet/internal/domain"
)

func TestFold(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"InitialNoSpace", "Z.Hasanov", "z hasanov"},
		{"InitialWithSpace", "Z. Hasanov", "z hasanov"},
		{"InitialWithoutDot", "Z Hasanov", "z hasanov"},
		{"FullName", "Zakir Hasanov", "zakir hasanov"},
		{"TurkishUmlaut", "Türkiye", "turkiye"},
		{"TurkishName", "Levent Ergün", "levent ergun"},
		{"TurkishCedilla", "Yaşar Güler", "yasar guler"},
		{"TurkishCapitalDottedI", "İsmail", "ismail"},
		{"AzerbaijaniSchwa", "Həsənov", "həsənov"},
		{"Apostrophe", "O'Neill", "oneill"},
		{"TypographicApostrophe", "O’Neill", "oneill"},
		{"Hyphen", "Jean-Pierre", "jean pierre"},
		{"MixedWhitespace", "  Zakir\t\n Hasanov \u00a0", "zakir hasanov"},
		{"RunsOfPunctuation", "Z.,;- Hasanov!!", "z hasanov"},
		{"UpperCase", "ZAKIR HASANOV", "zakir hasanov"},
		{"Cyrillic", "Закир Гасанов", "закир гасанов"},
		{"CyrillicUpperCase", "ЗАКИР ГАСАНОВ", "закир гасанов"},
		{"CyrillicYo", "Ёлкин", "елкин"},
		{"Digits", "Brigade 12", "brigade 12"},
		{"Decomposed", "Tu\u0308rkiye", "turkiye"},
		{"Empty", "", ""},
		{"OnlyPunctuation", " .-, ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := domain.Fold(tt.in)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, got, domain.Fold(got), "folding is idempotent")
		})
	}
}

func TestFold_CyrillicStaysLetters(t *testing.T) {
	t.Parallel()
	got := domain.Fold("Сергей Шойгу")
	assert.Len(t, strings.Fields(got), 2)
	for _, r := range strings.ReplaceAll(got, " ", "") {
		assert.True(t, r >= 'а' && r <= 'я' || r == 'ё', "%q in %q is a Cyrillic letter", r, got)
	}
}

func TestNameKeys(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"FullName", []string{"Zakir Hasanov"}, []string{"zakir hasanov", "z hasanov"}},
		{"Initial", []string{"Z. Hasanov"}, []string{"z hasanov"}},
		{"InitialNoSpace", []string{"Z.Hasanov"}, []string{"z hasanov"}},
		{"ThreeParts", []string{"Zakir Asgar Hasanov"}, []string{"zakir asgar hasanov", "z hasanov"}},
		{"OneWord", []string{"Hasanov"}, []string{"hasanov"}},
		{"AccentedInitial", []string{"Ümit Dündar"}, []string{"umit dundar", "u dundar"}},
		{"CyrillicInitial", []string{"Закир Гасанов"}, []string{"закир гасанов", "з гасанов"}},
		{"SeveralNamesDedupe", []string{"Zakir Hasanov", "Z. Hasanov", "zakir  hasanov", "Закир Гасанов"},
			[]string{"zakir hasanov", "z hasanov", "закир гасанов", "з гасанов"}},
		{"BlankSkipped", []string{"", " . ", "Hasanov"}, []string{"hasanov"}},
		{"None", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, domain.NameKeys(tt.in...))
		})
	}
}

// TestValidate_Text checks checkText through Validate's title and optional
// texts: blank, too long, control characters and surrounding space.
func TestValidate_Text(t *testing.T) {
	t.Parallel()
	str := func(s string) *string { return &s }
	tests := []struct {
		name    string
		mutate  func(m *domain.Meeting)
		pointer string // "" when valid
	}{
		{"TitleBlank", func(m *domain.Meeting) { m.Title = " \t " }, "/title"},
		{"TitleEmpty", func(m *domain.Meeting) { m.Title = "" }, "/title"},
		{"Title500Runes", func(m *domain.Meeting) { m.Title = strings.Repeat("ə", 500) }, ""},
		{"Title501Runes", func(m *domain.Meeting) { m.Title = strings.Repeat("ə", 501) }, "/title"},
		{"TitleNUL", func(m *domain.Meeting) { m.Title = "a\x00b" }, "/title"},
		{"TitleTab", func(m *domain.Meeting) { m.Title = "a\tb" }, "/title"},
		{"TitleNewline", func(m *domain.Meeting) { m.Title = "a\nb" }, "/title"},
		{"TitleDEL", func(m *domain.Meeting) { m.Title = "a\x7fb" }, "/title"},
		{"TitleC1Control", func(m *domain.Meeting) { m.Title = "a\u0085b" }, "/title"},
		{"TitleLineSeparator", func(m *domain.Meeting) { m.Title = "a\u2028b" }, "/title"},
		{"TitleInvalidUTF8", func(m *domain.Meeting) { m.Title = "a\xffb" }, "/title"},
		{"TitleLeadingSpace", func(m *domain.Meeting) { m.Title = " Title" }, "/title"},
		{"TitleTrailingSpace", func(m *domain.Meeting) { m.Title = "Title " }, "/title"},
		{"TitleUnicode", func(m *domain.Meeting) { m.Title = "Müdafiə naziri Türkiyə — görüş" }, ""},
		{"SummaryMultiline", func(m *domain.Meeting) { m.Summary = str("First line.\r\n\tSecond line.") }, ""},
		{"SummaryNUL", func(m *domain.Meeting) { m.Summary = str("a\x00b") }, "/summary"},
		{"SummaryBlank", func(m *domain.Meeting) { m.Summary = str("\n") }, "/summary"},
		{"CityNewline", func(m *domain.Meeting) { m.City = str("Ba\nku") }, "/city"},
		{"City201Runes", func(m *domain.Meeting) { m.City = str(strings.Repeat("x", 201)) }, "/city"},
		{"VenueBlank", func(m *domain.Meeting) { m.Venue = str("") }, "/venue"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := validMeeting(t)
			tt.mutate(m)
			err := m.Validate()
			if tt.pointer == "" {
				assert.NoError(t, err)
				return
			}
			assert.Equal(t, []string{tt.pointer}, pointers(t, err))
		})
	}
}
