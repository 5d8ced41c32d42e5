package http

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/extract"
)

// maxArticleBytes bounds the body of /extract and /articles.
const maxArticleBytes = 1 << 20

func (s *Server) extractRoutes(r chi.Router) {
	r.Use(s.require(domain.ScopeWrite))
	r.Post("/", s.handle(s.extractArticle))
}

func (s *Server) articleRoutes(r chi.Router) {
	r.Use(s.require(domain.ScopeWrite))
	r.With(s.idempotent).Post("/", s.handle(s.ingestArticle))
}

// article is the body of POST /extract and POST /articles: a report's text
// and what is known of it.
type article struct {
	Text        string      `json:"text"`
	URL         *string     `json:"url"`
	Outlet      *string     `json:"outlet"`
	PublishedAt *domain.Day `json:"published_at"`
	Language    *string     `json:"language"`
}

var languageRe = regexp.MustCompile(`^[a-z]{2,3}$`)

// readArticle decodes and checks an article body.
func (s *Server) readArticle(w http.ResponseWriter, r *http.Request) (*article, extract.Options, error) {
	var a article
	if err := decodeJSON(w, r, &a, maxArticleBytes); err != nil {
		return nil, extract.Options{}, err
	}
	var p domain.Problems
	if strings.TrimSpace(a.Text) == "" {
		p.Add("/text", "is required: the report's text")
	}
	if a.URL != nil {
		u, err := url.Parse(*a.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			p.Add("/url", "must be an absolute http or https URL")
		}
	}
	if err := a.PublishedAt.Err(); err != nil {
		p.Add("/published_at", "%v", err)
	}
	lang := "en"
	if a.Language != nil {
		if !languageRe.MatchString(*a.Language) {
			p.Add("/language", "must be an ISO 639 code in lower case, such as en")
		}
		lang = *a.Language
	}
	if lang != "en" {
		p.Add("/language", "only English reports can be read for now")
	}
	if err := p.Err("The article is not valid."); err != nil {
		return nil, extract.Options{}, err
	}
	return &a, extract.Options{URL: a.URL, Outlet: a.Outlet, PublishedAt: a.PublishedAt, Language: lang}, nil
}

// extractArticle answers the draft meeting a report gives, with the
// evidence for each value; it stores nothing.
func (s *Server) extractArticle(w http.ResponseWriter, r *http.Request) error {
	if _, err := parseParams(r); err != nil {
		return err
	}
	a, opt, err := s.readArticle(w, r)
	if err != nil {
		return err
	}
	res := extract.Extract(a.Text, opt)
	s.metrics.extractions.WithLabelValues("extracted").Inc()
	w.Header().Set("Cache-Control", "no-store")
	return s.writeJSON(w, r, http.StatusOK, res)
}

// ingestArticle stores a report and the draft meeting read from it, for a
// person to review: 201 with the new draft, or 200 with the draft of the
// same report (by URL or text) stored already.
func (s *Server) ingestArticle(w http.ResponseWriter, r *http.Request) error {
	if _, err := parseParams(r); err != nil {
		return err
	}
	a, opt, err := s.readArticle(w, r)
	if err != nil {
		return err
	}
	d, created, err := s.svc.SubmitArticle(r.Context(), domain.ArticleInput{Text: a.Text, URL: opt.URL,
		Outlet: opt.Outlet, PublishedAt: opt.PublishedAt, Language: opt.Language})
	if err != nil {
		return err
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
		s.metrics.extractions.WithLabelValues(string(d.Status)).Inc()
	}
	w.Header().Set("Location", "/drafts/"+d.ID)
	return s.writeDraft(w, r, status, d)
}
