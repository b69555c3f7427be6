package orlib

import (
	"bufio"
	"context"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/mineralplan/mineralplan/model"
)

// optima reads testdata/capopt.txt: OR-Library's published optimal values.
func optima(t *testing.T) map[string]float64 {
	f, err := os.Open("testdata/capopt.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]float64{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) != 2 {
			continue
		}
		v, err := strconv.ParseFloat(fields[1], 64)
		if err != nil {
			t.Fatal(err)
		}
		out[fields[0]] = v
	}
	return out
}

func TestPublishedOptima(t *testing.T) {
	opt := optima(t)
	if len(opt) != 4 {
		t.Fatalf("capopt.txt lists %d instances; want 4", len(opt))
	}
	for name, want := range opt {
		t.Run(name, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", name+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			in, err := Read(f, 0)
			if err != nil {
				t.Fatal(err)
			}
			plan, err := model.Solve(context.Background(), in.Scenario(name), model.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if plan.Status != model.StatusOptimal {
				t.Fatalf("status %s", plan.Status)
			}
			if rel := math.Abs(plan.Objective-want) / want; rel > 1e-6 {
				t.Fatalf("cost %.3f; published optimum %.3f (relative error %.2g)", plan.Objective, want, rel)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"empty", "", "value 1 (number of warehouses): unexpected end of file"},
		{"bad header", "2 x", `value 2 (number of customers): "x" is not a number`},
		{"capacity word", "1 1\ncapacity 10\n5 3\n", "value 3: the file gives capacities as the word \"capacity\"; pass --capacity with the value from Beasley's Table 1"},
		{"short", "1 2\n10 5\n3 1\n", "value 7 (demand of customer 2): unexpected end of file"},
		{"zero demand", "1 1\n10 5\n0 1\n", "customer 1 has demand 0; demands must be positive"},
		{"trailing", "1 1\n10 5\n3 1\n7", `value 7: unexpected "7" after the last customer`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tc.text), 0)
			if err == nil || err.Error() != tc.want {
				t.Fatalf("error %v; want %q", err, tc.want)
			}
		})
	}
	in, err := Read(strings.NewReader("1 1\ncapacity 10\n5 3\n"), 40)
	if err != nil || in.Capacity[0] != 40 || in.AllocCost[0][0] != 3 {
		t.Fatalf("with --capacity 40: %+v, %v", in, err)
	}
}

func TestGenerateWriteRead(t *testing.T) {
	in := Generate(7, 23, 3, 42)
	var b strings.Builder
	if err := in.Write(&b); err != nil {
		t.Fatal(err)
	}
	back, err := Read(strings.NewReader(b.String()), 0)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, back) {
		t.Fatalf("read back differs from the generated instance")
	}
	capacity, demand := 0.0, 0.0
	for _, c := range in.Capacity {
		capacity += c
	}
	for _, d := range in.Demand {
		demand += d
	}
	if r := capacity / demand; r < 2.9 || r > 3.1 {
		t.Errorf("capacity is %.3f × demand; want about 3", r)
	}
	if again := Generate(7, 23, 3, 42); !reflect.DeepEqual(in, again) {
		t.Errorf("the same seed gave another instance")
	}
}
