package orlib

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// FuzzRead imports arbitrary bytes as an OR-Library capacitated warehouse
// location file. It must never panic nor take seconds; an instance it accepts
// has the sizes its header gives, writes back to a file that reads to the same
// instance, and makes a scenario with one site per warehouse and one market per
// customer. Seeds: testdata/fuzz/FuzzRead and small instances.
func FuzzRead(f *testing.F) {
	var b bytes.Buffer
	if err := Generate(3, 4, 2, 1).Write(&b); err != nil {
		f.Fatal(err)
	}
	f.Add(b.String(), 0.0)
	f.Add("2 1\ncapacity 10\ncapacity 20\n5\n1 2\n", 100.0)
	f.Add("2 1\ncapacity 10\ncapacity 20\n5\n1 2\n", 0.0)
	f.Add("1 1\n10 5\n3\n1\n", 0.0)
	f.Add("1 1\n10 5\n-3\n1\n", 0.0)
	f.Add("100000 100000\n", 0.0)
	f.Add("1 1\n10 5\n3\n1 extra\n", 0.0)
	f.Add("1e3 1\n", 0.0)
	f.Fuzz(func(t *testing.T, data string, capacity float64) {
		start := time.Now()
		in, err := Read(strings.NewReader(data), capacity)
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("reading took %v", d)
		}
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error without a message")
			}
			return
		}
		m, n := len(in.Capacity), len(in.Demand)
		if m < 1 || n < 1 || len(in.FixedCost) != m || len(in.AllocCost) != n {
			t.Fatalf("sizes %d warehouses, %d customers, %d fixed costs, %d cost rows", m, n, len(in.FixedCost), len(in.AllocCost))
		}
		var w bytes.Buffer
		if err := in.Write(&w); err != nil {
			t.Fatal(err)
		}
		again, err := Read(&w, 0)
		if err != nil {
			t.Fatalf("the written instance does not read again: %v\n%s", err, w.String())
		}
		if len(again.Capacity) != m || len(again.Demand) != n {
			t.Fatalf("round trip changed the sizes")
		}
		if m*n <= 10_000 {
			s := in.Scenario("fuzz")
			if len(s.Sites) != m || len(s.Markets) != n {
				t.Fatalf("scenario has %d sites and %d markets for %d warehouses and %d customers", len(s.Sites), len(s.Markets), m, n)
			}
		}
	})
}
