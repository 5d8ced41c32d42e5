package domain

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// The rules of review: a report becomes a pending draft with evidence; a
// person edits, accepts or rejects it; an accepted draft becomes a meeting
// through the same writer as every other meeting (CreateOrMerge,
// MergeInto), in one transaction with the draft's decision.

// MaxArticleBytes bounds an article's text.
const MaxArticleBytes = 1 << 20

// ContentHash returns the hex SHA-256 of text with its runs of white space
// made single spaces and the ends trimmed.
func ContentHash(text string) string {
	sum := sha256.Sum256([]byte(strings.Join(strings.Fields(text), " ")))
	return hex.EncodeToString(sum[:])
}

// SubmitArticle stores an article and the draft the extractor reads from it, and
// returns the draft and true; an article with the same URL or the same text
// stored already returns its draft and false, storing nothing. With
// AutoAccept set, a new draft that passes it is accepted at once.
func (s *Service) SubmitArticle(ctx context.Context, in ArticleInput) (*Draft, bool, error) {
	var p Problems
	switch {
	case strings.TrimSpace(in.Text) == "":
		p.Add("/text", "is required: the report's text")
	case len(in.Text) > MaxArticleBytes:
		p.Add("/text", "is longer than %d bytes", MaxArticleBytes)
	case !utf8.ValidString(in.Text):
		p.Add("/text", "must be valid UTF-8")
	case strings.ContainsRune(in.Text, 0):
		p.Add("/text", "must not hold the character U+0000")
	}
	if in.URL != nil && (len(*in.URL) > 2000 || !cleanText(*in.URL, false)) {
		p.Add("/url", "must be an absolute http or https URL of at most 2000 bytes")
	}
	checkOptText(&p, "/outlet", in.Outlet, 200, false)
	if in.Language == "" {
		in.Language = "en"
	}
	if err := p.Err("The article is not valid."); err != nil {
		return nil, false, err
	}
	hash := ContentHash(in.Text)
	if id, err := s.drafts.FindDraftID(ctx, in.URL, hash); err == nil {
		d, err := s.GetDraft(ctx, id)
		return d, false, err
	} else if ErrorCode(err) != ENOTFOUND {
		return nil, false, fmt.Errorf("submit article: %w", err)
	}
	now := s.Now()
	a := &Article{ID: NewID(), URL: in.URL, Outlet: in.Outlet, PublishedAt: in.PublishedAt, Language: in.Language,
		Text: in.Text, ContentHash: hash, CreatedAt: now, CreatedBy: Actor(ctx)}
	ex := s.extractor.Extract(a)
	if len(ex.Meeting.Sources) > 0 {
		a.Title = ex.Meeting.Sources[0].Title
	}
	d := &Draft{ID: NewID(), Status: DraftPending, Meeting: ex.Meeting, Warnings: ex.Warnings,
		Confidence: clamp01(ex.Confidence), Edited: []string{}, Extractor: s.extractor.Version(), ArticleID: a.ID,
		Version: 1, CreatedAt: now, CreatedBy: Actor(ctx), UpdatedAt: now, UpdatedBy: Actor(ctx)}
	blankRecord(&d.Meeting)
	d.Evidence = supported(&d.Meeting, ex.Evidence)
	if d.Warnings == nil {
		d.Warnings = []string{}
	}
	id, created, err := s.drafts.CreateDraft(ctx, a, d)
	if err != nil {
		return nil, false, fmt.Errorf("submit article: %w", err)
	}
	if created && s.AutoAccept != nil && d.Confidence >= *s.AutoAccept && len(d.Warnings) == 0 {
		_, err := s.accept(ctx, id, AcceptOptions{auto: true})
		switch ErrorCode(err) {
		case "", EINVALID, ECONFLICT, EPRECONDITION, ENOTFOUND:
			// Not accepted: the draft waits for a person.
		default:
			return nil, false, err
		}
	}
	out, err := s.GetDraft(ctx, id)
	return out, created, err
}

func clamp01(x float64) float64 {
	return min(1, max(0, x))
}

// blankRecord clears what only a stored record has (ids, versions and
// timestamps, the draft's and its child meetings') and gives every list
// its empty value, so that a draft reads the same however it was made.
func blankRecord(m *Meeting) {
	m.ID, m.Version, m.DedupeKey = "", 0, ""
	m.CreatedAt, m.UpdatedAt = time.Time{}, time.Time{}
	m.Topics = orEmpty(m.Topics)
	m.Delegations = orEmpty(m.Delegations)
	for i := range m.Delegations {
		m.Delegations[i].Members = orEmpty(m.Delegations[i].Members)
	}
	m.Ceremonies = orEmpty(m.Ceremonies)
	m.Agreements = orEmpty(m.Agreements)
	for i := range m.Agreements {
		m.Agreements[i].Parties = orEmpty(m.Agreements[i].Parties)
		m.Agreements[i].Signatories = orEmpty(m.Agreements[i].Signatories)
	}
	for i := range m.Sources {
		m.Sources[i].AlternateTitles = orEmpty(m.Sources[i].AlternateTitles)
	}
	for i := range m.ChildMeetings {
		m.ChildMeetings[i].ParentID = nil
		blankRecord(&m.ChildMeetings[i])
	}
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// GetDraft returns the draft with its article, what keeps it from being
// accepted, and for a pending draft the stored meeting it would merge into.
// Returns ENOTFOUND.
func (s *Service) GetDraft(ctx context.Context, id string) (*Draft, error) {
	if !IsID(id) {
		return nil, Errorf(ENOTFOUND, "There is no draft %q.", id)
	}
	d, err := s.drafts.GetDraft(ctx, id, true)
	if err != nil {
		return nil, err
	}
	if d.Problems, err = s.problems(ctx, &d.Meeting); err != nil {
		return nil, err
	}
	if d.Status == DraftPending {
		if d.Candidate, err = s.candidate(ctx, &d.Meeting); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// ListDrafts returns one page of drafts, newest first, and the id the next
// page starts after ("" on the last).
func (s *Service) ListDrafts(ctx context.Context, f DraftFilter) ([]DraftSummary, string, error) {
	if err := s.CheckFilter(ctx, &f); err != nil {
		return nil, "", err
	}
	return pageByID(f.Limit, func(n int) ([]DraftSummary, error) {
		f.Limit = n
		return s.drafts.ListDrafts(ctx, f)
	}, func(d DraftSummary) string { return d.ID })
}

// problems lists what keeps m from being stored: the rules of a meeting and
// country codes that name no country.
func (s *Service) problems(ctx context.Context, m *Meeting) ([]FieldError, error) {
	if err := s.loadCountries(ctx); err != nil {
		return nil, err
	}
	c := cloneMeeting(m)
	var p Problems
	if e := AsError(c.Validate()); e != nil {
		p = append(p, e.Fields...)
	}
	var codes func(m *Meeting, at string)
	codes = func(m *Meeting, at string) {
		for i, d := range m.Delegations {
			if codeRe.MatchString(d.Country) {
				s.alpha2(&p, fmt.Sprintf("%s/delegations/%d/country", at, i), d.Country)
			}
		}
		if m.HostCountry != nil && codeRe.MatchString(*m.HostCountry) {
			s.alpha2(&p, at+"/host_country", *m.HostCountry)
		}
		for i := range m.ChildMeetings {
			codes(&m.ChildMeetings[i], fmt.Sprintf("%s/child_meetings/%d", at, i))
		}
	}
	codes(c, "")
	if len(c.Sources) == 0 {
		p.Add("/sources", "the meeting must cite the article it was read from")
	}
	if p == nil {
		p = Problems{}
	}
	return p, nil
}

func cloneMeeting(m *Meeting) *Meeting {
	return m.Clone()
}

// candidate finds the stored meeting m would merge into: the meeting that
// cites the same report, else the same edition of the same series, else a
// meeting of exactly m's countries within a day of its date (or on its day
// and month when a year is unknown). Nil when there is none.
func (s *Service) candidate(ctx context.Context, draft *Meeting) (*Candidate, error) {
	if err := s.loadCountries(ctx); err != nil {
		return nil, err
	}
	m := cloneMeeting(draft)
	s.alpha2Codes(m)
	found := func(ids []string, match, reason string) (*Candidate, error) {
		stored, err := s.GetMeeting(ctx, ids[0])
		if err != nil {
			return nil, err
		}
		return &Candidate{Meeting: stored, Match: match, Reason: reason, OtherIDs: append([]string{}, ids[1:]...)}, nil
	}
	for _, src := range m.Sources {
		if src.URL == nil {
			continue
		}
		ids, err := s.articles.MeetingIDsBySourceURL(ctx, *src.URL)
		if err != nil {
			return nil, fmt.Errorf("find candidate: %w", err)
		}
		if len(ids) > 0 {
			return found(ids, "same_source", fmt.Sprintf("the report %s is a source of the stored meeting already", *src.URL))
		}
	}
	if m.Series != nil && m.Series.Edition != nil && strings.TrimSpace(m.Series.Name) != "" {
		ids, err := s.drafts.MeetingIDsBySeries(ctx, m.Series.Name, *m.Series.Edition)
		if err != nil {
			return nil, fmt.Errorf("find candidate: %w", err)
		}
		if len(ids) > 0 {
			return found(ids, "same_series_edition", fmt.Sprintf("the same series (%s) and edition (%d)", m.Series.Name, *m.Series.Edition))
		}
	}
	countries := m.Countries()
	if len(countries) == 0 || m.Date.IsZero() || m.Date.Err() != nil {
		return nil, nil
	}
	var ids []string
	var err error
	match, reason := "same_countries_near_date", fmt.Sprintf("the same countries (%s) within a day of %s", strings.Join(countries, ", "), m.Date)
	if first, ok := m.Date.First(); ok {
		last, _ := m.Date.Last()
		ids, err = s.articles.MeetingIDsNear(ctx, countries, first.AddDate(0, 0, -1), last.AddDate(0, 0, 1))
		if err == nil && len(ids) == 0 && m.Date.Day != 0 {
			// A stored report may have given the day but not the year.
			ids, err = s.articles.MeetingIDsOnDay(ctx, countries, m.Date.Month, m.Date.Day, true)
			match, reason = "same_countries_same_day", fmt.Sprintf("the same countries (%s) on %02d-%02d of a year the stored meeting does not know",
				strings.Join(countries, ", "), m.Date.Month, m.Date.Day)
		}
	} else if m.Date.Month != 0 && m.Date.Day != 0 {
		ids, err = s.articles.MeetingIDsOnDay(ctx, countries, m.Date.Month, m.Date.Day, false)
		match, reason = "same_countries_same_day", fmt.Sprintf("the same countries (%s) on %02d-%02d", strings.Join(countries, ", "), m.Date.Month, m.Date.Day)
	}
	if err != nil {
		return nil, fmt.Errorf("find candidate: %w", err)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	return found(ids, match, reason)
}

// lockPending reads and locks the draft for a change, in the transaction of
// ctx: it must be pending, and at version unless version is 0.
func (s *Service) lockPending(ctx context.Context, id string, version int) (*Draft, error) {
	if !IsID(id) {
		return nil, Errorf(ENOTFOUND, "There is no draft %q.", id)
	}
	d, err := s.drafts.GetDraft(ctx, id, true)
	if err != nil {
		return nil, err
	}
	if d.Status != DraftPending {
		msg := fmt.Sprintf("The draft was %s by %s", d.Status, deref(d.DecidedBy))
		detail := "is " + string(d.Status)
		if d.Status == DraftAccepted {
			msg += fmt.Sprintf(" into meeting %s", deref(d.MeetingID))
		} else {
			msg += fmt.Sprintf(": %s", deref(d.Reason))
		}
		e := &Error{Code: ECONFLICT, Message: msg + "; it can no longer change.",
			Fields: []FieldError{{Pointer: "/status", Detail: detail}}}
		if d.MeetingID != nil {
			e.Data = map[string]any{"existing_id": *d.MeetingID}
		}
		return nil, e
	}
	if version != 0 && d.Version != version {
		return nil, Errorf(EPRECONDITION, "The draft has changed since it was read (it is at version %d): read it again.", d.Version)
	}
	return d, nil
}

// touch marks d changed now by the actor of ctx.
func (s *Service) touch(ctx context.Context, d *Draft) {
	d.UpdatedAt, d.UpdatedBy = s.Now(), Actor(ctx)
}

// EditDraft replaces the draft meeting of a pending draft at version (0:
// any) with m, a person's edit: the values it changes are remembered as
// edited, and their evidence dropped. Returns ENOTFOUND, ECONFLICT (the
// draft was decided), EPRECONDITION, or EINVALID naming each changed value
// that breaks a rule.
func (s *Service) EditDraft(ctx context.Context, id string, version int, m *Meeting) (*Draft, error) {
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
		d, err := s.lockPending(ctx, id, version)
		if err != nil {
			return err
		}
		blankRecord(m)
		changed := Diff(jsonValue(&d.Meeting), jsonValue(m))
		if len(changed) == 0 {
			return nil
		}
		before, err := s.problems(ctx, &d.Meeting)
		if err != nil {
			return err
		}
		after, err := s.problems(ctx, m)
		if err != nil {
			return err
		}
		var p Problems
		for _, f := range after {
			isNew := !slices.ContainsFunc(before, func(b FieldError) bool { return b.Pointer == f.Pointer })
			touched := slices.ContainsFunc(changed, func(c Change) bool { return related(c.Pointer, f.Pointer) })
			if isNew || touched {
				p = append(p, f)
			}
		}
		if err := p.Err("The edit makes the draft meeting invalid."); err != nil {
			return err
		}
		old := d.Version
		for _, c := range changed {
			if !slices.Contains(d.Edited, c.Pointer) {
				d.Edited = append(d.Edited, c.Pointer)
			}
		}
		d.Meeting = *m
		d.Evidence = supported(m, d.Evidence)
		s.touch(ctx, d)
		return s.drafts.UpdateDraft(ctx, d, old, nil)
	})
	if err != nil {
		return nil, err
	}
	return s.GetDraft(ctx, id)
}

// AcceptOptions say where an accepted draft goes.
type AcceptOptions struct {
	// Version, when not 0, is the version the accepting person read.
	Version int
	// MergeInto names the stored meeting to merge into, overriding the
	// candidate.
	MergeInto string
	// AsNew stores the draft as a new meeting, never merging.
	AsNew bool

	auto bool
}

// AcceptDraft stores a pending draft's meeting, in one transaction: as a new
// meeting, or merged into the candidate (or opt.MergeInto), through the
// same writer as POST /meetings; the article becomes one of the meeting's
// sources and the evidence is kept with the meeting; the audit entry names
// the draft. Returns ENOTFOUND, ECONFLICT (decided already, or several
// candidates), EPRECONDITION (version is stale) or EINVALID.
func (s *Service) AcceptDraft(ctx context.Context, id string, opt AcceptOptions) (*Draft, error) {
	opt.auto = false
	return s.accept(ctx, id, opt)
}

func (s *Service) accept(ctx context.Context, id string, opt AcceptOptions) (*Draft, error) {
	var p Problems
	if opt.MergeInto != "" && !IsID(opt.MergeInto) {
		p.Add("/merge_into", "is not an id")
	}
	if opt.MergeInto != "" && opt.AsNew {
		p.Add("/as_new", "cannot go with merge_into")
	}
	if err := p.Err("The accept is not valid."); err != nil {
		return nil, err
	}
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
		d, err := s.lockPending(ctx, id, opt.Version)
		if err != nil {
			return err
		}
		probs, err := s.problems(ctx, &d.Meeting)
		if err != nil {
			return err
		}
		if len(probs) > 0 {
			return &Error{Code: EINVALID, Fields: probs,
				Message: "The draft is not yet a valid meeting: edit it first."}
		}
		m := cloneMeeting(&d.Meeting)
		src := articleSource(d.Article, m)
		target := opt.MergeInto
		if target == "" && !opt.AsNew {
			c, err := s.candidate(ctx, m)
			if err != nil {
				return err
			}
			if c != nil && len(c.OtherIDs) > 0 {
				return &Error{Code: ECONFLICT,
					Message: fmt.Sprintf("%d stored meetings could be this one (%s): name the one to merge into, or accept as new.",
						1+len(c.OtherIDs), c.Reason),
					Fields: []FieldError{{Pointer: "/merge_into", Detail: "must name one of " + strings.Join(append([]string{c.Meeting.ID}, c.OtherIDs...), ", ")}},
					Data:   map[string]any{"existing_id": c.Meeting.ID}}
			}
			if c != nil {
				target = c.Meeting.ID
			}
		}
		wctx := withDraft(ctx, d.ID)
		var saved *Meeting
		outcome := "created"
		if target != "" {
			outcome = "merged"
			saved, err = s.mergeInto(wctx, target, m)
			if ErrorCode(err) == ENOTFOUND && opt.MergeInto != "" {
				return &Error{Code: EINVALID, Message: "The meeting to merge into is not stored.",
					Fields: []FieldError{{Pointer: "/merge_into", Detail: "there is no meeting " + target}}}
			}
		} else {
			var merged bool
			saved, merged, err = s.CreateOrMerge(wctx, m, !opt.AsNew)
			if merged {
				outcome = "merged"
			}
		}
		if err != nil {
			return err
		}
		ev := remapEvidence(&d.Meeting, saved, d.Evidence)
		if err := s.drafts.AddEvidence(ctx, saved.ID, d, src, ev); err != nil {
			return err
		}
		old := d.Version
		now := s.Now()
		who := Actor(ctx)
		d.Status, d.MeetingID, d.Outcome, d.Auto = DraftAccepted, &saved.ID, &outcome, opt.auto
		d.DecidedBy, d.DecidedAt = &who, &now
		s.touch(ctx, d)
		return s.drafts.UpdateDraft(ctx, d, old, nil)
	})
	if err != nil {
		return nil, err
	}
	return s.GetDraft(ctx, id)
}

// mergeInto merges m into the stored meeting id, again when a concurrent
// write changed that meeting meanwhile.
func (s *Service) mergeInto(ctx context.Context, id string, m *Meeting) (*Meeting, error) {
	var err error
	for range 3 {
		var saved *Meeting
		saved, err = s.MergeInto(ctx, id, cloneMeeting(m))
		if ErrorCode(err) != EPRECONDITION {
			return saved, err
		}
	}
	return nil, err
}

// articleSource returns the source that cites the article among m's
// sources, adding it when a person removed it.
func articleSource(a *Article, m *Meeting) Source {
	src := Source{URL: a.URL, Outlet: a.Outlet, Title: a.Title, PublishedAt: a.PublishedAt, Language: &a.Language,
		AlternateTitles: []AltTitle{}}
	for _, s := range m.Sources {
		if a.URL != nil && s.URL != nil && *s.URL == *a.URL {
			return s
		}
	}
	if a.URL == nil && len(m.Sources) > 0 {
		return m.Sources[0] // read from the article: its outlet and title
	}
	m.Sources = append(m.Sources, src)
	return src
}

// RejectDraft marks a pending draft at version (0: any) rejected for the reason;
// nothing is stored but the decision and its audit entry. Returns
// ENOTFOUND, ECONFLICT, EPRECONDITION or EINVALID.
func (s *Service) RejectDraft(ctx context.Context, id string, version int, reason string) (*Draft, error) {
	reason = strings.TrimSpace(reason)
	var p Problems
	checkText(&p, "/reason", reason, 2000, true)
	if reason == "" {
		p = Problems{{Pointer: "/reason", Detail: "is required: say why the draft is rejected"}}
	}
	if err := p.Err("The rejection is not valid."); err != nil {
		return nil, err
	}
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
		d, err := s.lockPending(ctx, id, version)
		if err != nil {
			return err
		}
		old := d.Version
		now := s.Now()
		who := Actor(ctx)
		d.Status, d.Reason, d.DecidedBy, d.DecidedAt = DraftRejected, &reason, &who, &now
		s.touch(ctx, d)
		after, _ := json.Marshal(map[string]string{"reason": reason})
		entry := &AuditEntry{At: now, Actor: who, Action: AuditReject, DraftID: &d.ID, After: after, Changes: []Change{}}
		return s.drafts.UpdateDraft(ctx, d, old, entry)
	})
	if err != nil {
		return nil, err
	}
	return s.GetDraft(ctx, id)
}

// ReextractDraft reads a pending draft's article again with the current
// extractor. The values a person edited win: each top-level field of the
// meeting an edit touched is kept whole from the person's version, and the
// rest comes from the new reading. Returns ENOTFOUND, ECONFLICT or
// EPRECONDITION.
func (s *Service) ReextractDraft(ctx context.Context, id string, version int) (*Draft, error) {
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
		d, err := s.lockPending(ctx, id, version)
		if err != nil {
			return err
		}
		ex := s.extractor.Extract(d.Article)
		blankRecord(&ex.Meeting)
		m, err := keepEdits(&ex.Meeting, &d.Meeting, d.Edited)
		if err != nil {
			return fmt.Errorf("reextract: %w", err)
		}
		old := d.Version
		d.Meeting = *m
		d.Evidence = supported(m, ex.Evidence)
		d.Warnings = ex.Warnings
		if d.Warnings == nil {
			d.Warnings = []string{}
		}
		d.Confidence = clamp01(ex.Confidence)
		d.Extractor = s.extractor.Version()
		s.touch(ctx, d)
		return s.drafts.UpdateDraft(ctx, d, old, nil)
	})
	if err != nil {
		return nil, err
	}
	return s.GetDraft(ctx, id)
}

// ReextractDrafts re-extracts every draft with the status (only pending drafts
// can change) and calls progress after each; it returns how many it read.
func (s *Service) ReextractDrafts(ctx context.Context, status DraftStatus, progress func(id string, err error)) (int, error) {
	if status != DraftPending {
		var p Problems
		p.AddField("Status", "must be pending: a decided draft no longer changes")
		return 0, p.Err("The re-extraction is not valid.")
	}
	ids, err := s.drafts.DraftIDs(ctx, status)
	if err != nil {
		return 0, fmt.Errorf("reextract: %w", err)
	}
	n := 0
	for _, id := range ids {
		_, err := s.ReextractDraft(ctx, id, 0)
		if ErrorCode(err) == ECONFLICT {
			continue // decided meanwhile
		}
		if progress != nil {
			progress(id, err)
		}
		if err != nil && ErrorCode(err) != EINVALID {
			return n, err
		}
		n++
	}
	return n, nil
}

// MeetingEvidence returns the meeting's stored evidence: per value, the
// source and the span of the article it rests on. Returns ENOTFOUND.
func (s *Service) MeetingEvidence(ctx context.Context, meetingID string) ([]MeetingEvidence, error) {
	if !IsID(meetingID) {
		return nil, Errorf(ENOTFOUND, "There is no meeting %q.", meetingID)
	}
	ev, err := s.drafts.MeetingEvidence(ctx, meetingID)
	if err != nil {
		return nil, fmt.Errorf("meeting evidence: %w", err)
	}
	if ev == nil {
		ev = []MeetingEvidence{}
	}
	return ev, nil
}
