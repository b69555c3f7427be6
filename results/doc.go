// Package results turns a solved plan into what people read and scripts load: a
// run folder of tidy CSV tables, a JSON summary and manifest, a Markdown report
// and a self-contained HTML report with charts and a map of India; a compact
// terminal summary; a batch table; and a comparison of run folders.
//
// Money is in USD, mass in the unit of each material (t, or kg where the
// material says so), years are calendar years. Every table is sorted and every
// number formatted the same way on every machine, so the same plan gives
// byte-identical files. Files are written atomically: a killed run leaves no
// half-written file.
package results
