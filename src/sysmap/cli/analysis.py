"""``sysmap metrics`` (tables of measures) and ``sysmap map`` (the interactive map)."""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import pandas as pd

from .._outputs import output_file, output_folder
from .._progress import show_progress
from ..exceptions import InputError, ParameterError, SysmapError
from ..export import write_csv
from ..i18n import Msg, message, render
from .console import Console, _write_problems
from .reading import _describe, _inputs, _network, _read_for_analysis

METRICS_FILES = (
    "actors.csv",
    "ties.csv",
    "network.csv",
    "clusters.csv",
    "roles.csv",
    "problems.csv",
)


# ----------------------------------------------------------------------------- metrics
def _cmd_metrics(args: argparse.Namespace, say: Console) -> int:
    from ..metrics.store import MeasureStore
    from ..metrics.tables import actor_metrics, network_metrics, tie_metrics

    inputs = _inputs(args)
    out = output_folder(args.output, inputs, "-o", names=METRICS_FILES)
    data = _read_for_analysis(args, say, written=out / "problems.csv")
    G = _network(args, data)
    if args.group and not any(args.group in d for _, d in G.nodes(data=True)):
        found = sorted({k for _, d in G.nodes(data=True) for k in d})
        raise ParameterError(Msg("cli", "group_unknown", group=args.group, found=found))
    progress = show_progress()  # --progress / --quiet, SYSMAP_PROGRESS, a terminal
    print(_describe(G, say))
    # one store: each measure once, one seed and one size policy (--sample, --exact)
    store = MeasureStore(
        G,
        seed=args.seed,
        sample=args.sample,
        exact=args.exact,
        n_jobs=args.n_jobs,
        progress=progress,
    )
    actors = actor_metrics(G, group=args.group, store=store)
    ties = tie_metrics(G, group=args.group, store=store)
    network = network_metrics(G, group=args.group, store=store)
    written = ["actors.csv", "ties.csv", "network.csv"]
    tables = {}
    if args.clusters:
        from ..cluster.labels import cluster_actors  # scikit-learn: imported only when needed

        clusters = cluster_actors(G, group=args.group, seed=args.seed, store=store)
        clusters = clusters.in_language(say.lang)
        actors = actors.join(clusters.actors)
        network = pd.concat([network, clusters.summary], ignore_index=True)
        tables = {"clusters.csv": clusters.communities, "roles.csv": clusters.roles}
        written += list(tables)
    out.mkdir(parents=True, exist_ok=True)
    write_csv(actors, out / "actors.csv")
    write_csv(ties, out / "ties.csv", index=False)
    write_csv(network, out / "network.csv", index=False)
    for name, table in tables.items():
        write_csv(table, out / name)
    _write_problems(data.report, out / "problems.csv", say.lang)
    for metric, value in network.set_index("metric")["value"].head(9).items():
        label = _metric_label(str(metric), say.lang)
        say.print("metric", metric=label, value=say.number(float(value), 4))
    if args.clusters:
        say.print("clusters", communities=len(clusters.communities), roles=len(clusters.roles))
        for role in clusters.roles.itertuples():
            actors_n = message("common", "actors", say.lang, n=int(role.size))
            say.print("role", role=str(role.description), actors=actors_n)
    say.print("wrote_files", files=say.listing(written), path=str(out))
    return 0


def _metric_label(metric: str, lang: str) -> str:
    """The metric's name from the map legend catalogue (its column name if none)."""
    from ..i18n import catalogue

    key = f"metric_{metric}"
    return message("map", key, lang) if key in catalogue("map", lang) else metric


# ----------------------------------------------------------------------------- map
def _cmd_map(args: argparse.Namespace, say: Console) -> int:
    from ..maps import network_map
    from ..maps.layout import read_layout
    from ..maps.overlays import OVERLAYS

    inputs = _inputs(args)
    suffixes = (".html", ".htm", ".png", ".svg", ".pdf")
    out = output_file(args.output, inputs, "-o", suffixes=suffixes, example="map.html")
    if args.save_layout:
        output_file(args.save_layout, inputs, "--save-layout", example="layout.csv")
        if Path(args.save_layout).resolve() == out.resolve():
            raise ParameterError(Msg("cli", "outputs_clash", path=args.save_layout))
    chosen = {o.strip() for o in args.overlays.split(",") if o.strip()}
    if chosen == {"all"}:
        chosen = set(OVERLAYS)
    elif chosen == {"none"}:
        chosen = set()
    unknown = chosen - set(OVERLAYS)
    if unknown:
        raise ParameterError(
            Msg(
                "cli", "unknown_overlays", unknown=str(sorted(unknown)), choices=str(list(OVERLAYS))
            )
        )
    layout = None
    if args.layout:
        try:
            layout = read_layout(args.layout)
        except (SysmapError, ValueError, UnicodeDecodeError, csv.Error) as exc:
            raise InputError(Msg("cli", "layout_unreadable", path=args.layout)) from exc
    data = _read_for_analysis(args, say, written=None)
    G = _network(args, data)
    overlays: dict[str, object] = {key: key in chosen for key in OVERLAYS}
    if args.brokers is not None and overlays["brokers"]:
        overlays["brokers"] = args.brokers
    if args.key_players is not None and overlays["key_players"]:
        overlays["key_players"] = args.key_players
    m = network_map(
        G,
        color=args.color,
        size=None if args.size == "none" else args.size,
        label=args.label,
        title=args.title,
        layout=layout,
        seed=args.seed,
        filters=args.filter,
        sample=None if args.exact else "auto" if args.sample is None else args.sample,
        aggregate=args.aggregate,
        group=args.group,
        max_actors=args.max_actors,
        renderer=args.renderer,
        lang=say.lang,
        **overlays,
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    m.save(out)
    print(_describe(G, say))
    if m.notice:
        print(render(m.notice, say.lang))
    for key, overlay in m.overlays.items():
        label = message("map", f"overlay_{key}", say.lang)
        say.print("overlay", overlay=label, n=len(overlay.members))
    if args.save_layout:
        m.save_layout(args.save_layout)
        say.print("layout_wrote", path=args.save_layout)
    size = say.number(out.stat().st_size / 1024, 0)
    say.print("map_wrote", path=str(out), size=size)
    return 0
