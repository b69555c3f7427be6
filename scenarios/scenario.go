package scenarios

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"reflect"
	"slices"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// Position returns where the value at path was written. path uses the --set
// syntax: "budget.total", "sites[sanand]", "markets[tata-sanand].required",
// "markets[x].price.2030". When path was not written (a default, or a key the
// scenario does not give) it returns the position of the deepest written node along
// the path, falling back to parents up to the top of the file; for a scenario not
// loaded from YAML it returns the zero Position.
func (s *Scenario) Position(path string) Position {
	for {
		if p, ok := s.pos[path]; ok {
			return p
		}
		if path == "" {
			return Position{}
		}
		path = parentPath(path)
	}
}

// written reports whether the scenario's YAML gives the value at path.
func (s *Scenario) written(path string) bool {
	_, ok := s.pos[path]
	return ok
}

// Years returns the modelled years: the horizon's first year and every Step years
// after it up to the last year (Step 1 when unset). With Step > 1 each modelled
// year stands for the calendar years of its period (see Periods).
func (s *Scenario) Years() []int {
	ps := s.Periods()
	ys := make([]int, len(ps))
	for i, p := range ps {
		ys[i] = p.Year
	}
	return ys
}

// Period is a modelled year and the calendar years it stands for: Year,
// Year+1, …, Year+Length−1. Flows and throughput of a modelled year are per
// calendar year and repeat in every year of its period.
type Period struct {
	Year   int // the modelled year: the period's first calendar year
	Length int // calendar years in the period, ≥ 1
}

// Periods returns the horizon's periods: one starting at FirstYear and every
// Step years after it up to LastYear, each Step calendar years long except the
// last, which ends with LastYear. Together they cover FirstYear … LastYear
// exactly once.
func (s *Scenario) Periods() []Period {
	step := max(s.Horizon.Step, 1)
	var ps []Period
	for y := s.Horizon.FirstYear; y <= s.Horizon.LastYear; y += step {
		ps = append(ps, Period{Year: y, Length: min(step, s.Horizon.LastYear-y+1)})
	}
	return ps
}

// EndYear is the first calendar year after the horizon, LastYear + 1. The
// horizon ends at its start, where plants are valued for salvage.
func (s *Scenario) EndYear() int { return s.Horizon.LastYear + 1 }

// MaterialByID returns the material with the id, or nil.
func (s *Scenario) MaterialByID(id string) *Material {
	if i := slices.IndexFunc(s.Materials, func(m Material) bool { return m.ID == id }); i >= 0 {
		return &s.Materials[i]
	}
	return nil
}

// TechnologyByID returns the technology with the id, or nil.
func (s *Scenario) TechnologyByID(id string) *Technology {
	if i := slices.IndexFunc(s.Technologies, func(t Technology) bool { return t.ID == id }); i >= 0 {
		return &s.Technologies[i]
	}
	return nil
}

// SiteByID returns the site with the id, or nil.
func (s *Scenario) SiteByID(id string) *Site {
	if i := slices.IndexFunc(s.Sites, func(t Site) bool { return t.ID == id }); i >= 0 {
		return &s.Sites[i]
	}
	return nil
}

// NumericPaths lists, in --set syntax and in the order written, the path of every
// real number, amount of money and year series in the loaded scenario (defaults
// included): the values a relative set such as PATH=*1.2 scales, for sensitivity
// sweeps. A series is one path (scaling it scales every year); whole numbers such
// as years and counts are not listed. A scenario built in Go has none.
func (s *Scenario) NumericPaths() []string {
	if s.src == nil {
		return nil
	}
	var out []string
	numericPaths(s.src.root, scenarioType, "", &out)
	return out
}

// YAML returns the resolved scenario as canonical YAML: keys in the order of the Go
// types, maps sorted by key, defaults filled, amounts of money in USD as plain
// numbers, numbers in their shortest exact form, no extends. Loading it again gives
// the same scenario and the same YAML.
func (s *Scenario) YAML() ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(encodeValue(reflect.ValueOf(s).Elem())); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Hash returns the SHA-256 of the canonical YAML (see YAML), in hex: two scenarios
// with the same hash are the same problem, however they were written.
func (s *Scenario) Hash() string {
	b, err := s.YAML()
	if err != nil {
		// Encoding the fixed scenario types cannot fail; a failure is a bug.
		panic("scenarios: encoding a scenario failed: " + err.Error())
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// encodeValue returns the canonical YAML node of v.
func encodeValue(v reflect.Value) *yaml.Node {
	if v.Kind() == reflect.Pointer {
		return encodeValue(v.Elem())
	}
	switch sh := shapeOf(v.Type()); sh {
	case shapeMoney, shapeSeries, shapeMoneySeries:
		out, _ := v.Interface().(yaml.Marshaler).MarshalYAML() // these never fail
		n := out.(*yaml.Node)
		if n.Kind == yaml.MappingNode {
			n.Style = yaml.FlowStyle
		}
		return n
	case shapeStruct:
		m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		for _, f := range infoOf(v.Type()).fields {
			fv := v.FieldByIndex(f.index)
			if !f.required && fv.IsZero() {
				continue
			}
			m.Content = append(m.Content, scalarNode(f.key), encodeValue(fv))
		}
		return m
	case shapeList:
		l := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		if sh := shapeOf(v.Type().Elem()); sh == shapeString || sh == shapeInt || sh == shapeFloat {
			l.Style = yaml.FlowStyle
		}
		for i := range v.Len() {
			l.Content = append(l.Content, encodeValue(v.Index(i)))
		}
		return l
	case shapeMap:
		m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return cmp.Compare(a.String(), b.String()) })
		for _, k := range keys {
			m.Content = append(m.Content, scalarNode(k.String()), encodeValue(v.MapIndex(k)))
		}
		return m
	case shapeInt:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(v.Int(), 10)}
	case shapeFloat:
		return yamlFloat(v.Float())
	case shapeBool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(v.Bool())}
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v.String()}
}
