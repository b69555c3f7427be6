package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// hostileCase is one line of testdata/hostile/cases.txt.
type hostileCase struct {
	line  int
	class string
	exit  int
	want  string // a substring of stderr, with the position where there is one
	args  []string
}

// Limits of each hostile case's process: a case that hangs or grows is a
// failure, not a stuck test.
const (
	hostileTimeout = 20 * time.Second // generous: the machine may be shared
	hostileMemory  = 2 << 30          // bytes of address space (ulimit -v)
)

// TestHostileCorpus runs every case of testdata/hostile/cases.txt against the
// built binary, each in a fresh copy of testdata/hostile/files with the
// fixtures the corpus names (a FIFO, an unfinished run folder, ...), under a
// time and memory limit, and checks its exit code, that stderr holds the
// expected message with its position, that stdout is empty (or, with --json,
// one JSON object whose exit_code is the exit code) and that no temporary
// file is left behind.
func TestHostileCorpus(t *testing.T) {
	bin := binary(t)
	cases := readHostileCases(t, "../../testdata/hostile/cases.txt")
	if len(cases) < 150 {
		t.Fatalf("%d cases; the corpus should hold at least 150", len(cases))
	}
	classes := map[string]int{}
	for _, c := range cases {
		classes[c.class]++
	}
	for _, cl := range []string{"1", "2", "3", "4", "5", "6", "7"} {
		if classes[cl] == 0 {
			t.Errorf("no case of class %s", cl)
		}
	}
	work := hostileFixtures(t, bin)
	for _, c := range cases {
		t.Run(strconv.Itoa(c.line)+"-class"+c.class, func(t *testing.T) {
			before := listTemps(t, work)
			code, stdout, stderr := runLimited(t, bin, work, c.args)
			if code != c.exit {
				t.Errorf("mineralplan %s: exit %d, want %d\nstderr: %s", strings.Join(c.args, " "), code, c.exit, stderr)
			}
			if !strings.Contains(stderr, c.want) {
				t.Errorf("mineralplan %s: stderr\n%s\nwant it to hold %q", strings.Join(c.args, " "), stderr, c.want)
			}
			if slices.Contains(c.args, "--json") {
				var obj map[string]any
				dec := json.NewDecoder(strings.NewReader(stdout))
				if err := dec.Decode(&obj); err != nil || dec.More() {
					t.Errorf("--json: stdout is not one JSON object (%v):\n%s", err, stdout)
				} else if code != 0 && obj["exit_code"] != float64(code) {
					t.Errorf("--json: exit_code %v, want %d", obj["exit_code"], code)
				}
			} else if code != 0 && stdout != "" && c.args[0] != "run" {
				t.Errorf("mineralplan %s: a failure printed on stdout:\n%s", strings.Join(c.args, " "), stdout)
			}
			if after := listTemps(t, work); len(after) > len(before) {
				t.Errorf("left temporary files: %v", after)
			}
		})
	}
}

// readHostileCases parses the corpus: "class | exit | want | args", # comments.
func readHostileCases(t *testing.T, path string) []hostileCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []hostileCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.SplitN(line, " | ", 4)
		if len(parts) != 4 {
			t.Fatalf("%s:%d: want class | exit | message | args", path, n)
		}
		code, err := strconv.Atoi(parts[1])
		if err != nil {
			t.Fatalf("%s:%d: exit code %q", path, n, parts[1])
		}
		args, err := shellWords(parts[3])
		if err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		out = append(out, hostileCase{line: n, class: parts[0], exit: code, want: parts[2], args: args})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// shellWords splits s at spaces, keeping single-quoted text together.
func shellWords(s string) ([]string, error) {
	var (
		words  []string
		cur    strings.Builder
		quoted bool
		inWord bool
	)
	for _, r := range s {
		switch {
		case r == '\'':
			quoted = !quoted
			inWord = true
		case r == ' ' && !quoted:
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quoted {
		return nil, errors.New("unclosed quote")
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

// hostileFixtures copies testdata/hostile/files into a temporary folder and
// adds what cannot be kept in git: a FIFO, an extends of it, a file and
// folders where files or folders are expected, folders that are not run
// folders, a finished run folder and one without its manifest.
func hostileFixtures(t *testing.T, bin string) string {
	t.Helper()
	work := t.TempDir()
	src := "../../testdata/hostile/files"
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(work, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(syscall.Mkfifo(filepath.Join(work, "pipe.yaml"), 0o644))
	must(os.WriteFile(filepath.Join(work, "ext-fifo.yaml"), []byte("extends: pipe.yaml\n"), 0o644))
	must(os.WriteFile(filepath.Join(work, "afile"), nil, 0o644))
	for _, d := range []string{"adir.mps", "notrun", "has-report/report.html", "notrun-parent/toy"} {
		must(os.MkdirAll(filepath.Join(work, d), 0o755))
	}
	for _, f := range []string{"notrun/mine.txt", "has-report/notes.txt", "notrun-parent/toy/mine.txt"} {
		must(os.WriteFile(filepath.Join(work, f), []byte("x\n"), 0o644))
	}
	if code, _, stderr := runLimited(t, bin, work, []string{"run", "toy.yaml", "--out", "toy-run"}); code != 0 {
		t.Fatalf("run toy.yaml: exit %d: %s", code, stderr)
	}
	must(os.CopyFS(filepath.Join(work, "half-run"), os.DirFS(filepath.Join(work, "toy-run"))))
	must(os.Remove(filepath.Join(work, "half-run", "manifest.json")))
	must(os.CopyFS(filepath.Join(work, "tampered"), os.DirFS(filepath.Join(work, "toy-run"))))
	flows, err := os.OpenFile(filepath.Join(work, "tampered", "flows.csv"), os.O_APPEND|os.O_WRONLY, 0)
	must(err)
	_, err = flows.WriteString("2026,1,ore,feedstock,f,site,a,,1,t\n")
	must(err)
	must(flows.Close())
	must(os.CopyFS(filepath.Join(work, "rerun"), os.DirFS(filepath.Join(work, "toy-run"))))
	if code, _, stderr := runLimited(t, bin, work, []string{"sweep", "toy.yaml", "--vary", "budget.total=1e5,2e5", "--out", "toy-sweep", "--quiet"}); code != 0 {
		t.Fatalf("sweep toy.yaml: exit %d: %s", code, stderr)
	}
	return work
}

// runLimited runs the binary in dir under hostileTimeout and hostileMemory.
func runLimited(t *testing.T, bin, dir string, args []string) (code int, stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hostileTimeout)
	defer cancel()
	script := "ulimit -v " + strconv.Itoa(hostileMemory>>10) + " && exec \"$@\""
	cmd := exec.CommandContext(ctx, "sh", append([]string{"-c", script, "sh", bin}, args...)...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("mineralplan %s: still running after %v", strings.Join(args, " "), hostileTimeout)
	}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return code, out.String(), errb.String()
}

// listTemps lists the temporary files and folders (.tmp-) under dir.
func listTemps(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), ".tmp-") {
			out = append(out, p)
		}
		return nil
	})
	return out
}
