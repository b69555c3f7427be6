package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// everyCommand returns the command lines of every command and subcommand of the
// app ("run", "import orlib-cap") with its definition.
func everyCommand() map[string]*cli.Command {
	out := map[string]*cli.Command{}
	var walk func(prefix string, cmds []*cli.Command)
	walk = func(prefix string, cmds []*cli.Command) {
		for _, c := range cmds {
			name := strings.TrimSpace(prefix + " " + c.Name)
			out[name] = c
			walk(name, c.Subcommands)
		}
	}
	walk("", newApp().Commands)
	return out
}

func TestDidYouMean(t *testing.T) {
	for _, tt := range []struct {
		args    []string
		want    string
		notWant string
	}{
		{[]string{"rn"}, `no command "rn"; did you mean "run"?`, ""},
		{[]string{"swep", "x.yaml"}, `did you mean "sweep"?`, ""},
		{[]string{"import", "orlib-cpa", "x"}, `no command "orlib-cpa"; did you mean "orlib-cap"?`, ""},
		{[]string{"run", "--jsn"}, "run: unknown flag --jsn; did you mean --json?", " -jsn"},
		{[]string{"run", "testdata/toy.yaml", "--no-ot"}, "unknown flag --no-ot; did you mean --no-out?", ""},
		{[]string{"--log-levl", "info", "run"}, "unknown flag --log-levl; did you mean --log-level?", ""},
		{[]string{"run", "--gap", "x"}, `--gap x: not a valid value for --gap`, " -gap"},
		{[]string{"frobnicate"}, `no command "frobnicate" (see 'mineralplan --help')`, "did you mean"},
	} {
		out, errOut, code := mp(t, tt.args...)
		if code != 2 || !strings.Contains(errOut, tt.want) || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2, nothing on stdout and %q on stderr", tt.args, code, out, errOut, tt.want)
		}
		if tt.notWant != "" && strings.Contains(errOut, tt.notWant) {
			t.Errorf("%v: stderr %q has %q", tt.args, errOut, tt.notWant)
		}
		if strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: stderr is not one line: %q", tt.args, errOut)
		}
	}
}

func TestHelpCommandIsHelpFlag(t *testing.T) {
	for _, cmd := range []string{"", "run", "sweep", "generate", "import", "import orlib-cap", "completion", "help"} {
		args := strings.Fields(cmd)
		viaCommand, errOut, code := mp(t, append([]string{"help"}, args...)...)
		if code != 0 {
			t.Fatalf("help %s: exit %d: %s", cmd, code, errOut)
		}
		viaFlag, errOut, code := mp(t, append(args, "--help")...)
		if code != 0 {
			t.Fatalf("%s --help: exit %d: %s", cmd, code, errOut)
		}
		if viaCommand != viaFlag || !strings.Contains(viaFlag, "USAGE:") {
			t.Errorf("help %s differs from %s --help:\n%s\n---\n%s", cmd, cmd, viaCommand, viaFlag)
		}
		// The help names the command as it is typed: mineralplan import orlib-cap.
		if name := strings.TrimSpace("mineralplan " + cmd); cmd != "" && cmd != "help" && !strings.Contains(viaFlag, "\n   "+name+" ") || strings.Contains(viaFlag, "mineralplan mineralplan") {
			t.Errorf("%s --help does not name the command as %q:\n%s", cmd, name, viaFlag)
		}
	}
	if _, errOut, code := mp(t, "help", "rn"); code != 2 || !strings.Contains(errOut, `did you mean "run"?`) {
		t.Errorf("help rn: exit %d, stderr %q", code, errOut)
	}
}

func TestVersionCommand(t *testing.T) {
	cmd, _, code1 := mp(t, "version")
	flag, _, code2 := mp(t, "--version")
	if code1 != 0 || code2 != 0 || cmd != flag || !regexp.MustCompile(`^mineralplan version \S+ \(HiGHS \d+\.\d+\.\d+\)\n$`).MatchString(cmd) {
		t.Fatalf("version: exit %d %q; --version: exit %d %q; want the same line naming both versions", code1, cmd, code2, flag)
	}
}

// TestHelpTextDefaults checks every command's flags: each says what it does, and
// each help line names its default at most once.
func TestHelpTextDefaults(t *testing.T) {
	for name, c := range everyCommand() {
		for _, f := range c.Flags {
			if u, ok := f.(cli.DocGenerationFlag); ok && strings.TrimSpace(u.GetUsage()) == "" {
				t.Errorf("%s: flag --%s has no description", name, f.Names()[0])
			}
		}
		out, errOut, code := mp(t, append(strings.Fields(name), "--help")...)
		if code != 0 {
			t.Fatalf("%s --help: exit %d: %s", name, code, errOut)
		}
		for _, line := range strings.Split(out, "\n") {
			if n := strings.Count(strings.ToLower(line), "(default"); n > 1 || n == 1 && strings.Contains(line, "(default: false)") {
				t.Errorf("%s --help: %q", name, line)
			}
		}
	}
}

// completionWords runs the bash completion script for a partial command line
// (the cursor after its last word) and returns the candidates.
func completionWords(t *testing.T, script string, line ...string) []string {
	t.Helper()
	words := make([]string, len(line))
	for i, w := range line {
		words[i] = "'" + w + "'"
	}
	prog := "source " + script + "\nCOMP_WORDS=(" + strings.Join(words, " ") + ")\nCOMP_CWORD=" +
		strconv.Itoa(len(line)-1) + "\n_mineralplan\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n"
	out, err := exec.Command("bash", "-c", prog).CombinedOutput()
	if err != nil {
		t.Fatalf("bash: %v\n%s", err, out)
	}
	return strings.Fields(string(out))
}

func TestCompletionScripts(t *testing.T) {
	dir := t.TempDir()
	scripts := map[string]string{}
	for _, shell := range []string{"bash", "zsh", "fish"} {
		out, errOut, code := mp(t, "completion", shell)
		if code != 0 || out == "" {
			t.Fatalf("completion %s: exit %d: %s", shell, code, errOut)
		}
		scripts[shell] = filepath.Join(dir, "mineralplan."+shell)
		if err := os.WriteFile(scripts[shell], []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		// Every command and every flag is in every script.
		for name, c := range everyCommand() {
			last := name[strings.LastIndex(name, " ")+1:]
			if !strings.Contains(out, last) {
				t.Errorf("completion %s: no command %s", shell, name)
			}
			for _, f := range c.Flags {
				n := f.Names()[0]
				if !strings.Contains(out, n) {
					t.Errorf("completion %s: no flag --%s of %s", shell, n, name)
				}
			}
		}
		// The shell reads it, when it is installed here.
		if sh, err := exec.LookPath(shell); err == nil {
			if out, err := exec.Command(sh, "-n", scripts[shell]).CombinedOutput(); err != nil {
				t.Errorf("%s -n: %v\n%s", shell, err, out)
			}
		} else {
			t.Logf("%s is not installed: its script is not parsed", shell)
		}
	}
	if _, errOut, code := mp(t, "completion", "bsh"); code != 2 || !strings.Contains(errOut, `did you mean "bash"?`) {
		t.Errorf("completion bsh: exit %d, %q", code, errOut)
	}
	if fish, err := exec.LookPath("fish"); err == nil {
		for _, tt := range []struct{ line, want string }{
			{"mineralplan r", "resolve run"},
			{"mineralplan run --js", "--json"},
			{"mineralplan --log-level info sw", "sweep"},
			{"mineralplan import orlib-cap --out", "--output"},
		} {
			out, err := exec.Command(fish, "--no-config", "-c", "source "+scripts["fish"]+"; complete -C '"+tt.line+"'").CombinedOutput()
			var got []string
			for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
				got = append(got, strings.SplitN(l, "\t", 2)[0])
			}
			if err != nil || strings.Join(got, " ") != tt.want {
				t.Errorf("fish completion of %q: %v %q; want %q", tt.line, err, out, tt.want)
			}
		}
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Fatal("no bash to run the bash completion script: install bash")
	}
	for _, tt := range []struct {
		line []string
		want string
	}{
		{[]string{"mineralplan", "r"}, "run resolve"},
		{[]string{"mineralplan", "run", "--js"}, "--json"},
		{[]string{"mineralplan", "--log-level", "info", "sw"}, "sweep"},
		{[]string{"mineralplan", "import", "or"}, "orlib-cap"},
		{[]string{"mineralplan", "import", "orlib-cap", "--out"}, "--output"},
		{[]string{"mineralplan", "sweep", "x.yaml", "--vary", "b=1,2", "--tor"}, "--tornado --tornado-param"},
	} {
		if got := strings.Join(completionWords(t, scripts["bash"], tt.line...), " "); got != tt.want {
			t.Errorf("bash completion of %q: %q; want %q", strings.Join(tt.line, " "), got, tt.want)
		}
	}
}

func TestManPage(t *testing.T) {
	roff, errOut, code := mp(t, "man")
	page := strings.ReplaceAll(roff, `\-`, "-")
	if code != 0 {
		t.Fatalf("man: exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(page, ".nh\n.TH mineralplan 1") {
		t.Errorf("man: not a section 1 roff page: %.80q", page)
	}
	for name, c := range everyCommand() {
		if !strings.Contains(page, ".SH "+strings.ToUpper(name)) && !strings.Contains(page, "\n"+name) && !strings.Contains(page, " "+name) {
			t.Errorf("man: no section for %s", name)
		}
		for _, f := range c.Flags {
			if !strings.Contains(page, "--"+f.Names()[0]) {
				t.Errorf("man: no --%s of %s", f.Names()[0], name)
			}
		}
	}
	for _, bad := range []string{"(default: 0)", "Incorrect"} {
		if strings.Contains(page, bad) {
			t.Errorf("man: has %q", bad)
		}
	}
	committed, err := os.ReadFile(filepath.Join("..", "..", "docs", "mineralplan.1"))
	if err != nil || string(committed) != roff {
		t.Errorf("docs/mineralplan.1 is not what 'mineralplan man' writes now (%v); run 'make man'", err)
	}
	if man, err := exec.LookPath("man"); err == nil {
		cmd := exec.Command(man, "-l", filepath.Join("..", "..", "docs", "mineralplan.1"))
		cmd.Env = append(os.Environ(), "MANWIDTH=80")
		out, err := cmd.CombinedOutput()
		// man may embolden by overstriking: a letter, a backspace, the letter.
		plain := regexp.MustCompile(".\x08").ReplaceAllString(string(out), "")
		if err != nil || !strings.Contains(plain, "GLOBAL OPTIONS") || !strings.Contains(plain, "--tornado-param") {
			t.Errorf("man -l docs/mineralplan.1: %v\n%.400s", err, out)
		}
	}
}
