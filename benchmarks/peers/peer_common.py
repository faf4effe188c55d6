"""What the peer scripts share: the road graph exported by `couverture_bench_tool`
(id,source,target,cost,reverse_cost CSV) loaded the way each peer holds it, so that every peer
reads the same arcs the same way, and the verdict that fails CI on a disagreement."""

import sys

# A peer disagreeing on a time: its own exit code, apart from a crash (1),
# a usage error (2) and couverture's internal error (3); run-peers.sh and
# .ci/run read it.
MISMATCH_EXIT = 4


def networkx_graph(edges_csv):
    """A networkx DiGraph of the arcs, costs in ms."""
    import networkx as nx

    graph = nx.DiGraph()
    with open(edges_csv) as f:
        next(f)
        for line in f:
            _, u, v, cost, _ = line.split(",")
            u, v, cost = int(u), int(v), int(cost)
            # Parallel arcs (two ways joining the same nodes): a DiGraph keeps
            # one, so keep the fastest, as a shortest path would.
            if not graph.has_edge(u, v) or graph[u][v]["weight"] > cost:
                graph.add_edge(u, v, weight=cost)
    return graph


def load_pgrouting_table(cursor, edges_csv, table):
    """The arcs copied into the PostgreSQL table `table` (replaced), pgRouting enabled."""
    cursor.execute("CREATE EXTENSION IF NOT EXISTS pgrouting CASCADE")
    cursor.execute(f"DROP TABLE IF EXISTS {table}")
    cursor.execute(f"CREATE TABLE {table} (id bigint PRIMARY KEY, source bigint, target bigint, "
                   "cost float8, reverse_cost float8)")
    with open(edges_csv) as f:
        cursor.copy_expert(f"COPY {table} FROM STDIN WITH (FORMAT csv, HEADER true)", f)
    cursor.execute(f"ANALYZE {table}")


def verdict(agree, json_path):
    """Points to the JSON written; the exit status: 0, or MISMATCH_EXIT when a peer disagreed."""
    print(f"JSON: {json_path}")
    if agree:
        return 0
    print("error: a peer's travel times differ from ours (MISMATCH lines above)", file=sys.stderr)
    return MISMATCH_EXIT
