"""Benchmark: sysmap.maps.network_map against pyvis, and time until the page is interactive.

The graph is a seeded sector network: ``n`` actors in 7 sectors, ``5 n`` ties
(80 % inside sectors), names, a 15 % share of non-respondents, ties with a 1-4
``intensity``. For each size the benchmark times

* ``layout_s``: :func:`sysmap.maps.compute_layout` alone (Fruchterman-Reingold, igraph);
* ``map_s``: the whole default map, ``network_map(G, color="sector")`` (layout,
  degree, sampled betweenness for brokers, key players, bridges, local bridges,
  tooltips) plus rendering the HTML and writing the file;
* ``pyvis_s``: pyvis's own path, ``Network(cdn_resources="in_line")``,
  ``net.from_nx(G.copy())`` and ``net.write_html(...)`` (its ``add_node`` /
  ``add_edge`` calls check every existing edge, so the time grows quadratically),
  run in a scratch folder;
* ``interactive_s``: from ``page.goto`` of the written file in headless Chromium
  (all network requests blocked) until the map's first ``afterDrawing`` event
  (median of ``--repeat`` loads, each in a fresh browser context), with the
  in-page split: JSON parsing and items, vis-network construction, first drawing.

Run: ``python benchmarks/bench_maps.py --sizes 1000 5000 [--no-pyvis] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import tempfile
import time
from pathlib import Path

import networkx as nx
import numpy as np

from sysmap.maps import compute_layout, network_map

SECTORS = ("City", "Schools", "Civil society", "Business", "Foundations", "Health", "Science")
CHROMIUM = "/usr/bin/chromium"


def sector_network(n: int, seed: int = 0) -> nx.Graph:
    """``n`` actors, ``5 n`` ties (80 % within the 7 sectors), seeded."""
    rng = np.random.default_rng(seed)
    sector = rng.integers(0, len(SECTORS), n)
    members = [np.flatnonzero(sector == s) for s in range(len(SECTORS))]
    m = 5 * n
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < m:
        k = m - len(pairs)
        a = rng.integers(0, n, k)
        inside = rng.random(k) < 0.8
        b = rng.integers(0, n, k)
        for i in np.flatnonzero(inside):
            group = members[sector[a[i]]]
            b[i] = group[rng.integers(0, len(group))]
        for u, v in zip(a.tolist(), b.tolist(), strict=True):
            if u != v:
                pairs.add((min(u, v), max(u, v)))
    G = nx.Graph()
    status = np.where(rng.random(n) < 0.15, "did_not_respond", "responded")
    for i in range(n):
        G.add_node(
            f"A{i:05d}",
            name=f"Organisation {i} e.V.",
            sector=SECTORS[sector[i]],
            status=str(status[i]),
        )
    intensity = rng.integers(1, 5, len(pairs))
    G.add_edges_from(
        (f"A{u:05d}", f"A{v:05d}", {"intensity": int(w), "weight": int(w)})
        for (u, v), w in zip(sorted(pairs)[:m], intensity, strict=True)
    )
    return G


def _timed(func):
    start = time.perf_counter()
    out = func()
    return out, time.perf_counter() - start


@contextlib.contextmanager
def _inside(folder: str):
    here = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(here)


def pyvis_time(G: nx.Graph, folder: str) -> float:
    """Seconds for pyvis's from_nx + write_html (in `folder`; G is copied, pyvis mutates it)."""
    from pyvis.network import Network

    with _inside(folder):
        start = time.perf_counter()
        net = Network(cdn_resources="in_line")
        net.from_nx(G.copy())
        net.write_html("pyvis.html")
        return time.perf_counter() - start


def interactive_time(path: Path, repeat: int = 3) -> dict:
    """Median seconds until the first drawing, and the page's own split (ms)."""
    from playwright.sync_api import sync_playwright

    loads, splits = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for _ in range(repeat):
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            context.route(
                "**/*",
                lambda r: (
                    r.continue_()
                    if r.request.url.startswith(("file:", "data:", "about:"))
                    else r.abort()
                ),
            )
            page = context.new_page()
            start = time.perf_counter()
            page.goto(path.as_uri())
            page.locator("html[data-sysmap-ready]").wait_for(timeout=120_000)
            loads.append(time.perf_counter() - start)
            t = page.evaluate("window.sysmapTimes")
            splits.append(
                {
                    "parse_ms": t["items"] - t["start"],
                    "vis_ms": t["network"] - t["items"],
                    "draw_ms": t["drawn"] - t["network"],
                }
            )
            context.close()
        browser.close()
    best = int(np.argsort(loads)[len(loads) // 2])
    return {
        "interactive_s": statistics.median(loads),
        **{k: round(v) for k, v in splits[best].items()},
    }


def run(sizes=(5_000,), *, pyvis: bool = True, browser: bool = True, repeat: int = 3) -> list[dict]:
    """One record per size (see the module docstring for the columns)."""
    records = []
    for n in sizes:
        G = sector_network(n)
        network_map(nx.path_graph(3))  # imports and first-call costs out of the timing
        _, layout_s = _timed(lambda: compute_layout(G, seed=0))
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "map.html"

            def build():
                m = network_map(G, color="sector")
                m.save(path)
                return m

            m, map_s = _timed(build)
            record = {
                "actors": n,
                "ties": G.number_of_edges(),
                "layout_s": round(layout_s, 2),
                "map_s": round(map_s, 2),
                "html_mb": round(path.stat().st_size / 1e6, 2),
                "overlays": ",".join(f"{k}={len(v.members)}" for k, v in m.overlays.items()),
            }
            if pyvis:
                pyvis_s = pyvis_time(G, folder)
                record["pyvis_s"] = round(pyvis_s, 2)
                record["pyvis/sysmap"] = round(pyvis_s / map_s, 1)
            if browser and Path(CHROMIUM).exists():
                record.update(interactive_time(path, repeat))
                record["interactive_s"] = round(record["interactive_s"], 2)
        records.append(record)
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5_000])
    parser.add_argument("--no-pyvis", action="store_true", help="skip the pyvis baseline")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium timing")
    parser.add_argument("--repeat", type=int, default=3, help="page loads per size (median)")
    args = parser.parse_args(argv)
    for record in run(
        tuple(args.sizes), pyvis=not args.no_pyvis, browser=not args.no_browser, repeat=args.repeat
    ):
        print(", ".join(f"{k}={v}" for k, v in record.items()), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
