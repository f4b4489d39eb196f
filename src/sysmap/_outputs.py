"""Input and output paths checked before any work starts.

The command line (and any other front end) calls these before reading data
or starting an analysis, so that a mistyped path fails in a second with a
clear message instead of a traceback after minutes of work, and so that
sysmap never writes over a file it reads: an output path equal to an input,
an output folder that holds an input under a name sysmap writes, and an
output that is a (symbolic or hard) link to an input are all refused.

Every message is a :class:`~sysmap.i18n.Msg` of the ``cli`` catalogue.
Missing or unusable inputs raise :class:`~sysmap.exceptions.SchemaError`
(the input cannot be read); unusable outputs raise
:class:`~sysmap.exceptions.ParameterError` (choose another path).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from .exceptions import ParameterError, SchemaError
from .i18n import Msg

__all__ = ["input_file", "output_file", "output_folder"]


def input_file(path: str | os.PathLike[str], option: str) -> Path:
    """`path` if it is a readable file; else a :class:`SchemaError` naming `option`.

    Parameters
    ----------
    path : path
        The file given on the command line.
    option : str
        How the user gave it (``"TIES"``, ``"--actors"``), for the message.
    """
    p = Path(path)
    if p.is_dir():
        raise SchemaError(Msg("cli", "input_is_folder", option=option, path=str(p)))
    if not p.exists():
        raise SchemaError(Msg("cli", "input_missing", option=option, path=str(p)))
    if not os.access(p, os.R_OK):
        raise SchemaError(Msg("cli", "input_unreadable", option=option, path=str(p)))
    return p


def output_file(
    path: str | os.PathLike[str],
    inputs: Iterable[Path],
    option: str,
    *,
    suffixes: Sequence[str] | None = None,
    example: str = "report.html",
) -> Path:
    """Check that `path` can be written as a file without touching an input.

    Parameters
    ----------
    path : path
        The output file.
    inputs : iterable of Path
        Every file the command reads.
    option : str
        The option that named `path` (``"-o"``, ``"--save-layout"``).
    suffixes : sequence of str, optional
        Allowed file extensions (lower case, with the dot).
    example : str, default="report.html"
        A file name to suggest when `path` is a folder.

    Returns
    -------
    Path

    Raises
    ------
    ParameterError
        If `path` is a folder, has another extension, is an input file (or a
        link to one), or cannot be created.
    """
    p = Path(path)
    if p.is_dir():
        raise ParameterError(
            Msg("cli", "output_is_folder", option=option, path=str(p), example=str(p / example))
        )
    if suffixes and p.suffix.lower() not in suffixes:
        raise ParameterError(
            Msg("cli", "output_suffix", option=option, path=str(p), suffixes=list(suffixes))
        )
    _not_an_input(p, inputs, option)
    _writable(p, option)
    return p


def output_folder(
    path: str | os.PathLike[str],
    inputs: Iterable[Path],
    option: str,
    *,
    names: Iterable[str] | None = None,
) -> Path:
    """Check that `path` can be used as an output folder without touching an input.

    Parameters
    ----------
    path : path
        The folder (created later if it does not exist).
    inputs : iterable of Path
        Every file the command reads.
    option : str
        The option that named `path`.
    names : iterable of str, optional
        The file names the command writes into the folder; default: any
        name (an input anywhere in the folder is refused, e.g. in the
        tables folder a report owns).

    Raises
    ------
    ParameterError
        If `path` is a file, cannot be created, or one of `names` in it is an
        input file (or a link to one).
    """
    p = Path(path)
    if p.exists() and not p.is_dir():
        raise ParameterError(Msg("cli", "output_is_file", option=option, path=str(p)))
    inputs = list(inputs)
    if names is None:
        inside = [i for i in inputs if _within(i, p)]
        if inside:
            raise ParameterError(
                Msg("cli", "output_holds_input", option=option, path=str(p), input=str(inside[0]))
            )
    else:
        for name in names:
            _not_an_input(p / name, inputs, option)
    _writable(p, option, folder=True)
    return p


def _same(a: Path, b: Path) -> bool:
    """Whether writing `a` would write `b` (same path after links, or the same file)."""
    if a.resolve() == b.resolve():
        return True
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _within(file: Path, folder: Path) -> bool:
    try:
        file.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _not_an_input(p: Path, inputs: Iterable[Path], option: str) -> None:
    for source in inputs:
        if _same(p, source):
            key = "output_links_to_input" if p.is_symlink() else "output_is_input"
            raise ParameterError(Msg("cli", key, option=option, path=str(p), input=str(source)))


def _writable(p: Path, option: str, *, folder: bool = False) -> None:
    """Raise unless `p` (a file, or with `folder` a folder) can be written."""
    if p.exists():
        if not os.access(p, os.W_OK | (os.X_OK if folder else 0)):
            raise ParameterError(Msg("cli", "output_denied", option=option, path=str(p)))
        return
    parent = p.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise ParameterError(
            Msg("cli", "output_under_file", option=option, path=str(p), file=str(parent))
        )
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ParameterError(Msg("cli", "output_denied", option=option, path=str(parent)))
