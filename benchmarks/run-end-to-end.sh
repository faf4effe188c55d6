#!/usr/bin/env bash
# End-to-end `couverture run` on the Liechtenstein extract (when the shared
# data is present) and on synthetic territories of 10^4, 10^5 and 10^6 road
# nodes, to show how cost grows with size: graph size, demand points,
# facilities, stage times, total and peak RSS. Writes
# benchmarks/results/end-to-end-<UTC>.json and prints a table. Numbers are
# reported, never asserted.
#
# Usage: benchmarks/run-end-to-end.sh [--quick] [--isochrones]
#   --quick: Liechtenstein and 10^4 only (seconds); the full set takes minutes
#   and a few GB of memory for 10^6.
#   --isochrones: also write the isochrone layers ([isochrones] enabled); by
#   default the runs measure the coverage analysis alone.
# Environment: BUILD_DIR (default build), SEED (1), COUVERTURE_SHARED_DATA
# (../shared/data), KEEP=1 keeps the scratch folder.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
build_dir=${BUILD_DIR:-$repo/build}
source "$repo/scripts/scenario-parts.sh"
shared=$(shared_data_dir)
sizes=(10000 100000 1000000)
quick=0
isochrones=()
for arg in "$@"; do
  case $arg in
    --quick) quick=1 sizes=(10000) ;;
    --isochrones) isochrones=(--isochrones) ;;
    *) echo "usage: $0 [--quick] [--isochrones]" >&2; exit 2 ;;
  esac
done

for binary in couverture couverture_bench_tool; do
  if [[ ! -x "$build_dir/bin/$binary" ]]; then
    echo "run-end-to-end: $build_dir/bin/$binary not found; build it:" \
      "cmake --build $build_dir --target couverture couverture_bench_tool" >&2
    exit 1
  fi
done
[[ -x /usr/bin/time ]] || { echo "run-end-to-end: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

li=()
if [[ -f "$shared/osm/liechtenstein.osm.pbf" ]]; then
  li=(--liechtenstein "$shared/osm/liechtenstein.osm.pbf")
else
  echo "run-end-to-end: Liechtenstein skipped, $shared/osm/liechtenstein.osm.pbf is absent"
fi

work=$(mktemp -d /tmp/couverture-end-to-end.XXXXXX)
if [[ ${KEEP:-0} == 1 ]]; then
  echo "run-end-to-end: scratch folder kept: $work"
fi
runner=""
cleanup() {
  # Stop the run too when this script is stopped (Ctrl-C, timeout).
  [[ -z $runner ]] || kill "$runner" 2>/dev/null || true
  [[ ${KEEP:-0} == 1 ]] || rm -rf "$work"
}
trap cleanup EXIT

results_dir="$repo/benchmarks/results"
mkdir -p "$results_dir"
suffix=""
((quick)) && suffix="-quick"
((${#isochrones[@]})) && suffix="$suffix-isochrones"
json="$results_dir/end-to-end$suffix-$(date -u +%Y%m%dT%H%M%SZ).json"
/usr/bin/python3 "$repo/benchmarks/end_to_end/run_end_to_end.py" \
  --couverture "$build_dir/bin/couverture" --tool "$build_dir/bin/couverture_bench_tool" \
  "${li[@]}" --sizes "${sizes[@]}" "${isochrones[@]}" --seed "${SEED:-1}" --work "$work" --out "$json" &
runner=$!
wait "$runner"
runner=""
