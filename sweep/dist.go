package sweep

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"
)

// Dist is the probability distribution of one scenario value in a Monte Carlo
// sweep, read from --dist PATH=NAME(ARGS):
//
//	triangular(lo,mode,hi)   lo < hi, lo ≤ mode ≤ hi
//	uniform(lo,hi)           lo < hi
//	normal(mu,sd)            sd > 0
//	lognormal(mu,sigma)      exp of normal(mu, sigma); sigma > 0
//
// Values are absolute (in the unit of the scenario value: USD, t, a share), or,
// when the first argument starts with *, factors of the base value: the sample x
// is then applied as PATH=*x. In a relative distribution the bounds of
// triangular and uniform are all written with *; the scale of normal and
// lognormal may be written with or without it. lognormal(*0,0.1) has median
// factor 1.
type Dist struct {
	Path string `json:"path"`
	// Spec is the distribution as written, such as triangular(*0.8,*1,*1.2).
	Spec string `json:"spec"`
	// Relative reports whether samples are factors of the base value.
	Relative bool `json:"relative"`

	kind string
	args []float64
}

// distKinds are the distributions Dist knows, with their argument names.
var distKinds = map[string][]string{
	"triangular": {"lo", "mode", "hi"},
	"uniform":    {"lo", "hi"},
	"normal":     {"mu", "sd"},
	"lognormal":  {"mu", "sigma"},
}

const distForms = "triangular(lo,mode,hi), uniform(lo,hi), normal(mu,sd) or lognormal(mu,sigma)"

// ParseDist reads a --dist flag, PATH=NAME(ARGS) (see Dist).
func ParseDist(flag string) (Dist, error) {
	path, spec, err := splitAssign(flag, "--dist", "PATH="+distForms)
	if err != nil {
		return Dist{}, err
	}
	d, err := parseDistSpec(spec)
	if err != nil {
		return Dist{}, fmt.Errorf("--dist %s: %w", flag, err)
	}
	d.Path = path
	return d, nil
}

// parseDistSpec reads NAME(ARGS) and checks the arguments.
func parseDistSpec(spec string) (Dist, error) {
	open := strings.IndexByte(spec, '(')
	if open < 0 || !strings.HasSuffix(spec, ")") {
		return Dist{}, fmt.Errorf("write a distribution as NAME(ARGS): %s", distForms)
	}
	name := strings.ToLower(strings.TrimSpace(spec[:open]))
	names, ok := distKinds[name]
	if !ok {
		return Dist{}, fmt.Errorf("unknown distribution %q: use %s", name, distForms)
	}
	raw := strings.Split(spec[open+1:len(spec)-1], ",")
	if len(raw) != len(names) {
		return Dist{}, fmt.Errorf("%s takes %d arguments (%s), not %d", name, len(names), strings.Join(names, ","), len(raw))
	}
	d := Dist{Spec: spec, kind: name, Relative: strings.HasPrefix(strings.TrimSpace(raw[0]), "*")}
	for i, r := range raw {
		r = strings.TrimSpace(r)
		rel := strings.HasPrefix(r, "*")
		scale := (name == "normal" || name == "lognormal") && i == 1
		if rel && !d.Relative {
			return Dist{}, fmt.Errorf("%s: %s is a factor (*) but %s is not; write all of them as factors or none", name, names[i], names[0])
		}
		if !rel && d.Relative && !scale {
			return Dist{}, fmt.Errorf("%s: %s is a factor (*) but %s is not; write all of them as factors or none", name, names[0], names[i])
		}
		v, err := parseNumber(strings.TrimPrefix(r, "*"), name+" "+names[i])
		if err != nil {
			return Dist{}, err
		}
		d.args = append(d.args, v)
	}
	return d, d.check()
}

// check tests the arguments against the distribution's constraints.
func (d Dist) check() error {
	a := d.args
	switch d.kind {
	case "triangular":
		if a[0] >= a[2] {
			return fmt.Errorf("triangular: lo %s must be below hi %s", formatNumber(a[0]), formatNumber(a[2]))
		}
		if a[1] < a[0] || a[1] > a[2] {
			return fmt.Errorf("triangular: the mode %s must lie between lo %s and hi %s", formatNumber(a[1]), formatNumber(a[0]), formatNumber(a[2]))
		}
	case "uniform":
		if a[0] >= a[1] {
			return fmt.Errorf("uniform: lo %s must be below hi %s", formatNumber(a[0]), formatNumber(a[1]))
		}
	case "normal", "lognormal":
		if a[1] <= 0 {
			return fmt.Errorf("%s: the %s must be positive, not %s", d.kind, distKinds[d.kind][1], formatNumber(a[1]))
		}
	}
	return nil
}

// distribution is what sampling needs of a distuv distribution.
type distribution interface {
	Quantile(p float64) float64
	Rand() float64
}

// dist returns the gonum distribution, drawing from src (nil: only Quantile is
// used).
func (d Dist) dist(src rand.Source) distribution {
	a := d.args
	switch d.kind {
	case "triangular":
		return distuv.NewTriangle(a[0], a[2], a[1], src)
	case "uniform":
		return distuv.Uniform{Min: a[0], Max: a[1], Src: src}
	case "normal":
		return distuv.Normal{Mu: a[0], Sigma: a[1], Src: src}
	}
	return distuv.LogNormal{Mu: a[0], Sigma: a[1], Src: src}
}

// Quantile returns the value below which a share p of the distribution lies,
// 0 < p < 1, in the distribution's unit (a factor when Relative).
func (d Dist) Quantile(p float64) float64 { return d.dist(nil).Quantile(p) }

// setValue is the --set value that applies the sample x: x rounded to 10
// significant digits, with * when the distribution is relative.
func (d Dist) setValue(x float64) string {
	v := formatNumber(roundSig(x, 10))
	if d.Relative {
		return "*" + v
	}
	return v
}
