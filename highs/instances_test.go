package highs

import (
	"context"
	"path/filepath"
	"testing"
)

// TestPublicInstances solves small classic instances copied from HiGHS's own test
// data (check/instances in github.com/ERGO-Code/HiGHS; see testdata/README.md) to
// their published optimal objective values, within 1e-6 relative.
func TestPublicInstances(t *testing.T) {
	for _, tc := range []struct {
		file      string
		objective float64
	}{
		// LPs. Optimal values from the Netlib LP collection's table of problem
		// statistics (netlib.org/lp/data/readme, computed with MINOS 5.3 and given
		// to 11 significant figures).
		{"sc50a.mps", -6.4575077059e+01},
		{"sc50b.mps", -7.0000000000e+01},
		{"blend.mps", -3.0812149846e+01},
		// MIPs. Optimal values from MIPLIB 3 (Bixby, Ceria, McZeal and Savelsbergh,
		// "An updated mixed integer programming library: MIPLIB 3.0", 1998); the
		// same values head the files ("*BEST SOLN:"). HiGHS's own
		// check/TestMipSolver.cpp uses 568.1007 for egout.
		{"lseu.mps", 1120},
		{"egout.mps", 568.1007},
		{"gt2.mps", 21166},
	} {
		t.Run(tc.file, func(t *testing.T) {
			s, err := ReadModel(filepath.Join("testdata", tc.file), Options{MIPRelGap: 1e-9})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			sol, err := s.Solve(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			checkStatus(t, sol, Optimal)
			if !near(sol.Objective, tc.objective, 1e-6) {
				t.Errorf("objective %.10g, want %.10g", sol.Objective, tc.objective)
			}
		})
	}
}
