#!/usr/bin/env bash
# Our Dijkstra against networkx and pgRouting on the very same graph: the
# engine's car graph exported as an edge list (integer ms), the same sources
# (fixed seed), a one-to-all query and a 20-minute bounded one. Checks the
# peers' travel times agree with ours at every node, writes
# benchmarks/results/peers-<graph>-<UTC>.json and prints a table.
# When the graph has a whole job (../shared/data/bench/<graph>/: 50 creches,
# a population grid), also times `couverture run` on it from a saved graph
# against networkx, igraph and pgRouting solving the same nearest-facility job
# (one multi-source search, every demand point's time checked against ours):
# benchmarks/results/peers-job-<graph>-<UTC>.json.
# Speed is reported, never asserted; a peer disagreeing on a time prints the
# mismatch and exits 4 (CI fails on it; 3 stays couverture's internal error).
#
# Usage: benchmarks/run-peers.sh [porto|liechtenstein|andorra|...]   (default porto)
# Environment: BUILD_DIR (default build), SOURCES (20), SEED (42), REPEATS (3),
# PG_PORT (55432), COUVERTURE_SHARED_DATA (../shared/data).
# Installs the peers with apt when missing (postgresql, postgresql-15-pgrouting,
# python3-networkx, python3-igraph, python3-psycopg2).
set -euo pipefail

graph=${1:-porto}
repo="$(cd "$(dirname "$0")/.." && pwd)"
build_dir=${BUILD_DIR:-$repo/build}
sources_count=${SOURCES:-20}
seed=${SEED:-42}
repeats=${REPEATS:-3}
pg_port=${PG_PORT:-55432}
source "$repo/scripts/scenario-parts.sh"
shared=$(shared_data_dir)
pbf="$shared/osm/$graph.osm.pbf"
tool="$build_dir/bin/couverture_bench_tool"
pg_bin=/usr/lib/postgresql/15/bin

if [[ ! -f "$pbf" ]]; then
  echo "run-peers: skipped, $pbf is absent (set COUVERTURE_SHARED_DATA to the shared data folder)"
  exit 0
fi
if [[ ! -x "$tool" ]]; then
  echo "run-peers: $tool not found; build it: cmake --build $build_dir --target couverture_bench_tool" >&2
  exit 1
fi

# --- the peers, from Debian's packages -------------------------------------
missing=()
/usr/bin/python3 -c 'import networkx' 2>/dev/null || missing+=(python3-networkx)
/usr/bin/python3 -c 'import igraph' 2>/dev/null || missing+=(python3-igraph)
/usr/bin/python3 -c 'import psycopg2' 2>/dev/null || missing+=(python3-psycopg2)
[[ -x $pg_bin/pg_ctl ]] || missing+=(postgresql)
[[ -f /usr/share/postgresql/15/extension/pgrouting.control ]] || missing+=(postgresql-15-pgrouting)
if ((${#missing[@]})); then
  echo "run-peers: installing ${missing[*]}"
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- a scratch folder and a private PostgreSQL, removed whatever happens ---
work=$(mktemp -d /tmp/couverture-peers.XXXXXX)
pg_data="$work/pg/data"
as_pg=()  # PostgreSQL refuses to run as root: run it as the postgres user then
if [[ $(id -u) -eq 0 ]]; then as_pg=(runuser -u postgres --); fi
runner=""
cleanup() {
  # Stop the peers too when this script is stopped (Ctrl-C, timeout).
  [[ -z $runner ]] || kill "$runner" 2>/dev/null || true
  if [[ -f "$pg_data/postmaster.pid" ]]; then
    "${as_pg[@]}" "$pg_bin/pg_ctl" stop -D "$pg_data" -m fast -s >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "run-peers: exporting the $graph car graph"
"$tool" export-graph "$pbf" car "$work/edges.csv" >"$work/export.json"
nodes=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["nodes"])' "$work/export.json")
# The same sources for every implementation: a fixed-seed sample of node ids.
sources=$(/usr/bin/python3 -c 'import random,sys; n,k,s=map(int,sys.argv[1:]); print(*random.Random(s).sample(range(n),min(k,n)))' \
  "$nodes" "$sources_count" "$seed")

echo "run-peers: timing our kernel on $sources_count sources"
# shellcheck disable=SC2086  # the sources are words on purpose
"$tool" time-queries "$work/edges.csv" 1200000 "$repeats" "$work/ours" $sources >"$work/ours.json"

echo "run-peers: starting a private PostgreSQL on 127.0.0.1:$pg_port"
mkdir -p "$work/pg"
chmod 755 "$work"
[[ $(id -u) -ne 0 ]] || chown -R postgres: "$work/pg"
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_data" -U postgres -A trust --no-sync >"$work/pg/initdb.log" 2>&1 ||
  { cat "$work/pg/initdb.log" >&2; exit 1; }
"${as_pg[@]}" "$pg_bin/pg_ctl" start -D "$pg_data" -w -s -l "$work/pg/server.log" \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -c unix_socket_directories=$work/pg -c fsync=off" ||
  { cat "$work/pg/server.log" >&2; exit 1; }

results_dir="$repo/benchmarks/results"
mkdir -p "$results_dir"
json="$results_dir/peers-$graph-$(date -u +%Y%m%dT%H%M%SZ).json"
echo "run-peers: networkx and pgRouting on the same sources (several minutes on Porto, seconds on Liechtenstein)"
/usr/bin/python3 "$repo/benchmarks/peers/compare_peers.py" --graph-name "$graph" \
  --edges "$work/edges.csv" --export-json "$work/export.json" --ours-json "$work/ours.json" \
  --ours-distances "$work/ours" --seed "$seed" --repeats "$repeats" --pg-port "$pg_port" --out "$json" &
runner=$!
status=0
wait "$runner" || status=$?
runner=""

job_inputs="$shared/bench/$graph"
couverture="$build_dir/bin/couverture"
if [[ -f "$job_inputs/facilities50.csv" && -f "$job_inputs/communes.geojson" ]]; then
  if [[ ! -x "$couverture" ]]; then
    echo "run-peers: $couverture not found; build it: cmake --build $build_dir --target couverture" >&2
    exit 1
  fi
  echo "run-peers: the whole $graph job (saved graph, $(basename "$job_inputs")/facilities50.csv)"
  job="$work/job"
  mkdir -p "$job"
  chmod 755 "$job"
  cp "$job_inputs/communes.geojson" "$job_inputs/facilities50.csv" "$job/"
  "$couverture" -q network build --osm "$pbf" --profile car -o "$job/graph.cgraph"
  {
    echo "name = \"$graph, 50 creches (peer benchmark)\""
    bench_communes_toml communes.geojson
    csv_facilities_toml facilities50.csv
    cat <<TOML
[network]
path = "graph.cgraph"
profile = "car"
[analysis]
thresholds_minutes = [5, 10, 15, 20]
[isochrones]
enabled = false
TOML
  } >"$job/scenario.toml"
  "$tool" export-job "$job/scenario.toml" "$job" >"$job/job.json"
  job_json="$results_dir/peers-job-$graph-$(date -u +%Y%m%dT%H%M%SZ).json"
  /usr/bin/python3 "$repo/benchmarks/peers/compare_job.py" --graph-name "$graph" \
    --job-dir "$job" --job-json "$job/job.json" --scenario "$job/scenario.toml" \
    --couverture "$couverture" --repeats "$repeats" --pg-port "$pg_port" --out "$job_json" &
  runner=$!
  job_status=0
  wait "$runner" || job_status=$?
  runner=""
  # A disagreement (4) outranks any other failure.
  if [[ $job_status -eq 4 || ( $status -eq 0 && $job_status -ne 0 ) ]]; then status=$job_status; fi
fi
exit "$status"
