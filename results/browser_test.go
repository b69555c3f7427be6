package results

import (
	"bytes"
	"context"
	"flag"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var screenshot = flag.String("screenshot", "", "also save the browser test's screenshot of a report to this PNG path (e.g. ../docs/report-screenshot.png)")

// chromium returns the path of Debian's chromium, installing it with apt-get
// when it is missing and the test runs as root. It never skips: a machine
// without a browser fails the test with what to do.
func chromium(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	const path = "/usr/bin/chromium"
	if os.Geteuid() != 0 {
		t.Fatal("chromium is not installed and the test is not running as root, so it cannot install it: run `sudo apt-get install -y chromium` (Debian) and test again")
	}
	install := func() ([]byte, error) {
		cmd := exec.Command("apt-get", "install", "-y", "chromium")
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		return cmd.CombinedOutput()
	}
	t.Log("chromium is missing: apt-get install -y chromium")
	if _, err := install(); err != nil {
		t.Logf("apt-get install failed (%v): apt-get update, then again", err)
		if out, err := exec.Command("apt-get", "update").CombinedOutput(); err != nil {
			t.Fatalf("cannot install chromium for the browser test: apt-get update: %v\n%s", err, lastLines(out, 20))
		}
		if out, err := install(); err != nil {
			t.Fatalf("cannot install chromium for the browser test: apt-get install -y chromium: %v\n%s", err, lastLines(out, 20))
		}
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("apt-get installed chromium but %s is missing: %v", path, err)
	}
	return path
}

// lastLines returns the last n lines of b, for error messages.
func lastLines(b []byte, n int) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// runChromium opens url headless with a fresh profile and the given extra
// flags, and returns its stdout and stderr (with console logging on).
func runChromium(t *testing.T, browser, url string, extra ...string) (stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	args := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--user-data-dir=" + t.TempDir(), "--enable-logging=stderr", "--v=0"},
		extra...)
	cmd := exec.CommandContext(ctx, browser, append(args, url)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", browser, strings.Join(extra, " "), err, lastLines(errb.Bytes(), 30))
	}
	return out.String(), errb.String()
}

// consoleErrors returns the lines of chromium's log that report a script
// error or a resource the page failed to load.
func consoleErrors(log string) []string {
	var bad []string
	for _, line := range strings.Split(log, "\n") {
		if strings.Contains(line, "Uncaught") || strings.Contains(line, "Failed to load resource") ||
			(strings.Contains(line, ":CONSOLE") && strings.Contains(line, "ERROR")) {
			bad = append(bad, line)
		}
	}
	return bad
}

// TestReportInBrowser opens a report in headless chromium: the DOM must have
// one plant marker per plant row, the console no errors, and a screenshot of
// the page must come out at the window's size.
func TestReportInBrowser(t *testing.T) {
	browser := chromium(t)
	dir := t.TempDir()
	in := Run{Plan: realisticPlan(), Scenario: realisticScenario()}
	if err := WriteRun(dir, in, []string{"html"}); err != nil {
		t.Fatal(err)
	}
	url := "file://" + filepath.Join(dir, "report.html")

	dom, log := runChromium(t, browser, url, "--dump-dom")
	markers := regexp.MustCompile(`<circle[^>]*class="plant-marker"[^>]*data-site="([^"]+)"`).FindAllStringSubmatch(dom, -1)
	if len(markers) != len(in.Plan.Plants) {
		t.Errorf("the DOM has %d plant markers, want %d (one per plant row)", len(markers), len(in.Plan.Plants))
	}
	if !strings.Contains(dom, "Made with Natural Earth") {
		t.Error("the DOM lacks the Natural Earth credit")
	}
	if errs := consoleErrors(log); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}

	shot := filepath.Join(t.TempDir(), "report.png")
	if *screenshot != "" {
		shot = *screenshot
	}
	abs, err := filepath.Abs(shot)
	if err != nil {
		t.Fatal(err)
	}
	runChromium(t, browser, url, "--screenshot="+abs, "--window-size=1400,1800", "--hide-scrollbars")
	f, err := os.Open(abs)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	defer f.Close()
	if *screenshot != "" {
		t.Logf("screenshot saved to %s", abs)
	}
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	if cfg.Width != 1400 || cfg.Height != 1800 {
		t.Errorf("screenshot is %d×%d, want 1400×1800", cfg.Width, cfg.Height)
	}
}

// TestBrowserConsoleCheck shows that the console check of TestReportInBrowser
// catches a script error: a page that throws must be reported.
func TestBrowserConsoleCheck(t *testing.T) {
	browser := chromium(t)
	page := filepath.Join(t.TempDir(), "bad.html")
	if err := os.WriteFile(page, []byte(`<!DOCTYPE html><html><body><p>x</p><script>throw new Error("deliberate")</script></body></html>`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, log := runChromium(t, browser, "file://"+page, "--dump-dom")
	if errs := consoleErrors(log); len(errs) == 0 || !strings.Contains(strings.Join(errs, "\n"), "deliberate") {
		t.Errorf("a page that throws gave no console error; the log was:\n%s", lastLines([]byte(log), 30))
	}
}
