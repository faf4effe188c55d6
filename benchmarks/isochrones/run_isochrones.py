#!/usr/bin/python3
"""Times the travel-time-surface isochrones end to end; driven by benchmarks/run-isochrones.sh.

Each case is one `couverture --json run` (isochrones on) under /usr/bin/time -v: the stage times
come from the summary's `timings`, the checks and the population shares from its `isochrones`.
"""
import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys

# The road-buffer isochrones these replace, as measured on this machine kind by the session that
# filed issue 10 (Porto, 50 crèches × 4 thresholds) and by the demo's own run before the change.
OLD = {
    "demo": {"isochrone_s": 7.1, "total_s": 7.5},
    "porto-50m": {"isochrone_s": 1250.0, "total_s": 1252.2, "note": "935 s build, 264 s checks, 51 s dissolve"},
}
TARGETS = {"demo": {"total_s": 1.5}, "porto-50m": {"isochrone_s": 5.0, "total_s": 8.0, "peak_mb": 1024}}

# scripts/scenario-parts.sh: the pieces of scenario TOML the benchmarks share.
SCENARIO_PARTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts",
                              "scenario-parts.sh")


def scenario_part(name, *arguments):
    return subprocess.run([SCENARIO_PARTS, name, *arguments], check=True, capture_output=True,
                          text=True).stdout


def porto_scenario(bench, pbf, cell):
    return ('name = "Porto, 50 crèches"\n'
            + scenario_part("bench_communes_toml", f"{bench}/communes.geojson")
            + scenario_part("csv_facilities_toml", f"{bench}/facilities50.csv")
            + f"""[network]
path = "{pbf}"
[isochrones]
cell_m = {cell}
[output]
path = "porto.gpkg"
crs = "EPSG:3763"
""")


def timed_run(couverture, scenario, output):
    command = ["/usr/bin/time", "-v", couverture, "--json", "run", scenario, "-o", output,
               "--overwrite"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    summary = json.loads(done.stdout[done.stdout.index("{"):])
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
    hours = float(wall.group(1) or 0) if wall else 0.0
    wall_s = hours * 3600 + float(wall.group(2)) * 60 + float(wall.group(3)) if wall else None
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    return summary, wall_s, (int(rss.group(1)) / 1024.0 if rss else None)


def describe(name, summary, wall_s, peak_mb):
    iso = summary["isochrones"]
    timings = summary.get("timings", [])
    iso_s = sum(t["seconds"] for t in timings if t["stage"].startswith("isochrones"))
    polygons = iso["facility_polygons"] + iso["service_polygons"]
    worst = 0.0
    for service in iso["services"]:
        for minutes, within in service["population_share_within"].items():
            inside = service["population_share_inside"][minutes]
            if within > 0:
                worst = max(worst, abs(inside - within) / within)
    case = {
        "case": name, "total_s": round(wall_s, 3), "isochrone_s": round(iso_s, 3),
        "peak_mb": round(peak_mb, 1), "polygons": polygons,
        "ms_per_polygon": round(1000.0 * iso_s / polygons, 2) if polygons else None,
        "cells": iso["surface"]["columns"] * iso["surface"]["rows"],
        "cells_with_time": iso["surface"]["cells_with_time"], "cell_m": iso["surface"]["cell_m"],
        "bands_checked": iso["bands_checked"], "bands_passing": iso["bands_passing_every_check"],
        "demand_points_near_edge": iso["demand_points_near_edge"],
        "demand_points_misplaced": iso["demand_points_misplaced"],
        "polygons_repaired": iso["polygons_repaired"],
        "worst_inside_vs_within": round(worst, 4),
        "population_off_surface": iso["surface"]["population_off_surface"],
        "stages": timings,
    }
    if name in OLD:
        case["old"] = OLD[name]
        case["speedup_isochrones"] = round(OLD[name]["isochrone_s"] / max(iso_s, 1e-9), 1)
    if name in TARGETS:
        case["targets"] = TARGETS[name]
        case["targets_met"] = {k: (case[k] <= v) for k, v in TARGETS[name].items()}
    return case


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--couverture", required=True)
    parser.add_argument("--tool", required=True)
    parser.add_argument("--shared", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--quick", action="store_true")
    a = parser.parse_args()
    cases = []
    demo_dir = os.path.join(a.work, "demo")
    os.makedirs(demo_dir)
    subprocess.run([a.couverture, "-q", "demo"], cwd=demo_dir, check=True)
    print("isochrones: demo", file=sys.stderr, flush=True)
    cases.append(describe("demo", *timed_run(a.couverture,
                                             os.path.join(demo_dir, "couverture-demo", "scenario.toml"),
                                             os.path.join(demo_dir, "demo.gpkg"))))
    bench = os.path.join(a.shared, "bench", "porto")
    pbf = os.path.join(a.shared, "osm", "porto.osm.pbf")
    if os.path.exists(pbf) and os.path.isdir(bench):
        graph = os.path.join(a.work, "porto.cgraph")
        subprocess.run([a.couverture, "-q", "network", "build", "--osm", pbf, "--profile", "car",
                        "-o", graph], check=True)
        for cell in ([50] if a.quick else [25, 50, 100]):
            scenario = os.path.join(a.work, f"porto-{cell}.toml")
            with open(scenario, "w") as f:
                f.write(porto_scenario(bench, graph, cell))
            print(f"isochrones: Porto, {cell} m cells", file=sys.stderr, flush=True)
            cases.append(describe(f"porto-{cell}m", *timed_run(
                a.couverture, scenario, os.path.join(a.work, f"porto-{cell}.gpkg"))))
    else:
        print(f"isochrones: Porto skipped, {pbf} or {bench} is absent", file=sys.stderr)
    if not a.quick:
        folder = os.path.join(a.work, "synthetic")
        made = json.loads(subprocess.run([a.tool, "make-territory", "100000", "1", folder,
                                          "--isochrones"], check=True, capture_output=True,
                                         text=True).stdout)
        print("isochrones: synthetic territory, 10^5 road nodes", file=sys.stderr, flush=True)
        case = describe("synthetic-100000", *timed_run(a.couverture, made["scenario"],
                                                       os.path.join(folder, "out.gpkg")))
        case["territory"] = made
        cases.append(case)
    result = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(),
              "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
              "cases": cases}
    with open(a.out, "w") as f:
        json.dump(result, f, indent=1)
    header = (f"{'case':18} {'total s':>8} {'iso s':>7} {'old iso s':>9} {'×':>6} {'ms/poly':>8} "
              f"{'peak MB':>8} {'bands ok':>9} {'inside/within':>13}")
    print(header)
    for c in cases:
        old = c.get("old", {}).get("isochrone_s")
        print(f"{c['case']:18} {c['total_s']:8.2f} {c['isochrone_s']:7.2f} "
              f"{(f'{old:9.1f}' if old else '        -')} "
              f"{(str(c.get('speedup_isochrones', '-'))):>6} {c['ms_per_polygon'] or 0:8.1f} "
              f"{c['peak_mb']:8.0f} {c['bands_passing']:>4}/{c['bands_checked']:<4} "
              f"{100 * c['worst_inside_vs_within']:12.2f}%")
        if "targets_met" in c:
            print(f"{'':18} targets {c['targets']} met: {c['targets_met']}")
    print(f"written {a.out}")


if __name__ == "__main__":
    main()
