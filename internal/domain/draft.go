package domain

import (
	"context"
	"time"
)

// DraftStatus is where a draft stands in review.
type DraftStatus string

// The statuses of a draft: it waits for a person, or was accepted (its
// meeting is stored) or rejected (nothing was stored).
const (
	DraftPending  DraftStatus = "pending"
	DraftAccepted DraftStatus = "accepted"
	DraftRejected DraftStatus = "rejected"
)

// DraftStatuses lists the statuses.
var DraftStatuses = []DraftStatus{DraftPending, DraftAccepted, DraftRejected}

// Article is a report as it was submitted: its text and what is known of it.
type Article struct {
	ID          string  `json:"id"`
	URL         *string `json:"url"`
	Outlet      *string `json:"outlet"`
	Title       *string `json:"title"`
	PublishedAt *Day    `json:"published_at"`
	Language    string  `json:"language"`
	Text        string  `json:"text"`
	// ContentHash is the hex SHA-256 of the text with its runs of white
	// space made single spaces: the same report submitted twice has one.
	ContentHash string    `json:"content_hash"`
	CreatedAt   time.Time `json:"created_at"`
	CreatedBy   string    `json:"created_by"`
}

// ArticleInput is a report submitted for reading.
type ArticleInput struct {
	Text        string
	URL         *string
	Outlet      *string
	PublishedAt *Day
	// Language is an ISO 639 code; "" is "en".
	Language string
}

// Evidence ties one value of a draft meeting to the words of the article it
// was read from.
type Evidence struct {
	// Field is the JSON pointer of the value in the draft meeting.
	Field string `json:"field"`
	Value any    `json:"value"`
	// Offset and Length are the span of the words in the article's text, in
	// bytes of its UTF-8; UTF16Offset and UTF16Length the same span in the
	// UTF-16 code units JavaScript strings index by.
	Offset      int     `json:"offset"`
	Length      int     `json:"length"`
	UTF16Offset int     `json:"utf16_offset"`
	UTF16Length int     `json:"utf16_length"`
	Words       string  `json:"words"`
	Confidence  float64 `json:"confidence"`
}

// Extraction is what an Extractor reads from a report.
type Extraction struct {
	Meeting  Meeting
	Evidence []Evidence
	Warnings []string
	// Confidence is the extractor's confidence, 0 to 1, that the draft's
	// identifying values (date, countries) are right.
	Confidence float64
}

// Extractor reads the draft meeting a report gives.
type Extractor interface {
	// Extract reads the article's text; it never fails, and says what it
	// could not settle in the warnings.
	Extract(a *Article) Extraction
	// Version names the extractor's rules, so that a draft says which read it.
	Version() string
}

// Candidate is the stored meeting a draft would merge into on accept.
type Candidate struct {
	Meeting *Meeting `json:"meeting"`
	// Match names the rule that found it: same_source, same_series_edition,
	// same_countries_near_date or same_countries_same_day.
	Match  string `json:"match"`
	Reason string `json:"reason"`
	// OtherIDs are further stored meetings the rule finds: an accept must
	// then name the one to merge into.
	OtherIDs []string `json:"other_ids"`
}

// Draft is the meeting read from an article, waiting for a person (or
// decided), with the evidence for each value.
type Draft struct {
	ID         string      `json:"id"`
	Status     DraftStatus `json:"status"`
	Meeting    Meeting     `json:"meeting"`
	Evidence   []Evidence  `json:"evidence"`
	Warnings   []string    `json:"warnings"`
	Confidence float64     `json:"confidence"`
	// Edited lists the JSON pointers of the values a person changed;
	// re-extraction keeps them.
	Edited []string `json:"edited"`
	// Problems are what must be fixed before the draft can be accepted.
	Problems  []FieldError `json:"problems"`
	Extractor string       `json:"extractor"`
	ArticleID string       `json:"article_id"`
	Article   *Article     `json:"article,omitempty"`
	// Candidate is the stored meeting an accept would merge into, if any;
	// set by GetDraft for pending drafts.
	Candidate *Candidate `json:"candidate"`
	// MeetingID is the meeting an accepted draft created or was merged into.
	MeetingID *string `json:"meeting_id"`
	// Outcome of an accept: created or merged.
	Outcome *string `json:"outcome"`
	// Auto marks a draft accepted by the configured threshold, not a person.
	Auto      bool       `json:"auto_accepted"`
	DecidedBy *string    `json:"decided_by"`
	DecidedAt *time.Time `json:"decided_at"`
	// Reason is why a draft was rejected.
	Reason    *string   `json:"reason"`
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	CreatedBy string    `json:"created_by"`
	UpdatedAt time.Time `json:"updated_at"`
	UpdatedBy string    `json:"updated_by"`
}

// DraftSummary is a draft as lists show it.
type DraftSummary struct {
	ID          string      `json:"id"`
	Status      DraftStatus `json:"status"`
	Title       string      `json:"title"`
	Date        PartialDate `json:"date"`
	Kind        Kind        `json:"kind"`
	Countries   []string    `json:"countries"`
	Confidence  float64     `json:"confidence"`
	Warnings    int         `json:"warnings"`
	URL         *string     `json:"url"`
	Outlet      *string     `json:"outlet"`
	PublishedAt *Day        `json:"published_at"`
	MeetingID   *string     `json:"meeting_id"`
	CreatedAt   time.Time   `json:"created_at"`
	UpdatedAt   time.Time   `json:"updated_at"`
}

// DraftFilter selects drafts. Zero fields do not filter.
type DraftFilter struct {
	Status DraftStatus
	// Country took part in the draft meeting (alpha-2).
	Country string
	// From and To bound the draft's date, inclusive, as on meetings.
	From PartialDate
	To   PartialDate
	// Q is searched for in the articles' titles and texts.
	Q     string
	Limit int
	// After is the id the page starts after; pages go from the newest.
	After string
}

// Validate checks the filter's values, resolves its country code and fills
// in the page size.
func (f *DraftFilter) Validate(codes CountryCodes) error {
	var p Problems
	checkOneOf(&p, "Status", f.Status, DraftStatuses)
	if f.Country != "" {
		f.Country = codes.resolve(&p, "Country", f.Country)
	}
	checkDates(&p, f.From, f.To)
	if f.Q != "" && Fold(f.Q) == "" {
		p.AddField("Q", "must hold a letter or digit")
	}
	checkPage(&p, &f.Limit, f.After)
	return p.Err(errFilter)
}

// MeetingEvidence is a value of a stored meeting with the words it rests
// on: a field of the meeting, the article and source it came from, and the
// span of the article's text.
type MeetingEvidence struct {
	Evidence
	DraftID   string  `json:"draft_id"`
	ArticleID string  `json:"article_id"`
	Source    *Source `json:"source"`
}

// DraftStore keeps articles, their drafts, and the evidence accepted
// meetings keep.
type DraftStore interface {
	// CreateDraft stores the article and its draft in one transaction. When
	// an article with the same URL or content hash is stored already it
	// stores nothing and returns that article's draft id and false.
	CreateDraft(ctx context.Context, a *Article, d *Draft) (id string, created bool, err error)
	// FindDraftID returns the id of the draft of the article with the URL
	// (when not nil) or the content hash. Returns ENOTFOUND.
	FindDraftID(ctx context.Context, url *string, contentHash string) (string, error)
	// GetDraft returns the draft with its article. With lock, the draft is
	// locked until the transaction ends. Returns ENOTFOUND.
	GetDraft(ctx context.Context, id string, lock bool) (*Draft, error)
	// UpdateDraft stores d over the draft d.ID whose version is still
	// version, and the audit entry if not nil. Returns ENOTFOUND or
	// EPRECONDITION.
	UpdateDraft(ctx context.Context, d *Draft, version int, audit *AuditEntry) error
	// ListDrafts returns one page of drafts that pass the filter, newest
	// first, after its cursor.
	ListDrafts(ctx context.Context, f DraftFilter) ([]DraftSummary, error)
	// DraftIDs returns the ids of every draft with the status, oldest first.
	DraftIDs(ctx context.Context, status DraftStatus) ([]string, error)
	// AddEvidence stores the evidence meeting meetingID keeps from the
	// accepted draft d, and makes d's article the stored source src of the
	// meeting. Returns EINVALID when the meeting holds no such source.
	AddEvidence(ctx context.Context, meetingID string, d *Draft, src Source, ev []Evidence) error
	// MeetingEvidence returns the evidence of the meeting and its child
	// meetings, in the order it was stored.
	MeetingEvidence(ctx context.Context, meetingID string) ([]MeetingEvidence, error)
	// MeetingIDsBySeries returns the live top-level meetings of the series
	// (its name compared without case) and edition.
	MeetingIDsBySeries(ctx context.Context, name string, edition int) ([]string, error)
}

// Transactor runs a function in one transaction: every store call made
// with the context fn is given is part of it.
type Transactor interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
}
