"""One way to turn ``seed`` into a random number generator."""

from __future__ import annotations

import numbers

import numpy as np

from .exceptions import ParameterError

__all__ = ["check_seed", "sklearn_random_state"]


def check_seed(seed: None | int | np.random.Generator) -> np.random.Generator:
    """Return a :class:`numpy.random.Generator` for `seed`.

    Parameters
    ----------
    seed : None, int or numpy.random.Generator
        ``None`` gives fresh entropy; an int gives a reproducible generator; a
        generator is returned unchanged (so callers can share one stream).

    Raises
    ------
    ParameterError
        If `seed` is anything else (for example a float or the legacy
        :class:`numpy.random.RandomState`).

    Examples
    --------
    >>> int(check_seed(0).integers(10)) == int(check_seed(0).integers(10))
    True
    """
    if seed is None or isinstance(seed, numbers.Integral) and not isinstance(seed, bool):
        return np.random.default_rng(seed)
    if isinstance(seed, np.random.Generator):
        return seed
    msg = f"seed must be None, an int or a numpy.random.Generator; got {seed!r}."
    raise ParameterError(msg)


def sklearn_random_state(seed: None | int | np.random.Generator) -> int:
    """Draw the int that is passed to scikit-learn as ``random_state``."""
    return int(check_seed(seed).integers(2**31 - 1))
