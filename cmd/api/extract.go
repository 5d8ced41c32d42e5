package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/extract"
	"github.com/milmeet/milmeet/internal/extract/eval"
)

// cmdExtract prints the draft meeting a report's text gives, with evidence
// and warnings, as POST /extract answers. It needs no database.
func cmdExtract(ctx context.Context, set *settings, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "eval" {
		return cmdExtractEval(ctx, set, args[1:], stdout, stderr)
	}
	fs := set.flags("extract")
	url := fs.String("url", "", "the report's URL")
	outlet := fs.String("outlet", "", "the outlet that published it")
	published := fs.String("published-at", "", "its date of publication, YYYY-MM-DD")
	if _, err := set.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: api extract [-url URL] [-outlet NAME] [-published-at YYYY-MM-DD] FILE (- for standard input)\n       api extract eval [-json] [-detail=false] DIR")
	}
	var text []byte
	var err error
	if fs.Arg(0) == "-" {
		text, err = io.ReadAll(io.LimitReader(os.Stdin, 8<<20))
	} else {
		text, err = os.ReadFile(fs.Arg(0))
	}
	if err != nil {
		return err
	}
	opt := extract.Options{Language: "en"}
	if *url != "" {
		opt.URL = url
	}
	if *outlet != "" {
		opt.Outlet = outlet
	}
	if *published != "" {
		d, err := domain.ParseDay(*published)
		if err != nil {
			return err
		}
		opt.PublishedAt = &d
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(extract.Extract(string(text), opt))
}

// cmdExtractEval scores the extractor on an annotated corpus: DIR holds
// train/ and test/, or the reports of one set. It prints per-field figures,
// invented dates and the confidence calibration of each split, with what was
// wrong in each report except those of the test split. A malformed
// annotation is an error; low scores are not.
func cmdExtractEval(_ context.Context, set *settings, args []string, stdout, _ io.Writer) error {
	fs := set.flags("extract eval")
	asJSON := fs.Bool("json", false, "print the figures as JSON")
	detail := fs.Bool("detail", true, "print what was wrong in each report (never for the test split)")
	if _, err := set.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: api extract eval [-json] [-detail=false] DIR")
	}
	dir := filepath.Clean(fs.Arg(0))
	reports, err := eval.Load(os.DirFS(filepath.Dir(dir)), filepath.Base(dir))
	if err != nil {
		return fmt.Errorf("the corpus in %s is malformed:\n%w", dir, err)
	}
	splits := eval.Run(reports)
	if *asJSON {
		out := make([]eval.Split, 0, len(splits))
		for _, s := range splits {
			s = s.Public()
			if !*detail {
				s.Outcomes = nil
			}
			out = append(out, s)
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	for i, s := range splits {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		s.Write(stdout, *detail)
	}
	return nil
}
