package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/milmeet/milmeet/internal/domain"
)

// The one meeting writer. POST, PUT, merges and imports write meeting rows
// through writeMeetings: meetingRows is the only code that says which
// column a meeting's value goes to, and writeRows sends the rows of one
// meeting or of thousands. A column added to a table is written here once.

// tableRows gathers rows of one table, its columns named once.
type tableRows struct {
	table   string
	columns []string
	rows    [][]any
}

func (t *tableRows) add(vals ...any) { t.rows = append(t.rows, vals) }

// insertSQL inserts one row. OVERRIDING SYSTEM VALUE lets ids reserved
// from an identity column's sequence be written, as COPY writes them.
func (t *tableRows) insertSQL() string {
	ps := make([]string, len(t.columns))
	for i := range ps {
		ps[i] = "$" + strconv.Itoa(i+1)
	}
	return "INSERT INTO " + t.table + " (" + strings.Join(t.columns, ", ") + ") OVERRIDING SYSTEM VALUE VALUES (" +
		strings.Join(ps, ", ") + ")"
}

// uuidColumns are the uuid columns of the tables COPY writes (a store test
// holds them to the schema). Their ids are strings here, which pgx cannot
// encode as binary uuids: it fails, building an error, and goes through
// text, which was a tenth of an import's CPU. copyRows gives them as
// pgtype.UUID.
var uuidColumns = map[string][]string{
	"meetings":              {"id", "parent_id"},
	"delegations":           {"meeting_id"},
	"delegation_members":    {"official_id"},
	"ceremonies":            {"meeting_id", "recipient_official_id"},
	"agreements":            {"id", "meeting_id"},
	"agreement_parties":     {"agreement_id"},
	"agreement_signatories": {"agreement_id", "official_id"},
	"audit_log":             {"meeting_id", "draft_id"},
}

// copyRows is rows of table for COPY, their ids made uuids.
func copyRows(table string, columns []string, rows [][]any) pgx.CopyFromSource {
	var at []int
	for i, c := range columns {
		if slices.Contains(uuidColumns[table], c) {
			at = append(at, i)
		}
	}
	return pgx.CopyFromSlice(len(rows), func(i int) ([]any, error) {
		row := rows[i]
		for _, j := range at {
			row[j] = uuidArg(row[j])
		}
		return row, nil
	})
}

// uuidArg is v, a string or *string, as a pgtype.UUID; anything else, or
// a string that is not a uuid, is left for pgx (and the database) to
// judge.
func uuidArg(v any) any {
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case *string:
		if x == nil {
			return nil
		}
		s = *x
	default:
		return v
	}
	if len(s) != 36 {
		return v
	}
	var u pgtype.UUID
	j := 0
	for i := 0; i < 36; i++ {
		switch i {
		case 8, 13, 18, 23:
			if s[i] != '-' {
				return v
			}
			continue
		}
		h, ok1 := unhex(s[i])
		l, ok2 := unhex(s[i+1])
		if !ok1 || !ok2 {
			return v
		}
		u.Bytes[j] = h<<4 | l
		j++
		i++
	}
	u.Valid = true
	return u
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// copyMinRows is the number of rows from which a write goes by COPY, a
// statement per table; fewer go in one batch of INSERTs, one round trip.
const copyMinRows = 64

// writeRows writes the tables' rows, in the order given (a row's references
// first): with COPY when there are many, else in one batch.
func writeRows(ctx context.Context, q querier, tables ...*tableRows) error {
	n := 0
	for _, t := range tables {
		n += len(t.rows)
	}
	if n >= copyMinRows {
		for _, t := range tables {
			if len(t.rows) == 0 {
				continue
			}
			if _, err := q.CopyFrom(ctx, pgx.Identifier{t.table}, t.columns, copyRows(t.table, t.columns, t.rows)); err != nil {
				return fmt.Errorf("copy %s: %w", t.table, formatError(err))
			}
		}
		return nil
	}
	b := &pgx.Batch{}
	for _, t := range tables {
		sql := t.insertSQL()
		for _, row := range t.rows {
			b.Queue(sql, row...)
		}
	}
	if b.Len() == 0 {
		return nil
	}
	if err := q.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("insert rows: %w", formatError(err))
	}
	return nil
}

// meetingRows gathers the rows of meetings and all they hold but their
// sources (upserted apart, see linkSources).
type meetingRows struct {
	meetings, delegations, members, ceremonies, agreements, parties, signatories tableRows
	// updates are the rows of meetings stored already, written in place.
	updates [][]any
	// delegationIDs are reserved from the delegations' sequence, so that
	// members can name their delegation.
	delegationIDs []int64
}

func newMeetingRows() *meetingRows {
	return &meetingRows{
		meetings: tableRows{table: "meetings", columns: []string{"id", "title", "date_year", "date_month", "date_day",
			"end_date", "city", "venue", "host_country", "kind", "summary", "topics", "series_name", "series_edition",
			"parent_id", "dedupe_key", "countries", "list_item", "created_at", "updated_at"}},
		delegations: tableRows{table: "delegations", columns: []string{"id", "meeting_id", "ord", "country", "role"}},
		members: tableRows{table: "delegation_members", columns: []string{"delegation_id", "official_id", "ord",
			"is_head", "rank", "position"}},
		ceremonies: tableRows{table: "ceremonies", columns: []string{"meeting_id", "ord", "type", "site", "honoured",
			"description", "award", "recipient_official_id", "recipient_rank", "recipient_position"}},
		agreements: tableRows{table: "agreements", columns: []string{"id", "meeting_id", "ord", "title", "type",
			"period", "signed_on"}},
		parties:     tableRows{table: "agreement_parties", columns: []string{"agreement_id", "country", "ord"}},
		signatories: tableRows{table: "agreement_signatories", columns: []string{"agreement_id", "official_id", "ord"}},
	}
}

// update writes a stored meeting's row in place, from the same columns as
// a new one's, and counts a new version; created_at stays as stored.
func (w *meetingRows) update(b *pgx.Batch, row []any) {
	var set []string
	var args []any
	for i, c := range w.meetings.columns {
		if c == "created_at" {
			continue
		}
		args = append(args, row[i])
		if c != "id" {
			set = append(set, c+" = $"+strconv.Itoa(len(args)))
		}
	}
	b.Queue("UPDATE meetings SET "+strings.Join(set, ", ")+", version = version + 1 WHERE id = $1", args...)
}

// add gathers m's rows and those of its child meetings; stored reports
// which of them are stored already (nil: none).
func (w *meetingRows) add(m *domain.Meeting, stored func(id string) bool) {
	w.addOne(m, stored)
	for i := range m.ChildMeetings {
		w.addOne(&m.ChildMeetings[i], stored)
	}
}

func (w *meetingRows) addOne(m *domain.Meeting, stored func(id string) bool) {
	var seriesName *string
	var seriesEdition *int
	if m.Series != nil {
		seriesName, seriesEdition = &m.Series.Name, m.Series.Edition
	}
	topics := make([]string, len(m.Topics))
	for i, t := range m.Topics {
		topics[i] = string(t)
	}
	// What lists read is written with the meeting: its countries, and the
	// item as lists show it, rendered here once so that a list sends it as
	// it is (migration 000010). A list item is plain data: encoding it
	// cannot fail.
	item := m.ListItem()
	encoded, _ := json.Marshal(item)
	row := []any{m.ID, m.Title, nz(m.Date.Year), nz(m.Date.Month), nz(m.Date.Day), dateArg(m.EndDate),
		m.City, m.Venue, m.HostCountry, string(m.Kind), m.Summary, topics, seriesName, seriesEdition,
		m.ParentID, m.DedupeKey, item.Countries, string(encoded), m.CreatedAt, m.UpdatedAt}
	if stored != nil && stored(m.ID) {
		w.updates = append(w.updates, row)
	} else {
		w.meetings.add(row...)
	}
	for i, d := range m.Delegations {
		did := w.delegationIDs[0]
		w.delegationIDs = w.delegationIDs[1:]
		w.delegations.add(did, m.ID, i, d.Country, string(d.Role))
		ord := 0
		if d.Head != nil {
			w.members.add(did, d.Head.OfficialID, ord, true, d.Head.Rank, d.Head.Position)
			ord++
		}
		for _, p := range d.Members {
			w.members.add(did, p.OfficialID, ord, false, p.Rank, p.Position)
			ord++
		}
	}
	for i, c := range m.Ceremonies {
		var rid, rrank, rpos any
		if c.Recipient != nil {
			rid, rrank, rpos = c.Recipient.OfficialID, c.Recipient.Rank, c.Recipient.Position
		}
		w.ceremonies.add(m.ID, i, string(c.Type), c.Site, c.Honoured, c.Description, c.Award, rid, rrank, rpos)
	}
	for i, a := range m.Agreements {
		w.agreements.add(a.ID, m.ID, i, a.Title, string(a.Type), a.Period, dateArg(a.SignedOn))
		for j, c := range a.Parties {
			w.parties.add(a.ID, c, j)
		}
		for j, sg := range a.Signatories {
			w.signatories.add(a.ID, sg.OfficialID, j)
		}
	}
}

// writeMeetings writes meetings whole, with their child meetings and all
// they hold but their sources. stored reports which meetings are stored
// already (nil: none): their rows are written in place, and what they held
// must have been cleared (clearParts).
func writeMeetings(ctx context.Context, q querier, ms []*domain.Meeting, stored func(id string) bool) error {
	return writeMeetingsWith(ctx, q, ms, stored, nil)
}

// writeMeetingsWith is writeMeetings; docs, when set, are the texts of the
// search documents of the meetings, all new, which are written with them.
func writeMeetingsWith(ctx context.Context, q querier, ms []*domain.Meeting, stored func(id string) bool,
	docs map[string]searchText) error {
	n := 0
	for _, m := range ms {
		n += len(m.Delegations)
		for _, c := range m.ChildMeetings {
			n += len(c.Delegations)
		}
	}
	w := newMeetingRows()
	if n > 0 {
		rows, err := q.Query(ctx, `SELECT nextval(pg_get_serial_sequence('delegations', 'id')) FROM generate_series(1, $1)`, n)
		if err != nil {
			return fmt.Errorf("reserve delegation ids: %w", formatError(err))
		}
		if w.delegationIDs, err = pgx.CollectRows(rows, pgx.RowTo[int64]); err != nil {
			return fmt.Errorf("reserve delegation ids: %w", formatError(err))
		}
	}
	for _, m := range ms {
		w.add(m, stored)
	}
	if len(w.updates) > 0 {
		b := &pgx.Batch{}
		for _, row := range w.updates {
			w.update(b, row)
		}
		if err := q.SendBatch(ctx, b).Close(); err != nil {
			return fmt.Errorf("update meetings: %w", formatError(err))
		}
	}
	if docs != nil {
		if err := insertSearched(ctx, q, &w.meetings, docs); err != nil {
			return fmt.Errorf("write meetings: %w", err)
		}
		w.meetings.rows = nil
	}
	if err := writeRows(ctx, q, &w.meetings, &w.delegations, &w.members, &w.ceremonies, &w.agreements,
		&w.parties, &w.signatories); err != nil {
		return fmt.Errorf("write meetings: %w", err)
	}
	return nil
}

// insertSearched writes the rows of t, new meetings, each with the search
// document of its texts in docs (by id, the first column): copied into a
// table of the transaction with the texts, then inserted from it with the
// documents computed.
func insertSearched(ctx context.Context, q querier, t *tableRows, docs map[string]searchText) error {
	if len(t.rows) == 0 {
		return nil
	}
	cols := strings.Join(t.columns, ", ")
	if _, err := q.Exec(ctx, `CREATE TEMP TABLE meetings_in ON COMMIT DROP AS SELECT `+cols+
		`, ''::text AS doc_a, ''::text AS doc_b, ''::text AS doc_c FROM meetings WITH NO DATA`); err != nil {
		return formatError(err)
	}
	rows := make([][]any, len(t.rows))
	for i, r := range t.rows {
		d := docs[r[0].(string)]
		rows[i] = append(r[:len(r):len(r)], d.a, d.b, d.c)
	}
	if _, err := q.CopyFrom(ctx, pgx.Identifier{"meetings_in"}, append(t.columns[:len(t.columns):len(t.columns)],
		"doc_a", "doc_b", "doc_c"), copyRows(t.table, t.columns, rows)); err != nil {
		return fmt.Errorf("copy meetings: %w", formatError(err))
	}
	if _, err := q.Exec(ctx, `INSERT INTO meetings (`+cols+`, search) SELECT `+cols+`, `+searchDocSQL+
		` FROM meetings_in; DROP TABLE meetings_in`); err != nil {
		return fmt.Errorf("insert meetings: %w", formatError(err))
	}
	return nil
}

// auditRows gathers audit entries, each written in the transaction of the
// change it records.
func auditRows(es ...*domain.AuditEntry) (*tableRows, error) {
	t := &tableRows{table: "audit_log", columns: []string{"at", "actor", "action", "meeting_id", "before",
		"after", "changes", "draft_id"}}
	for _, e := range es {
		if e == nil {
			continue
		}
		changes, err := e.ChangesJSON()
		if err != nil {
			return nil, fmt.Errorf("audit: %w", err)
		}
		t.add(e.At, e.Actor, string(e.Action), e.MeetingID, rawOrNil(e.Before), rawOrNil(e.After), changes, e.DraftID)
	}
	return t, nil
}

// insertAudit stores audit entries in the transaction of the change they
// record.
func insertAudit(ctx context.Context, q querier, es ...*domain.AuditEntry) error {
	t, err := auditRows(es...)
	if err != nil {
		return err
	}
	if err := writeRows(ctx, q, t); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}
