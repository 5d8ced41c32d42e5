package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/extract"
)

// cmdExtract prints the draft meeting a report's text gives, with evidence
// and warnings, as POST /extract answers. It needs no database.
func cmdExtract(_ context.Context, cfg config, args []string, stdout, stderr io.Writer) error {
	fs := cfg.flags("extract", stderr)
	url := fs.String("url", "", "the report's URL")
	outlet := fs.String("outlet", "", "the outlet that published it")
	published := fs.String("published-at", "", "its date of publication, YYYY-MM-DD")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: api extract [-url URL] [-outlet NAME] [-published-at YYYY-MM-DD] FILE (- for standard input)")
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
