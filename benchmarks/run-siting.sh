#!/usr/bin/env bash
# `couverture site` on a synthetic territory of 10^5 road nodes (over 10^4
# demand points, a few hundred candidates): the exact solver (CBC MILP) and
# the greedy + swap search on the same instance, for the maximal covering
# and p-median objectives, with their times and the greedy's gap to the
# optimum. Writes benchmarks/results/siting-<UTC>.json and prints a table.
# Numbers are reported, never asserted.
#
# Usage: benchmarks/run-siting.sh [--quick]
#   --quick: 2*10^4 road nodes (seconds). Environment: BUILD_DIR (build),
#   SEED (1), TIME_LIMIT (exact solver's limit in seconds, 120),
#   OBJECTIVES ("max_covering p_median"), KEEP=1 keeps the scratch folder.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
build_dir=${BUILD_DIR:-$repo/build}
nodes=100000
case ${1:-} in
  "") ;;
  --quick) nodes=20000 ;;
  *) echo "usage: $0 [--quick]" >&2; exit 2 ;;
esac
for binary in couverture couverture_bench_tool; do
  if [[ ! -x "$build_dir/bin/$binary" ]]; then
    echo "run-siting: $build_dir/bin/$binary not found; build it:" \
      "cmake --build $build_dir --target couverture couverture_bench_tool" >&2
    exit 1
  fi
done
work=$(mktemp -d /tmp/couverture-siting.XXXXXX)
trap '[[ ${KEEP:-0} == 1 ]] || rm -rf "$work"' EXIT
mkdir -p "$repo/benchmarks/results"
suffix=""
[[ $nodes == 100000 ]] || suffix="-quick"
read -r -a objectives <<<"${OBJECTIVES:-max_covering p_median}"
/usr/bin/python3 "$repo/benchmarks/siting/run_siting.py" \
  --couverture "$build_dir/bin/couverture" --tool "$build_dir/bin/couverture_bench_tool" \
  --road-nodes "$nodes" --seed "${SEED:-1}" --time-limit "${TIME_LIMIT:-120}" \
  --objectives "${objectives[@]}" --work "$work" \
  --out "$repo/benchmarks/results/siting$suffix-$(date -u +%Y%m%dT%H%M%SZ).json"
