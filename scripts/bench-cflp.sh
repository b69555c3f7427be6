#!/usr/bin/env bash
# bench-cflp.sh — mineralplan against the HiGHS command line on generated
# capacitated facility-location instances (orlib.Generate, Cornuéjols-style).
#
#   bash scripts/bench-cflp.sh [REPEATS]      (after `make build`)
#
# For each instance (30×200 and 50×300 warehouses × customers, seeds 1–3, total
# capacity 3× demand) it writes the OR-Library file, imports it as a scenario,
# exports the exact model as MPS, and times
#   run   bin/mineralplan run SCENARIO --format csv (load, build, solve, the LP with
#         the plants fixed, marginal values, the check, the tables), and
#   cli   the highs command on the MPS with the same gap, threads and seed,
# reporting the least user-CPU seconds of REPEATS runs (default 3) and their
# ratio. User time, not wall time, so a shared machine disturbs it less.
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-3}
# shellcheck disable=SC1091
source build/highs.env
export PKG_CONFIG_PATH=$HIGHS_PKG_CONFIG_PATH CGO_CPPFLAGS=-DMINERALPLAN_HIGHS_ID=$HIGHS_ID
bin=$PWD/bin/mineralplan
[ -x "$bin" ] || { echo "bench-cflp: run make build first" >&2; exit 2; }
[ -x "${HIGHS_BIN:-}" ] || { echo "bench-cflp: no highs command in build/highs.env" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# least user seconds of $repeats runs of a command
usertime() {
	local best="" u
	for _ in $(seq "$repeats"); do
		/usr/bin/time -o "$work/time" -f %U "$@" >/dev/null 2>&1
		u=$(tail -1 "$work/time")
		if [ -z "$best" ] || awk "BEGIN{exit !($u < $best)}"; then best=$u; fi
	done
	echo "$best"
}

printf 'instance\trun_user_s\thighs_user_s\tratio\n'
for size in 30x200 50x300; do
	for seed in 1 2 3; do
		name=g$size-$seed
		go run ./scripts/cflpgen -m "${size%x*}" -n "${size#*x}" -ratio 3 -seed "$seed" >"$work/$name.txt"
		"$bin" import orlib-cap "$work/$name.txt" -o "$work/$name.yaml"
		"$bin" export "$work/$name.yaml" --mps "$work/$name.mps" >/dev/null 2>&1
		gap=$("$bin" resolve "$work/$name.yaml" | awk '$1 == "mip_gap:" {print $2}')
		printf 'mip_rel_gap = %s\nthreads = 1\nrandom_seed = 0\n' "${gap:-1e-4}" >"$work/options.txt"
		run=$(usertime "$bin" run "$work/$name.yaml" --format csv --out "$work/out")
		cli=$(usertime "$HIGHS_BIN" --options_file "$work/options.txt" --model_file "$work/$name.mps")
		printf '%s\t%s\t%s\t%.2f\n' "$name" "$run" "$cli" "$(awk "BEGIN{print $run / $cli}")"
	done
done
