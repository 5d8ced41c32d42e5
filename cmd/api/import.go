package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/jsonx"
	"github.com/milmeet/milmeet/internal/postgres"
)

// cmdImport stores the meetings of an NDJSON file as POST /imports does,
// showing lines, rate and time left as it goes, then the same report.
func cmdImport(ctx context.Context, set *settings, args []string, stdout, stderr io.Writer) error {
	fs := set.flags("import")
	atomicFlag := fs.Bool("atomic", false, "store all lines or none")
	chunk := fs.Int("chunk", 500, "meetings written to the database together")
	fromLine := fs.Int("from-line", 1, "skip the lines before this one (to resume an import that stopped)")
	cfg, err := set.parse(fs, args)
	if err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: api import [-atomic] [-from-line N] FILE.ndjson")
	}
	if *fromLine < 1 {
		return errors.New("-from-line must be 1 or more")
	}
	if cfg.DatabaseURL, err = databaseURL(cfg); err != nil {
		return err
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if err := postgres.MigrateUp(ctx, cfg.DatabaseURL); err != nil {
		return err
	}
	pool, err := postgres.Open(ctx, cfg.DatabaseURL, poolOptions(cfg))
	if err != nil {
		return err
	}
	defer pool.Close()
	svc, _ := newService(pool)
	ctx = domain.WithActor(ctx, "cli")

	counted := &countingReader{r: f}
	lines := make(chan domain.ImportLine, 64)
	go func() {
		defer close(lines)
		err := jsonx.MeetingLines(counted, cfg.HTTP.ImportMaxLineBytes, *fromLine, func(l domain.ImportLine) bool {
			select {
			case lines <- l:
				return true
			case <-ctx.Done():
				return false
			}
		})
		var re *jsonx.ReadError
		if errors.As(err, &re) {
			lines <- domain.ImportLine{N: re.Line, Err: fmt.Errorf("%w: read %s: %w", domain.ErrInputCut, fs.Arg(0), re.Err)}
		}
	}()
	start := time.Now()
	progress := func(n, stored int) {
		elapsed := time.Since(start).Seconds()
		done := float64(counted.n.Load()) / float64(max(st.Size(), 1))
		eta := "?"
		if done > 0 {
			eta = (time.Duration(elapsed*(1-done)/done) * time.Second).Round(time.Second).String()
		}
		fmt.Fprintf(stderr, "\r%d lines, %d stored, %.0f lines/s, %3.0f%%, ETA %s   ",
			n, stored, float64(n)/max(elapsed, 1e-9), 100*done, eta)
	}
	rep, err := svc.Import(ctx, func() (domain.ImportLine, bool) {
		l, ok := <-lines
		return l, ok
	}, domain.ImportOptions{Atomic: *atomicFlag, Chunk: *chunk, Progress: progress})
	fmt.Fprintln(stderr)
	if rep != nil {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	}
	if err != nil {
		if rep != nil && !rep.Complete {
			return fmt.Errorf("%w; the lines before %d are stored or failed (see the report): run again with -from-line %d to go on",
				err, rep.StoppedAtLine, rep.StoppedAtLine)
		}
		return err
	}
	if rep.Failed > 0 {
		return fmt.Errorf("%d of %d lines failed", rep.Failed, rep.Lines)
	}
	return nil
}

// countingReader counts the bytes read, for the progress bar.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}
