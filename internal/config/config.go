// Package config holds every setting of milmeet in one struct: its
// environment variable, its flag, its default and its meaning are the tags of
// one field, and nowhere else. Load reads the environment (and the flags that
// override it) strictly: a value that does not parse, or is out of range,
// stops the start with a message naming the variable.
package config

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/caarlos0/env/v11"
)

// Config is every setting. Tags:
//
//	env         the environment variable
//	envDefault  the default (the only place defaults are written)
//	flag        the flag that overrides the variable
//	group       which commands read it: "" every command that uses the
//	            database, or "server", "import", "dev"
//	min         the smallest value allowed for a number or duration
//	oneof       the values allowed for a string (space-separated)
//	minlen      the shortest length allowed for a string that is set
//	help        what it means, for `api help`
//
// To add a setting, add a field here (to HTTP when the HTTP layer reads it);
// `api help` and the flags follow from its tags.
type Config struct {
	DatabaseURL      string        `env:"DATABASE_URL" flag:"database-url" help:"PostgreSQL URL; without it, commands use the local cluster of a running 'api dev' (DEV_PGDATA/url)"`
	LogLevel         string        `env:"LOG_LEVEL" envDefault:"info" flag:"log-level" oneof:"debug info warn error" help:"least severe log level written"`
	LogFormat        string        `env:"LOG_FORMAT" flag:"log-format" oneof:"json text" help:"log format; empty: text on a terminal, else json"`
	MaxConns         int           `env:"DB_MAX_CONNS" envDefault:"0" flag:"max-conns" min:"0" help:"database pool size; 0: the larger of 4 and the CPUs"`
	StatementTimeout time.Duration `env:"DB_STATEMENT_TIMEOUT" envDefault:"10s" flag:"statement-timeout" min:"0" help:"longest database statement (an export's batch is one); 0: the server's setting"`
	BulkConns        int           `env:"DB_BULK_CONNS" envDefault:"2" flag:"bulk-conns" group:"server" min:"1" help:"connections of the separate pool for exports, imports and statistics over every meeting, so that they never take the connections requests need"`
	QueryExecMode    string        `env:"DB_QUERY_EXEC_MODE" envDefault:"cache_statement" flag:"query-exec-mode" oneof:"cache_statement cache_describe describe_exec exec simple_protocol" help:"how statements are sent (pgx's query exec mode); behind PgBouncer in transaction pooling use cache_describe, which prepares no named statements"`

	ReadURLs             []string      `env:"DATABASE_READ_URLS" flag:"read-urls" group:"server" help:"comma-separated PostgreSQL URLs of streaming replicas of DATABASE_URL that serve reads; empty: every read on DATABASE_URL"`
	MaxReplicaLag        time.Duration `env:"MAX_REPLICA_LAG" envDefault:"10s" flag:"max-replica-lag" group:"server" min:"1ms" help:"a replica whose oldest missing write is older than this gets no reads until it catches up"`
	ReplicaCheckInterval time.Duration `env:"REPLICA_CHECK_INTERVAL" envDefault:"1s" flag:"replica-check-interval" group:"server" min:"10ms" help:"how often each database node is checked (reachable, replay position, lag)"`
	RateLimitStore       string        `env:"RATE_LIMIT_STORE" envDefault:"memory" flag:"rate-limit-store" group:"server" oneof:"memory postgres" help:"where write limits per key are counted: memory (each instance on its own) or postgres (shared by every instance on the database)"`

	HTTPAddr      string        `env:"HTTP_ADDR" envDefault:":8080" flag:"addr" group:"server" help:"address to listen on"`
	ShutdownGrace time.Duration `env:"SHUTDOWN_GRACE" envDefault:"15s" flag:"shutdown-grace" group:"server" min:"0" help:"time in-flight requests get to finish on SIGTERM"`

	// AutoAccept accepts a new draft of POST /articles whose confidence is
	// at least this and that has no warnings; off by default.
	AutoAccept Threshold `env:"AUTO_ACCEPT_CONFIDENCE" envDefault:"off" flag:"auto-accept-confidence" group:"server" help:"accept new drafts of POST /articles whose confidence is at least this (0 to 1) and that have no warnings; off: none (docs/extraction.md gives each threshold's precision)"`

	HTTP HTTP

	Dev Dev
}

// HTTP is what the HTTP layer reads.
type HTTP struct {
	// CORSOrigins may call the API from browsers; "*" is any origin.
	CORSOrigins []string `env:"CORS_ORIGINS" envDefault:"*" flag:"cors-origins" group:"server" help:"comma-separated origins allowed from browsers; * for any"`
	// CacheControl is sent with successful reads.
	CacheControl string `env:"CACHE_CONTROL" envDefault:"public, max-age=30" flag:"cache-control" group:"server" help:"Cache-Control of successful reads"`
	// MaxBodyBytes bounds a meeting's JSON body.
	MaxBodyBytes int64 `env:"MAX_BODY_BYTES" envDefault:"1048576" flag:"max-body-bytes" group:"server" min:"1024" help:"largest JSON request body"`
	// RetryAfterSeconds is sent with 503 answers.
	RetryAfterSeconds int `env:"RETRY_AFTER_SECONDS" envDefault:"2" flag:"retry-after" group:"server" min:"1" help:"Retry-After of 503 answers, in seconds"`
	// ReadRequiresKey makes reads need a key with the read scope.
	ReadRequiresKey bool `env:"READ_REQUIRES_KEY" envDefault:"false" flag:"read-requires-key" group:"server" help:"reads need an API key with the read scope (true/false, yes/no, on/off, 1/0)"`
	// WritesPerMinute limits writes per API key; 0 means no limit.
	WritesPerMinute int `env:"RATE_LIMIT_WRITES_PER_MINUTE" envDefault:"600" flag:"writes-per-minute" group:"server" min:"0" help:"writes allowed per API key a minute; 0: no limit"`
	// AnonymousReadsPerMinute limits requests without a key per client
	// address; 0 means no limit.
	AnonymousReadsPerMinute int `env:"RATE_LIMIT_READS_PER_MINUTE" envDefault:"0" flag:"reads-per-minute" group:"server" min:"0" help:"requests without a key allowed per client address a minute; 0: no limit"`
	// AuthFailuresPerMinute limits failed authentications per client
	// address; 0 means no limit.
	AuthFailuresPerMinute int `env:"RATE_LIMIT_AUTH_FAILURES_PER_MINUTE" envDefault:"30" flag:"auth-failures-per-minute" group:"server" min:"0" help:"failed authentications (bad or unknown keys) allowed per client address a minute, then 429; they also count as requests without a key; 0: no limit"`
	// ImportMaxLineBytes bounds one line of an NDJSON import.
	ImportMaxLineBytes int `env:"IMPORT_MAX_LINE_BYTES" envDefault:"1048576" flag:"import-max-line-bytes" group:"import" min:"1024" help:"longest line of an NDJSON import"`
	// CursorSecret signs the cursors of lists, so that clients cannot forge
	// them; every instance must have the same one.
	CursorSecret string `env:"CURSOR_SECRET" flag:"cursor-secret" group:"server" minlen:"32" help:"secret (32 bytes or more) that signs list cursors, the same on every instance; unset: a random one for this process (serve) or one kept in DEV_PGDATA/cursor-secret (dev)"`
	// MetricsAddr puts /metrics on an address of its own, not the API's.
	MetricsAddr string `env:"METRICS_ADDR" flag:"metrics-addr" group:"server" help:"serve /metrics on this address (such as 127.0.0.1:9090) and not on HTTP_ADDR"`
	// MetricsKey makes /metrics need "Authorization: Bearer <key>".
	MetricsKey string `env:"METRICS_KEY" flag:"metrics-key" group:"server" minlen:"16" help:"/metrics needs \"Authorization: Bearer\" with this key (16 bytes or more)"`
	// ImportIdleTimeout ends an import whose body sends no byte for that
	// long (408).
	ImportIdleTimeout time.Duration `env:"IMPORT_IDLE_TIMEOUT" envDefault:"30s" flag:"import-idle-timeout" group:"server" min:"1ms" help:"an import whose body sends no byte for this long is answered 408 (a plain import keeps the lines that came whole)"`
	// ImportMaxBytes bounds an import's body (413).
	ImportMaxBytes int64 `env:"IMPORT_MAX_BYTES" envDefault:"2147483648" flag:"import-max-bytes" group:"server" min:"1024" help:"largest body of an import; an atomic import is spooled to a temporary file (TMPDIR) first"`
	// RequestTimeout bounds a request other than an export or import; its
	// queries are cancelled when it passes.
	RequestTimeout time.Duration `env:"REQUEST_TIMEOUT" envDefault:"30s" flag:"request-timeout" group:"server" min:"1ms" help:"longest request, exports and imports aside"`
	// TrustProxy takes the scheme and host of absolute links from
	// X-Forwarded-Proto and X-Forwarded-Host.
	TrustProxy bool `env:"TRUST_PROXY" envDefault:"false" flag:"trust-proxy" group:"server" help:"a proxy in front sets X-Forwarded-Proto and X-Forwarded-Host; absolute links (Link) use them"`
	// MaxExports caps the exports streaming at once; more get 429.
	MaxExports int `env:"MAX_EXPORTS" envDefault:"16" flag:"max-exports" group:"server" min:"1" help:"exports streaming at once; more get 429"`
	// ExportStallTimeout is how long an export waits for its client to
	// take bytes before it is cut off.
	ExportStallTimeout time.Duration `env:"EXPORT_STALL_TIMEOUT" envDefault:"30s" flag:"export-stall-timeout" group:"server" min:"1ms" help:"an export whose client takes no byte for this long is cut off and logged"`
}

// Dev is what `api dev` reads to run its local cluster.
type Dev struct {
	DataDir string `env:"DEV_PGDATA" envDefault:".devpg" flag:"pgdata" group:"dev" help:"data directory of the local cluster; its URL is written to DEV_PGDATA/url while it runs"`
	Port    int    `env:"DEV_PGPORT" envDefault:"0" flag:"pgport" group:"dev" min:"0" help:"port of the local cluster; 0: a free one"`
}

// Var describes one setting.
type Var struct {
	Env     string // environment variable
	Flag    string // flag name, without the dash
	Default string
	Group   string
	Help    string
	Bool    bool // a flag that may be given without a value
	field   reflect.StructField
	index   []int
}

// Vars returns every setting, in the order of the struct.
func Vars() []Var {
	var vars []Var
	var walk func(t reflect.Type, index []int)
	walk = func(t reflect.Type, index []int) {
		for i := range t.NumField() {
			f := t.Field(i)
			idx := append(slices.Clone(index), i)
			if f.Type.Kind() == reflect.Struct && f.Tag.Get("env") == "" && f.Type != reflect.TypeFor[time.Duration]() {
				walk(f.Type, idx)
				continue
			}
			vars = append(vars, Var{Env: f.Tag.Get("env"), Flag: f.Tag.Get("flag"), Default: f.Tag.Get("envDefault"),
				Group: f.Tag.Get("group"), Help: f.Tag.Get("help"), Bool: f.Type.Kind() == reflect.Bool, field: f, index: idx})
		}
	}
	walk(reflect.TypeFor[Config](), nil)
	return vars
}

// Default returns the configuration with every variable unset.
func Default() Config {
	c, err := Load(func(string) string { return "" }, nil)
	if err != nil {
		panic("config: a default does not parse: " + err.Error())
	}
	return c
}

// Load reads the configuration from the environment, with overrides (flag
// values keyed by their variable's name) taking precedence. Every variable
// that does not parse or is out of range is reported, each by name.
func Load(getenv func(string) string, overrides map[string]string) (Config, error) {
	vars := Vars()
	values := map[string]string{}
	byField := map[string]Var{}
	for _, v := range vars {
		byField[v.field.Name] = v
		if s, ok := overrides[v.Env]; ok {
			values[v.Env] = s
		} else if s := getenv(v.Env); s != "" {
			values[v.Env] = s
		}
	}
	var c Config
	err := env.ParseWithOptions(&c, env.Options{
		Environment: values,
		FuncMap: map[reflect.Type]env.ParserFunc{
			reflect.TypeFor[bool]():          func(s string) (any, error) { return ParseBool(s) },
			reflect.TypeFor[time.Duration](): parseDuration,
			reflect.TypeFor[int]():           func(s string) (any, error) { n, err := parseInt(s, strconv.IntSize); return int(n), err },
			reflect.TypeFor[int64]():         func(s string) (any, error) { return parseInt(s, 64) },
		},
	})
	var problems []string
	source := func(v Var) string {
		if s, ok := overrides[v.Env]; ok {
			return fmt.Sprintf("-%s %q (%s)", v.Flag, s, v.Env)
		}
		return fmt.Sprintf("%s=%q", v.Env, values[v.Env])
	}
	if err != nil {
		var agg env.AggregateError
		if !errors.As(err, &agg) {
			return Config{}, err
		}
		for _, e := range agg.Errors {
			var pe env.ParseError
			if errors.As(e, &pe) {
				if v, ok := byField[pe.Name]; ok {
					problems = append(problems, fmt.Sprintf("%s: %v", source(v), pe.Err))
					continue
				}
			}
			problems = append(problems, e.Error())
		}
	}
	if len(problems) == 0 {
		rv := reflect.ValueOf(c)
		for _, v := range vars {
			if msg := check(v, rv.FieldByIndex(v.index)); msg != "" {
				problems = append(problems, fmt.Sprintf("%s: %s", source(v), msg))
			}
		}
	}
	if len(problems) > 0 {
		return Config{}, fmt.Errorf("configuration: %s", strings.Join(problems, "; "))
	}
	return c, nil
}

// check applies a variable's min and oneof tags.
func check(v Var, val reflect.Value) string {
	if m := v.field.Tag.Get("min"); m != "" {
		if val.Type() == reflect.TypeFor[time.Duration]() {
			least, _ := time.ParseDuration(m)
			if time.Duration(val.Int()) < least {
				return "must be at least " + m
			}
		} else if least, _ := strconv.ParseInt(m, 10, 64); val.Int() < least {
			return "must be at least " + m
		}
	}
	if m := v.field.Tag.Get("minlen"); m != "" && val.Len() > 0 {
		if least, _ := strconv.Atoi(m); val.Len() < least {
			return "must be at least " + m + " bytes long (or unset)"
		}
	}
	if o := v.field.Tag.Get("oneof"); o != "" && val.String() != "" {
		allowed := strings.Fields(o)
		if !slices.Contains(allowed, val.String()) {
			return "want one of " + strings.Join(allowed, ", ")
		}
	}
	return ""
}

// ParseBool reads a boolean in any of its usual spellings, in any case:
// true/false, yes/no, on/off, 1/0, t/f, y/n. Anything else is an error, so
// that a setting never fails open on a spelling it did not expect.
func ParseBool(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "t", "yes", "y", "on", "1":
		return true, nil
	case "false", "f", "no", "n", "off", "0":
		return false, nil
	}
	return false, errors.New("not a boolean: want true/false, yes/no, on/off or 1/0")
}

func parseDuration(s string) (any, error) {
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil {
		return nil, errors.New("not a duration: want a number with a unit, such as 500ms, 30s or 2m")
	}
	return d, nil
}

func parseInt(s string, bits int) (int64, error) {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, bits)
	if err != nil {
		return 0, errors.New("not a whole number")
	}
	return n, nil
}

// Threshold is a confidence from 0 to 1, or off.
type Threshold struct{ v *float64 }

// UnmarshalText reads "off" or a number from 0 to 1.
func (t *Threshold) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	if s == "" || strings.EqualFold(s, "off") {
		t.v = nil
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || !(f >= 0 && f <= 1) {
		return errors.New("want a number from 0 to 1, or off")
	}
	t.v = &f
	return nil
}

// Value returns the threshold, or nil when it is off.
func (t Threshold) Value() *float64 {
	if t.v == nil {
		return nil
	}
	v := *t.v
	return &v
}
