package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAuditCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	if _, stderr, code := mp(t, "run", "../../audit/testdata/small.yaml", "--out", dir); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	stdout, stderr, code := mp(t, "audit", dir)
	if code != 0 || !strings.Contains(stdout, "holds") {
		t.Fatalf("audit of a solved run: exit %d, stdout %q, stderr %q; want exit 0 and 'holds'", code, stdout, stderr)
	}
	// Claim one more dollar of NPV per thousand than the plan earns.
	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	tampered := strings.Replace(string(b), `"npv": -`, `"npv": 1`, 1)
	if tampered == string(b) {
		tampered = strings.Replace(string(b), `"npv": `, `"npv": 1`, 1)
	}
	if err := os.WriteFile(filepath.Join(dir, "summary.json"), []byte(tampered), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, _, code = mp(t, "audit", "--json", dir, dir)
	var obj auditObject
	dec := json.NewDecoder(strings.NewReader(stdout))
	if err := dec.Decode(&obj); err != nil || dec.More() {
		t.Fatalf("audit --json of two folders: stdout is not one JSON object (%v): %q", err, stdout)
	}
	if code != 1 || obj.Ok || obj.Status != "does_not_hold" || obj.ExitCode != 1 || len(obj.Folders) != 2 || !strings.Contains(strings.Join(obj.Folders[0].Findings, "\n"), "npv") {
		t.Fatalf("audit of a tampered run: exit %d, object %+v; want exit 1, does_not_hold, two folders and a finding on npv", code, obj)
	}
	if _, stderr, code := mp(t, "audit", filepath.Join(dir, "missing")); code != 2 || stderr == "" {
		t.Fatalf("audit of a missing folder: exit %d, stderr %q; want exit 2 and a message", code, stderr)
	}
}
