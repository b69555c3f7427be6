package stochastic

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/mineralplan/mineralplan/study"
)

// TestWorkersSameTables: the study solved with one worker and with two writes
// byte-identical tables (every CSV file of the output folder, the futures' run
// folders included) and the same figures.
func TestWorkersSameTables(t *testing.T) {
	for _, file := range []string{"../study/testdata/toy-study.yaml", "../study/testdata/toy-recourse.yaml"} {
		st, ds, err := study.Load(file)
		if err != nil {
			t.Fatalf("%v\n%v", err, ds)
		}
		var dirs []string
		var objs []float64
		for _, workers := range []int{1, 2} {
			res, err := Solve(context.Background(), st, Options{Workers: workers})
			if err != nil {
				t.Fatal(err)
			}
			regrets, err := res.RegretMatrix(context.Background(), Options{}.Solve, workers)
			if err != nil {
				t.Fatal(err)
			}
			dir := filepath.Join(t.TempDir(), fmt.Sprint(workers))
			if err := res.Write(dir, regrets, WriteOptions{}); err != nil {
				t.Fatal(err)
			}
			dirs, objs = append(dirs, dir), append(objs, res.ObjectiveValue)
		}
		if objs[0] != objs[1] {
			t.Errorf("%s: objective %v with one worker, %v with two", file, objs[0], objs[1])
		}
		one, two := csvFiles(t, dirs[0]), csvFiles(t, dirs[1])
		if len(one) < 3 {
			t.Fatalf("%s: only %d CSV files written", file, len(one))
		}
		for name, b := range one {
			if !bytes.Equal(b, two[name]) {
				t.Errorf("%s: %s differs between one worker and two", file, name)
			}
		}
		if len(one) != len(two) {
			t.Errorf("%s: %d CSV files with one worker, %d with two", file, len(one), len(two))
		}
	}
}

func csvFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".csv") {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		out[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestForEachFirstError: every index runs once without errors, and with
// failures the error returned is that of the smallest failing index, for any
// number of workers.
func TestForEachFirstError(t *testing.T) {
	for _, workers := range []int{1, 2, 5} {
		var calls [20]atomic.Int32
		if err := forEach(20, workers, func(i int) error { calls[i].Add(1); return nil }); err != nil {
			t.Fatal(err)
		}
		for i := range calls {
			if n := calls[i].Load(); n != 1 {
				t.Errorf("%d workers: index %d ran %d times", workers, i, n)
			}
		}
		err := forEach(20, workers, func(i int) error {
			if i == 7 || i == 12 {
				return fmt.Errorf("index %d", i)
			}
			return nil
		})
		if err == nil || err.Error() != "index 7" {
			t.Errorf("%d workers: error %v, want index 7", workers, err)
		}
	}
	if err := forEach(0, 2, func(int) error { return errors.New("called") }); err != nil {
		t.Errorf("no indices: %v", err)
	}
}

// TestEvaluateWorkersSameTables: evaluate writes identical tables with one
// worker and with two.
func TestEvaluateWorkersSameTables(t *testing.T) {
	st := loadToy(t)
	res, err := Solve(context.Background(), st, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	var targets []Target
	for _, f := range st.Futures {
		targets = append(targets, Target{ID: f.ID, Group: st.Name, Probability: f.Probability, Scenario: f.Scenario})
	}
	plans := []NamedPlan{{Name: "stochastic", Builds: res.Shared}, {Name: "nothing"}}
	for f := range res.Futures {
		plans = append(plans, NamedPlan{Name: "own-" + res.Futures[f].ID, Builds: res.Futures[f].Own.Builds()})
	}
	var tables []map[string][]byte
	for _, workers := range []int{1, 2} {
		ev, err := Evaluate(context.Background(), plans, targets, Options{}.Solve, workers)
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(t.TempDir(), fmt.Sprint(workers))
		if err := ev.Write(dir, WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, csvFiles(t, dir))
	}
	if len(tables[0]) == 0 {
		t.Fatal("evaluate wrote no CSV file")
	}
	for name, b := range tables[0] {
		if !bytes.Equal(b, tables[1][name]) {
			t.Errorf("%s differs between one worker and two", name)
		}
	}
	if len(tables[0]) != len(tables[1]) {
		t.Errorf("%d CSV files with one worker, %d with two", len(tables[0]), len(tables[1]))
	}
}
