// Package scenarios is the scenario format of mineralplan: its schema as Go types,
// loading from YAML with file:line:col errors, inheritance through extends,
// --set overrides, units, validation, a JSON Schema, and the shipped scenarios.
//
// # The format
//
// A scenario is a YAML file whose keys are those of Scenario (see the yaml tags
// of the types). Money is a number in USD or a string such as "450 crore INR";
// quantities that change over time are a Series: a number, or a map of year to
// number interpolated linearly and held flat outside the years given. Mass is in
// tonnes, or kilograms for a material declared with unit: kg. Keys that a scenario
// leaves out take the defaults listed in the JSON Schema (JSONSchema), such as a
// technology lifetime of 20 years.
//
// # Loading
//
// LoadFile (LoadFS for an fs.FS, LoadLibrary for the shipped scenarios) runs one
// pipeline: read the file and the files it extends (each at most MaxFileSize,
// with the parser's work and alias expansion bounded, so hostile input fails
// fast); merge them on YAML trees, so that every value keeps the file, line and
// column where it was written; fill defaults; apply --set overrides; decode into
// the Go types; convert money to USD; validate. Every problem found is a
// Diagnostic ("file:line:col: what is wrong; how to fix"), all of them in one
// pass, sorted by file, line and column. Warnings, such as coordinates outside
// India, do not stop loading.
//
// A loaded Scenario is resolved: Files lists the files read, Position maps a path
// such as "markets[tata-sanand].required" back to where it was written, YAML gives
// its canonical form and Hash a digest of that. With makes variants with more sets
// without reading files again, and NumericPaths lists what a relative set such as
// "budget.total=*1.2" can scale, for sensitivity sweeps.
//
// The package imports only the standard library, YAML and, for JSONSchema, the
// JSON Schema reflector.
package scenarios
