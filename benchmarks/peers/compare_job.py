#!/usr/bin/python3
"""The whole nearest-facility job: `couverture run` against networkx, igraph and pgRouting.

Driven by benchmarks/run-peers.sh when the graph has a job (../shared/data/bench/<graph>/): the
job (`couverture_bench_tool export-job`: our reversed graph with a super source, every demand
point's links) is solved by each peer in its own process (nearest_job.py), timed whole with
/usr/bin/time, as `couverture run` on the same scenario (from a saved graph) is. Every demand
point's time is checked against ours; a disagreement is printed and the exit code is 3.
"""
import argparse
import datetime
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile

import peer_common

PEERS = ("networkx", "igraph", "pgrouting")
TOLERANCE_S = 1e-6


def timed(command):
    """Wall seconds and peak memory (MiB) of one process; raises when it fails."""
    with tempfile.NamedTemporaryFile(mode="r") as report:
        result = subprocess.run(["/usr/bin/time", "-o", report.name, "-f", "%e %M"] + command,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed:\n{result.stderr}")
        seconds, kib = report.read().split()[-2:]
    return float(seconds), int(kib) / 1024.0


def read_seconds(path):
    with open(path) as f:
        next(f)
        return [float(line) for line in f]


def disagreements(ours, theirs):
    """(point, ours, theirs) wherever the times differ by more than TOLERANCE_S."""
    if len(ours) != len(theirs):
        return [(-1, len(ours), len(theirs))]
    bad = []
    for i, (a, b) in enumerate(zip(ours, theirs)):
        same = (math.isinf(a) and math.isinf(b)) or abs(a - b) <= TOLERANCE_S
        if not same:
            bad.append((i, a, b))
    return bad


def load_pgrouting(edges_csv, port):
    import psycopg2

    connection = psycopg2.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres")
    connection.autocommit = True
    cursor = connection.cursor()
    peer_common.load_pgrouting_table(cursor, edges_csv, "job_edges")
    connection.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--graph-name", required=True)
    parser.add_argument("--job-dir", required=True)
    parser.add_argument("--job-json", required=True, help="export-job's JSON output")
    parser.add_argument("--scenario", required=True, help="the scenario `couverture run` times")
    parser.add_argument("--couverture", required=True)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--pg-port", type=int, default=55432)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    job = json.load(open(args.job_json))
    edges = os.path.join(args.job_dir, "edges.csv")
    demand = os.path.join(args.job_dir, "demand.csv")
    ours_seconds = read_seconds(os.path.join(args.job_dir, "ours.csv"))
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "nearest_job.py")
    load_pgrouting(edges, args.pg_port)

    # Interleaved repeats, so that others' load on a shared machine hits everyone alike.
    runs = {name: [] for name in ("couverture run",) + PEERS}
    output = os.path.join(args.job_dir, "run.gpkg")
    for _ in range(max(args.repeats, 1)):
        runs["couverture run"].append(timed([args.couverture, "-q", "run", args.scenario, "-o",
                                             output, "--overwrite"]))
        for peer in PEERS:
            command = ["/usr/bin/python3", script, peer, edges, demand, str(job["super_source"]),
                       os.path.join(args.job_dir, f"{peer}.csv"), str(args.pg_port)]
            runs[peer].append(timed(command))

    table = {}
    agree = True
    for name, samples in runs.items():
        wall = statistics.median(s for s, _ in samples)
        entry = {"median_s": wall, "runs_s": [s for s, _ in samples],
                 "peak_mib": max(m for _, m in samples)}
        if name in PEERS:
            bad = disagreements(ours_seconds, read_seconds(os.path.join(args.job_dir,
                                                                        f"{name}.csv")))
            entry["points_disagreeing"] = len(bad)
            entry["first_disagreements"] = bad[:5]
            if bad:
                agree = False
                for i, a, b in bad[:10]:
                    print(f"MISMATCH {name}: demand point {i}: ours {a!r} s, {name} {b!r} s",
                          file=sys.stderr)
        table[name] = entry
    ours_wall = table["couverture run"]["median_s"]
    for name in PEERS:
        table[name]["ratio_to_couverture_run"] = table[name]["median_s"] / ours_wall

    result = {
        "benchmark": "peers-nearest-job",
        "utc": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": {"system": platform.platform(), "cpus": os.cpu_count(),
                    "load_average_1_5_15_min_at_end": os.getloadavg()},
        "graph": args.graph_name,
        "job": job,
        "timing": "whole process wall clock (/usr/bin/time), median of interleaved repeats; "
                  "couverture run from a saved graph writes its GeoPackage too; pgRouting's edge "
                  "table is loaded beforehand (COPY), its query reads it in every call",
        "tolerance_s": TOLERANCE_S,
        "results": table,
    }
    with open(args.out, "w") as f:
        json.dump(result, f, indent=2)

    print(f"\n{args.graph_name}: nearest facility of {job['demand_points']} demand points among "
          f"{job['facilities']} facilities, one multi-source search ({job['nodes']} nodes, "
          f"{job['arcs']} arcs)")
    print(f"{'process':<16} {'median s':>9} {'peak MiB':>9} {'vs couverture run':>18} "
          f"{'disagreeing':>12}")
    for name, entry in table.items():
        ratio = entry.get("ratio_to_couverture_run")
        print(f"{name:<16} {entry['median_s']:>9.2f} {entry['peak_mib']:>9.0f} "
              f"{(f'{ratio:.1f}x' if ratio else '-'):>18} "
              f"{entry.get('points_disagreeing', '-'):>12}")
    print(f"(our nearest-facility search and read-out alone: "
          f"{job['ours_nearest_facility_seconds'] * 1000:.1f} ms)")
    return peer_common.verdict(agree, args.out)


if __name__ == "__main__":
    sys.exit(main())
