package main

import (
	"strings"
	"testing"
)

// TestLintExitCodes: findings are warnings (exit 0) unless --strict makes them
// errors (exit 2); a file that does not load exits 2; the library is clean.
func TestLintExitCodes(t *testing.T) {
	wrong := "../../lint/testdata/wrong/gate-fee.yaml"
	want := wrong + ":4:11: warning: gate-fee: feedstock ev-waste is paid a gate fee"
	_, errOut, code := mp(t, "lint", wrong)
	if code != 0 || !strings.Contains(errOut, want) {
		t.Errorf("lint: exit %d, stderr %q; want exit 0 and %q", code, errOut, want)
	}
	_, errOut, code = mp(t, "lint", "--strict", wrong)
	if want := wrong + ":4:11: gate-fee: "; code != 2 || !strings.Contains(errOut, want) {
		t.Errorf("lint --strict: exit %d, stderr %q; want exit 2 and %q", code, errOut, want)
	}
	if _, errOut, code = mp(t, "lint", "testdata/no-such-file.yaml"); code != 2 {
		t.Errorf("lint of a missing file: exit %d (stderr %q); want 2", code, errOut)
	}
	if _, errOut, code = mp(t, "lint", "--strict"); code != 0 || !strings.Contains(errOut, "0 errors, 0 warnings") {
		t.Errorf("lint --strict of the embedded default: exit %d, stderr %q; want exit 0 and no findings", code, errOut)
	}
}
