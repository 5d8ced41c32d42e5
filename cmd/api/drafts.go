package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/postgres"
)

const draftsUsage = `usage: api drafts COMMAND [flags] [ID]

  list [-status S] [-country C] [-from DATE] [-to DATE] [-q WORDS] [-limit N]
                     the drafts, newest first, one a line
  show ID            the draft as GET /drafts/{id} answers it (JSON)
  accept [-merge-into MEETING] [-as-new] ID
                     store the draft's meeting: merged into its candidate, or new
  reject -reason TEXT ID
                     reject the draft, saying why; nothing is stored
  reextract -status pending | ID...
                     read the drafts' articles again; a person's edits are kept

Flags come before the ID. Decisions are recorded as made by "cli"`

// cmdDrafts reviews drafts from the command line, through the same rules as
// /drafts.
func cmdDrafts(ctx context.Context, set *settings, args []string, stdout, stderr io.Writer) error {
	usage := errors.New(draftsUsage)
	sub := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		sub, args = args[0], args[1:]
	}
	fs := set.flags(strings.TrimSpace("drafts " + sub))
	status := fs.String("status", "", "pending, accepted or rejected (list, reextract)")
	country := fs.String("country", "", "drafts with a delegation of this country (list)")
	from := fs.String("from", "", "drafts dated on or after: YYYY, YYYY-MM or YYYY-MM-DD (list)")
	to := fs.String("to", "", "drafts dated on or before (list)")
	q := fs.String("q", "", "words in the articles (list)")
	limit := fs.Int("limit", 50, "most drafts to list (list)")
	mergeInto := fs.String("merge-into", "", "the stored meeting to merge into, over the candidate (accept)")
	asNew := fs.Bool("as-new", false, "store a new meeting even when there is a candidate (accept)")
	reason := fs.String("reason", "", "why the draft is rejected (reject)")
	cfg, err := set.parse(fs, args)
	if err != nil {
		return err
	}
	if sub == "" {
		return usage
	}
	if cfg.DatabaseURL, err = databaseURL(cfg); err != nil {
		return err
	}
	if err := postgres.MigrateUp(ctx, cfg.DatabaseURL); err != nil {
		return err
	}
	pool, err := postgres.Open(ctx, cfg.DatabaseURL, postgres.Options{MaxConns: 2})
	if err != nil {
		return err
	}
	defer pool.Close()
	svc, _ := newService(pool)
	ctx = domain.WithActor(ctx, "cli")
	one := func() (string, error) {
		if fs.NArg() != 1 {
			return "", fmt.Errorf("drafts %s takes one draft id\n%s", sub, draftsUsage)
		}
		return fs.Arg(0), nil
	}
	switch sub {
	case "list":
		f := domain.DraftFilter{Status: domain.DraftStatus(*status), Country: *country, Q: *q, Limit: *limit}
		for _, d := range []struct {
			flag, v string
			dst     *domain.PartialDate
		}{{"from", *from, &f.From}, {"to", *to, &f.To}} {
			if d.v == "" {
				continue
			}
			if *d.dst, err = domain.ParsePartialDate(d.v); err != nil || d.dst.Year == 0 {
				return fmt.Errorf("-%s: want YYYY, YYYY-MM or YYYY-MM-DD", d.flag)
			}
		}
		ds, _, err := svc.ListDrafts(ctx, f)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tSTATUS\tCONFIDENCE\tDATE\tCOUNTRIES\tWARNINGS\tTITLE")
		for _, d := range ds {
			fmt.Fprintf(tw, "%s\t%s\t%.2f\t%s\t%s\t%d\t%s\n", d.ID, d.Status, d.Confidence, orDash(d.Date.String()),
				orDash(strings.Join(d.Countries, ",")), d.Warnings, d.Title)
		}
		return tw.Flush()
	case "show":
		id, err := one()
		if err != nil {
			return err
		}
		d, err := svc.GetDraft(ctx, id)
		if err != nil {
			return err
		}
		return printJSON(stdout, d)
	case "accept":
		id, err := one()
		if err != nil {
			return err
		}
		d, err := svc.AcceptDraft(ctx, id, domain.AcceptOptions{MergeInto: *mergeInto, AsNew: *asNew})
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "draft %s accepted: meeting %s %s\n", d.ID, *d.MeetingID, *d.Outcome)
	case "reject":
		id, err := one()
		if err != nil {
			return err
		}
		d, err := svc.RejectDraft(ctx, id, 0, *reason)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "draft %s rejected: %s\n", d.ID, *d.Reason)
	case "reextract":
		if *status != "" && fs.NArg() > 0 {
			return errors.New("drafts reextract takes -status or draft ids, not both")
		}
		if *status != "" {
			n, err := svc.ReextractDrafts(ctx, domain.DraftStatus(*status), func(id string, err error) {
				if err != nil {
					fmt.Fprintf(stderr, "draft %s: %v\n", id, err)
				}
			})
			fmt.Fprintf(stdout, "%d drafts read again\n", n)
			return err
		}
		if fs.NArg() == 0 {
			return fmt.Errorf("drafts reextract takes -status pending or draft ids\n%s", draftsUsage)
		}
		for _, id := range fs.Args() {
			d, err := svc.ReextractDraft(ctx, id, 0)
			if err != nil {
				return fmt.Errorf("draft %s: %w", id, err)
			}
			fmt.Fprintf(stdout, "draft %s read again (version %d, confidence %.2f, %d warnings)\n", d.ID, d.Version,
				d.Confidence, len(d.Warnings))
		}
	default:
		return usage
	}
	return nil
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
