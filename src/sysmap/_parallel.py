"""Independent chunks of work run in parallel through joblib: on one machine or a Dask cluster.

:func:`run_chunks` is the one place that hands chunks to joblib: the permutation
and bootstrap chunks of :mod:`sysmap.compare`, and the source chunks of the
search-based measures (betweenness, distance fragmentation and its impact, see
:func:`sysmap._graph.igraph_map`) whenever the caller chose a joblib backend.
Every chunk carries its own inputs (its sources, its seed), and callers combine
the results in chunk order, so the same seed gives the same numbers on any
backend and any number of workers.

The backend is the caller's:

- ``n_jobs`` processes on this machine (joblib's loky backend; ``-1``: all CPUs);
- any backend chosen with ``joblib.parallel_config(backend=...)`` (or
  ``joblib.parallel_backend``), e.g. ``"threading"`` or ``"dask"``;
- a Dask cluster: while a ``dask.distributed.Client`` is the default client
  (created in this session, not closed), the chunks go to its workers, as
  inside ``joblib.parallel_config(backend="dask")``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from typing import Any

from ._progress import progress_bar

__all__ = ["external_backend", "run_chunks"]


def _dask_client() -> Any:
    """The default ``dask.distributed`` client of this session, or None."""
    distributed = sys.modules.get("distributed")  # never imported here: only if in use
    if distributed is None:
        return None
    try:
        return distributed.default_client()
    except ValueError:  # no client
        return None


def external_backend() -> str | None:
    """The joblib backend the caller chose, if not joblib's default one.

    ``"dask"`` while a ``dask.distributed.Client`` is the default client or
    inside ``parallel_config(backend="dask")``; the backend's name inside
    another ``parallel_config`` than loky's; else None.
    """
    from joblib.parallel import get_active_backend

    backend, _ = get_active_backend()
    name = type(backend).__name__.removesuffix("Backend").lower()
    if name not in ("loky", "sequential"):
        return "dask" if name == "daskdistributed" else name
    return "dask" if _dask_client() is not None else None


def run_chunks(
    func: Callable[..., Any],
    chunks: Iterable[tuple],
    *,
    n_jobs: int | None,
    progress: bool | None,
    desc: str | None,
    total: int | None = None,
) -> list[Any]:
    """``func(*args)`` for every ``args`` of `chunks`, through joblib, in chunk order.

    Parameters
    ----------
    func : callable
        A module-level function (workers import it by name).
    chunks : iterable of tuple
        The arguments of each call.
    n_jobs : int or None
        joblib's ``n_jobs`` (``None``: the active backend's default, one
        process on the default backend, every worker of a Dask cluster).
    progress : bool or None
        Show a progress bar (:func:`~sysmap._progress.progress_bar`).
    desc : str or None
        The bar's label.
    total : int, optional
        Number of chunks, for the bar (default: ``len(chunks)`` if it has one).

    Returns
    -------
    list
        The results in the order of `chunks`, whatever ran them.
    """
    from joblib import Parallel, delayed, parallel_config

    chunks = list(chunks)
    on_client = external_backend() == "dask" and _dask_client() is not None
    backend = parallel_config(backend="dask") if on_client else nullcontext()
    results = []
    bar = progress_bar(total=total or len(chunks), desc=desc, unit="chunk", progress=progress)
    with bar, backend:
        tasks = (delayed(func)(*args) for args in chunks)
        for result in Parallel(n_jobs=n_jobs, return_as="generator")(tasks):
            results.append(result)
            bar.update()
    return results
