package sweep

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// mineralplanBinary returns the binary under test: $MINERALPLAN_BIN (the Makefile
// sets it to bin/mineralplan), or one built from ../cmd/mineralplan.
func mineralplanBinary(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("MINERALPLAN_BIN"); p != "" {
		return p
	}
	bin := filepath.Join(t.TempDir(), "mineralplan")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/mineralplan").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// runBinary runs the binary to the end and fails the test unless it exits 0.
func runBinary(t *testing.T, bin string, args ...string) {
	t.Helper()
	var stderr bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", bin, strings.Join(args, " "), err, stderr.String())
	}
}

// caseFolders counts the finished-or-not case folders of a sweep folder,
// temporary ones aside.
func caseFolders(dir string) int {
	entries, _ := os.ReadDir(filepath.Join(dir, casesDir))
	n := 0
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), tmpPrefix) {
			n++
		}
	}
	return n
}

// TestKillAndResume kills a 200-case sweep with SIGKILL part way (its --out then
// absent, the finished cases in its work folder), resumes it, and checks that
// cases.csv equals an uninterrupted run's apart from timings.
func TestKillAndResume(t *testing.T) {
	bin := mineralplanBinary(t)
	root := t.TempDir()
	scenario, err := filepath.Abs(tinyFile)
	if err != nil {
		t.Fatal(err)
	}
	full, killed := filepath.Join(root, "full"), filepath.Join(root, "killed")
	args := []string{"sweep", scenario, "--vary", "budget.total=2e6:41.8e6:0.2e6", "--workers", "1"}

	runBinary(t, bin, append(args, "--out", full)...)
	if rows := readCSVWithoutTiming(t, filepath.Join(full, CasesFile)); len(rows) != 201 {
		t.Fatalf("the uninterrupted sweep has %d rows; want 200 cases", len(rows)-1)
	}

	cmd := exec.Command(bin, append(args, "--out", killed)...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.Now().Add(time.Minute)
	for caseFolders(WorkDir(killed)) < 10 {
		select {
		case err := <-exited:
			t.Fatalf("the sweep ended (%v) before it could be killed", err)
		case <-time.After(time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatal("no case folders after a minute")
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-exited
	done := caseFolders(WorkDir(killed))
	if done >= 200 {
		t.Fatalf("the sweep finished all %d cases before SIGKILL", done)
	}
	if _, err := os.Stat(killed); err == nil {
		t.Fatalf("the killed sweep left %s; want it absent until the sweep finishes", killed)
	}
	if _, err := os.Stat(filepath.Join(WorkDir(killed), CasesFile)); err == nil {
		t.Fatalf("the killed sweep wrote %s", CasesFile)
	}
	t.Logf("killed after %d of 200 cases", done)

	runBinary(t, bin, append(args, "--out", killed, "--resume")...)
	want := readCSVWithoutTiming(t, filepath.Join(full, CasesFile))
	got := readCSVWithoutTiming(t, filepath.Join(killed, CasesFile))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("cases.csv after kill and resume differs from the uninterrupted run's (-want +got):\n%s", diff)
	}
	if n := caseFolders(killed); n != 200 {
		t.Errorf("%d case folders after resuming; want 200", n)
	}
	entries, _ := os.ReadDir(filepath.Join(killed, casesDir))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), tmpPrefix) {
			t.Errorf("temporary folder %s left after resuming", e.Name())
		}
	}
}
