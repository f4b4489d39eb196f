"""The ``sysmap`` command line: thin commands over the library.

Commands import the analysis they need when they run, so that ``sysmap --help``
and ``sysmap validate`` start fast.

Each command takes a TIES file in any supported format (detected from the
extension and columns; ``--format`` overrides) and an optional member list
(``--actors``). Every line the command line prints comes from the ``cli``
message catalogue, in the language of ``--lang`` (default: the environment
variable ``SYSMAP_LANG``, else English). Problems in the input are grouped by
kind and column; the full list goes to ``problems.csv``. A user mistake
prints one message with the fix, never a traceback (``--debug`` shows it).

Exit codes: 0 success; 1 the input has errors or cannot be read; 2 a usage
error (an option or an output path); 3 an unexpected internal error.

The package: :mod:`~sysmap.cli.main` (:func:`main`, failures as messages),
:mod:`~sysmap.cli.parser` (:func:`build_parser`), :mod:`~sysmap.cli.console`
(messages, problems), :mod:`~sysmap.cli.reading` (the input of a command) and one
module per group of commands: :mod:`~sysmap.cli.validate`,
:mod:`~sysmap.cli.analysis` (metrics, map), :mod:`~sysmap.cli.reports` (report,
profiles, compare), :mod:`~sysmap.cli.start` (survey, demo, app).
"""

from .main import main
from .parser import build_parser

__all__ = ["build_parser", "main"]
