package http

import (
	"bufio"
	"encoding/csv"
	"errors"
	"mime"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/milmeet/milmeet/internal/domain"
)

// Export formats of GET /meetings.
const (
	formatJSON   = "json"
	formatNDJSON = "ndjson"
	formatCSV    = "csv"
)

// exportFormat picks the format: the format parameter, else the Accept
// header, else paged JSON.
func exportFormat(r *http.Request, p *params) string {
	switch f := p.str("format"); f {
	case formatJSON, formatNDJSON, formatCSV:
		return f
	case "":
	default:
		p.add("format", "must be json, ndjson or csv")
		return ""
	}
	for _, part := range strings.Split(r.Header.Get("Accept"), ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mt {
		case "application/x-ndjson", "application/ndjson":
			return formatNDJSON
		case "text/csv":
			return formatCSV
		case "application/json":
			return formatJSON
		}
	}
	return formatJSON
}

// flushEvery is how many rows an export writes between flushes: the client
// gets data as it is read, and the server holds no more than a buffer.
const flushEvery = 256

// streamWriter buffers an export and flushes it to the client as it goes.
type streamWriter struct {
	w       http.ResponseWriter
	cw      *clientWriter
	bw      *bufio.Writer
	rows    int
	started bool
}

func newStreamWriter(w http.ResponseWriter, stall time.Duration) *streamWriter {
	cw := &clientWriter{w: w, rc: http.NewResponseController(w), stall: stall}
	return &streamWriter{w: w, cw: cw, bw: bufio.NewWriterSize(cw, 32<<10)}
}

// clientWriter writes an export to the client, each write with a deadline
// stall ahead: a client that takes no byte for that long makes the write
// fail, and the export ends. Its errors are clientErrors.
type clientWriter struct {
	w     http.ResponseWriter
	rc    *http.ResponseController
	stall time.Duration
	bytes int64
}

func (c *clientWriter) Write(p []byte) (int, error) {
	if err := c.deadline(); err != nil {
		return 0, err
	}
	n, err := c.w.Write(p)
	c.bytes += int64(n)
	if err != nil {
		return n, clientError{err}
	}
	return n, nil
}

func (c *clientWriter) flush() error {
	if err := c.deadline(); err != nil {
		return err
	}
	if err := c.rc.Flush(); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return clientError{err}
	}
	return nil
}

// deadline sets the next write's deadline; a writer without a connection
// (a test's recorder) has none to set.
func (c *clientWriter) deadline() error {
	if err := c.rc.SetWriteDeadline(time.Now().Add(c.stall)); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return clientError{err}
	}
	return nil
}

// clientError is a failure to send to the client: it stalled or left.
type clientError struct{ err error }

func (e clientError) Error() string { return "send to client: " + e.err.Error() }
func (e clientError) Unwrap() error { return e.err }

// start sends the headers, once, before the first row.
func (sw *streamWriter) start(contentType, filename string) {
	if sw.started {
		return
	}
	sw.started = true
	h := sw.w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Cache-Control", "no-store")
	if filename != "" {
		h.Set("Content-Disposition", `attachment; filename="`+filename+`"`)
	}
	sw.w.WriteHeader(http.StatusOK)
}

func (sw *streamWriter) row() error {
	sw.rows++
	if sw.rows%flushEvery == 0 {
		return sw.flush()
	}
	return nil
}

func (sw *streamWriter) flush() error {
	if err := sw.bw.Flush(); err != nil {
		return err
	}
	return sw.cw.flush()
}

// export streams the whole filtered set. An error before the first row is
// an ordinary problem answer; after it, the connection is cut so that the
// client cannot take a truncated export for a whole one.
func (s *Server) export(w http.ResponseWriter, r *http.Request, f domain.MeetingFilter, format, table string) error {
	select {
	case s.exports <- struct{}{}:
		defer func() { <-s.exports }()
	default:
		w.Header().Set("Retry-After", "5")
		return domain.Errorf(domain.ETOOMANY, "%d exports are running: try again shortly.", s.cfg.MaxExports)
	}
	s.metrics.exports.Inc()
	defer s.metrics.exports.Dec()
	// An export may take longer than an ordinary answer to send: each write
	// has its own deadline instead, and the connection none once it is done.
	sw := newStreamWriter(w, s.cfg.ExportStallTimeout)
	defer func() { _ = sw.cw.rc.SetWriteDeadline(time.Time{}) }()
	var err error
	switch {
	case format == formatNDJSON && table == "":
		err = s.exportNDJSON(r, sw, f)
	case format == formatCSV && table == "":
		err = s.exportCSV(r, sw, f)
	case format == formatCSV:
		err = s.exportRows(r, sw, f, table)
	default:
		err = queryError{message: "The query is not valid.",
			fields: []ProblemField{{Parameter: "table", Detail: "goes with format=csv"}}}
	}
	if err == nil && !sw.started {
		sw.start("application/x-ndjson", "") // no rows: an empty export
	}
	if err == nil {
		err = sw.flush()
	}
	if err != nil && sw.started {
		s.abortExport(r, sw, err)
	}
	return err
}

// exportNDJSON streams the meetings as NDJSON, one summary a line.
func (s *Server) exportNDJSON(r *http.Request, sw *streamWriter, f domain.MeetingFilter) error {
	var line []byte
	return s.svc.ExportMeetings(r.Context(), f, func(m *domain.MeetingSummary) error {
		sw.start("application/x-ndjson", "")
		item := m.Encoded
		if item == nil {
			var err error
			if line, err = appendItem(line[:0], m); err != nil {
				return err
			}
			item = line
		}
		if _, err := sw.bw.Write(item); err != nil {
			return err
		}
		if err := sw.bw.WriteByte('\n'); err != nil {
			return err
		}
		return sw.row()
	})
}

// exportCSV streams the meetings as CSV, the header first (alone when no
// meeting passes the filter).
func (s *Server) exportCSV(r *http.Request, sw *streamWriter, f domain.MeetingFilter) error {
	cw := csv.NewWriter(sw.bw)
	defer cw.Flush()
	header := func() error {
		if sw.started {
			return nil
		}
		sw.start("text/csv; charset=utf-8", "meetings.csv")
		return cw.Write(meetingColumns)
	}
	err := s.svc.ExportMeetings(r.Context(), f, func(m *domain.MeetingSummary) error {
		if err := header(); err != nil {
			return err
		}
		if err := m.Expand(); err != nil {
			return err
		}
		return csvRow(sw, cw, textCells(meetingRow(m)))
	})
	if err != nil {
		return err
	}
	return header()
}

// exportRows streams a child table of the meetings as CSV.
func (s *Server) exportRows(r *http.Request, sw *streamWriter, f domain.MeetingFilter, table string) error {
	cw := csv.NewWriter(sw.bw)
	defer cw.Flush()
	return s.svc.ExportRows(r.Context(), f, table, func(row []string) error {
		sw.start("text/csv; charset=utf-8", table+".csv")
		return csvRow(sw, cw, textCells(row))
	})
}

// csvRow writes one CSV row, flushing the CSV writer before the stream
// writer flushes.
func csvRow(sw *streamWriter, cw *csv.Writer, cells []string) error {
	if err := cw.Write(cells); err != nil {
		return err
	}
	if sw.rows%flushEvery == flushEvery-1 {
		cw.Flush()
	}
	return sw.row()
}

// abortExport logs why an export that had begun ended early and cuts the
// connection.
func (s *Server) abortExport(r *http.Request, sw *streamWriter, err error) {
	var ce clientError
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded):
		s.log.WarnContext(r.Context(), "export cut off: the client took no bytes for too long",
			"request_id", requestID(r.Context()), "stall_timeout", s.cfg.ExportStallTimeout.String(),
			"rows", sw.rows, "bytes", sw.cw.bytes)
	case errors.As(err, &ce) || r.Context().Err() != nil:
		s.log.InfoContext(r.Context(), "export ended: the client left",
			"request_id", requestID(r.Context()), "rows", sw.rows, "bytes", sw.cw.bytes, "err", err)
	default:
		s.log.ErrorContext(r.Context(), "export failed midway", "err", err,
			"request_id", requestID(r.Context()), "rows", sw.rows)
	}
	panic(http.ErrAbortHandler)
}

// meetingColumns are the columns of the meetings CSV; lists are joined
// with ";", heads are "COUNTRY:Name".
var meetingColumns = []string{"id", "date", "date_precision", "title", "kind", "city", "host_country",
	"countries", "heads", "agreements", "topics", "series_name", "series_edition", "parent_id", "updated_at"}

func meetingRow(m *domain.MeetingSummary) []string {
	heads := make([]string, len(m.Heads))
	for i, h := range m.Heads {
		heads[i] = h.Country + ":" + h.Name
	}
	topics := make([]string, len(m.Topics))
	for i, t := range m.Topics {
		topics[i] = string(t)
	}
	var series, edition string
	if m.Series != nil {
		series = m.Series.Name
		if m.Series.Edition != nil {
			edition = strconv.Itoa(*m.Series.Edition)
		}
	}
	return []string{m.ID, m.Date.String(), string(m.DatePrecision), m.Title, string(m.Kind), deref(m.City),
		deref(m.HostCountry), strings.Join(m.Countries, ";"), strings.Join(heads, ";"),
		strings.Join(m.Agreements, ";"), strings.Join(topics, ";"), series, edition, deref(m.ParentID),
		m.UpdatedAt.Format("2006-01-02T15:04:05.999999Z07:00")}
}

// textCells keeps a spreadsheet from running cells as formulas (OWASP "CSV
// Injection"): a cell that begins with =, +, -, @, tab or carriage return
// gets a leading apostrophe, which spreadsheets read as "this is text" and
// do not show. row is changed in place.
func textCells(row []string) []string {
	for i, c := range row {
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			row[i] = "'" + c
		}
	}
	return row
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
