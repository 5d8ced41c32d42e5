package pgcluster

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// ownerFile names the file in a MkdirTemp directory that records the process
// that made it: its pid, then its start time, which tells a live owner from
// an unrelated process that got the same pid later.
const ownerFile = "owner.pid"

// unownedGrace is how old a directory without an owner file must be before
// CleanStale removes it: younger ones may belong to a process that has just
// created them and not yet written the file.
const unownedGrace = 10 * time.Minute

// MkdirTemp creates a directory under root named prefix plus a random
// suffix, for a throwaway cluster, and records the calling process in it so
// that CleanStale can later tell it was abandoned. Its mode is 0755 because
// a server run as another user (see Start) must be able to reach a data
// directory inside it.
func MkdirTemp(root, prefix string) (string, error) {
	dir, err := os.MkdirTemp(root, prefix)
	if err != nil {
		return "", err
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		_ = os.RemoveAll(dir)
		return "", err
	}
	pid := os.Getpid()
	record := strconv.Itoa(pid) + "\n" + startTime(pid) + "\n"
	if err := os.WriteFile(filepath.Join(dir, ownerFile), []byte(record), 0o644); err != nil {
		_ = os.RemoveAll(dir)
		return "", err
	}
	return dir, nil
}

// CleanStale removes the directories under root whose name starts with
// prefix and whose owner, recorded by MkdirTemp, is no longer alive: what a
// killed test run leaves behind. A server still running from such a
// directory, which only a kernel that missed the parent-death signal would
// leave, is killed first. It returns the errors it met but goes on past them.
func CleanStale(root, prefix string) error {
	entries, err := os.ReadDir(root)
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		dir := filepath.Join(root, e.Name())
		if !abandoned(dir) {
			continue
		}
		if !killServers(dir) {
			errs = append(errs, fmt.Errorf("%s: a server still runs from it", dir))
			continue
		}
		if err := os.RemoveAll(dir); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// abandoned tells whether the process recorded in dir's owner file is gone.
func abandoned(dir string) bool {
	data, err := os.ReadFile(filepath.Join(dir, ownerFile))
	if err != nil {
		fi, serr := os.Stat(dir)
		return errors.Is(err, os.ErrNotExist) && serr == nil && time.Since(fi.ModTime()) > unownedGrace
	}
	lines := strings.Split(string(data), "\n")
	pid, err := strconv.Atoi(strings.TrimSpace(lines[0]))
	if err != nil || pid <= 0 {
		return true
	}
	if !processAlive(pid) {
		return true
	}
	state, start := procStat(pid)
	if state == zombie {
		return true // dead, waiting for a parent to reap it
	}
	// A different start time: the pid now belongs to another process.
	recorded := ""
	if len(lines) > 1 {
		recorded = strings.TrimSpace(lines[1])
	}
	return recorded != "" && start != "" && start != recorded
}

// killServers kills a postmaster still running from a data directory in
// dir (or dir itself), with its process group, so that removing the files
// does not leave a server serving deleted data and holding its port. It
// tells whether none runs any more.
func killServers(dir string) bool {
	pidFiles, _ := filepath.Glob(filepath.Join(dir, "*", "postmaster.pid"))
	pidFiles = append(pidFiles, filepath.Join(dir, "postmaster.pid"))
	for _, f := range pidFiles {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		lines := strings.Split(string(data), "\n")
		if len(lines) < 2 {
			continue
		}
		pid, err := strconv.Atoi(strings.TrimSpace(lines[0]))
		if err != nil || pid <= 0 {
			continue
		}
		// The postmaster runs in its data directory: a live process whose
		// working directory is elsewhere merely reuses the pid.
		dataDir := filepath.Clean(lines[1])
		if real, err := filepath.EvalSymlinks(dataDir); err == nil {
			dataDir = real // what /proc shows
		}
		if cwd, err := os.Readlink(fmt.Sprintf("/proc/%d/cwd", pid)); err != nil || cwd != dataDir {
			continue
		}
		_ = syscall.Kill(-pid, syscall.SIGKILL)
		_ = syscall.Kill(pid, syscall.SIGKILL)
		for deadline := time.Now().Add(5 * time.Second); processAlive(pid) && !isZombie(pid); {
			if time.Now().After(deadline) {
				return false // someone else's, which we may not kill
			}
			time.Sleep(time.Millisecond)
		}
		removeSysVSegment(data)
	}
	return true
}

// removeSysVSegment removes the small System V shared memory segment of a
// postmaster that was killed, given its postmaster.pid. A postmaster removes
// it when it exits, but not when killed, and one that starts later on the
// same data directory then does it; with the directory gone, nothing would,
// and each leaked segment counts against the system's limit (shmmni). The
// segment cannot belong to anyone else: it lives on until removed.
func removeSysVSegment(pidFile []byte) {
	// Line 7 holds the segment's key and id.
	lines := strings.Split(string(pidFile), "\n")
	if len(lines) < 7 {
		return
	}
	f := strings.Fields(lines[6])
	if len(f) != 2 {
		return
	}
	id, err := strconv.Atoi(f[1])
	if err != nil || id < 0 {
		return
	}
	const ipcRMID = 0
	_, _, _ = syscall.Syscall(syscall.SYS_SHMCTL, uintptr(id), ipcRMID, 0)
}

// processAlive tells whether a process with this pid exists; EPERM means it
// does but belongs to someone else.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// zombie is the state of a process that has exited but not been reaped.
const zombie = "Z"

func isZombie(pid int) bool {
	state, _ := procStat(pid)
	return state == zombie
}

// startTime returns a process's start time in clock ticks since boot from
// /proc, or "" where that cannot be read.
func startTime(pid int) string {
	_, start := procStat(pid)
	return start
}

// procStat returns a process's state letter and start time from /proc, or
// empty strings where that cannot be read.
func procStat(pid int) (state, start string) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return "", ""
	}
	// The command name in parentheses may hold spaces; fields count from
	// after its closing parenthesis, where field 3 (state) begins.
	s := string(data)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return "", ""
	}
	fields := strings.Fields(s[i+1:])
	const startTimeField = 22 - 3
	if len(fields) <= startTimeField {
		return "", ""
	}
	return fields[0], fields[startTimeField]
}
