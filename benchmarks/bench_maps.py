"""Benchmark: sysmap.maps.network_map against pyvis, time until the page is interactive,
and frame times of the two renderers (vis-network and WebGL).

The graph is a seeded sector network: ``n`` actors in 7 sectors, ``5 n`` ties
(80 % inside sectors), names, a 15 % share of non-respondents, ties with a 1-4
``intensity``. For each size the benchmark times

* ``layout_s``: :func:`sysmap.maps.compute_layout` alone (Fruchterman-Reingold, igraph);
* ``map_s``: the whole default map, ``network_map(G, color="sector")`` (layout,
  degree, sampled betweenness for brokers, key players, bridges, local bridges,
  tooltips) plus rendering the HTML and writing the file; ``renderer`` is the
  renderer ``renderer="auto"`` chose (WebGL above 3,000 actors or 15,000 ties);
* ``pyvis_s``: pyvis's own path, ``Network(cdn_resources="in_line")``,
  ``net.from_nx(G.copy())`` and ``net.write_html(...)`` (its ``add_node`` /
  ``add_edge`` calls check every existing edge, so the time grows quadratically:
  skipped above 10,000 actors), run in a scratch folder;
* ``interactive_s``: from ``page.goto`` of the written file in headless Chromium
  (all network requests blocked) until the page marks itself ready (vis-network:
  its first ``afterDrawing`` event; WebGL: the first frame on screen), median of
  ``--repeat`` loads, each in a fresh browser context, with the in-page split
  (vis: JSON and items, vis-network construction, first drawing; WebGL: JSON,
  graphology graph, sigma.js set-up, first frame) and ``browser_cpu_s``, the CPU
  time of all Chromium processes during that load (it does not grow when other
  jobs keep the machine busy, unlike the wall time).

``--frames`` measures instead, for each size and both renderers, how long one
frame takes once the page is open (a small zoom step, until the frame is on
screen; median of 6, and the browser's CPU time per frame): the figure behind
``renderer="auto"``'s thresholds (vis-network passes 0.1 s per frame near
3,000 actors and 15,000 ties).

Run: ``python benchmarks/bench_maps.py --sizes 1000 5000 50000 [--no-pyvis] [--repeat 3]``
or ``python benchmarks/bench_maps.py --frames --sizes 1000 2000 3000 5000 10000``.
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
#: pyvis's quadratic ``add_edge`` takes hours above this.
PYVIS_MAX = 10_000


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


def _cpu_seconds(ancestor: int) -> float:
    """CPU time (user + system) of every running process below `ancestor` (Linux)."""
    tick = os.sysconf("SC_CLK_TCK")
    parent, used = {}, {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        parent[int(pid)] = int(fields[1])
        used[int(pid)] = (int(fields[11]) + int(fields[12])) / tick

    def below(pid: int) -> bool:
        while pid in parent and pid != ancestor:
            pid = parent[pid]
        return pid == ancestor

    return sum(t for pid, t in used.items() if pid != ancestor and below(pid))


def _context(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.route(
        "**/*",
        lambda r: (
            r.continue_() if r.request.url.startswith(("file:", "data:", "about:")) else r.abort()
        ),
    )
    return context


def _split(times: dict) -> dict:
    """The page's own split of the load (ms), per renderer."""
    if "graph" in times:  # WebGL page
        return {
            "parse_ms": times["parsed"] - times["start"],
            "graph_ms": times["graph"] - times["parsed"],
            "sigma_ms": times["network"] - times["graph"],
            "draw_ms": times["drawn"] - times["script"],
        }
    return {
        "parse_ms": times["items"] - times["start"],
        "vis_ms": times["network"] - times["items"],
        "draw_ms": times["drawn"] - times["network"],
    }


def interactive_time(path: Path, repeat: int = 3) -> dict:
    """Median seconds until the page is ready, its own split (ms) and the browser's CPU time."""
    from playwright.sync_api import sync_playwright

    loads, splits, cpu = [], [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for _ in range(repeat):
            context = _context(browser)
            page = context.new_page()
            page.goto("about:blank")
            cpu0 = _cpu_seconds(os.getpid())
            start = time.perf_counter()
            page.goto(path.as_uri(), timeout=300_000)
            page.locator("html[data-sysmap-ready]").wait_for(timeout=300_000)
            loads.append(time.perf_counter() - start)
            cpu.append(_cpu_seconds(os.getpid()) - cpu0)
            splits.append(_split(page.evaluate("window.sysmapTimes")))
            context.close()
        browser.close()
    best = int(np.argsort(loads)[len(loads) // 2])
    return {
        "interactive_s": round(statistics.median(loads), 2),
        "browser_cpu_s": round(cpu[best], 1),
        **{k: round(v) for k, v in splits[best].items()},
    }


# One frame after a small zoom step, until it is on screen (ms), six times.
_FRAMES = {
    "vis": """() => new Promise(resolve => {
      const net = window.sysmap.network; const out = []; let k = 0;
      function step() {
        const t0 = performance.now();
        net.once('afterDrawing', () => requestAnimationFrame(() => {
          out.push(performance.now() - t0); k++; if (k < 6) setTimeout(step, 50); else resolve(out);
        }));
        net.moveTo({scale: net.getScale() * (k % 2 ? 1.02 : 0.98), animation: false});
      }
      step(); })""",
    "webgl": """() => new Promise(resolve => {
      const r = window.sysmap.renderer; const camera = r.getCamera(); const out = []; let k = 0;
      function step() {
        const t0 = performance.now();
        camera.setState({ratio: camera.getState().ratio * (k % 2 ? 1.02 : 0.98)});
        r.render();
        requestAnimationFrame(() => requestAnimationFrame(() => {
          out.push(performance.now() - t0); k++; if (k < 6) setTimeout(step, 50); else resolve(out);
        }));
      }
      step(); })""",
}


def frame_times(sizes=(1_000, 2_000, 3_000, 5_000, 10_000)) -> list[dict]:
    """Median frame time (ms) of both renderers per size (key players off: not timed here)."""
    from playwright.sync_api import sync_playwright

    records = []
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for n in sizes:
            G = sector_network(n)
            layout = compute_layout(G, seed=0)
            record = {"actors": n, "ties": G.number_of_edges()}
            for renderer in ("vis", "webgl"):
                m = network_map(
                    G, color="sector", layout=layout, key_players=False, renderer=renderer
                )
                path = m.save(Path(folder) / f"{renderer}{n}.html")
                context = _context(browser)
                page = context.new_page()
                page.goto(path.as_uri(), timeout=300_000)
                page.locator("html[data-sysmap-ready]").wait_for(timeout=300_000)
                cpu0 = _cpu_seconds(os.getpid())
                frames = page.evaluate(_FRAMES[renderer])
                cpu = (_cpu_seconds(os.getpid()) - cpu0) / len(frames)
                record[f"{renderer}_frame_ms"] = round(statistics.median(frames))
                record[f"{renderer}_frame_cpu_ms"] = round(1000 * cpu)
                context.close()
            records.append(record)
        browser.close()
    return records


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
                "renderer": m.renderer,
                "layout_s": round(layout_s, 2),
                "map_s": round(map_s, 2),
                "html_mb": round(path.stat().st_size / 1e6, 2),
                "overlays": ",".join(f"{k}={len(v.members)}" for k, v in m.overlays.items()),
            }
            if pyvis and n <= PYVIS_MAX:
                pyvis_s = pyvis_time(G, folder)
                record["pyvis_s"] = round(pyvis_s, 2)
                record["pyvis/sysmap"] = round(pyvis_s / map_s, 1)
            if browser and Path(CHROMIUM).exists():
                record.update(interactive_time(path, repeat))
        records.append(record)
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5_000])
    parser.add_argument("--no-pyvis", action="store_true", help="skip the pyvis baseline")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium timing")
    parser.add_argument("--repeat", type=int, default=3, help="page loads per size (median)")
    parser.add_argument(
        "--frames", action="store_true", help="frame times of both renderers instead"
    )
    args = parser.parse_args(argv)
    if args.frames:
        records = frame_times(tuple(args.sizes))
    else:
        records = run(
            tuple(args.sizes),
            pyvis=not args.no_pyvis,
            browser=not args.no_browser,
            repeat=args.repeat,
        )
    for record in records:
        print(", ".join(f"{k}={v}" for k, v in record.items()), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
