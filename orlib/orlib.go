// Package orlib reads Beasley's capacitated warehouse location instances
// (OR-Library "cap" files) and turns them into mineralplan scenarios, so the
// facility-location core of the model can be checked against published optima.
//
// File format (whitespace-separated numbers, line layout not significant):
// "m n"; for each warehouse "capacity fixed-cost"; for each customer "demand"
// followed by the cost of allocating all of its demand to each of the m
// warehouses. In the large capa/capb/capc files the capacity is the word
// "capacity", replaced by a value given by the caller.
package orlib

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/mineralplan/mineralplan/scenarios"
)

// Instance is a capacitated warehouse location problem.
type Instance struct {
	Capacity  []float64   // per warehouse, units of goods
	FixedCost []float64   // per warehouse, cost of opening it
	Demand    []float64   // per customer, units of goods
	AllocCost [][]float64 // [customer][warehouse]: cost of serving all of the customer's demand
}

// Read parses an instance. capacity replaces the word "capacity" where a file
// uses it; it must then be positive.
func Read(r io.Reader, capacity float64) (*Instance, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	sc.Split(bufio.ScanWords)
	pos := 0
	next := func(what string) (float64, error) {
		if !sc.Scan() {
			if err := sc.Err(); err != nil {
				return 0, err
			}
			return 0, fmt.Errorf("value %d (%s): unexpected end of file", pos+1, what)
		}
		pos++
		tok := sc.Text()
		if strings.EqualFold(tok, "capacity") && strings.HasPrefix(what, "capacity") {
			if capacity <= 0 {
				return 0, fmt.Errorf("value %d: the file gives capacities as the word \"capacity\"; pass --capacity with the value from Beasley's Table 1", pos)
			}
			return capacity, nil
		}
		v, err := strconv.ParseFloat(tok, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, fmt.Errorf("value %d (%s): %q is not a number", pos, what, tok)
		}
		return v, nil
	}
	mf, err := next("number of warehouses")
	if err != nil {
		return nil, err
	}
	nf, err := next("number of customers")
	if err != nil {
		return nil, err
	}
	m, n := int(mf), int(nf)
	if float64(m) != mf || float64(n) != nf || m < 1 || n < 1 || m > 100000 || n > 100000 {
		return nil, fmt.Errorf("the header %v %v is not two positive counts of warehouses and customers", mf, nf)
	}
	in := &Instance{Capacity: make([]float64, m), FixedCost: make([]float64, m), Demand: make([]float64, n), AllocCost: make([][]float64, n)}
	for i := 0; i < m; i++ {
		if in.Capacity[i], err = next(fmt.Sprintf("capacity of warehouse %d", i+1)); err != nil {
			return nil, err
		}
		if in.FixedCost[i], err = next(fmt.Sprintf("fixed cost of warehouse %d", i+1)); err != nil {
			return nil, err
		}
	}
	for j := 0; j < n; j++ {
		if in.Demand[j], err = next(fmt.Sprintf("demand of customer %d", j+1)); err != nil {
			return nil, err
		}
		if in.Demand[j] <= 0 {
			return nil, fmt.Errorf("customer %d has demand %v; demands must be positive", j+1, in.Demand[j])
		}
		in.AllocCost[j] = make([]float64, m)
		for i := 0; i < m; i++ {
			if in.AllocCost[j][i], err = next(fmt.Sprintf("cost of customer %d at warehouse %d", j+1, i+1)); err != nil {
				return nil, err
			}
		}
	}
	if sc.Scan() {
		return nil, fmt.Errorf("value %d: unexpected %q after the last customer", pos+1, sc.Text())
	}
	return in, nil
}

// Scenario expresses the instance as a one-period, cost-minimising scenario:
// warehouse i is site wh-i with its own technology store-i (one size: the
// warehouse's capacity and fixed cost as capex), goods come free from one
// unlimited source, customer j is market c-j whose whole demand is required, and
// the lane from wh-i to c-j costs allocation cost ÷ demand per unit. Its optimal
// cost is the instance's optimum.
func (in *Instance) Scenario(name string) *scenarios.Scenario {
	s := &scenarios.Scenario{
		Name:         name,
		Description:  "OR-Library capacitated warehouse location instance " + name + " (Beasley 1988), as a one-period scenario",
		Horizon:      scenarios.Horizon{FirstYear: 2026, LastYear: 2026, Step: 1},
		Currency:     scenarios.Currency{Base: "USD"},
		DiscountRate: 0,
		Finance:      scenarios.Finance{TerminalValue: "none"},
		Materials: []scenarios.Material{
			{ID: "supply", Name: "Goods before storage", Unit: "t"},
			{ID: "goods", Name: "Goods", Unit: "t"},
		},
		Objective: scenarios.Objective{Kind: "cost"},
		Solver:    scenarios.Solver{MIPGap: 1e-9, Threads: 1},
		Logistics: scenarios.Logistics{Modes: map[string]scenarios.Money{"road": scenarios.USDAmount(0)}, DefaultMode: "road", Circuity: 1},
	}
	total := 0.0
	for _, d := range in.Demand {
		total += d
	}
	budget := 1.0
	// Places on a small grid inside India; distances cost nothing here, lanes carry every cost.
	point := func(k int) (float64, float64) { return 20 + float64(k/20)*0.1, 78 + float64(k%20)*0.1 }
	for i := range in.Capacity {
		id := fmt.Sprintf("wh-%d", i+1)
		tech := fmt.Sprintf("store-%d", i+1)
		s.Technologies = append(s.Technologies, scenarios.Technology{
			ID: tech, Inputs: map[string]float64{"supply": 1}, Outputs: map[string]float64{"goods": 1},
			Sizes:          []scenarios.Size{{ID: "only", Capacity: in.Capacity[i], Capex: scenarios.USDAmount(in.FixedCost[i])}},
			MaxUtilisation: 1, MaxModules: 1, Lifetime: 1,
		})
		lat, lon := point(i)
		s.Sites = append(s.Sites, scenarios.Site{ID: id, State: "Instance", Lat: lat, Lon: lon, CapexFactor: 1, Technologies: []string{tech}})
		budget += in.FixedCost[i]
	}
	supplySite := "wh-1"
	s.Feedstocks = []scenarios.Feedstock{{ID: "source", Material: "supply", Location: scenarios.Location{Site: supplySite},
		Availability: scenarios.Constant(total)}}
	for j, d := range in.Demand {
		lat, lon := point(len(in.Capacity) + j)
		id := fmt.Sprintf("c-%d", j+1)
		dem := scenarios.Constant(d)
		req := scenarios.Constant(d)
		s.Markets = append(s.Markets, scenarios.Market{ID: id, Material: "goods", Location: scenarios.Location{Lat: &lat, Lon: &lon},
			Price: scenarios.ConstantMoney(scenarios.USDAmount(0)), Demand: &dem, Required: &req})
		for i := range in.Capacity {
			s.Logistics.Lanes = append(s.Logistics.Lanes, scenarios.Lane{From: fmt.Sprintf("wh-%d", i+1), To: id,
				Cost: scenarios.USDAmount(in.AllocCost[j][i] / d)})
		}
	}
	s.Budget = scenarios.Budget{Total: scenarios.USDAmount(budget)}
	return s
}

// Generate draws a random instance of m warehouses and n customers in the
// manner of Cornuéjols, Sridharan and Thizy (1991): warehouses and customers
// uniform in the unit square, demand uniform in [5, 35], capacity uniform in
// [10, 160] scaled so that the warehouses together hold ratio × the total
// demand, fixed cost U[0, 90] + U[100, 110] × √capacity, and the cost of
// serving a customer wholly from a warehouse 10 × distance × demand. The same
// seed gives the same instance.
func Generate(m, n int, ratio float64, seed uint64) *Instance {
	rng := rand.New(rand.NewPCG(seed, 0x6f726c6962))
	type pt struct{ x, y float64 }
	wh, cu := make([]pt, m), make([]pt, n)
	for i := range wh {
		wh[i] = pt{rng.Float64(), rng.Float64()}
	}
	for j := range cu {
		cu[j] = pt{rng.Float64(), rng.Float64()}
	}
	in := &Instance{Capacity: make([]float64, m), FixedCost: make([]float64, m), Demand: make([]float64, n), AllocCost: make([][]float64, n)}
	demand, capacity := 0.0, 0.0
	for j := range in.Demand {
		in.Demand[j] = math.Round(5 + 30*rng.Float64())
		demand += in.Demand[j]
	}
	for i := range in.Capacity {
		in.Capacity[i] = 10 + 150*rng.Float64()
		capacity += in.Capacity[i]
	}
	for i := range in.Capacity {
		in.Capacity[i] = math.Round(in.Capacity[i] * ratio * demand / capacity)
		in.FixedCost[i] = math.Round(90*rng.Float64() + (100+10*rng.Float64())*math.Sqrt(in.Capacity[i]))
	}
	for j := range in.AllocCost {
		in.AllocCost[j] = make([]float64, m)
		for i := range in.AllocCost[j] {
			d := math.Hypot(wh[i].x-cu[j].x, wh[i].y-cu[j].y)
			in.AllocCost[j][i] = math.Round(10*d*in.Demand[j]*1000) / 1000
		}
	}
	return in
}

// Write writes the instance in the OR-Library cap format that Read reads.
func (in *Instance) Write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%d %d\n", len(in.Capacity), len(in.Demand))
	for i := range in.Capacity {
		fmt.Fprintf(bw, "%s %s\n", strconv.FormatFloat(in.Capacity[i], 'f', -1, 64), strconv.FormatFloat(in.FixedCost[i], 'f', -1, 64))
	}
	for j := range in.Demand {
		fmt.Fprintf(bw, "%s\n", strconv.FormatFloat(in.Demand[j], 'f', -1, 64))
		for i, c := range in.AllocCost[j] {
			sep := " "
			if i%10 == 9 || i == len(in.AllocCost[j])-1 {
				sep = "\n"
			}
			fmt.Fprintf(bw, "%s%s", strconv.FormatFloat(c, 'f', -1, 64), sep)
		}
	}
	return bw.Flush()
}
