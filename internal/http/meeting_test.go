package http_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
	httpapi "github.com/milmeet/milmeet/internal/http"
)

type summaries struct {
	Data       []domain.MeetingSummary `json:"data"`
	NextCursor *string                 `json:"next_cursor"`
}

func TestListMeetings_Country(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tests := []struct {
		name, query, date, partner string
	}{
		{"UZ", "country=UZ", "2025-12-10", "UZ"},
		{"alpha3 lower case", "country=uzb", "2025-12-10", "UZ"},
		{"GE", "country=GE", "2023-11-27", "GE"},
		{"PK year unknown", "country=PK", "--10-28", "PK"},
		{"KZ", "country=kaz", "2024-04-25", "KZ"},
		{"TR", "country=TR", "2025-12", "TR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.do("GET", "/meetings?"+tt.query, nil)
			require.Equal(t, http.StatusOK, r.Code, r.Body.String())
			var p summaries
			r.json(&p)
			require.Len(t, p.Data, 1)
			assert.Equal(t, tt.date, p.Data[0].Date.String())
			assert.Contains(t, p.Data[0].Countries, tt.partner)
			assert.Nil(t, p.NextCursor)
		})
	}
	t.Run("PK has no year", func(t *testing.T) {
		r := e.do("GET", "/meetings?country=PK", nil)
		var p summaries
		r.json(&p)
		require.Len(t, p.Data, 1)
		assert.Equal(t, 0, p.Data[0].Date.Year)
		assert.Equal(t, domain.PrecisionMonthDay, p.Data[0].DatePrecision)
	})
	t.Run("AZ takes part in all five, newest first", func(t *testing.T) {
		r := e.do("GET", "/meetings?country=AZ", nil)
		var p summaries
		r.json(&p)
		require.Len(t, p.Data, 5)
		var dates []string
		for _, m := range p.Data {
			dates = append(dates, m.Date.String())
		}
		assert.Equal(t, []string{"2025-12-10", "2025-12", "2024-04-25", "2023-11-27", "--10-28"}, dates)
	})
}

// A query with several mistakes gets one answer naming them all, whether
// the query parser or the domain's filter finds them.
func TestListQuery_EveryProblemAtOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tests := []struct {
		path   string
		params []string
	}{
		{"/meetings?country=Atlantis&topic=space&from=2024-13", []string{"from", "country", "topic"}},
		{"/meetings?country=UZ,XX&partner=YY&kind=summit&limit=0&count=all",
			[]string{"count", "limit", "country", "partner", "kind"}},
		{"/agreements?country=XX&partner=YY&type=treaty&year=1", []string{"year", "country", "partner", "type"}},
		{"/officials?country=XX&q=..&limit=0", []string{"limit", "country", "q"}},
		{"/stats/timeline?country=XX&by=week", []string{"country", "by"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			r := e.do("GET", tt.path, nil)
			require.Equal(t, http.StatusBadRequest, r.Code, r.Body.String())
			var p struct {
				Detail string                 `json:"detail"`
				Errors []httpapi.ProblemField `json:"errors"`
			}
			r.json(&p)
			assert.Equal(t, "The query is not valid.", p.Detail)
			var got []string
			for _, f := range p.Errors {
				assert.Empty(t, f.Pointer)
				assert.NotEmpty(t, f.Detail)
				got = append(got, f.Parameter)
			}
			assert.Equal(t, tt.params, got)
		})
	}
}

func TestListMeetings_BadQuery(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tests := []struct{ query, param string }{
		{"country=XX", "country"},
		{"contry=UZ", "contry"},
		{"country=UZ&country=AZ", "country"},
		{"host=ZZZ", "host"},
		{"from=2024-13", "from"},
		{"from=10-28", "from"},
		{"to=yesterday", "to"},
		{"limit=0", "limit"},
		{"limit=501", "limit"},
		{"limit=-1", "limit"},
		{"limit=99999999999999999999", "limit"},
		{"sort=title", "sort"},
		{"kind=summit", "kind"},
		{"cursor=abc", "cursor"},
		{"partner=TR", "partner"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			r := e.do("GET", "/meetings?"+tt.query, nil)
			require.Equal(t, http.StatusBadRequest, r.Code, r.Body.String())
			assert.Equal(t, "application/problem+json", r.Header().Get("Content-Type"))
			var p struct {
				Status int                    `json:"status"`
				Errors []httpapi.ProblemField `json:"errors"`
			}
			r.json(&p)
			assert.Equal(t, 400, p.Status)
			require.NotEmpty(t, p.Errors)
			assert.Equal(t, tt.param, p.Errors[0].Parameter)
		})
	}
}

func TestListMeetings_Filters(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tests := []struct {
		query string
		want  []string // partner countries, in order
	}{
		{"from=2024-01-01&to=2024-12-31", []string{"KZ"}},
		{"from=2024&to=2024", []string{"KZ"}},
		{"from=2025-12&to=2025-12", []string{"UZ", "TR"}},
		{"from=2025-12-10&to=2025-12-10", []string{"UZ"}},
		{"to=2023-12-31", []string{"GE"}},
		{"host=AZ&guest=GE", []string{"GE"}},
		{"guest=AZ", nil},
		{"country=AZ&partner=GE", []string{"GE"}},
		{"country=UZ,GE", []string{"UZ", "GE"}},
		{"has_agreement=true", []string{"UZ", "GE"}},
		{"has_agreement=false", []string{"TR", "KZ", "PK"}},
		{"agreement_type=cooperation_plan&country=GE", []string{"GE"}},
		{"ceremony=award&include_children=true", []string{"KZ"}},
		{"ceremony=award", nil},
		{"topic=border_situation", []string{"PK"}},
		{"series=Azerbaijan-T%C3%BCrkiye+High-Level+Military+Dialogue+Meeting", []string{"TR"}},
		{"kind=meeting", []string{"GE"}},
		{"sort=date", []string{"PK", "GE", "KZ", "TR", "UZ"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			r := e.do("GET", "/meetings?"+tt.query, nil)
			require.Equal(t, http.StatusOK, r.Code, r.Body.String())
			var p summaries
			r.json(&p)
			var got []string
			for _, m := range p.Data {
				for _, c := range m.Countries {
					if c != "AZ" {
						got = append(got, c)
					}
				}
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestListMeetings_Paging(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var seen []string
	target := "/meetings?limit=2"
	for range 10 {
		r := e.do("GET", target, nil)
		require.Equal(t, http.StatusOK, r.Code, r.Body.String())
		var p summaries
		r.json(&p)
		for _, m := range p.Data {
			seen = append(seen, m.Date.String())
		}
		if p.NextCursor == nil {
			assert.NotContains(t, r.Header().Get("Link"), `rel="next"`)
			break
		}
		assert.Contains(t, r.Header().Get("Link"), `rel="next"`)
		target = "/meetings?limit=2&cursor=" + *p.NextCursor
	}
	assert.Equal(t, []string{"2025-12-10", "2025-12", "2024-04-25", "2023-11-27", "--10-28"}, seen)

	r := e.do("GET", "/meetings?limit=2", nil)
	var p summaries
	r.json(&p)
	require.NotNil(t, p.NextCursor)
	c := []byte(*p.NextCursor)
	c[len(c)/2] ^= 1
	r = e.do("GET", "/meetings?limit=2&cursor="+string(c), nil)
	assert.Equal(t, http.StatusBadRequest, r.Code, "a tampered cursor")
	r = e.do("GET", "/meetings?limit=2&country=AZ&cursor="+*p.NextCursor, nil)
	assert.Equal(t, http.StatusBadRequest, r.Code, "a cursor of another query")
}

func TestGetMeeting_Uzbekistan(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.do("GET", "/meetings/"+e.meetingID("UZ"), nil)
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	var m domain.Meeting
	r.json(&m)
	require.Len(t, m.Delegations, 2)
	az, uz := m.Delegations[0], m.Delegations[1]
	assert.Equal(t, "AZ", az.Country)
	assert.Equal(t, domain.RoleHost, az.Role)
	require.NotNil(t, az.Head)
	assert.Equal(t, "Zakir Hasanov", az.Head.Name)
	assert.Equal(t, "Colonel General", *az.Head.Rank)
	assert.Contains(t, *az.Head.Position, "Minister of Defense")
	assert.Equal(t, "UZ", uz.Country)
	assert.Equal(t, domain.RoleGuest, uz.Role)
	names := []string{uz.Head.Name}
	for _, p := range uz.Members {
		names = append(names, p.Name)
	}
	assert.ElementsMatch(t, []string{"Viktor Mahmudov", "Shukhrat Khalmukhamedov"}, names)
	var sites []string
	for _, c := range m.Ceremonies {
		if c.Site != nil {
			sites = append(sites, *c.Site)
		}
	}
	assert.Contains(t, sites, "Alley of Honor")
	assert.Contains(t, sites, "Victory Park")
	require.Len(t, m.Agreements, 1)
	assert.Equal(t, domain.AgreementType("cooperation_plan"), m.Agreements[0].Type)
	assert.Equal(t, "2026", *m.Agreements[0].Period)
	assert.ElementsMatch(t, []string{"UZ", "AZ"}, m.Agreements[0].Parties)
	require.Len(t, m.Sources, 1)
	assert.Nil(t, m.Sources[0].URL)
	assert.Equal(t, "Report", *m.Sources[0].Outlet)
	assert.Len(t, m.Sources[0].AlternateTitles, 2)
	assert.NotEmpty(t, r.Header().Get("ETag"))

	r2 := e.do("GET", "/meetings/"+m.ID, nil, "If-None-Match", r.Header().Get("ETag"))
	assert.Equal(t, http.StatusNotModified, r2.Code)
	assert.Empty(t, r2.Body.String())
}

func TestGetMeeting_KazakhstanChildAndAward(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.do("GET", "/meetings/"+e.meetingID("KZ"), nil)
	require.Equal(t, http.StatusOK, r.Code)
	var m domain.Meeting
	r.json(&m)
	require.Len(t, m.ChildMeetings, 1)
	c := m.ChildMeetings[0]
	assert.Equal(t, m.ID, *c.ParentID)
	assert.Equal(t, "Karim Valiyev", c.Delegations[0].Head.Name)
	var award *domain.Ceremony
	for i := range c.Ceremonies {
		if c.Ceremonies[i].Type == "award" {
			award = &c.Ceremonies[i]
		}
	}
	require.NotNil(t, award)
	require.NotNil(t, award.Recipient)
	assert.Equal(t, "Zaur Karimov", award.Recipient.Name)
	assert.Equal(t, "Colonel", *award.Recipient.Rank)
	assert.Equal(t, "AZ", award.Recipient.Country)
	assert.Contains(t, *award.Award, "For contribution in the development of international cooperation")

	// The child is a meeting of its own too.
	r = e.do("GET", "/meetings/"+c.ID, nil)
	require.Equal(t, http.StatusOK, r.Code)
}

func TestGetMeeting_NotFound(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, id := range []string{"01939e8a-0000-7000-8000-000000000000", "nope", "1%27%20OR%201=1"} {
		r := e.do("GET", "/meetings/"+id, nil)
		assert.Equal(t, http.StatusNotFound, r.Code, id)
		assert.Equal(t, "application/problem+json", r.Header().Get("Content-Type"))
	}
}

func TestOfficialsAreShared(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	// Zakir Hasanov heads the host side of all five meetings: one official.
	var n int
	require.NoError(t, e.pool.QueryRow(t.Context(), `SELECT count(*) FROM officials WHERE name = 'Zakir Hasanov'`).Scan(&n))
	assert.Equal(t, 1, n)
	r := e.do("GET", "/officials?country=AZ&q=hasanov", nil)
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	var p struct {
		Data []domain.Official `json:"data"`
	}
	r.json(&p)
	require.Len(t, p.Data, 1)
	r = e.do("GET", "/officials/"+p.Data[0].ID, nil)
	require.Equal(t, http.StatusOK, r.Code)
	var o domain.Official
	r.json(&o)
	assert.Len(t, o.Roles, 5)
}

func TestListMeetings_Search(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tests := []struct {
		q    string
		want []string
	}{
		// The Pakistan visit's talks spoke of trilateral exercises with Türkiye.
		{"turkiye", []string{"TR", "PK"}},
		{"Türkiye", []string{"TR", "PK"}},
		{"Levent Ergün", []string{"TR"}},
		{"hasanov", []string{"UZ", "TR", "KZ", "GE", "PK"}},
		{"Z.Hasanov", []string{"UZ", "TR", "KZ", "GE", "PK"}},
		{"wreath", []string{"UZ", "TR", "KZ"}},
		{"ergun", []string{"TR"}},
		{"valiyev", []string{"KZ", "PK"}},
		{"Zaur Karimov", []string{"KZ"}},
		{"Victory Park", []string{"UZ", "TR"}},
		{"cooperation plan 2024", []string{"GE"}},
		{"Azernews", []string{"GE"}},
		{"Özbəkistan", []string{"UZ"}},
		{"nonexistentword", nil},
		{"'; DROP TABLE meetings; --", nil},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			r := e.do("GET", "/meetings?q="+url.QueryEscape(tt.q), nil)
			require.Equal(t, http.StatusOK, r.Code, r.Body.String())
			var p summaries
			r.json(&p)
			var got []string
			for _, m := range p.Data {
				for _, c := range m.Countries {
					if c != "AZ" {
						got = append(got, c)
					}
				}
			}
			assert.Equal(t, tt.want, got)
		})
	}
}
