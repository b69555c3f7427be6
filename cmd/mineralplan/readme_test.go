package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// slowInREADME are the README's commands that take minutes (sweeps, the whole
// library); the other tests run them on small scenarios.
var slowInREADME = regexp.MustCompile(`^bin/mineralplan (batch|sweep|pareto|frontier|merge)\b`)

// readmeCommands returns the command lines of the README's sh code blocks that
// start with bin/mineralplan, without their trailing comments.
func readmeCommands(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var cmds []string
	inBlock := false
	for _, line := range strings.Split(string(b), "\n") {
		switch {
		case strings.HasPrefix(line, "```"):
			inBlock = !inBlock && strings.TrimPrefix(line, "```") == "sh"
		case inBlock && strings.HasPrefix(line, "bin/mineralplan "):
			if i := strings.Index(line, " # "); i >= 0 {
				line = line[:i]
			}
			cmds = append(cmds, strings.TrimSpace(line))
		}
	}
	return cmds
}

// TestREADMECommands runs, in order, every command the README shows that takes
// seconds, as a user would from a checkout: bin/mineralplan, scenarios/ and
// orlib/ are there, and what they write goes to a fresh folder.
func TestREADMECommands(t *testing.T) {
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "bin"), 0o755); err != nil {
		t.Fatal(err)
	}
	bin, err := filepath.Abs(binary(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, link := range [][2]string{{bin, "bin/mineralplan"}, {filepath.Join(repo, "scenarios"), "scenarios"}, {filepath.Join(repo, "orlib"), "orlib"}, {filepath.Join(repo, "study"), "study"}} {
		if err := os.Symlink(link[0], filepath.Join(dir, link[1])); err != nil {
			t.Fatal(err)
		}
	}
	ran := map[string]bool{}
	for _, line := range readmeCommands(t) {
		if slowInREADME.MatchString(line) || strings.Contains(line, "...") {
			continue
		}
		cmd := exec.Command("bash", "-o", "pipefail", "-c", line)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("README: %s\n%v\n%s", line, err, out)
		}
		ran[strings.Fields(line)[1]] = true
	}
	for _, want := range []string{"run", "validate", "lint", "resolve", "compare", "audit", "export", "import", "generate", "help"} {
		if !ran[want] {
			t.Errorf("the README shows no quick %s command to run", want)
		}
	}
}

// TestExtendsShippedScenarioOutsideRepository writes, in a folder outside the
// repository, the scenario the README suggests (scenarios/README.md: "Writing your
// own scenario") and plans it.
func TestExtendsShippedScenarioOutsideRepository(t *testing.T) {
	dir := t.TempDir()
	for _, ext := range []string{"india-japan-2026.yaml", "india-japan-2026"} {
		scen := "extends: " + ext + "\nname: my-scenario\nbudget:\n  total: 300e6\n"
		if err := os.WriteFile(filepath.Join(dir, "my-scenario.yaml"), []byte(scen), 0o644); err != nil {
			t.Fatal(err)
		}
		out, errOut, code := mpIn(t, dir, "", "validate", "my-scenario.yaml")
		if code != 0 || !strings.Contains(errOut, "1 file checked: 0 errors") {
			t.Errorf("extends: %s: validate: exit %d, %s%s", ext, code, out, errOut)
		}
	}
	out, errOut, code := mpIn(t, dir, "", "resolve", "my-scenario.yaml")
	if code != 0 || !strings.Contains(out, "name: my-scenario") || !strings.Contains(out, "total: 300000000") {
		t.Errorf("resolve: exit %d, %.200s %s", code, out, errOut)
	}
}
