"""Run the command line: :func:`main`, every failure shown as one message."""

from __future__ import annotations

import csv
import errno
import sys
import traceback
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import pandas as pd

from ..exceptions import DataQualityWarning, InputError, SysmapError, SysmapWarning
from ..i18n import Msg
from .console import Console, _default_lang, _lang_in, _Parser, _show_input_error
from .parser import _progress_setting, build_parser
from .reading import _check_numbers

__all__ = ["main"]


# ----------------------------------------------------------------------------- main
def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``sysmap`` command line; returns the exit code.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 success; 1 the input has errors or cannot be read; 2 a usage error
        (an option, an output path); 3 an unexpected internal error.
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    _Parser.lang = _lang_in(argv)
    args = build_parser(_Parser.lang).parse_args(argv)
    say = Console(args.lang or _default_lang(), strict=getattr(args, "strict", False))
    with _warnings_shown(say, debug=args.debug), _progress_setting(args):
        try:
            _check_numbers(args)
            return int(args.func(args, say) or 0)
        except KeyboardInterrupt:
            print(file=sys.stderr)
            say.error(Msg("cli", "interrupted"))
            return 130
        except Exception as exc:  # every failure becomes one message (--debug: traceback)
            if args.debug:
                traceback.print_exc()
            return _report_failure(exc, say)


def _report_failure(exc: BaseException, say: Console) -> int:
    """Print `exc` for a person; return the exit code."""
    if isinstance(exc, InputError):
        _show_input_error(exc, say)
        return 1
    if isinstance(exc, SysmapError):
        say.error(exc.args[0] if exc.args else exc)
        return 2
    if isinstance(exc, OSError):
        say.error(_os_message(exc))
        return 1
    if isinstance(exc, (UnicodeError, csv.Error, pd.errors.ParserError, pd.errors.EmptyDataError)):
        say.error(Msg("cli", "unreadable_table", detail=_short(exc)))
        return 1
    say.error(Msg("cli", "internal_error", kind=type(exc).__name__, detail=_short(exc)))
    return 3


def _short(exc: BaseException) -> str:
    from .._text import shorten

    return shorten(" ".join(str(exc).split()), 200)


def _os_message(exc: OSError) -> Msg:
    reasons = {
        errno.ENOENT: "reason_missing",
        errno.EACCES: "reason_denied",
        errno.EPERM: "reason_denied",
        errno.EISDIR: "reason_folder",
        errno.ENOTDIR: "reason_not_folder",
        errno.ENOSPC: "reason_full",
        errno.EROFS: "reason_read_only",
    }
    key = reasons.get(exc.errno or 0)
    reason = (
        Msg("cli", key) if key else Msg("cli", "reason_other", detail=exc.strerror or _short(exc))
    )
    path = exc.filename if exc.filename is not None else "?"
    return Msg("cli", "os_error", path=str(path), reason=reason)


@contextmanager
def _warnings_shown(say: Console, *, debug: bool) -> Iterator[None]:
    """Collect the warnings of a command. Data-quality warnings are left out
    (the grouped problems show them); other sysmap warnings with a catalogue
    message are printed in the user's language; everything else only with --debug."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield
        finally:
            for warning in caught:
                text = warning.message.args[0] if warning.message.args else ""
                if debug:
                    print(warnings.formatwarning(
                        warning.message, warning.category, warning.filename, warning.lineno
                    ).rstrip(), file=sys.stderr)  # fmt: skip
                elif (
                    issubclass(warning.category, SysmapWarning)
                    and not issubclass(warning.category, DataQualityWarning)
                    and isinstance(text, Msg)
                ):
                    say.print("warning", text=text.render(say.lang))
