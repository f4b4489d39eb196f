"""One parameter-validation path: the check helpers, and old names kept with a warning."""

from __future__ import annotations

import warnings

import networkx as nx
import numpy as np
import pytest

from sysmap._validation import check_choice, check_int, check_number, renamed_parameter
from sysmap.cluster import cluster_image
from sysmap.exceptions import ParameterError, SysmapDeprecationWarning, SysmapWarning
from sysmap.metrics import centralization, group_summary, mixing_matrix, network_summary


def test_messages_name_the_parameter_what_is_allowed_and_the_value():
    with pytest.raises(ParameterError, match=r"^top must be an int >= 1; got 0\.$"):
        check_int(0, "top", minimum=1)
    with pytest.raises(ParameterError, match=r"^k must be None or an int in \[1, 5\]; got True\.$"):
        check_int(True, "k", minimum=1, maximum=5, allow_none=True)
    with pytest.raises(ParameterError, match=r"^alpha must be a number in \(0, 1\); got nan\.$"):
        check_number(float("nan"), "alpha", minimum=0, maximum=1, closed="neither")
    with pytest.raises(ParameterError, match=r"^x must be a finite number >= 0; got inf\.$"):
        check_number(float("inf"), "x", minimum=0)
    with pytest.raises(ParameterError, match=r"^method must be one of \['a', 'b'\]; got \[1\]\.$"):
        check_choice([1], "method", {"a": 0, "b": 1})
    assert check_int(np.int64(3), "n") == 3 and type(check_int(np.int64(3), "n")) is int
    assert check_number(1, "x") == 1.0


def test_the_deprecation_warning_is_a_sysmap_warning_shown_to_users():
    # FutureWarning: shown by default (DeprecationWarning is hidden outside __main__)
    assert issubclass(SysmapDeprecationWarning, SysmapWarning)
    assert issubclass(SysmapDeprecationWarning, FutureWarning)


@pytest.fixture
def sectors() -> nx.Graph:
    G = nx.Graph([("a", "b"), ("b", "c"), ("c", "x"), ("x", "y")])
    nx.set_node_attributes(G, {"a": "A", "b": "A", "c": "A", "x": "B", "y": "B"}, "sector")
    return G


def test_normalize_is_the_old_name_of_normalized(sectors):
    calls = [
        (centralization, (sectors,), False),
        (mixing_matrix, (sectors, "sector"), None),
        (cluster_image, (sectors, {"a": 0, "b": 0, "c": 0, "x": 1, "y": 1}), "total"),
    ]
    for func, args, value in calls:
        with pytest.warns(
            SysmapDeprecationWarning, match=r"\(normalize=\.\.\.\) is deprecated.*normalized="
        ):
            old = func(*args, normalize=value)
        new = func(*args, normalized=value)
        assert old == new if isinstance(new, float) else old.equals(new)
        with pytest.raises(ParameterError, match="give normalized= only"):
            func(*args, normalize=value, normalized=value)


def test_network_summary_is_always_a_series(sectors):
    summary = network_summary(sectors)
    assert summary.name == "value" and summary["n_actors"] == 5
    with pytest.warns(SysmapDeprecationWarning, match=r"group_summary\(G, group\)"):
        old = network_summary(sectors, group="sector")
    assert old.equals(group_summary(sectors, "sector"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert group_summary(sectors, "sector")["n_ties"].tolist() == [2.0, 1.0]  # a-b, b-c; x-y


def test_renamed_parameter_keeps_the_signature():
    @renamed_parameter("old", "new")
    def f(*, new: int = 1) -> int:
        """Doc."""
        return new

    assert f.__doc__ == "Doc." and f() == 1
    with pytest.warns(SysmapDeprecationWarning):
        assert f(old=2) == 2
