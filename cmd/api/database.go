package main

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/milmeet/milmeet/internal/config"
)

// urlFile is where `api dev` writes its local cluster's URL while it runs,
// inside DEV_PGDATA.
const urlFile = "url"

// databaseURL returns DATABASE_URL, or else the URL of the local cluster a
// running `api dev` wrote to DEV_PGDATA/url, so that the tools work beside
// `make run` with nothing set.
func databaseURL(c config.Config) (string, error) {
	if c.DatabaseURL != "" {
		return c.DatabaseURL, nil
	}
	path := filepath.Join(c.Dev.DataDir, urlFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("DATABASE_URL is not set and no local cluster is running (no %s): set DATABASE_URL, or start `make run` in another terminal", path)
	}
	if err != nil {
		return "", err
	}
	u := strings.TrimSpace(string(b))
	pu, err := url.Parse(u)
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	conn, err := net.DialTimeout("tcp", pu.Host, 2*time.Second)
	if err != nil {
		return "", fmt.Errorf("the local cluster of %s (%s) does not answer: start `make run` again, or set DATABASE_URL", path, pu.Host)
	}
	conn.Close()
	return u, nil
}
