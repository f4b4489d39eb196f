"""One way to turn ``seed`` into a random number generator.

Every function and estimator of sysmap that draws random numbers takes
``seed`` and passes it through :func:`check_seed`; this is the one place that
says what a seed may be:

``None``
    Fresh entropy from the operating system (results differ from run to run).
an int (>= 0)
    ``numpy.random.default_rng(seed)``: the same int gives the same result.
a :class:`numpy.random.Generator`
    Used as it is; the generator advances, so one generator can drive
    several calls (each call then gives different, still reproducible, draws).
a :class:`numpy.random.RandomState`
    The legacy generator (scikit-learn's and networkx's ``random_state``). Its
    Mersenne Twister is used through a :class:`~numpy.random.Generator`, so
    the RandomState advances as a Generator would. ``RandomState(s)`` gives the
    same result as ``numpy.random.Generator(numpy.random.MT19937())`` set to the
    state of ``RandomState(s)`` (see the example), *not* the same result as the
    int ``s``: ``numpy.random.default_rng(s)`` is a different generator (PCG64)
    and so draws different numbers. The same RandomState seed still gives the
    same result every time.
"""

from __future__ import annotations

import numbers

import numpy as np

from ._validation import parameter_error

__all__ = ["Seed", "check_seed", "seed_int", "sklearn_random_state"]

#: What ``seed`` may be (see the module docstring).
Seed = None | int | np.random.Generator | np.random.RandomState


def check_seed(seed: Seed) -> np.random.Generator:
    """Return a :class:`numpy.random.Generator` for `seed`.

    Parameters
    ----------
    seed : None, int, numpy.random.Generator or numpy.random.RandomState
        ``None`` gives fresh entropy; an int ``>= 0`` a reproducible generator;
        a generator is returned unchanged (so callers can share one stream); a
        RandomState's Mersenne Twister is wrapped in a generator (the
        RandomState advances with it). See :mod:`sysmap._random`.

    Raises
    ------
    sysmap.exceptions.ParameterError
        If `seed` is anything else (for example a float, a bool or a negative int).

    Examples
    --------
    >>> int(check_seed(0).integers(10)) == int(check_seed(0).integers(10))
    True

    A RandomState draws what a Generator over the same Mersenne Twister state draws:

    >>> state = np.random.RandomState(3).get_state(legacy=False)
    >>> twister = np.random.MT19937()
    >>> twister.state = state
    >>> same = np.random.Generator(twister)
    >>> bool((check_seed(np.random.RandomState(3)).random(4) == same.random(4)).all())
    True
    """
    if seed is None:
        return np.random.default_rng()
    if isinstance(seed, numbers.Integral) and not isinstance(seed, bool) and seed >= 0:
        return np.random.default_rng(int(seed))
    if isinstance(seed, np.random.Generator):
        return seed
    if isinstance(seed, np.random.RandomState):
        return np.random.Generator(seed._bit_generator)
    allowed = "None, an int >= 0, a numpy.random.Generator or a numpy.random.RandomState"
    raise parameter_error("seed", allowed, seed)


def seed_int(seed: Seed) -> int:
    """An int seed for code that takes one: an int unchanged, else one draw from `seed`.

    Used where a seed is handed on as an int (to a helper run once per
    alternative network, or stored in a result), so that an int seed stays
    visible as itself.

    Examples
    --------
    >>> seed_int(7), 0 <= seed_int(None) < 2**31 - 1
    (7, True)
    """
    rng = check_seed(seed)  # validates
    if isinstance(seed, numbers.Integral):
        return int(seed)
    return int(rng.integers(2**31 - 1))


def sklearn_random_state(seed: Seed) -> int:
    """Draw the int that is passed to scikit-learn as ``random_state``."""
    return int(check_seed(seed).integers(2**31 - 1))
