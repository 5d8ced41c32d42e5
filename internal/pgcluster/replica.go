package pgcluster

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// StartReplica starts a streaming replica of primary in opts.DataDir: a hot
// standby that follows the primary's changes as they come and answers
// read-only queries. A data directory without a cluster is filled first with
// a base backup of the primary (pg_basebackup -R, which writes the
// connection to the primary into the copy) and a replication slot of its
// own on the primary, so that the primary keeps the WAL the replica has not
// received while it is stopped. An existing replica is started as it is.
//
// The primary must take replication connections from 127.0.0.1, as clusters
// made by Start do. The replica runs with hot_standby_feedback, so that the
// primary's vacuum does not cancel its long reads; opts.Settings may
// override that.
func StartReplica(ctx context.Context, primary *Cluster, opts Options) (*Cluster, error) {
	settings := map[string]string{"hot_standby_feedback": "on"}
	for k, v := range opts.Settings {
		settings[k] = v
	}
	opts.Settings = settings
	c, err := newCluster(opts)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(c.dataDir, "PG_VERSION")); errors.Is(err, fs.ErrNotExist) {
		slot := SlotName(c.dataDir)
		args := []string{"-h", "127.0.0.1", "-p", strconv.Itoa(primary.Port()), "-U", "postgres",
			"-D", c.dataDir, "-R", "-X", "stream", "-c", "fast", "-C", "-S", slot}
		if !c.durable {
			args = append(args, "--no-sync")
		}
		out, err := c.runTool(ctx, "pg_basebackup", args...)
		if err != nil {
			return nil, fmt.Errorf("pg_basebackup of the primary on port %d into %s: %w: %s", primary.Port(), c.dataDir, err, strings.TrimSpace(out))
		}
	} else if err != nil {
		return nil, err
	}
	if err := c.startFirst(ctx, opts.Port == 0); err != nil {
		return nil, err
	}
	return c, nil
}

// SlotName is the name of the replication slot StartReplica makes on the
// primary for a replica in dataDir; drop it (pg_drop_replication_slot) when
// the replica is gone for good, or the primary keeps WAL for it.
func SlotName(dataDir string) string {
	name := strings.ToLower(filepath.Base(filepath.Dir(dataDir)) + "_" + filepath.Base(dataDir))
	name = regexp.MustCompile(`[^a-z0-9_]`).ReplaceAllString(name, "_")
	if len(name) > 63 {
		name = name[len(name)-63:]
	}
	return name
}
