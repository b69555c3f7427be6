package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestRunKilledAnywhere stops `run --out`, `stochastic`, `alternatives`,
// `evaluate`, `sweep`, `pareto`, `merge` and `batch` with SIGKILL or SIGTERM at
// random moments — before, during and
// after the solve and the writing of the folder, into a new folder and over an
// earlier output folder — and checks that the folder is then either absent or
// complete: its manifest.json lists exactly the files under it, with their
// sizes and SHA-256. After SIGTERM no temporary folder may be left either.
func TestRunKilledAnywhere(t *testing.T) {
	bin := binary(t)
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	toy := abs("testdata/toy.yaml")
	study, studyToy := abs("../../study/testdata/toy-study.yaml"), abs("../../study/testdata/toy.yaml")
	dir := t.TempDir()
	if out, err := exec.Command(bin, "run", toy, "--out", filepath.Join(dir, "plan")).CombinedOutput(); err != nil {
		t.Fatalf("run: %v\n%s", err, out)
	}
	grid := []string{"--vary", "budget.total=*0.7,*0.8,*0.9,*1,*1.1", "--workers", "1", "--quiet"}
	for _, k := range []string{"1", "2"} {
		if out, err := exec.Command(bin, append([]string{"sweep", toy, "--shard", k + "/2", "--out", filepath.Join(dir, "shard-"+k)}, grid...)...).CombinedOutput(); err != nil {
			t.Fatalf("sweep shard %s: %v\n%s", k, err, out)
		}
	}
	commands := []struct {
		name  string
		args  []string
		kills int
	}{
		{"run", []string{"run", toy}, 40},
		{"stochastic", []string{"stochastic", study}, 16},
		{"alternatives", []string{"alternatives", studyToy, "--slack", "0.6", "--count", "2"}, 16},
		{"evaluate", []string{"evaluate", "--plan", filepath.Join(dir, "plan"), study}, 16},
		// Sweeps resume what a killed one left in its work folder, or publish a
		// finished one again.
		{"sweep", append([]string{"sweep", toy, "--resume"}, grid...), 16},
		{"pareto", []string{"pareto", toy, "--points", "3", "--resume", "--quiet"}, 12},
		{"merge", []string{"merge", filepath.Join(dir, "shard-1"), filepath.Join(dir, "shard-2")}, 12},
		{"batch", []string{"batch", toy, studyToy, "--workers", "1", "--quiet"}, 12},
	}
	rng := rand.New(rand.NewPCG(17, 17))
	for _, c := range commands {
		t.Run(c.name, func(t *testing.T) {
			// How long a whole command takes here, so that the kills fall across all of it.
			start := time.Now()
			if out, err := exec.Command(bin, append(c.args, "--out", filepath.Join(dir, c.name+"-timing"))...).CombinedOutput(); err != nil {
				t.Fatalf("%s: %v\n%s", c.name, err, out)
			}
			span := time.Since(start) * 3 / 2
			stopped := 0
			for i := range c.kills {
				sig := []syscall.Signal{syscall.SIGKILL, syscall.SIGTERM}[i%2]
				out := filepath.Join(dir, c.name+string(rune('a'+i%4)))
				before, _ := filepath.Glob(filepath.Join(dir, ".*.tmp-*"))
				cmd := exec.Command(bin, append(c.args, "--out", out)...)
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				time.Sleep(time.Duration(rng.Int64N(int64(span))))
				cmd.Process.Signal(sig)
				err := cmd.Wait()
				var ee *exec.ExitError
				if errors.As(err, &ee) && !ee.Exited() {
					stopped++
				}
				checkRunFolder(t, out)
				if sig == syscall.SIGTERM {
					// A SIGKILL may leave its temporary folder (the next run
					// removes it); a SIGTERM may not.
					after, _ := filepath.Glob(filepath.Join(dir, ".*.tmp-*"))
					for _, p := range after {
						if !slices.Contains(before, p) {
							t.Errorf("after SIGTERM: temporary folder left: %s", p)
						}
					}
				}
			}
			t.Logf("%d of %d commands were stopped before they ended", stopped, c.kills)
		})
	}
}

// checkRunFolder fails unless dir is absent or a complete run folder.
func checkRunFolder(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		names := []string{}
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("%s exists without a manifest: %v", dir, names)
	}
	var man struct {
		Files []struct {
			Name   string `json:"name"`
			Bytes  int    `json:"bytes"`
			SHA256 string `json:"sha256"`
		} `json:"files"`
	}
	if err := json.Unmarshal(b, &man); err != nil {
		t.Fatalf("%s/manifest.json: %v", dir, err)
	}
	var listed, present []string
	for _, f := range man.Files {
		listed = append(listed, f.Name)
		data, err := os.ReadFile(filepath.Join(dir, f.Name))
		if err != nil {
			t.Errorf("%s: listed but unreadable: %v", f.Name, err)
			continue
		}
		sum := sha256.Sum256(data)
		if len(data) != f.Bytes || hex.EncodeToString(sum[:]) != f.SHA256 {
			t.Errorf("%s/%s: %d bytes, the manifest says %d (or its digest differs)", dir, f.Name, len(data), f.Bytes)
		}
	}
	// Every file under the folder but the manifest itself (an output folder of
	// stochastic, evaluate or alternatives lists its run folders' files too).
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if rel != "manifest.json" {
			present = append(present, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(listed)
	slices.Sort(present)
	if !slices.Equal(listed, present) {
		t.Errorf("%s holds %s; its manifest lists %s", dir, strings.Join(present, ", "), strings.Join(listed, ", "))
	}
}

// TestStochasticInterrupted: Ctrl-C during a study's solves ends stochastic
// with exit 1 and, with --json, the status interrupted, as for run; no output
// folder is left.
func TestStochasticInterrupted(t *testing.T) {
	bin := binary(t)
	out := filepath.Join(t.TempDir(), "st")
	cmd := exec.Command(bin, "stochastic", "../../study/testdata/library-study.yaml", "--out", out, "--json")
	var stdout strings.Builder
	cmd.Stdout = &stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1500 * time.Millisecond) // the library study's solves take many seconds
	cmd.Process.Signal(os.Interrupt)
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("exit %v, want 1; stdout %s", err, stdout.String())
	}
	var obj struct {
		Status   string `json:"status"`
		ExitCode int    `json:"exit_code"`
	}
	if err := json.Unmarshal([]byte(stdout.String()), &obj); err != nil || obj.Status != "interrupted" || obj.ExitCode != 1 {
		t.Errorf("--json: %s (%v), want status interrupted, exit_code 1", stdout.String(), err)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("an interrupted stochastic left %s", out)
	}
}
