// Command api is the milmeet server and its tools: serve (the default),
// dev, migrate up|down|version, and seed.
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
	c.DevPort, _ = strconv.Atoi(getenv("DEV_PGPORT"))
	if d, err := time.ParseDuration(getenv("SHUTDOWN_GRACE")); err == nil {
		c.ShutdownGrace = d
	}
	return c
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
	return fs
}

func (c *config) serveFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.HTTPAddr, "addr", c.HTTPAddr, "address to listen on (env HTTP_ADDR)")
	fs.StringVar(&c.CORSOrigins, "cors-origins", c.CORSOrigins, "comma-separated origins allowed from browsers; * for any (env CORS_ORIGINS)")
	fs.DurationVar(&c.ShutdownGrace, "shutdown-grace", c.ShutdownGrace, "how long in-flight requests may finish on SIGTERM (env SHUTDOWN_GRACE)")
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
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, usage)
		return nil
	}
	return errors.New("unknown command " + strconv.Quote(cmd) + "\n" + usage)
}
