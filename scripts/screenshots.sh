#!/bin/bash
# screenshots.sh — refresh the pictures in docs/: the default scenario's report and
# every kind of sweep chart, as headless Chromium draws them.
#
#   bash scripts/screenshots.sh [bin/mineralplan]
#
# Runs the default scenario and five sweeps of it (about 15 minutes on 2 cores, most
# of it the tornado) in a temporary folder. Needs Debian's chromium
# (apt-get install -y chromium).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=$(readlink -f "${1:-$here/bin/mineralplan}")
scen="$here/scenarios/india-japan-2026.yaml"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out="$here/docs/screenshots"
mkdir -p "$out"

# shot URL PNG WIDTH HEIGHT: a screenshot with a fresh profile that fetches nothing.
shot() {
	local profile
	profile=$(mktemp -d -p "$work")
	chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
		--window-size="$3,$4" --screenshot="$2" "$1" >/dev/null 2>&1
}
# svgshot SVG PNG: a chart at its own size.
svgshot() {
	local h
	h=$(grep -o 'viewBox="0 0 [0-9.]* [0-9.]*"' "$1" | head -1 | awk '{print $4}' | tr -d '"')
	shot "file://$1" "$2" 640 $(( ${h%.*} + 1 ))
}

cd "$work"
"$bin" run --out run >/dev/null
shot "file://$work/run/report.html" "$here/docs/report-screenshot.png" 1400 1800
"$bin" sweep "$scen" --vary budget.total=100e6:400e6:50e6 --vary 'markets[li2co3-japan].price=*0.8,*1,*1.2' --out grid --quiet
svgshot "$work/grid/npv-budget.total.svg" "$out/grid-budget.png"
svgshot "$work/grid/npv-markets-li2co3-japan-.price.svg" "$out/grid-price.png"
"$bin" frontier "$scen" --from 100e6 --to 400e6 --out frontier --quiet
svgshot "$work/frontier/frontier.svg" "$out/frontier.png"
"$bin" pareto "$scen" --points 6 --out pareto --quiet
svgshot "$work/pareto/pareto.svg" "$out/pareto.png"
"$bin" sweep "$scen" --samples 60 --lhs --dist 'markets[li2co3-japan].price=triangular(*0.6,*1,*1.2)' \
	--dist 'budget.total=uniform(200e6,300e6)' --out mc --quiet
for m in npv capex security; do svgshot "$work/mc/hist-$m.svg" "$out/montecarlo-$m.png"; done
"$bin" sweep "$scen" --tornado 20% --out tornado --quiet
svgshot "$work/tornado/tornado.svg" "$out/tornado.png"
echo "screenshots: wrote docs/report-screenshot.png and $(ls "$out" | wc -l) charts in docs/screenshots"
