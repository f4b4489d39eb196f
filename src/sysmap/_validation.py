"""Parameter checks shared by the public functions: one path, one message style.

Every check raises :class:`~sysmap.exceptions.ParameterError` with a message of
the form ``"<name> must be <what is allowed>; got <value>."`` (the traceback
names the function), e.g.::

    ParameterError: n_permutations must be an int >= 0; got -1.
    ParameterError: method must be one of ['leiden', 'louvain']; got 'fast'.

Checks return the value in its plain Python type (``int``, ``float``), so a
numpy integer or a float that is an int is accepted where it is meant. The
graph is checked by :func:`sysmap._graph.check_graph`, the seed by
:func:`sysmap._random.check_seed`, group labels by
:func:`sysmap._attributes.group_labels`; :func:`renamed_parameter` keeps an old
parameter name working with a :class:`~sysmap.exceptions.SysmapDeprecationWarning`.
"""

from __future__ import annotations

import functools
import math
import numbers
import warnings
from collections.abc import Callable, Collection
from typing import Any, TypeVar

import numpy as np

from .exceptions import ParameterError, SysmapDeprecationWarning

__all__ = [
    "check_attr_name",
    "check_bool",
    "check_choice",
    "check_int",
    "check_number",
    "parameter_error",
    "renamed_parameter",
]

F = TypeVar("F", bound=Callable[..., Any])


def parameter_error(name: str, allowed: str, value: object) -> ParameterError:
    """The :class:`ParameterError` for `name` = `value`, which must be `allowed`.

    Examples
    --------
    >>> str(parameter_error("k", "an int >= 1", 0))
    'k must be an int >= 1; got 0.'
    """
    return ParameterError(f"{name} must be {allowed}; got {value!r}.")


def _bounds(kind: str, minimum: float | None, maximum: float | None, closed: str) -> str:
    low = "[" if closed in ("both", "left") else "("
    high = "]" if closed in ("both", "right") else ")"
    if minimum is not None and maximum is not None:
        return f"{kind} in {low}{minimum}, {maximum}{high}"
    if minimum is not None:
        return f"{kind} {'>=' if low == '[' else '>'} {minimum}"
    if maximum is not None:
        return f"{kind} {'<=' if high == ']' else '<'} {maximum}"
    return kind


def _within(value: float, minimum: float | None, maximum: float | None, closed: str) -> bool:
    left, right = closed in ("both", "left"), closed in ("both", "right")
    above = minimum is None or (value >= minimum if left else value > minimum)
    below = maximum is None or (value <= maximum if right else value < maximum)
    return above and below


def check_int(
    value: object,
    name: str,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    allow_none: bool = False,
) -> int | None:
    """`value` as an int in ``[minimum, maximum]`` (``None`` passes if `allow_none`).

    Booleans are refused (``True`` is not a count).

    Examples
    --------
    >>> check_int(3, "top", minimum=1)
    3
    >>> check_int(0, "top", minimum=1)
    Traceback (most recent call last):
    ...
    sysmap.exceptions.ParameterError: top must be an int >= 1; got 0.
    """
    if value is None and allow_none:
        return None
    allowed = _bounds("an int", minimum, maximum, "both")
    if allow_none:
        allowed = f"None or {allowed}"
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise parameter_error(name, allowed, value)
    if not _within(int(value), minimum, maximum, "both"):
        raise parameter_error(name, allowed, value)
    return int(value)


def check_number(
    value: object,
    name: str,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    closed: str = "both",
    allow_none: bool = False,
) -> float | None:
    """`value` as a finite float within the bounds (`closed`: "both", "left", "right", "neither").

    NaN and infinity are refused unless a bound is infinite.

    Examples
    --------
    >>> check_number(0.95, "confidence", minimum=0, maximum=1, closed="neither")
    0.95
    >>> check_number(95, "confidence", minimum=0, maximum=1, closed="neither")
    Traceback (most recent call last):
    ...
    sysmap.exceptions.ParameterError: confidence must be a number in (0, 1); got 95.
    """
    if value is None and allow_none:
        return None
    allowed = _bounds("a number", minimum, maximum, closed)
    if allow_none:
        allowed = f"None or {allowed}"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise parameter_error(name, allowed, value)
    number = float(value)
    if math.isnan(number) or not _within(number, minimum, maximum, closed):
        raise parameter_error(name, allowed, value)
    if math.isinf(number) and not (minimum == -math.inf or maximum == math.inf):
        raise parameter_error(name, f"a finite {allowed.removeprefix('a ')}", value)
    return number


def check_choice(value: object, name: str, choices: Collection[object]) -> Any:
    """`value` if it is one of `choices`.

    Examples
    --------
    >>> check_choice("max", "reciprocal", ("max", "min", "mean"))
    'max'
    """
    try:
        ok = value in choices
    except TypeError:  # unhashable value tested against a set
        ok = False
    if not ok:
        raise parameter_error(name, f"one of {list(choices)}", value)
    return value


def check_bool(value: object, name: str) -> bool:
    """`value` if it is a bool (numpy's included)."""
    if not isinstance(value, (bool, np.bool_)):
        raise parameter_error(name, "True or False", value)
    return bool(value)


def check_attr_name(value: object, name: str, *, allow_none: bool = False) -> str | None:
    """`value` if it is the name of a node or tie attribute (a str)."""
    if value is None and allow_none:
        return None
    if not isinstance(value, str):
        allowed = "the name of an attribute (a str)" + (" or None" if allow_none else "")
        raise parameter_error(name, allowed, value)
    return value


def renamed_parameter(old: str, new: str) -> Callable[[F], F]:
    """Keep the keyword `old` of the decorated function working as `new`, with a warning.

    A call with ``old=value`` warns with
    :class:`~sysmap.exceptions.SysmapDeprecationWarning` (a
    :class:`FutureWarning`, shown to users by default) and passes the value
    on as ``new=value``; giving both is an error.

    Examples
    --------
    >>> @renamed_parameter("normalize", "normalized")
    ... def f(*, normalized=True):
    ...     return normalized
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     f(normalize=False)
    False
    """

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if old in kwargs:
                if new in kwargs:
                    msg = f"give {new}= only ({old}= is its old name); got both."
                    raise ParameterError(msg)
                warnings.warn(
                    f"{func.__name__}({old}=...) is deprecated and will be removed; "
                    f"use {new}=... instead.",
                    SysmapDeprecationWarning,
                    stacklevel=2,
                )
                kwargs[new] = kwargs.pop(old)
            return func(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate
