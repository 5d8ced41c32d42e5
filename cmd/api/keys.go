package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/postgres"
)

// cmdKeys manages API keys: create prints the token once; only its hash is
// stored.
func cmdKeys(ctx context.Context, set *settings, args []string, stdout, stderr io.Writer) error {
	usage := errors.New("usage: api keys create --name NAME --scope read|write|admin | list | revoke NAME")
	sub := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		sub, args = args[0], args[1:]
	}
	fs := set.flags(strings.TrimSpace("keys " + sub))
	name := fs.String("name", "", "name of the key (create, revoke)")
	scope := fs.String("scope", "read", "read, write or admin (create)")
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
	switch sub {
	case "create":
		k, token, err := svc.CreateKey(ctx, *name, domain.Scope(*scope))
		if err != nil {
			return err
		}
		fmt.Fprintf(stderr, "key %q (%s) created; its token is shown this once:\n", k.Name, k.Scope)
		fmt.Fprintln(stdout, token)
	case "list":
		ks, err := svc.ListKeys(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tSCOPE\tCREATED\tLAST USED\tREVOKED")
		for _, k := range ks {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", k.Name, k.Scope, k.CreatedAt.Format(time.RFC3339),
				when(k.LastUsedAt), when(k.RevokedAt))
		}
		return tw.Flush()
	case "revoke":
		n := *name
		if n == "" {
			n = fs.Arg(0)
		}
		if err := svc.RevokeKey(ctx, n); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "key %q revoked\n", n)
	default:
		return usage
	}
	return nil
}

func when(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.Format(time.RFC3339)
}
