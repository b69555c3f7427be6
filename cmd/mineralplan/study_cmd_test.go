package main

import (
	"strings"
	"testing"
)

// TestValidateStudy: validate reads study files as studies, with positioned
// errors and exit 2.
func TestValidateStudy(t *testing.T) {
	_, stderr, code := mp(t, "validate", "../../study/testdata/toy-study.yaml")
	if code != 0 {
		t.Fatalf("a valid study: exit %d\n%s", code, stderr)
	}
	_, stderr, code = mp(t, "validate", "../../study/testdata/invalid/sum.yaml")
	if code != 2 || !strings.Contains(stderr, "sum.yaml:4:3: the futures' probabilities sum to 0.9") {
		t.Errorf("exit %d, stderr\n%s", code, stderr)
	}
}
