// Command api is the milmeet server and its tools: serve (the default),
// dev, migrate up|down|version, seed, keys, import and extract.
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
	"strconv"
	"strings"
	"syscall"
	"time"

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

const usage = `usage: api [command] [flags]

commands:
  serve              serve the API against DATABASE_URL (the default)
  dev                serve with a local database: DATABASE_URL, or a PostgreSQL
                     cluster started in ./.devpg; migrates and seeds when empty
  migrate up|down|version
                     apply, revert or show the schema migrations
  seed               load the seed meetings (idempotent)
  keys create --name NAME --scope read|write|admin | list | revoke NAME
                     manage API keys; create prints the token once
  import [-atomic] FILE.ndjson
                     store the meetings of an NDJSON file, one per line
  extract [-url URL] [-outlet NAME] [-published-at DATE] FILE
                     print the draft meeting a report's text gives, with evidence
  extract eval [-json] [-detail=false] DIR
                     score extraction on an annotated corpus (train/ and test/)

Run "api COMMAND -h" for a command's flags.`

// config is the configuration every command reads: environment variables,
// which flags override.
type config struct {
	DatabaseURL   string
	HTTPAddr      string
	LogLevel      string
	LogFormat     string
	MaxConns      int
	CORSOrigins   string
	DevDataDir    string
	DevPort       int
	ShutdownGrace time.Duration
	// ReadRequiresKey makes reads need an API key with the read scope.
	ReadRequiresKey bool
	// WritesPerMinute limits writes per API key (0: none).
	WritesPerMinute int
	// ReadsPerMinute limits requests without a key per client address (0: none).
	ReadsPerMinute int
	// ImportMaxLineBytes bounds one line of an NDJSON import.
	ImportMaxLineBytes int
	// StatementTimeout bounds each database statement but exports'.
	StatementTimeout time.Duration
	// RequestTimeout bounds each request but exports and imports.
	RequestTimeout time.Duration
	// MaxExports caps the exports streaming at once.
	MaxExports int
}

func loadConfig(getenv func(string) string) config {
	c := config{
		DatabaseURL:   getenv("DATABASE_URL"),
		HTTPAddr:      or(getenv("HTTP_ADDR"), ":8080"),
		LogLevel:      or(getenv("LOG_LEVEL"), "info"),
		LogFormat:     getenv("LOG_FORMAT"),
		CORSOrigins:   or(getenv("CORS_ORIGINS"), "*"),
		DevDataDir:    or(getenv("DEV_PGDATA"), ".devpg"),
		ShutdownGrace: 15 * time.Second,
	}
	c.MaxConns, _ = strconv.Atoi(getenv("DB_MAX_CONNS"))
	c.ReadRequiresKey, _ = strconv.ParseBool(getenv("READ_REQUIRES_KEY"))
	c.WritesPerMinute = atoiOr(getenv("RATE_LIMIT_WRITES_PER_MINUTE"), 600)
	c.ReadsPerMinute = atoiOr(getenv("RATE_LIMIT_READS_PER_MINUTE"), 0)
	c.ImportMaxLineBytes = atoiOr(getenv("IMPORT_MAX_LINE_BYTES"), 1<<20)
	c.DevPort, _ = strconv.Atoi(getenv("DEV_PGPORT"))
	c.ShutdownGrace = durationOr(getenv("SHUTDOWN_GRACE"), 15*time.Second)
	c.StatementTimeout = durationOr(getenv("DB_STATEMENT_TIMEOUT"), 10*time.Second)
	c.RequestTimeout = durationOr(getenv("REQUEST_TIMEOUT"), 30*time.Second)
	c.MaxExports = atoiOr(getenv("MAX_EXPORTS"), 4)
	return c
}

func durationOr(v string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(v); err == nil {
		return d
	}
	return def
}

func atoiOr(v string, def int) int {
	if n, err := strconv.Atoi(v); err == nil {
		return n
	}
	return def
}

func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// flags returns a flag set whose flags override c.
func (c *config) flags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.DatabaseURL, "database-url", c.DatabaseURL, "PostgreSQL URL (env DATABASE_URL)")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "debug, info, warn or error (env LOG_LEVEL)")
	fs.StringVar(&c.LogFormat, "log-format", c.LogFormat, "json or text; default text on a terminal, else json (env LOG_FORMAT)")
	fs.IntVar(&c.MaxConns, "max-conns", c.MaxConns, "database pool size; 0 for max(4, CPUs) (env DB_MAX_CONNS)")
	fs.DurationVar(&c.StatementTimeout, "statement-timeout", c.StatementTimeout, "longest database statement, exports aside (env DB_STATEMENT_TIMEOUT)")
	return fs
}

func (c *config) serveFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.HTTPAddr, "addr", c.HTTPAddr, "address to listen on (env HTTP_ADDR)")
	fs.StringVar(&c.CORSOrigins, "cors-origins", c.CORSOrigins, "comma-separated origins allowed from browsers; * for any (env CORS_ORIGINS)")
	fs.DurationVar(&c.ShutdownGrace, "shutdown-grace", c.ShutdownGrace, "how long in-flight requests may finish on SIGTERM (env SHUTDOWN_GRACE)")
	fs.BoolVar(&c.ReadRequiresKey, "read-requires-key", c.ReadRequiresKey, "reads need an API key (env READ_REQUIRES_KEY)")
	fs.IntVar(&c.WritesPerMinute, "writes-per-minute", c.WritesPerMinute, "writes allowed per API key a minute; 0 for no limit (env RATE_LIMIT_WRITES_PER_MINUTE)")
	fs.IntVar(&c.ReadsPerMinute, "reads-per-minute", c.ReadsPerMinute, "requests without a key allowed per client address a minute; 0 for no limit (env RATE_LIMIT_READS_PER_MINUTE)")
	fs.DurationVar(&c.RequestTimeout, "request-timeout", c.RequestTimeout, "longest request, exports and imports aside (env REQUEST_TIMEOUT)")
	fs.IntVar(&c.MaxExports, "max-exports", c.MaxExports, "exports streaming at once (env MAX_EXPORTS)")
	fs.IntVar(&c.ImportMaxLineBytes, "import-max-line-bytes", c.ImportMaxLineBytes, "longest line of an NDJSON import (env IMPORT_MAX_LINE_BYTES)")
}

// poolOptions are the database pool's settings.
func (c *config) poolOptions() postgres.Options {
	return postgres.Options{MaxConns: int32(c.MaxConns), StatementTimeout: c.StatementTimeout}
}

func (c *config) logger(stderr io.Writer) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return nil, fmt.Errorf("log level %q: want debug, info, warn or error", c.LogLevel)
	}
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
	switch format {
	case "json":
		return slog.New(slog.NewJSONHandler(stderr, opts)), nil
	case "text":
		return slog.New(slog.NewTextHandler(stderr, opts)), nil
	}
	return nil, fmt.Errorf("log format %q: want json or text", format)
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg := loadConfig(getenv)
	cmd := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return cmdServe(ctx, cfg, args, stderr)
	case "dev":
		return cmdDev(ctx, cfg, args, stdout, stderr)
	case "migrate":
		return cmdMigrate(ctx, cfg, args, stdout, stderr)
	case "seed":
		return cmdSeed(ctx, cfg, args, stdout, stderr)
	case "keys":
		return cmdKeys(ctx, cfg, args, stdout, stderr)
	case "import":
		return cmdImport(ctx, cfg, args, stdout, stderr)
	case "extract":
		return cmdExtract(ctx, cfg, args, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, usage)
		return nil
	}
	return errors.New("unknown command " + strconv.Quote(cmd) + "\n" + usage)
}
