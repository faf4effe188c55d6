#!/usr/bin/python3
"""One peer solving the nearest-facility job exported by `couverture_bench_tool export-job`.

Run as its own process and timed whole (start-up, reading the edge list, one single-source
search from the super source, every demand point's time, writing them), as `couverture run` is.

usage: nearest_job.py networkx|igraph|pgrouting EDGES.csv DEMAND.csv SUPER_SOURCE OUT.csv [PG_PORT]
pgrouting reads the edges from the table `job_edges` (loaded beforehand, as a database holds it).
"""
import math
import sys

import peer_common


def distances_networkx(edges_csv, source):
    import networkx as nx

    graph = peer_common.networkx_graph(edges_csv)
    return nx.single_source_dijkstra_path_length(graph, source, weight="weight")


def distances_igraph(edges_csv, source):
    import igraph

    tails, heads, costs = [], [], []
    with open(edges_csv) as f:
        next(f)
        for line in f:
            _, u, v, cost, _ = line.split(",")
            tails.append(int(u))
            heads.append(int(v))
            costs.append(int(cost))
    graph = igraph.Graph(n=max(max(tails), max(heads)) + 1, edges=list(zip(tails, heads)),
                         directed=True)
    row = graph.distances(source=[source], weights=costs, mode="out")[0]
    return {v: d for v, d in enumerate(row) if not math.isinf(d)}


def distances_pgrouting(source, port):
    import psycopg2

    connection = psycopg2.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres")
    cursor = connection.cursor()
    cursor.execute("SELECT node, agg_cost FROM pgr_drivingDistance("
                   "'SELECT id, source, target, cost, reverse_cost FROM job_edges', %s, 1e15, true)",
                   (source,))
    distances = dict(cursor.fetchall())
    connection.close()
    return distances


def main():
    peer, edges_csv, demand_csv, source, out_csv = sys.argv[1:6]
    source = int(source)
    if peer == "networkx":
        distance = distances_networkx(edges_csv, source)
    elif peer == "igraph":
        distance = distances_igraph(edges_csv, source)
    elif peer == "pgrouting":
        distance = distances_pgrouting(source, int(sys.argv[6]))
    else:
        sys.exit(f"nearest_job.py: unknown peer {peer}")
    with open(demand_csv) as f, open(out_csv, "w") as out:
        next(f)
        out.write("seconds\n")
        for line in f:
            node_a, ms_a, node_b, ms_b, walk_ms, direct_ms = line.split(",")
            best = float(direct_ms)
            for node, ms in ((int(node_a), float(ms_a)), (int(node_b), float(ms_b))):
                if node >= 0 and node in distance:
                    best = min(best, ms + float(distance[node]))
            out.write(f"{(best + float(walk_ms)) / 1000.0!r}\n" if not math.isinf(best) else "inf\n")


if __name__ == "__main__":
    main()
