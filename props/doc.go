// Package props holds the property-based test suite: seeded random
// perturbations of the scenario library (prices, availabilities, costs,
// budgets, China-share caps), each solved and checked against properties any
// correct plan has — it passes model.Check and the independent audit of its
// run folder, no material passes through a site, supply security is made only
// of Indian plants' output, NPV does not fall with a larger budget or an extra
// candidate site, and building nothing is worth NPV ≥ 0 where nothing is
// required. The suite solves a few hundred scenarios, so it is built only
// with the props tag: `make test-props`.
package props
