"""The exceptions and warnings sysmap raises.

Every error sysmap raises derives from :class:`SysmapError`; every warning from
:class:`SysmapWarning`. Errors also derive from the matching built-in class, so
``except ValueError`` keeps working::

    SysmapError(Exception)
    ├── InputError(SysmapError, ValueError)         bad files or tables
    │   ├── SchemaError                             missing columns, empty or unreadable file
    │   ├── RowError (.source .row .column .value)  one bad cell
    │   ├── DuplicateActorError                     two actors share an id, name or alias
    │   ├── UnknownActorError                       a tie names an actor not in the roster
    │   └── MissingAttributeError                   an actor lacks a needed attribute
    ├── ParameterError(SysmapError, ValueError, TypeError)
    ├── GraphTypeError(SysmapError, TypeError)      e.g. undirected graph where directed needed
    ├── NotFittedError(SysmapError, AttributeError)
    └── OptionalDependencyError(SysmapError, ImportError)
    SysmapWarning(UserWarning)
    ├── DataQualityWarning                          problems that still allow analysis
    ├── ConvergenceWarning
    └── SysmapDeprecationWarning(SysmapWarning, FutureWarning)   an old name still works
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "ConvergenceWarning",
    "DataQualityWarning",
    "DuplicateActorError",
    "GraphTypeError",
    "InputError",
    "MissingAttributeError",
    "NotFittedError",
    "OptionalDependencyError",
    "ParameterError",
    "RowError",
    "SchemaError",
    "SysmapDeprecationWarning",
    "SysmapError",
    "SysmapWarning",
    "UnknownActorError",
]


class SysmapError(Exception):
    """Base class of every error raised by sysmap."""


class InputError(SysmapError, ValueError):
    """Input data cannot be used as given.

    Attributes
    ----------
    report : sysmap.IngestReport or None
        When raised by a reader, the full ingest report: ``report.problems``
        lists every problem found in the file, not only the first.
    """

    def __init__(self, message: str, *, report: Any = None) -> None:
        super().__init__(message)
        self.report = report


class SchemaError(InputError):
    """A table lacks a required column, is empty, or cannot be decoded."""


class RowError(InputError):
    """One cell of an input table is invalid.

    Attributes
    ----------
    source : str
        File name (or table name) the row came from.
    row : int
        Row number as shown in a spreadsheet (the header is row 1).
    column : str
        Column name.
    value : object
        The offending value.
    """

    def __init__(
        self, message: str, *, source: str, row: int, column: str, value: Any, report: Any = None
    ) -> None:
        super().__init__(message, report=report)
        self.source = source
        self.row = row
        self.column = column
        self.value = value


class DuplicateActorError(InputError):
    """Two roster entries share an id, or one name or alias points to two actors.

    Attributes
    ----------
    problems : list
        One message per clash (:class:`sysmap.i18n.Msg`, renderable in German).
    """

    def __init__(self, message: str, *, problems: list | None = None, report: Any = None) -> None:
        super().__init__(message, report=report)
        self.problems = list(problems or [message])


class UnknownActorError(InputError):
    """A tie names an actor that is not in the roster (with ``unknown="error"``)."""


class MissingAttributeError(InputError):
    """An actor lacks a node attribute that a measure needs."""


class ParameterError(SysmapError, ValueError, TypeError):
    """A function or estimator was called with an invalid parameter value."""


class GraphTypeError(SysmapError, TypeError):
    """The graph is of the wrong kind (directed/undirected, multigraph, ...)."""


class NotFittedError(SysmapError, AttributeError):
    """An estimator was used before ``fit`` was called."""


class OptionalDependencyError(SysmapError, ImportError):
    """An optional dependency is needed but not installed."""


class SysmapWarning(UserWarning):
    """Base class of every warning issued by sysmap."""


class DataQualityWarning(SysmapWarning):
    """The data has problems that still allow analysis (repaired, merged or dropped rows)."""


class ConvergenceWarning(SysmapWarning):
    """An iterative algorithm stopped before it converged."""


class SysmapDeprecationWarning(SysmapWarning, FutureWarning):
    """An old parameter name or call form still works but will be removed.

    A :class:`FutureWarning` (shown by default, as pandas and scikit-learn do
    for deprecations aimed at users); the message names the replacement.
    """
