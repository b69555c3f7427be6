package scenarios_test

import (
	"context"
	"testing"

	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/scenarios"
)

// TestLibraryTax: the default's finance.tax (s.115BAA) costs the default plan
// nothing, because its taxable income is negative in every year, and costs
// pgm-focus, which inherits it and earns taxable profits, part of its NPV.
func TestLibraryTax(t *testing.T) {
	solve := func(name string) *model.Plan {
		s, ds, err := scenarios.LoadLibrary(name, nil)
		if err != nil {
			t.Fatal(ds)
		}
		if s.Finance.Tax == nil || s.Finance.Tax.Rate.At(2030) != 0.25168 {
			t.Fatalf("%s: finance.tax %+v; want the s.115BAA rate 0.25168", name, s.Finance.Tax)
		}
		plan, err := model.Solve(context.Background(), s, model.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return plan
	}
	plan := solve(scenarios.DefaultName)
	for _, f := range plan.Finance {
		if f.TaxableIncome >= 0 && f.Depreciation > 0 || f.Tax != 0 {
			t.Errorf("default %d: taxable income %.0f, tax %.0f; want a loss and no tax", f.Year, f.TaxableIncome, f.Tax)
		}
	}
	if plan.NPV != plan.NPVPreTax {
		t.Errorf("default: NPV %.0f, before tax %.0f; want equal", plan.NPV, plan.NPVPreTax)
	}
	plan = solve("pgm-focus")
	taxes := 0.0
	for _, f := range plan.Finance {
		taxes += f.Tax
	}
	if !(plan.NPV < plan.NPVPreTax-1e6) || taxes <= 0 {
		t.Errorf("pgm-focus: NPV %.0f, before tax %.0f, tax paid %.0f; want the NPV over $1M below the pre-tax NPV", plan.NPV, plan.NPVPreTax, taxes)
	}
}
