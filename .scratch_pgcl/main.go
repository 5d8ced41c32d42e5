package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/milmeet/milmeet/internal/pgcluster"
	"github.com/milmeet/milmeet/internal/postgres"
)

func main() {
	ctx := context.Background()
	dir, err := pgcluster.MkdirTemp("/dev/shm", "scratch-")
	if err != nil { panic(err) }
	if len(os.Args) < 2 || os.Args[1] != "keep" { defer os.RemoveAll(dir) }
	t0 := time.Now()
	c, err := pgcluster.Start(ctx, pgcluster.Options{DataDir: filepath.Join(dir, "data")})
	if err != nil { panic(err) }
	fmt.Println("start incl initdb", time.Since(t0))
	c.Stop()
	t0 = time.Now()
	if err := c.Restart(ctx); err != nil { panic(err) }
	fmt.Println("start only", time.Since(t0))
	fmt.Println("PORT", c.Port(), "DIR", dir)
	u := c.URL("postgres")
	v, d, err := postgres.MigrationVersion(ctx, u); fmt.Println("version", v, d, err)
	fmt.Println("up", postgres.MigrateUp(ctx, u))
	fmt.Println("up again", postgres.MigrateUp(ctx, u))
	v, d, err = postgres.MigrationVersion(ctx, u); fmt.Println("version", v, d, err)
	fmt.Println("down", postgres.MigrateDown(ctx, u))
	v, d, err = postgres.MigrationVersion(ctx, u); fmt.Println("version", v, d, err)
	fmt.Println("up", postgres.MigrateUp(ctx, "postgresql"+u[len("postgres"):]))
	fmt.Println("bad", postgres.MigrateUp(ctx, "mysql://x:secret@h/db"))
	fmt.Println("unreachable", postgres.MigrateUp(ctx, "postgres://postgres:secret@127.0.0.1:1/x"))
	cctx, cancel := context.WithCancel(ctx); cancel()
	fmt.Println("cancelled", postgres.MigrateUp(cctx, u))
	if len(os.Args) > 1 && os.Args[1] == "keep" {
		time.Sleep(time.Hour)
	}
	c.Stop()
}
