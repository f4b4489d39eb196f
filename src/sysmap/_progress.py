"""Progress bars: when sysmap shows them, and bars that know their total.

Every function with a ``progress`` parameter, and every long command of the
command line, decides with :func:`show_progress`:

1. ``progress=True`` / ``False`` (``--progress`` / ``--quiet`` on the command
   line) decides;
2. otherwise (``progress=None``, the default) the environment variable
   ``SYSMAP_PROGRESS`` decides: ``1`` (or ``true``, ``yes``, ``on``) shows
   bars, ``0`` (or ``false``, ``no``, ``off``) hides them; set it in a
   notebook (``%env SYSMAP_PROGRESS=1``) or a script's environment;
3. otherwise bars are shown when standard error is a terminal (so an
   interactive shell sees them, and a log file or a pipe does not).

Bars are written to standard error (tqdm's default; in Jupyter, tqdm's
notebook widget). :func:`progress_bar` makes every bar of sysmap, with its
total, so that tqdm shows the share done and the time left.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable

from tqdm.auto import tqdm

__all__ = ["ENVIRONMENT_VARIABLE", "progress_bar", "show_progress"]

#: The environment variable that switches progress bars on (1) or off (0).
ENVIRONMENT_VARIABLE = "SYSMAP_PROGRESS"
_ON = ("1", "true", "yes", "on")
_OFF = ("0", "false", "no", "off")


def show_progress(progress: bool | None = None) -> bool:
    """Whether to show progress bars (see the module docstring for the order).

    Examples
    --------
    >>> show_progress(True), show_progress(False)
    (True, False)
    """
    if progress is not None:
        return bool(progress)
    setting = os.environ.get(ENVIRONMENT_VARIABLE, "").strip().lower()
    if setting in _ON:
        return True
    if setting in _OFF:
        return False
    stream = sys.stderr
    return stream is not None and hasattr(stream, "isatty") and stream.isatty()


def progress_bar(
    iterable: Iterable | None = None,
    *,
    total: float | None = None,
    desc: str | None = None,
    unit: str = "it",
    progress: bool | None = None,
    leave: bool = True,
) -> tqdm:
    """A tqdm bar, shown when :func:`show_progress` says so.

    `total` is the number of steps (taken from `iterable` when it has a
    length). Create a bar once its total is known: a bar without one shows no
    share done and no time left. A bar with nothing to do is not shown.
    """
    if total is None and hasattr(iterable, "__len__"):
        total = len(iterable)  # type: ignore[arg-type]
    return tqdm(
        iterable,
        total=total,
        desc=desc,
        unit=unit,
        leave=leave,
        disable=total == 0 or not show_progress(progress),
    )
