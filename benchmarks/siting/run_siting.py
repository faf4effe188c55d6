#!/usr/bin/python3
"""Times `couverture site` on a synthetic territory: the exact (CBC) and greedy + swap solvers on
the same instance, their objective, gap and time. Driven by benchmarks/run-siting.sh; writes the
JSON result and prints the table. Numbers are reported, never asserted."""
import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time

SITING = """
[siting]
service_type = "eaje"
sites = {sites}
capacity = 10
objective = "{objective}"
coverage_minutes = 10
generate = "demand_points"
grid_spacing_m = {spacing}
solver = "{solver}"
time_limit_s = {limit}
exact_size_limit = 1e12
"""


def site_scenario(scenario, objective, solver, sites, spacing, limit):
    """The territory's scenario with a [siting] table (any the generator wrote is replaced)."""
    with open(scenario) as f:
        text = f.read()
    start = text.find("[siting]")
    if start >= 0:
        end = text.find("\n[", start + 1)
        text = text[:start] + (text[end + 1:] if end >= 0 else "")
    path = os.path.join(os.path.dirname(scenario), f"site-{objective}-{solver}.toml")
    with open(path, "w") as f:
        f.write(text + SITING.format(objective=objective, solver=solver, sites=sites,
                                     spacing=spacing, limit=limit))
    return path


def run_site(couverture, scenario):
    output = scenario.replace(".toml", ".gpkg")
    start = time.perf_counter()
    done = subprocess.run([couverture, "--json", "site", scenario, "-o", output, "--overwrite"],
                          capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-2000:])
        raise SystemExit(f"couverture site {scenario} failed (exit {done.returncode})")
    summary = json.loads(done.stdout)
    summary["wall_s"] = wall
    return summary


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--couverture", required=True)
    parser.add_argument("--tool", required=True)
    parser.add_argument("--road-nodes", type=int, default=100000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sites", type=int, default=10)
    parser.add_argument("--spacing", type=float, default=3000)
    parser.add_argument("--time-limit", type=float, default=120)
    parser.add_argument("--objectives", nargs="+", default=["max_covering", "p_median"])
    parser.add_argument("--work", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    folder = os.path.join(args.work, f"territory-{args.road_nodes}")
    made = json.loads(subprocess.run(
        [args.tool, "make-territory", str(args.road_nodes), str(args.seed), folder],
        check=True, capture_output=True, text=True).stdout)
    rows = []
    for objective in args.objectives:
        scenario = site_scenario(made["scenario"], objective, "exact", args.sites, args.spacing,
                                 args.time_limit)
        summary = run_site(args.couverture, scenario)
        exact = summary.get("exact") or {}
        greedy = summary.get("greedy") or {}
        rows.append({
            "objective": objective,
            "road_nodes": summary.get("road_nodes"),
            "demand_points": summary.get("demand_points"),
            "candidates": summary.get("candidates"),
            "sites": args.sites,
            "exact": exact,
            "greedy": greedy,
            "greedy_gap_to_exact": summary.get("greedy_gap_to_exact"),
            "exact_over_greedy_time": (exact["seconds"] / greedy["seconds"]
                                       if exact.get("seconds") and greedy.get("seconds") else None),
            "site_command_wall_s": summary["wall_s"],
        })
    result = {
        "benchmark": "siting",
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                    "load_average": os.getloadavg()},
        "territory": made,
        "time_limit_s": args.time_limit,
        "rows": rows,
    }
    with open(args.out, "w") as f:
        json.dump(result, f, indent=2)

    print(f"couverture site on a synthetic territory ({made['road_nodes']} road nodes), "
          f"{args.sites} new sites, exact (CBC, limit {args.time_limit:g} s) vs greedy + swaps")
    header = (f"{'objective':<14}{'points':>8}{'cands':>7}{'exact s':>9}{'status':>12}"
              f"{'greedy s':>10}{'gap %':>8}{'exact/greedy':>14}{'wall s':>8}")
    print(header)
    for row in rows:
        exact, greedy = row["exact"], row["greedy"]
        gap = row["greedy_gap_to_exact"]
        ratio = row["exact_over_greedy_time"]
        print(f"{row['objective']:<14}{row['demand_points'] or 0:>8}{row['candidates'] or 0:>7}"
              f"{exact.get('seconds') or float('nan'):>9.2f}{exact.get('status', '-'):>12}"
              f"{greedy.get('seconds') or float('nan'):>10.2f}"
              f"{100 * gap if gap is not None else float('nan'):>8.2f}"
              f"{ratio if ratio is not None else float('nan'):>13.1f}x"
              f"{row['site_command_wall_s']:>8.1f}")
    print(f"(gap: how far the greedy's objective is from the exact one; JSON: {args.out})")


if __name__ == "__main__":
    main()
