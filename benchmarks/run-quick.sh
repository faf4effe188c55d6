#!/usr/bin/env bash
# A few-seconds subset of the Dijkstra benchmarks (grid 300x300, and Porto
# numbered by OSM id and renumbered along a Hilbert curve when present)
# and a production-vs-Boost ratio table with the 2x target of issue 12, and the
# engine's chain-contracted search beside them. Numbers are reported, never asserted: the machine may be
# shared. Usage: benchmarks/run-quick.sh BUILD_DIR
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
fi
build_dir=$1
binary="$build_dir/bin/couverture_benchmarks"
if [[ ! -x "$binary" ]]; then
  echo "$binary not found: build the couverture_benchmarks target first" >&2
  exit 1
fi

results_dir="$(cd "$(dirname "$0")" && pwd)/results"
mkdir -p "$results_dir"
json="$results_dir/dijkstra-quick-$(date -u +%Y%m%dT%H%M%SZ).json"

"$binary" --benchmark_min_time=0.2 --benchmark_filter='^Dijkstra/.*/(grid300|porto_osm_order|porto_hilbert)/' \
  --benchmark_out="$json" --benchmark_out_format=json

python3 - "$json" <<'PY'
import json, sys
runs = {b["name"]: b for b in json.load(open(sys.argv[1]))["benchmarks"]}
target = 2.0
print()
print("production: the Dijkstra kernel on every node; chains: the engine's search (pass-through")
print("chains contracted, then every node's distance read); ns/node per node of the whole tree")
print(f"{'graph/query':<20} {'production ms':>14} {'boost ms':>10} {'ns/node prod':>13} "
      f"{'ns/node boost':>14} {'speed-up':>9} {'target 2x':>10} {'chains ms':>10} "
      f"{'ns/node ch.':>12} {'chains/boost':>13}")
for name, prod in runs.items():
    parts = name.split("/")
    if parts[1] != "production":
        continue
    boost = runs.get("/".join([parts[0], "boost"] + parts[2:]))
    if boost is None:
        continue
    # cpu_time: wall time is inflated when other processes share the cores.
    p, b = prod["cpu_time"] / 1000.0, boost["cpu_time"] / 1000.0
    verdict = "met" if b / p >= target else "missed"
    chained = runs.get("/".join([parts[0], "chains"] + parts[2:]))
    c = chained["cpu_time"] / 1000.0 if chained else float("nan")
    c_ns = chained["ns_per_settled"] if chained else float("nan")
    print(f"{parts[2] + '/' + parts[3]:<20} {p:>14.2f} {b:>10.2f} "
          f"{prod['ns_per_settled']:>13.0f} {boost['ns_per_settled']:>14.0f} {b / p:>8.2f}x "
          f"{verdict:>10} {c:>10.2f} {c_ns:>12.0f} {b / c:>12.2f}x")
PY
echo "JSON: $json"

# Reloading a saved graph against rebuilding it from the PBF (Liechtenstein).
graph_json="$results_dir/road-graph-quick-$(date -u +%Y%m%dT%H%M%SZ).json"
"$binary" --benchmark_min_time=0.2 --benchmark_filter='^RoadGraph/.*/liechtenstein' \
  --benchmark_out="$graph_json" --benchmark_out_format=json >/dev/null
python3 - "$graph_json" <<'PY'
import json, sys
runs = {b["name"]: b for b in json.load(open(sys.argv[1]))["benchmarks"]}
build = runs.get("RoadGraph/build_from_pbf/liechtenstein")
load = runs.get("RoadGraph/load_cgraph/liechtenstein")
if build and load:
    print(f"\nliechtenstein graph: build from PBF {build['real_time']:.1f} ms, "
          f"load .cgraph {load['real_time']:.2f} ms, ratio {build['real_time'] / load['real_time']:.0f}x")
PY
