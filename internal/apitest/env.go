package apitest

import (
	"os"
	"os/exec"
	"path/filepath"

	"github.com/milmeet/milmeet/internal/config"
)

// isSetting reports whether name is one of milmeet's settings, which a test
// must not inherit from the shell that runs it.
func isSetting(name string) bool {
	if name == "DATABASE_URL" || name == "TEST_DATABASE_URL" {
		return true
	}
	for _, v := range config.Vars() {
		if v.Env == name {
			return true
		}
	}
	return false
}

// runtimeGOROOT returns the Go installation the tests run with.
func runtimeGOROOT() string {
	if p, err := exec.LookPath("go"); err == nil {
		return filepath.Dir(filepath.Dir(p))
	}
	return os.Getenv("GOROOT")
}
