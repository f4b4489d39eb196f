"""Every public name is exported on purpose (httpx's check)."""

from __future__ import annotations

import inspect

import sysmap


def test_all_is_sorted_and_complete():
    for name in sysmap.__all__:  # load the lazily imported names
        getattr(sysmap, name)
    public = {
        name
        for name, value in vars(sysmap).items()
        if not name.startswith("_") and not inspect.ismodule(value)
    }
    assert sysmap.__all__ == sorted(sysmap.__all__)
    # sysmap.map is network_map under a short name, deliberately not star-exported
    # (it would hide the builtin map)
    assert sysmap.map is sysmap.network_map and "map" not in sysmap.__all__
    public.discard("map")
    public.discard("_LAZY")
    assert set(sysmap.__all__) == public | {"__version__", "datasets", "exceptions"}


def test_exception_tree():
    assert issubclass(sysmap.RowError, sysmap.InputError)
    assert issubclass(sysmap.InputError, ValueError)
    assert issubclass(sysmap.ParameterError, TypeError)
    assert issubclass(sysmap.DataQualityWarning, UserWarning)
