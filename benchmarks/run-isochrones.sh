#!/usr/bin/env bash
# Isochrones from the travel-time surface, end to end: `couverture run` with
# isochrones on the demo, on Porto (50 crèches, ../shared/data/bench/porto)
# at cells of 25, 50 and 100 m, and (full run only) on a synthetic territory
# of 10^5 road nodes with ~2,000 facilities. Reports, beside the figures of
# the road-buffer isochrones they replace: the isochrone stages' time, the
# whole run, peak RSS, ms per polygon, the checks, and how closely the
# population inside the service polygons matches the population within
# their time. Writes benchmarks/results/isochrones[-quick]-<UTC>.json.
# Numbers are reported, never asserted.
#
# Usage: benchmarks/run-isochrones.sh [--quick]
#   --quick: the demo and Porto at 50 m only (CI).
# Environment: BUILD_DIR (default build), COUVERTURE_SHARED_DATA (../shared/data).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
build_dir=${BUILD_DIR:-$repo/build}
source "$repo/scripts/scenario-parts.sh"
shared=$(shared_data_dir)
quick=()
for arg in "$@"; do
  case $arg in
    --quick) quick=(--quick) ;;
    *) echo "usage: $0 [--quick]" >&2; exit 2 ;;
  esac
done
for binary in couverture couverture_bench_tool; do
  if [[ ! -x "$build_dir/bin/$binary" ]]; then
    echo "run-isochrones: $build_dir/bin/$binary not found; build it:" \
      "cmake --build $build_dir --target couverture couverture_bench_tool" >&2
    exit 1
  fi
done
[[ -x /usr/bin/time ]] || { echo "run-isochrones: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
work=$(mktemp -d /tmp/couverture-isochrones.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$repo/benchmarks/results"
suffix=""
((${#quick[@]})) && suffix="-quick"
json="$repo/benchmarks/results/isochrones$suffix-$(date -u +%Y%m%dT%H%M%SZ).json"
/usr/bin/python3 "$repo/benchmarks/isochrones/run_isochrones.py" \
  --couverture "$build_dir/bin/couverture" --tool "$build_dir/bin/couverture_bench_tool" \
  --shared "$shared" --work "$work" --out "$json" "${quick[@]}"
