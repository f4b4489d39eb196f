"""Benchmark: Gould-Fernandez brokerage and the E-I index (not a test).

Builds seeded sector-structured directed networks (8 sectors, mean out-degree
5, i.e. mean degree ~10, 70 % of ties inside the sector; numpy generator, as
``nx.stochastic_block_model`` is slow at 100k nodes), runs
``sysmap.metrics.brokerage`` and compares it with a plain-Python reference
(dict-of-sets triple loop, the definition written out) and, with ``--with-r``,
with R's ``sna::brokerage`` on the same graph. networkx has no brokerage
measure. Also times 1,000 label permutations and ``ei_index``.

Usage::

    python benchmarks/bench_brokerage.py --sizes 1000 10000 --with-r
    python benchmarks/bench_brokerage.py --sizes 50000 --out-degree 10 --with-r  # 500k arcs
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import time

import networkx as nx
import numpy as np
import pandas as pd

from sysmap.metrics.brokerage import ROLES, brokerage_roles
from sysmap.metrics.groups import ei_index

N_SECTORS = 8
MEAN_OUT_DEGREE = 5
P_WITHIN = 0.7
NAIVE_MAX_NODES = 20_000  # the Python triple loop takes ~1 min beyond this
R_MAX_NODES = 50_000


def sector_network(n: int, seed: int = 0, out_degree: int = MEAN_OUT_DEGREE) -> nx.DiGraph:
    """Seeded directed network: `n` actors in 8 sectors, ~`out_degree` arcs out per actor."""
    rng = np.random.default_rng(seed)
    sector = rng.integers(0, N_SECTORS, n)
    m = n * out_degree
    src = rng.integers(0, n, m)
    members = [np.flatnonzero(sector == s) for s in range(N_SECTORS)]
    dst = rng.integers(0, n, m)
    within = rng.random(m) < P_WITHIN
    for s in range(N_SECTORS):
        pick = within & (sector[src] == s)
        dst[pick] = members[s][rng.integers(0, len(members[s]), pick.sum())]
    keep = src != dst
    G = nx.DiGraph()
    G.add_nodes_from((i, {"sector": f"S{sector[i]}"}) for i in range(n))
    G.add_edges_from(zip(src[keep].tolist(), dst[keep].tolist()))
    return G


def naive_counts(G: nx.DiGraph, group: str) -> np.ndarray:
    """The definition written out: for each broker, in-neighbours x out-neighbours."""
    succ = {v: set(G.successors(v)) for v in G}
    g = nx.get_node_attributes(G, group)
    nodes = sorted(G)
    out = np.zeros((len(nodes), 5), dtype=np.int64)
    for i, b in enumerate(nodes):
        gb = g[b]
        for a in G.predecessors(b):
            if a == b:
                continue
            ga = g[a]
            sa = succ[a]
            for c in succ[b]:
                if c == a or c == b or c in sa:
                    continue
                gc = g[c]
                if ga == gb == gc:
                    out[i, 0] += 1
                elif ga == gc:
                    out[i, 1] += 1
                elif ga == gb:
                    out[i, 2] += 1
                elif gb == gc:
                    out[i, 3] += 1
                else:
                    out[i, 4] += 1
    return out


def sna_counts(G: nx.DiGraph, group: str) -> tuple[np.ndarray, float]:
    """Raw counts and elapsed seconds of R's sna::brokerage (edge-list input)."""
    nodes = sorted(G)
    index = {v: i + 1 for i, v in enumerate(nodes)}
    with tempfile.TemporaryDirectory() as tmp:
        el = np.array([(index[u], index[v]) for u, v in G.edges()], dtype=np.int64)
        np.savetxt(os.path.join(tmp, "el.csv"), el, fmt="%d", delimiter=",")
        pd.Series([G.nodes[v][group] for v in nodes]).to_csv(
            os.path.join(tmp, "cl.csv"), index=False, header=False
        )
        script = f"""
        suppressMessages(library(sna))
        el <- as.matrix(read.csv('{tmp}/el.csv', header = FALSE))
        cl <- read.csv('{tmp}/cl.csv', header = FALSE)[[1]]
        g <- cbind(el, 1); attr(g, 'n') <- {len(nodes)}
        t <- system.time(b <- brokerage_roles(g, cl))[['elapsed']]
        write.csv(b$raw.nli[, 1:5], '{tmp}/raw.csv', row.names = FALSE)
        cat(t)
        """
        out = subprocess.run(["Rscript", "-e", script], capture_output=True, text=True, check=True)
        raw = pd.read_csv(os.path.join(tmp, "raw.csv")).to_numpy(np.int64)
    return raw, float(out.stdout.strip().split()[-1])


def run(
    sizes=(1_000, 10_000),
    *,
    out_degree: int = MEAN_OUT_DEGREE,
    with_r: bool = False,
    permutations: int = 1_000,
) -> list[dict]:
    rows = []
    for n in sizes:
        G = sector_network(n, out_degree=out_degree)
        row: dict = {"nodes": n, "arcs": G.number_of_edges()}

        t0 = time.perf_counter()
        res = brokerage_roles(G, "sector")
        row["sysmap_s"] = time.perf_counter() - t0
        got = res[list(ROLES)].to_numpy(np.int64)
        row["two_paths"] = int(res["brokerage_total"].sum())

        t0 = time.perf_counter()
        brokerage_roles(G, "sector", partial_credit=True)
        row["sysmap_partial_s"] = time.perf_counter() - t0

        if permutations and row["arcs"] <= 100_000:
            t0 = time.perf_counter()
            brokerage_roles(G, "sector", n_permutations=permutations, seed=0)
            row[f"sysmap_{permutations}perm_s"] = time.perf_counter() - t0

        if n <= NAIVE_MAX_NODES:
            t0 = time.perf_counter()
            want = naive_counts(G, "sector")
            row["python_loop_s"] = time.perf_counter() - t0
            row["agree_python"] = bool((got == want).all())
            row["speedup_vs_python"] = row["python_loop_s"] / row["sysmap_s"]

        if with_r and shutil.which("Rscript") and n <= R_MAX_NODES:
            want, secs = sna_counts(G, "sector")
            row["r_sna_s"] = secs
            row["agree_sna"] = bool((got == want).all())
            row["speedup_vs_sna"] = secs / row["sysmap_s"]

        t0 = time.perf_counter()
        ei_index(G, "sector", n_permutations=1_000, seed=0)
        row["ei_1000perm_s"] = time.perf_counter() - t0
        rows.append(row)
        print(row, flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--with-r", action="store_true", help="also time R's sna::brokerage")
    parser.add_argument("--out-degree", type=int, default=MEAN_OUT_DEGREE)
    parser.add_argument("--permutations", type=int, default=1_000)
    args = parser.parse_args()
    rows = run(
        tuple(args.sizes),
        out_degree=args.out_degree,
        with_r=args.with_r,
        permutations=args.permutations,
    )
    print(pd.DataFrame(rows).to_string(index=False))


if __name__ == "__main__":
    main()
