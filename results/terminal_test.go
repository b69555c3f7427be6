package results

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPrintSummary(t *testing.T) {
	var plain bytes.Buffer
	if err := PrintSummary(&plain, smallPlan(), false); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "summary.txt", plain.Bytes())
	if strings.Contains(plain.String(), "\x1b[") {
		t.Error("colour codes without colour")
	}
	for _, line := range strings.Split(plain.String(), "\n") {
		if n := utf8.RuneCountInString(line); n > 80 {
			t.Errorf("line of %d columns: %q", n, line)
		}
	}
	var colored bytes.Buffer
	if err := PrintSummary(&colored, smallPlan(), true); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(colored.String(), ansiGreen+"optimal"+ansiReset) {
		t.Error("with colour: the status is not green")
	}
	stripped := strings.NewReplacer(ansiBold, "", ansiGreen, "", ansiReset, "", ansiRed, "").Replace(colored.String())
	if stripped != plain.String() {
		t.Errorf("with colour, less the colour codes, differs from without:\n%s", stripped)
	}
}

func TestPrintSummaryLongNamesFit(t *testing.T) {
	p := realisticPlan()
	p.Plants[0].Site = strings.Repeat("very-long-site-name-", 4)
	p.Plants[0].Technology = strings.Repeat("very-long-technology-", 4)
	var b bytes.Buffer
	if err := PrintSummary(&b, p, false); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(b.String(), "\n") {
		if n := utf8.RuneCountInString(line); n > 80 {
			t.Errorf("line of %d columns: %q", n, line)
		}
	}
	if !strings.Contains(b.String(), "very-long-sit…") {
		t.Errorf("long site id not shortened:\n%s", b.String())
	}
}

func TestWriteBatchCSV(t *testing.T) {
	path := filepath.Join(t.TempDir(), "batch.csv")
	plan := smallPlan()
	rows := []BatchRow{
		BatchRowOf("zeta", plan, nil, 1.23456),
		BatchRowOf("alpha", nil, os.ErrNotExist, 0.5),
	}
	if err := WriteBatchCSV(path, rows); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := "scenario,status,error,objective,npv_usd,capex_usd,plants,security_t,seconds\n" +
		"alpha,error,file does not exist,,,,,,0.5\n" +
		"zeta,optimal,,12345678.9,12345678.9,61000000,4,1530.25,1.235\n"
	if string(got) != want {
		t.Errorf("batch.csv =\n%s\nwant\n%s", got, want)
	}
}
