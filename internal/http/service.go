package http

import (
	"context"

	"github.com/milmeet/milmeet/internal/domain"
)

// The domain as the handlers see it: one narrow interface per aggregate,
// each naming only the calls the handlers make. *domain.Service implements
// them all; a test may stand a fake in front of one call to force a
// failure no database gives on demand.

// Filters checks the filters of lists, naming every field at fault.
type Filters interface {
	CheckFilter(ctx context.Context, f domain.Filter) error
}

// Meetings reads, writes and exports meetings.
type Meetings interface {
	ListMeetings(ctx context.Context, f domain.MeetingFilter) ([]domain.MeetingSummary, *domain.Cursor, error)
	CountMeetings(ctx context.Context, f domain.MeetingFilter, exact bool) (int64, bool, error)
	ExportMeetings(ctx context.Context, f domain.MeetingFilter, fn func(*domain.MeetingSummary) error) error
	ExportRows(ctx context.Context, f domain.MeetingFilter, table string, fn func([]string) error) error
	GetMeeting(ctx context.Context, id string) (*domain.Meeting, error)
	CreateOrMerge(ctx context.Context, m *domain.Meeting, merge bool) (*domain.Meeting, bool, error)
	ReplaceMeeting(ctx context.Context, id string, m *domain.Meeting, version int) (*domain.Meeting, error)
	DeleteMeeting(ctx context.Context, id string, version int) error
}

// Officials reads officials.
type Officials interface {
	GetOfficial(ctx context.Context, id string) (*domain.Official, error)
	ListOfficials(ctx context.Context, f domain.OfficialFilter) ([]domain.Official, string, error)
}

// Agreements reads agreements.
type Agreements interface {
	GetAgreement(ctx context.Context, id string) (*domain.Agreement, error)
	ListAgreements(ctx context.Context, f domain.AgreementFilter) ([]domain.Agreement, string, error)
}

// Countries reads countries and the counts of their meetings.
type Countries interface {
	Countries(ctx context.Context) ([]domain.Country, error)
	CountryProfile(ctx context.Context, code string) (*domain.CountryProfile, error)
	Timeline(ctx context.Context, f domain.TimelineFilter) (*domain.Timeline, error)
	Partners(ctx context.Context, country string) ([]domain.Partner, error)
	Edges(ctx context.Context) ([]domain.Edge, error)
}

// Keys keeps API keys.
type Keys interface {
	Authenticate(ctx context.Context, token string) (*domain.Key, error)
	CreateKey(ctx context.Context, name string, scope domain.Scope) (*domain.Key, string, error)
	ListKeys(ctx context.Context) ([]domain.Key, error)
	RevokeKey(ctx context.Context, name string) error
}

// Audit reads the audit log.
type Audit interface {
	ListAudit(ctx context.Context, f domain.AuditFilter) ([]domain.AuditEntry, int64, error)
}

// Imports stores meetings in bulk.
type Imports interface {
	Import(ctx context.Context, next func() (domain.ImportLine, bool), opt domain.ImportOptions) (*domain.ImportReport, error)
}

// Drafts stores reports as drafts and takes them through review, and
// gives the evidence accepted meetings keep.
type Drafts interface {
	SubmitArticle(ctx context.Context, in domain.ArticleInput) (*domain.Draft, bool, error)
	GetDraft(ctx context.Context, id string) (*domain.Draft, error)
	ListDrafts(ctx context.Context, f domain.DraftFilter) ([]domain.DraftSummary, string, error)
	EditDraft(ctx context.Context, id string, version int, m *domain.Meeting) (*domain.Draft, error)
	AcceptDraft(ctx context.Context, id string, opt domain.AcceptOptions) (*domain.Draft, error)
	RejectDraft(ctx context.Context, id string, version int, reason string) (*domain.Draft, error)
	ReextractDraft(ctx context.Context, id string, version int) (*domain.Draft, error)
	MeetingEvidence(ctx context.Context, meetingID string) ([]domain.MeetingEvidence, error)
}

// Idempotency keeps the outcomes of requests made with an Idempotency-Key.
type Idempotency interface {
	BeginRequest(ctx context.Context, owner, key string, hash []byte) ([]byte, error)
	FinishRequest(ctx context.Context, owner, key string, outcome []byte) error
	AbandonRequest(ctx context.Context, owner, key string) error
}

// Service is every part of the domain the server uses.
type Service interface {
	Filters
	Meetings
	Officials
	Agreements
	Countries
	Keys
	Audit
	Imports
	Drafts
	Idempotency
}

var _ Service = (*domain.Service)(nil)
