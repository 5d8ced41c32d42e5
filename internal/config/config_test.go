package config_test

import (
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/config"
)

func env(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}

func TestDefault(t *testing.T) {
	c := config.Default()
	assert.Equal(t, ":8080", c.HTTPAddr)
	assert.Equal(t, "info", c.LogLevel)
	assert.Equal(t, 15*time.Second, c.ShutdownGrace)
	assert.Equal(t, 10*time.Second, c.StatementTimeout)
	assert.Equal(t, []string{"*"}, c.HTTP.CORSOrigins)
	assert.Equal(t, 30*time.Second, c.HTTP.RequestTimeout)
	assert.Equal(t, 600, c.HTTP.WritesPerMinute)
	assert.Equal(t, 16, c.HTTP.MaxExports)
	assert.Equal(t, 30*time.Second, c.HTTP.ExportStallTimeout)
	assert.Equal(t, 2, c.BulkConns)
	assert.Equal(t, int64(1<<20), c.HTTP.MaxBodyBytes)
	assert.False(t, c.HTTP.ReadRequiresKey)
	assert.Equal(t, ".devpg", c.Dev.DataDir)
}

func TestVars_EachNamedOnce(t *testing.T) {
	envName := regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)
	flagName := regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
	envs, flags := map[string]bool{}, map[string]bool{}
	for _, v := range config.Vars() {
		assert.Regexp(t, envName, v.Env)
		assert.Regexp(t, flagName, v.Flag, v.Env)
		assert.NotEmpty(t, v.Help, v.Env)
		assert.Contains(t, []string{"", "server", "import", "dev"}, v.Group, v.Env)
		assert.False(t, envs[v.Env], "%s twice", v.Env)
		assert.False(t, flags[v.Flag], "-%s twice", v.Flag)
		envs[v.Env], flags[v.Flag] = true, true
	}
}

func TestLoad_Bool(t *testing.T) {
	for _, s := range []string{"true", "TRUE", "True", "t", "yes", "YES", "y", "on", "On", "1", " yes "} {
		c, err := config.Load(env(map[string]string{"READ_REQUIRES_KEY": s}), nil)
		require.NoError(t, err, s)
		assert.True(t, c.HTTP.ReadRequiresKey, s)
	}
	for _, s := range []string{"false", "FALSE", "f", "no", "No", "n", "off", "OFF", "0"} {
		c, err := config.Load(env(map[string]string{"READ_REQUIRES_KEY": s}), nil)
		require.NoError(t, err, s)
		assert.False(t, c.HTTP.ReadRequiresKey, s)
	}
	for _, s := range []string{"maybe", "2", "enabled", "yess", "-1"} {
		_, err := config.Load(env(map[string]string{"READ_REQUIRES_KEY": s}), nil)
		require.Error(t, err, s)
		assert.Contains(t, err.Error(), "READ_REQUIRES_KEY", s)
	}
}

func TestLoad_Invalid(t *testing.T) {
	tests := map[string]struct {
		env  map[string]string
		want []string
	}{
		"duration":         {map[string]string{"REQUEST_TIMEOUT": "abc"}, []string{`REQUEST_TIMEOUT="abc"`, "duration"}},
		"duration no unit": {map[string]string{"SHUTDOWN_GRACE": "15"}, []string{`SHUTDOWN_GRACE="15"`}},
		"int":              {map[string]string{"MAX_EXPORTS": "four"}, []string{`MAX_EXPORTS="four"`, "whole number"}},
		"below min":        {map[string]string{"MAX_EXPORTS": "0"}, []string{`MAX_EXPORTS="0"`, "at least 1"}},
		"negative":         {map[string]string{"RATE_LIMIT_WRITES_PER_MINUTE": "-5"}, []string{"RATE_LIMIT_WRITES_PER_MINUTE"}},
		"zero timeout":     {map[string]string{"REQUEST_TIMEOUT": "0s"}, []string{"REQUEST_TIMEOUT"}},
		"enum":             {map[string]string{"LOG_LEVEL": "loud"}, []string{"LOG_LEVEL", "debug, info, warn, error"}},
		"threshold":        {map[string]string{"AUTO_ACCEPT_CONFIDENCE": "1.5"}, []string{`AUTO_ACCEPT_CONFIDENCE="1.5"`, "0 to 1"}},
		"threshold word":   {map[string]string{"AUTO_ACCEPT_CONFIDENCE": "high"}, []string{"AUTO_ACCEPT_CONFIDENCE"}},
		"all at once": {map[string]string{"REQUEST_TIMEOUT": "abc", "READ_REQUIRES_KEY": "maybe", "DB_MAX_CONNS": "x"},
			[]string{"REQUEST_TIMEOUT", "READ_REQUIRES_KEY", "DB_MAX_CONNS"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := config.Load(env(tt.env), nil)
			require.Error(t, err)
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
}

func TestLoad_Overrides(t *testing.T) {
	e := env(map[string]string{"HTTP_ADDR": ":9000", "MAX_EXPORTS": "2", "CORS_ORIGINS": "https://a.example,https://b.example"})
	c, err := config.Load(e, map[string]string{"HTTP_ADDR": ":9001"})
	require.NoError(t, err)
	assert.Equal(t, ":9001", c.HTTPAddr, "a flag overrides the variable")
	assert.Equal(t, 2, c.HTTP.MaxExports)
	assert.Equal(t, []string{"https://a.example", "https://b.example"}, c.HTTP.CORSOrigins)

	_, err = config.Load(e, map[string]string{"REQUEST_TIMEOUT": "soon"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `-request-timeout "soon"`, "a bad flag is named as a flag")
}

func TestLoad_AutoAccept(t *testing.T) {
	c, err := config.Load(env(nil), nil)
	require.NoError(t, err)
	assert.Nil(t, c.AutoAccept.Value(), "off by default")
	c, err = config.Load(env(map[string]string{"AUTO_ACCEPT_CONFIDENCE": "0.9"}), nil)
	require.NoError(t, err)
	require.NotNil(t, c.AutoAccept.Value())
	assert.Equal(t, 0.9, *c.AutoAccept.Value())
	c, err = config.Load(env(map[string]string{"AUTO_ACCEPT_CONFIDENCE": "0.9"}), map[string]string{"AUTO_ACCEPT_CONFIDENCE": "off"})
	require.NoError(t, err)
	assert.Nil(t, c.AutoAccept.Value(), "a flag turns it off")
}
