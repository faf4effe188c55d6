#!/usr/bin/python3
"""Times `couverture run` end to end on Liechtenstein and on synthetic territories.

Driven by benchmarks/run-end-to-end.sh. Each case is one `couverture --json run` under
/usr/bin/time -v (wall time, peak RSS); the stage times come from the summary JSON when it
carries them, else from the `time_s: ...` rows of the output's run_info table. Writes the JSON
result and prints the table.
"""
import argparse
import datetime
import json
import math
import os
import platform
import re
import signal
import sqlite3
import subprocess
import sys
import time

# scripts/scenario-parts.sh: the pieces of scenario TOML the benchmarks share (Liechtenstein's
# communes and their population among them).
SCENARIO_PARTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts",
                              "scenario-parts.sh")


def scenario_part(name, *arguments):
    return subprocess.run([SCENARIO_PARTS, name, *arguments], check=True, capture_output=True,
                          text=True).stdout

# Stage names as the run reports them, folded into the table's columns by prefix.
STAGE_COLUMNS = [
    ("read", ("reading communes", "reading facilities")),
    ("network", ("loading the road network",)),
    ("demand", ("spreading population",)),
    ("snap", ("snapping",)),
    ("times", ("travel times",)),
]


def liechtenstein_scenario(pbf, folder, isochrones):
    """Communes from the PBF's admin_level 8 boundaries, kindergartens and schools from its points
    and multipolygons (ogr2ogr into one GeoPackage layer; polygons are placed inside by the
    reader)."""
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "population.csv"), "w") as f:
        f.write(scenario_part("liechtenstein_population_csv"))
    facilities = os.path.join(folder, "facilities.gpkg")
    amenity_tag = "other_tags LIKE '%\"amenity\"=>\"{}\"%'"
    points_sql = (
        "SELECT osm_id AS id, COALESCE(name, 'unnamed ' || osm_id) AS name, "
        f"CASE WHEN {amenity_tag.format('kindergarten')} THEN 'kindergarten' ELSE 'school' END "
        f"AS type, geometry FROM points WHERE {amenity_tag.format('kindergarten')} OR "
        f"{amenity_tag.format('school')}")
    polygons_sql = (
        "SELECT COALESCE(osm_id, osm_way_id) AS id, "
        "COALESCE(name, 'unnamed ' || COALESCE(osm_id, osm_way_id)) AS name, amenity AS type, "
        "geometry FROM multipolygons WHERE amenity IN ('kindergarten', 'school')")
    common = ["-nln", "facilities", "-nlt", "GEOMETRY", "-dialect", "SQLite"]
    subprocess.run(["ogr2ogr", "-f", "GPKG", facilities, pbf, *common, "-sql", points_sql],
                   check=True)
    subprocess.run(["ogr2ogr", "-append", "-update", facilities, pbf, *common,
                    "-sql", polygons_sql], check=True)
    scenario = os.path.join(folder, "scenario.toml")
    with open(scenario, "w") as f:
        f.write(f"""name = "Liechtenstein (OSM)"
note = "communes: OSM admin_level 8; population 2015 rounded; facilities: OSM kindergartens and schools"
{scenario_part("liechtenstein_communes_toml", pbf)}[facilities]
path = "facilities.gpkg"
layer = "facilities"
id_field = "id"
name_field = "name"
type_field = "type"
[network]
path = "{pbf}"
profile = "car"
[isochrones]
enabled = {"true" if isochrones else "false"}
[output]
path = "result.gpkg"
crs = "EPSG:2056"
""")
    return scenario


def synthetic_scenario(tool, road_nodes, seed, folder, isochrones):
    start = time.perf_counter()
    command = [tool, "make-territory", str(road_nodes), str(seed), folder]
    if isochrones:
        command.append("--isochrones")
    made = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    made["generate_and_write_s"] = time.perf_counter() - start
    return made


def stage_times(summary, output):
    """(stage, seconds) pairs: from the summary when it has them, else from run_info."""
    for key in ("timings", "stages", "stage_seconds"):
        value = summary.get(key)
        if isinstance(value, dict):
            return list(value.items())
        if isinstance(value, list):
            return [(s.get("stage") or s.get("name"), s.get("seconds")) for s in value]
    with sqlite3.connect(output) as db:
        rows = db.execute("SELECT key, value FROM run_info WHERE key LIKE 'time_s: %'").fetchall()
    return [(key[len("time_s: "):], float(value)) for key, value in rows]


def fold_stages(stages, total):
    columns = {name: 0.0 for name, _ in STAGE_COLUMNS}
    columns["other"] = 0.0
    for stage, seconds in stages:
        name = next((n for n, prefixes in STAGE_COLUMNS if stage.startswith(prefixes)), "other")
        columns[name] += seconds
    # run_info is written before the output: what it cannot time is the writing.
    columns["write+rest"] = max(total - sum(columns.values()), 0.0)
    return columns


def run_case(couverture, scenario):
    folder = os.path.dirname(scenario)
    output = os.path.join(folder, "result.gpkg")
    command = ["/usr/bin/time", "-v", couverture, "--json", "run", scenario, "-o", output,
               "--overwrite"]
    start = time.perf_counter()
    # Its own process group, so that stopping the benchmark stops `couverture`
    # too, not only /usr/bin/time.
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    try:
        stdout, stderr = process.communicate()
    except BaseException:
        os.killpg(process.pid, signal.SIGKILL)
        raise
    wall = time.perf_counter() - start
    if process.returncode != 0:
        sys.stderr.write(stderr)
        raise SystemExit(f"couverture run {scenario} failed (exit {process.returncode})")
    summary = json.loads(stdout)
    peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr).group(1))
    stages = stage_times(summary, output)
    total = float(summary["seconds"])
    return {
        "nodes": summary["network"]["nodes"],
        "arcs": summary["network"]["arcs"],
        "communes": summary["communes"],
        "demand_points": summary["demand_points"],
        "facilities": summary["facilities"],
        "service_types": len(summary.get("services", [])),
        "run_seconds": total,
        "process_wall_seconds": wall,
        "peak_rss_mb": peak_kb / 1024.0,
        "stages_s": fold_stages(stages, total),
        "stages_detail_s": [{"stage": s, "seconds": t} for s, t in stages],
        "warnings": len(summary.get("warnings", [])),
    }


def cost_growth(cases):
    """How each stage's cost grows with size over the synthetic cases: the exponent k of
    time ~ nodes^k between the smallest and the largest (1 = linear), and between neighbours."""
    synthetic = sorted((c for c in cases if c["case"].startswith("synthetic-")),
                       key=lambda c: c["nodes"])
    if len(synthetic) < 2:
        return {}
    columns = list(synthetic[0]["stages_s"].keys()) + ["total", "peak_rss"]

    def value(case, column):
        if column == "total":
            return case["run_seconds"]
        if column == "peak_rss":
            return case["peak_rss_mb"]
        return case["stages_s"][column]

    def exponent(a, b, column):
        ta, tb = value(a, column), value(b, column)
        if ta <= 0 or tb <= 0:
            return None
        return math.log(tb / ta) / math.log(b["nodes"] / a["nodes"])

    growth = {}
    for column in columns:
        growth[column] = {
            "from_nodes": synthetic[0]["nodes"], "to_nodes": synthetic[-1]["nodes"],
            "from": value(synthetic[0], column), "to": value(synthetic[-1], column),
            "exponent": exponent(synthetic[0], synthetic[-1], column),
            "steps": [exponent(a, b, column) for a, b in zip(synthetic, synthetic[1:])],
        }
    return growth


def main():
    # Stopped by the calling script: unwind, killing the running `couverture`
    # (run_case) instead of leaving it orphaned.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--couverture", required=True)
    parser.add_argument("--tool", required=True, help="couverture_bench_tool")
    parser.add_argument("--liechtenstein", help="liechtenstein.osm.pbf, when present")
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--isochrones", action="store_true",
                        help="also write the isochrone layers (off: coverage only)")
    parser.add_argument("--work", required=True, help="scratch folder")
    parser.add_argument("--out", required=True, help="result JSON to write")
    args = parser.parse_args()

    cases = []
    if args.liechtenstein:
        print("end-to-end: Liechtenstein", file=sys.stderr, flush=True)
        scenario = liechtenstein_scenario(args.liechtenstein, os.path.join(args.work, "li"),
                                          args.isochrones)
        cases.append({"case": "liechtenstein", "input": os.path.basename(args.liechtenstein),
                      **run_case(args.couverture, scenario)})
    for size in args.sizes:
        print(f"end-to-end: synthetic territory, {size} road nodes", file=sys.stderr, flush=True)
        folder = os.path.join(args.work, f"synthetic-{size}")
        made = synthetic_scenario(args.tool, size, args.seed, folder, args.isochrones)
        cases.append({"case": f"synthetic-{size}", "input": f"make_synthetic_territory({size}, "
                      f"{args.seed})", "generate_and_write_inputs_s": made["generate_and_write_s"],
                      **run_case(args.couverture, made["scenario"])})

    version = subprocess.run([args.couverture, "--version"], capture_output=True,
                             text=True).stdout.strip()
    result = {
        "benchmark": "end-to-end couverture run",
        "utc": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": {"system": platform.platform(), "cpus": os.cpu_count(),
                    # Others' work on a shared machine slows every implementation.
                    "load_average_1_5_15_min_at_end": os.getloadavg()},
        "couverture_version": version,
        "isochrones": args.isochrones,
        "timing": "one run per case; run_seconds from the run's own summary, peak RSS and "
                  "process wall time from /usr/bin/time -v; generating the synthetic inputs "
                  "is timed apart",
        "cases": cases,
        "cost_growth": cost_growth(cases),
    }
    with open(args.out, "w") as f:
        json.dump(result, f, indent=2)

    columns = [name for name, _ in STAGE_COLUMNS] + ["other", "write+rest"]
    print(f"\n{'case':<19} {'nodes':>9} {'arcs':>9} {'demand':>8} {'facil.':>6} "
          + " ".join(f"{c:>10}" for c in columns) + f" {'total s':>8} {'peak MB':>8}")
    for c in cases:
        print(f"{c['case']:<19} {c['nodes']:>9} {c['arcs']:>9} {c['demand_points']:>8} "
              f"{c['facilities']:>6} " + " ".join(f"{c['stages_s'][n]:>10.3f}" for n in columns)
              + f" {c['run_seconds']:>8.2f} {c['peak_rss_mb']:>8.0f}")
    print("stage columns in seconds; read = communes + facilities, times = every service's "
          "travel times, other = stages not listed (e.g. isochrones)")
    growth = result["cost_growth"]
    if growth:
        first = next(iter(growth.values()))
        print(f"\ncost growth from {first['from_nodes']} to {first['to_nodes']} road nodes: "
              "exponent k of cost ~ nodes^k (1 = linear; steps between neighbouring sizes)")
        for column, g in growth.items():
            k = "-" if g["exponent"] is None else f"{g['exponent']:.2f}"
            steps = ", ".join("-" if e is None else f"{e:.2f}" for e in g["steps"])
            print(f"  {column:<12} {g['from']:>9.3f} -> {g['to']:>9.3f}   k = {k:>5}   ({steps})")
        print("  (peak_rss in MB, the others in seconds; stages under 10 ms are noisy)")
    print(f"JSON: {args.out}")


if __name__ == "__main__":
    main()
