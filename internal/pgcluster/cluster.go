// Package pgcluster runs a PostgreSQL server from the installed server
// programs (initdb, postgres) for tests and local development, so that
// neither needs a server set up by hand, a container, or root's own cluster.
//
// A cluster runs as a child of the calling process and dies with it: the
// server gets a parent-death signal, so a test binary killed on a timeout
// does not leave servers behind. Directories of throwaway clusters made with
// MkdirTemp that outlive their process anyway are removed by CleanStale.
package pgcluster

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

const (
	// readyTimeout bounds the wait for a started server to accept
	// connections; crash recovery after Kill is included in it.
	readyTimeout = 15 * time.Second
	// stopTimeout is how long a fast shutdown may take before Stop kills.
	stopTimeout = 15 * time.Second
	// maxSocketPath is the room for a unix socket path (sun_path) less one.
	maxSocketPath = 107
	// portAttempts bounds retries when a port picked as free was taken by
	// someone else before the server bound it.
	portAttempts = 5
)

// Options says where and how to run a cluster.
type Options struct {
	// DataDir is the cluster's data directory. It is created, and the
	// cluster initialised, when it holds no PG_VERSION; an existing cluster
	// is started as it is. Required.
	DataDir string
	// Port is the TCP port on 127.0.0.1; 0 picks a free one.
	Port int
	// BinDir holds initdb and postgres; empty means FindBinDir(os.Getenv).
	BinDir string
	// Durable keeps PostgreSQL's crash safety. Without it the server runs
	// with fsync, synchronous_commit and full_page_writes off, which makes
	// test databases faster, and keeps its dynamic shared memory in the data
	// directory, so that removing a killed cluster's directory frees it. The price: an operating-system crash may
	// corrupt the cluster, and Kill may lose the commits of the last
	// fraction of a second (synchronous_commit=off acknowledges a commit
	// before its WAL leaves the server's memory). A fault test that needs
	// its commits to survive Kill turns synchronous_commit back on, in
	// Settings or for its database alone (ALTER DATABASE ... SET).
	Durable bool
	// Settings are extra server settings (name → value), as for postgres
	// -c; they override the ones Durable implies.
	Settings map[string]string
	// Log receives the output of initdb and of the server; nil discards it.
	Log io.Writer
}

// Cluster is a running (or stopped) PostgreSQL server started by Start. Its
// methods may be called from several goroutines.
type Cluster struct {
	binDir   string
	dataDir  string
	sockDir  string
	port     int
	durable  bool
	settings map[string]string
	runAs    runAs
	out      *logWriter

	mu  sync.Mutex
	srv *server // nil while stopped
}

// server is one run of the postmaster.
type server struct {
	proc   *os.Process
	exited chan struct{} // closed once the process has exited and err is set
	err    error
}

// runAs is the user the server runs as; cred is nil when that is the caller.
type runAs struct {
	name     string
	uid, gid uint32
	cred     *syscall.Credential
}

// Start initialises the data directory when needed, starts the server and
// waits until it accepts connections. The caller must Stop it.
//
// PostgreSQL refuses to run as root; as root, Start runs initdb and the
// server as the postgres user, or nobody where there is none, and gives it
// the data directory. That user must be able to reach the directory: one
// under /root is refused with an error that says so.
func Start(ctx context.Context, opts Options) (*Cluster, error) {
	c, err := newCluster(opts)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(c.dataDir, "PG_VERSION")); errors.Is(err, fs.ErrNotExist) {
		if err := c.initdb(ctx); err != nil {
			return nil, err
		}
	} else if err != nil {
		return nil, err
	}
	if err := c.startFirst(ctx, opts.Port == 0); err != nil {
		return nil, err
	}
	return c, nil
}

// newCluster checks opts and prepares the data directory for the server's
// user.
func newCluster(opts Options) (*Cluster, error) {
	if opts.DataDir == "" {
		return nil, errors.New("pgcluster: Options.DataDir is required")
	}
	binDir := opts.BinDir
	if binDir == "" {
		var err error
		if binDir, err = FindBinDir(os.Getenv); err != nil {
			return nil, err
		}
	}
	dataDir, err := filepath.Abs(opts.DataDir)
	if err != nil {
		return nil, err
	}
	who, err := serverUser()
	if err != nil {
		return nil, err
	}
	c := &Cluster{
		binDir:   binDir,
		dataDir:  dataDir,
		port:     opts.Port,
		durable:  opts.Durable,
		settings: maps.Clone(opts.Settings),
		runAs:    who,
		out:      &logWriter{w: opts.Log},
	}
	// The socket lives in the data directory, which the server's user owns
	// whoever we are; a path too long for a socket gets TCP only.
	if len(dataDir)+len("/.s.PGSQL.65535") <= maxSocketPath {
		c.sockDir = dataDir
	}
	if err := prepareDataDir(dataDir, who); err != nil {
		return nil, err
	}
	return c, nil
}

// startFirst starts the server the first time, on a free port picked anew
// while the one picked was taken by someone else meanwhile, when anyPort.
func (c *Cluster) startFirst(ctx context.Context, anyPort bool) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	for attempt := 1; ; attempt++ {
		var err error
		if anyPort {
			if c.port, err = freePort(); err != nil {
				return err
			}
		}
		err = c.start(ctx)
		switch {
		case err == nil:
			return nil
		case anyPort && errors.Is(err, errPortTaken) && attempt < portAttempts:
			continue
		default:
			return err
		}
	}
}

// URL returns a connection URL for database dbname as the postgres superuser.
func (c *Cluster) URL(dbname string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.port, url.PathEscape(dbname))
}

// Port returns the server's TCP port, which stays the same across Restart.
func (c *Cluster) Port() int { return c.port }

// DataDir returns the absolute path of the data directory.
func (c *Cluster) DataDir() string { return c.dataDir }

// Stop shuts the server down the fast way (open transactions are rolled
// back, sessions closed), killing it if that takes too long. Stopping a
// stopped cluster does nothing. It reports a server that had died by itself
// or had to be killed.
func (c *Cluster) Stop() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stop()
}

// Kill kills the server and all its processes at once, as a power cut or
// the OOM killer would, for tests of how clients ride out a crash. The next
// Restart runs crash recovery.
func (c *Cluster) Kill() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.srv == nil {
		return
	}
	pidFile, _ := os.ReadFile(filepath.Join(c.dataDir, "postmaster.pid"))
	c.killGroup(c.srv)
	c.srv = nil
	// Restart would clean up after the killed server, but a throwaway
	// cluster may be removed instead. Its dynamic shared memory lives in
	// the data directory, so the segment is all there is to free; a durable
	// cluster's Restart needs it to find its dynamic shared memory.
	if !c.durable {
		removeSysVSegment(pidFile)
	}
}

// Restart starts the server again on the same port and data directory,
// stopping it first if it runs, and waits until it accepts connections.
func (c *Cluster) Restart(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	// Whatever became of the previous run is of no interest here: only
	// whether the new one comes up.
	_ = c.stop()
	return c.start(ctx)
}

// stop is Stop without the lock.
func (c *Cluster) stop() error {
	s := c.srv
	if s == nil {
		return nil
	}
	c.srv = nil
	select {
	case <-s.exited:
		return fmt.Errorf("postgres had exited by itself (%v); server log:\n%s", s.err, c.out.tail())
	default:
	}
	_ = s.proc.Signal(syscall.SIGINT)
	select {
	case <-s.exited:
		return nil
	case <-time.After(stopTimeout):
		c.killGroup(s)
		return fmt.Errorf("postgres did not shut down within %s and was killed", stopTimeout)
	}
}

// killGroup kills the postmaster's whole process group (it runs with
// Setpgid), so that no backend outlives it holding shared memory that would
// stop the next start, and waits for the postmaster to be reaped.
func (c *Cluster) killGroup(s *server) {
	_ = syscall.Kill(-s.proc.Pid, syscall.SIGKILL)
	<-s.exited
}

// errPortTaken marks a start that failed because the port was in use.
var errPortTaken = errors.New("port in use")

// start runs the postmaster and waits until it accepts connections; c.mu is
// held.
func (c *Cluster) start(ctx context.Context) error {
	if c.srv != nil {
		return errors.New("pgcluster: server already running")
	}
	args := []string{
		"-D", c.dataDir,
		"-p", strconv.Itoa(c.port),
		"-c", "listen_addresses=127.0.0.1",
		"-c", "unix_socket_directories=" + c.sockDir,
	}
	if !c.durable {
		args = append(args, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
			// Keep dynamic shared memory in the data directory rather
			// than /dev/shm, where a killed server would leak it past
			// the removal of a throwaway cluster.
			"-c", "dynamic_shared_memory_type=mmap")
	}
	for _, name := range slices.Sorted(maps.Keys(c.settings)) {
		args = append(args, "-c", name+"="+c.settings[name])
	}
	cmd := exec.Command(filepath.Join(c.binDir, "postgres"), args...)
	cmd.Dir = "/" // the caller's directory may be closed to the server's user
	cmd.Stdout = c.out
	cmd.Stderr = c.out
	// Backends inherit the output pipe; do not let one that outlives the
	// postmaster for a moment hold up Wait.
	cmd.WaitDelay = 2 * time.Second
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Setpgid: true,
		// SIGQUIT is the postmaster's immediate shutdown: it takes its
		// backends down with it.
		Pdeathsig:  syscall.SIGQUIT,
		Credential: c.runAs.cred,
	}
	c.out.mark()

	s := &server{exited: make(chan struct{})}
	started := make(chan error, 1)
	go func() {
		// The kernel sends the parent-death signal when the thread that
		// forked the child exits, not the process. Go may end an idle
		// thread, so this goroutine keeps the forking thread to itself and
		// stays on it, blocked in Wait, for as long as the server lives.
		// It returns still locked, which ends the thread: by then the
		// server is gone and nothing depends on it.
		runtime.LockOSThread()
		if err := cmd.Start(); err != nil {
			started <- err
			return
		}
		s.proc = cmd.Process
		started <- nil
		s.err = cmd.Wait()
		close(s.exited)
	}()
	if err := <-started; err != nil {
		return fmt.Errorf("start postgres: %w", err)
	}
	c.srv = s
	if err := c.waitReady(ctx, s); err != nil {
		c.killGroup(s)
		c.srv = nil
		return err
	}
	return nil
}

// waitReady polls the server until it accepts connections, it exits, or the
// deadline passes.
func (c *Cluster) waitReady(ctx context.Context, s *server) error {
	ctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	var lastErr error
	for {
		if lastErr = c.ping(ctx); lastErr == nil {
			return nil
		}
		select {
		case <-s.exited:
			log := c.out.tail()
			if strings.Contains(log, "could not bind") || strings.Contains(log, "could not create any TCP/IP sockets") {
				return fmt.Errorf("postgres could not listen on port %d: %w; server log:\n%s", c.port, errPortTaken, log)
			}
			return fmt.Errorf("postgres exited before accepting connections (%v); server log:\n%s", s.err, log)
		case <-ctx.Done():
			return fmt.Errorf("postgres did not accept connections on port %d within %s (%v); server log:\n%s", c.port, readyTimeout, lastErr, c.out.tail())
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// ping connects once. It checks the data directory too: until our server
// binds the port, another one may be answering on it.
func (c *Cluster) ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	var dir string
	if err := conn.QueryRow(ctx, "SHOW data_directory").Scan(&dir); err != nil {
		return err
	}
	if filepath.Clean(dir) != c.dataDir {
		return fmt.Errorf("port %d is served by another cluster (%s)", c.port, dir)
	}
	return nil
}

// initdb creates the cluster: UTF8, trust authentication for the postgres
// superuser, C.UTF-8 locale so that upper/lower and the like work beyond
// ASCII, or the plain C locale where C.UTF-8 is not installed.
func (c *Cluster) initdb(ctx context.Context) error {
	args := []string{"-D", c.dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8"}
	if !c.durable {
		args = append(args, "--no-sync")
	}
	out, err := c.runTool(ctx, "initdb", append(args, "--locale=C.UTF-8")...)
	if err != nil && strings.Contains(out, "locale") {
		// initdb empties the data directory when it fails, so it can run
		// again in it.
		out, err = c.runTool(ctx, "initdb", append(args, "--no-locale")...)
	}
	if err != nil {
		return fmt.Errorf("initdb %s: %w: %s", c.dataDir, err, strings.TrimSpace(out))
	}
	return nil
}

// runTool runs one of the server's programs to completion as the server's
// user and returns its output.
func (c *Cluster) runTool(ctx context.Context, name string, args ...string) (string, error) {
	var buf bytes.Buffer
	cmd := exec.CommandContext(ctx, filepath.Join(c.binDir, name), args...)
	cmd.Dir = "/"
	cmd.Stdout = io.MultiWriter(&buf, c.out)
	cmd.Stderr = cmd.Stdout
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL, Credential: c.runAs.cred}
	// As in start: the parent-death signal is tied to the forking thread,
	// which must not be ended (by some locked goroutine exiting on it)
	// while the program runs.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	err := cmd.Run()
	return buf.String(), err
}

// serverUser picks who runs initdb and the server: the caller, unless that
// is root, which PostgreSQL refuses.
func serverUser() (runAs, error) {
	if os.Geteuid() != 0 {
		return runAs{name: "the current user", uid: uint32(os.Geteuid()), gid: uint32(os.Getegid())}, nil
	}
	for _, name := range []string{"postgres", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
		gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
		if err1 != nil || err2 != nil || uid == 0 {
			continue
		}
		return runAs{
			name: name,
			uid:  uint32(uid),
			gid:  uint32(gid),
			// No supplementary groups: root's are no business of the server.
			cred: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), Groups: []uint32{}},
		}, nil
	}
	return runAs{}, errors.New("running as root, which PostgreSQL refuses, and there is neither a postgres nor a nobody user to run it as: create one (useradd --system postgres)")
}

// prepareDataDir creates the data directory and the missing directories
// above it, and gives them to the server's user, who must be able to reach
// it: PostgreSQL insists on owning its data directory, mode 0700.
func prepareDataDir(dataDir string, who runAs) error {
	var created []string
	for d := dataDir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil {
			break
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		created = append(created, d)
		if d == filepath.Dir(d) {
			break
		}
	}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return err
	}
	for _, d := range created {
		mode := fs.FileMode(0o755)
		if d == dataDir {
			mode = 0o700
		}
		if err := os.Chmod(d, mode); err != nil {
			return err
		}
		if who.cred != nil {
			if err := os.Chown(d, int(who.uid), int(who.gid)); err != nil {
				return err
			}
		}
	}
	if who.cred == nil {
		return nil
	}
	fi, err := os.Stat(dataDir)
	if err != nil {
		return err
	}
	if st := fi.Sys().(*syscall.Stat_t); st.Uid != who.uid {
		entries, err := os.ReadDir(dataDir)
		if err != nil {
			return err
		}
		if len(entries) > 0 {
			return fmt.Errorf("data directory %s belongs to uid %d, but PostgreSQL runs as %s (uid %d) since it refuses root: chown -R %s %s", dataDir, st.Uid, who.name, who.uid, who.name, dataDir)
		}
		if err := os.Chown(dataDir, int(who.uid), int(who.gid)); err != nil {
			return err
		}
	}
	return checkReachable(dataDir, who)
}

// checkReachable reports a directory above dataDir that the server's user
// may not enter, which would make initdb or postgres fail with a bare
// "permission denied".
func checkReachable(dataDir string, who runAs) error {
	for d := filepath.Dir(dataDir); ; d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err != nil {
			return err
		}
		st := fi.Sys().(*syscall.Stat_t)
		var bit fs.FileMode = 0o001
		switch {
		case st.Uid == who.uid:
			bit = 0o100
		case st.Gid == who.gid:
			bit = 0o010
		}
		if fi.Mode().Perm()&bit == 0 {
			return fmt.Errorf("data directory %s is out of reach of the %s user that PostgreSQL runs as (it refuses root): %s is mode %o; put the data elsewhere (under /var/tmp, /tmp or /dev/shm) or chmod o+x %s", dataDir, who.name, d, fi.Mode().Perm(), d)
		}
		if d == filepath.Dir(d) {
			return nil
		}
	}
}

// freePort asks the kernel for a free port on 127.0.0.1. Someone else may
// take it before the server binds it; Start retries then.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("pick a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// logWriter passes output on to the caller's writer and keeps the output of
// the current server run, whose end goes into error messages.
type logWriter struct {
	w io.Writer

	mu    sync.Mutex
	buf   []byte
	start int // where the current run's output begins in buf
}

// logKeep bounds the output kept for error messages.
const logKeep = 16 << 10

func (l *logWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf = append(l.buf, p...)
	if over := len(l.buf) - logKeep; over > 0 {
		l.buf = append(l.buf[:0], l.buf[over:]...)
		l.start = max(l.start-over, 0)
	}
	if l.w != nil {
		// The caller's writer failing must not stop the server.
		_, _ = l.w.Write(p)
	}
	return len(p), nil
}

// mark starts a new run: tail shows only what follows.
func (l *logWriter) mark() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.start = len(l.buf)
}

// tail returns the current run's last lines of output.
func (l *logWriter) tail() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	lines := strings.Split(strings.TrimRight(string(l.buf[l.start:]), "\n"), "\n")
	if len(lines) > 30 {
		lines = lines[len(lines)-30:]
	}
	return strings.Join(lines, "\n")
}
