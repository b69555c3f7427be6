package scenarios

import (
	"slices"
	"testing"
)

func TestExtendsChain(t *testing.T) {
	s := mustLoad(t, "testdata/valid/chain-child.yaml")
	const (
		child = "testdata/valid/chain-child.yaml"
		mid   = "testdata/valid/chain-mid.yaml"
		base  = "testdata/valid/chain-base.yaml"
	)
	if !slices.Equal(s.Files, []string{child, mid, base}) {
		t.Errorf("Files = %v", s.Files)
	}
	if s.Name != "chain-child" || s.Extends != "" {
		t.Errorf("name %q, extends %q", s.Name, s.Extends)
	}
	if got := s.Years(); !slices.Equal(got, []int{2026, 2029, 2032, 2035}) {
		t.Errorf("Years() = %v with step 3", got)
	}

	// Lists of objects merge by id: hosur keeps its state and takes the new
	// subsidy; dholera is appended.
	if got := ids(s.Sites, func(x Site) string { return x.ID }); !slices.Equal(got, []string{"sanand", "hosur", "dholera"}) {
		t.Errorf("sites = %v", got)
	}
	if h := s.SiteByID("hosur"); h.State != "Tamil Nadu" || h.CapitalSubsidy != 0.25 {
		t.Errorf("hosur = %+v", h)
	}
	// Sizes merge by id inside a merged technology.
	sizes := s.TechnologyByID("hydromet").Sizes
	if got := ids(sizes, func(z Size) string { return z.ID }); !slices.Equal(got, []string{"small", "large", "medium"}) {
		t.Errorf("sizes = %v", got)
	}
	if sizes[1].Capacity != 20000 || sizes[1].Capex.USD != 1100e7/85 || sizes[1].FixedOpex.USD != 5e6 {
		t.Errorf("merged size = %+v", sizes[1])
	}
	// remove: true drops an entry; null drops a key.
	if got := ids(s.Markets, func(m Market) string { return m.ID }); !slices.Equal(got, []string{"ni-india", "li-japan"}) {
		t.Errorf("markets = %v", got)
	}
	if ni := s.Markets[0]; ni.Required != nil || ni.Demand == nil || ni.Demand.At(2030) != 3000 {
		t.Errorf("ni-india required %v, demand %v", ni.Required, ni.Demand)
	}
	if _, ok := s.Logistics.Modes["rail"]; ok || s.Logistics.DefaultMode != "road" {
		t.Errorf("modes %v, default %q", s.Logistics.Modes, s.Logistics.DefaultMode)
	}
	// Lists merge by id even when every entry is given again.
	if p := s.Budget.Partners; len(p) != 2 || p[0].Share != 0.6 || p[1].Share != 0.4 {
		t.Errorf("partners = %+v", p)
	}
	if s.Budget.Total.USD != 2000e7/85 {
		t.Errorf("budget = %v", s.Budget.Total.USD)
	}

	// Every value keeps the file where it was written.
	for _, c := range []struct {
		path string
		want Position
	}{
		{"sites[hosur].capital_subsidy", Position{mid, 8, 22}},
		{"sites[hosur].state", Position{base, 22, 24}},
		{"sites[dholera]", Position{mid, 9, 5}},
		{"technologies[hydromet].sizes[large].capex", Position{child, 8, 16}},
		{"technologies[hydromet].sizes[large].capacity", Position{base, 18, 31}},
		{"budget.total", Position{mid, 20, 10}},
		{"markets[li-japan].price.2035", Position{base, 43, 32}},
	} {
		if got := s.Position(c.path); got != c.want {
			t.Errorf("Position(%q) = %v, want %v", c.path, got, c.want)
		}
	}
}

func TestExtendsMidLevel(t *testing.T) {
	// The middle file alone: its own changes, not the child's.
	s := mustLoad(t, "testdata/valid/chain-mid.yaml")
	if p := s.Budget.Partners; p[0].Share != 0.5 {
		t.Errorf("partners = %+v", p)
	}
	if len(s.TechnologyByID("hydromet").Sizes) != 2 {
		t.Error("the child's size leaked into the middle file")
	}
}
