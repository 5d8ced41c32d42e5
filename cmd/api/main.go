// Command api is the milmeet server and its tools: serve (the default),
// dev, migrate up|down|version, seed, keys, import, extract and drafts.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"text/tabwriter"

	"github.com/milmeet/milmeet/internal/config"
	"github.com/milmeet/milmeet/internal/postgres"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "api:", err)
		os.Exit(1)
	}
}

// command is one of the binary's commands.
type command struct {
	name     string
	synopsis string // what follows the name in a usage line
	summary  string
	// groups are the settings it reads, by their group tag ("" is the
	// database and logs).
	groups []string
	run    func(ctx context.Context, set *settings, args []string, stdout, stderr io.Writer) error
}

var commands []command

func init() {
	db := []string{""}
	commands = []command{
		{"serve", "[flags]", "serve the API against DATABASE_URL (the default command); migrates at start",
			[]string{"", "server", "import"}, cmdServe},
		{"dev", "[flags]", "serve with a local database: DATABASE_URL, or a PostgreSQL cluster started in DEV_PGDATA; migrates, seeds when empty",
			[]string{"", "server", "import", "dev"}, cmdDev},
		{"migrate", "up|down|version", "apply, revert or show the schema migrations", db, cmdMigrate},
		{"seed", "", "load the seed meetings; a meeting stored already is left alone", db, cmdSeed},
		{"keys", "create --name NAME --scope read|write|admin | list | revoke NAME",
			"manage API keys; create prints the token once, only its hash is stored", db, cmdKeys},
		{"import", "[-atomic] FILE.ndjson", "store the meetings of an NDJSON file, one per line, with progress",
			[]string{"", "import"}, cmdImport},
		{"extract", "[-url URL] [-outlet NAME] [-published-at DATE] FILE | eval [-json] [-detail=false] DIR",
			"print the draft meeting a report's text gives, with evidence; needs no database. " +
				"eval scores extraction on an annotated corpus (train/ and test/)", nil, cmdExtract},
		{"drafts", "list|show|accept|reject|reextract [flags] [ID]",
			"review the drafts POST /articles stores: list them, show one, accept it into the meetings, reject it with a reason, " +
				"or read drafts again with the current extractor (a person's edits are kept)", db, cmdDrafts},
	}
}

func findCommand(name string) (command, bool) {
	i := slices.IndexFunc(commands, func(c command) bool { return c.name == name })
	if i < 0 {
		return command{}, false
	}
	return commands[i], true
}

// errHelp ends a command that printed its help: a success.
var errHelp = errors.New("help printed")

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	name := "serve"
	switch {
	case len(args) > 0 && isHelp(args[0]), len(args) == 1 && args[0] == "help":
		printUsage(stdout)
		return nil
	case len(args) > 1 && args[0] == "help":
		// "api help COMMAND" is "api COMMAND -h".
		name, args = args[1], []string{"-h"}
	case len(args) > 0 && !strings.HasPrefix(args[0], "-"):
		name, args = args[0], args[1:]
	}
	cmd, ok := findCommand(name)
	if !ok {
		return fmt.Errorf("unknown command %q; run \"api help\" for the list", name)
	}
	set := &settings{cmd: cmd, getenv: getenv, stdout: stdout, overrides: map[string]string{}}
	err := cmd.run(ctx, set, args, stdout, stderr)
	if errors.Is(err, errHelp) {
		return nil
	}
	return err
}

func isHelp(arg string) bool { return arg == "-h" || arg == "-help" || arg == "--help" }

// printUsage prints every command and every setting.
func printUsage(w io.Writer) {
	fmt.Fprint(w, "api is the milmeet server and its tools.\n\nusage: api [command] [flags]\n\ncommands:\n")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, c := range commands {
		fmt.Fprintf(tw, "  %s\t%s\n", c.name, c.summary)
	}
	tw.Flush()
	fmt.Fprint(w, "\nsettings: environment variables, each overridden by its flag where the command takes it:\n")
	printVars(w, config.Vars())
	fmt.Fprint(w, "\nalso read: PG_BINDIR (where the PostgreSQL server programs are; dev and the tests),\n"+
		"TEST_DATABASE_URL (the tests' server; databases are created and dropped on it).\n"+
		"\nRun \"api help COMMAND\" (or \"api COMMAND -h\") for a command's flags.\n")
}

func printVars(w io.Writer, vars []config.Var) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  VARIABLE\tFLAG\tDEFAULT\tMEANING")
	for _, v := range vars {
		def := v.Default
		if def == "" {
			def = "(none)"
		}
		fmt.Fprintf(tw, "  %s\t-%s\t%s\t%s\n", v.Env, v.Flag, def, v.Help)
	}
	tw.Flush()
}

// settings reads a command's configuration: its flags over the environment.
type settings struct {
	cmd       command
	getenv    func(string) string
	stdout    io.Writer
	overrides map[string]string // flag values by variable name
}

// vars returns the settings the command reads.
func (s *settings) vars() []config.Var {
	var vs []config.Var
	for _, v := range config.Vars() {
		if slices.Contains(s.cmd.groups, v.Group) {
			vs = append(vs, v)
		}
	}
	return vs
}

// flags returns a flag set holding a flag for each setting the command
// reads; the command adds its own, then calls parse. name is the command as
// its usage line shows it ("keys create").
func (s *settings) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	for _, v := range s.vars() {
		set := func(val string) error { s.overrides[v.Env] = val; return nil }
		usage := v.Help + " (env " + v.Env + ")"
		if v.Bool {
			fs.BoolFunc(v.Flag, usage, set)
		} else {
			fs.Func(v.Flag, usage, set)
		}
	}
	return fs
}

// parse parses args with fs and loads the configuration. On -h it prints the
// command's help to stdout and returns errHelp.
func (s *settings) parse(fs *flag.FlagSet, args []string) (config.Config, error) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			s.printHelp(fs)
			return config.Config{}, errHelp
		}
		return config.Config{}, fmt.Errorf("%s: %w (run \"api help %s\")", fs.Name(), err, s.cmd.name)
	}
	return config.Load(s.getenv, s.overrides)
}

// printHelp prints the command's usage, its own flags and its settings.
func (s *settings) printHelp(fs *flag.FlagSet) {
	w := s.stdout
	fmt.Fprintf(w, "usage: api %s %s\n\n%s\n", s.cmd.name, s.cmd.synopsis, s.cmd.summary)
	vars := s.vars()
	isSetting := map[string]bool{}
	for _, v := range vars {
		isSetting[v.Flag] = true
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	own := false
	fs.VisitAll(func(f *flag.Flag) {
		if isSetting[f.Name] {
			return
		}
		if !own {
			fmt.Fprintln(w, "\nflags:")
			own = true
		}
		def := ""
		if f.DefValue != "" && f.DefValue != "false" {
			def = " (default " + f.DefValue + ")"
		}
		fmt.Fprintf(tw, "  -%s\t%s%s\n", f.Name, f.Usage, def)
	})
	tw.Flush()
	if len(vars) > 0 {
		fmt.Fprintln(w, "\nsettings: environment variables, each overridden by its flag:")
		printVars(w, vars)
	}
}

// poolOptions are the database pool's settings.
func poolOptions(c config.Config) postgres.Options {
	return postgres.Options{MaxConns: int32(c.MaxConns), BulkConns: int32(c.BulkConns), StatementTimeout: c.StatementTimeout,
		QueryExecMode: c.QueryExecMode}
}

// newLogger returns the logger the configuration asks for.
func newLogger(c config.Config, stderr io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(c.LogLevel)) // config allows only valid levels
	opts := &slog.HandlerOptions{Level: level}
	format := c.LogFormat
	if format == "" {
		format = "json"
		if f, ok := stderr.(*os.File); ok {
			if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
				format = "text"
			}
		}
	}
	if format == "text" {
		return slog.New(slog.NewTextHandler(stderr, opts))
	}
	return slog.New(slog.NewJSONHandler(stderr, opts))
}
