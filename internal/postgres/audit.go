package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/milmeet/milmeet/internal/domain"
)

func rawOrNil(r json.RawMessage) any {
	if len(r) == 0 {
		return nil
	}
	return []byte(r)
}

// ListAudit implements domain.AuditStore.
func (s *Store) ListAudit(ctx context.Context, f domain.AuditFilter) ([]domain.AuditEntry, error) {
	var args sqlArgs
	where := []string{"true"}
	if f.MeetingID != "" {
		where = append(where, "meeting_id = "+args.add(f.MeetingID))
	}
	if f.DraftID != "" {
		where = append(where, "draft_id = "+args.add(f.DraftID))
	}
	if f.Actor != "" {
		where = append(where, "actor = "+args.add(f.Actor))
	}
	if f.After != 0 {
		where = append(where, "id > "+args.add(f.After))
	}
	rows, err := s.pool.Query(ctx, `SELECT id, at, actor, action, meeting_id, before, after, changes, draft_id
		FROM audit_log WHERE `+strings.Join(where, " AND ")+` ORDER BY id LIMIT `+args.add(f.Limit), args...)
	if err != nil {
		return nil, fmt.Errorf("list audit: %w", formatError(err))
	}
	es, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.AuditEntry, error) {
		var e domain.AuditEntry
		var before, after, changes []byte
		if err := row.Scan(&e.ID, &e.At, &e.Actor, &e.Action, &e.MeetingID, &before, &after, &changes, &e.DraftID); err != nil {
			return e, err
		}
		e.At = e.At.UTC()
		e.Before, e.After = before, after
		if e.Before == nil {
			e.Before = json.RawMessage("null")
		}
		if e.After == nil {
			e.After = json.RawMessage("null")
		}
		return e, json.Unmarshal(changes, &e.Changes)
	})
	return es, formatError(err)
}
