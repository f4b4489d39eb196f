"""Tests for sysmap.maps.palette: published colours, stable assignment, viridis scale."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sysmap.exceptions import ParameterError
from sysmap.maps.palette import (
    CATEGORICAL,
    MISSING_COLOR,
    OKABE_ITO,
    TOL_MUTED,
    VIRIDIS,
    category_colors,
    check_color,
    is_missing,
    sequential_colors,
)


@pytest.mark.published("Okabe & Ito (2008), Color Universal Design, RGB table")
def test_okabe_ito_colours_are_the_published_ones():
    # orange (230,159,0), sky blue (86,180,233), bluish green (0,158,115),
    # yellow (240,228,66), blue (0,114,178), vermilion (213,94,0), reddish purple (204,121,167)
    rgb = [
        (230, 159, 0),
        (86, 180, 233),
        (0, 158, 115),
        (240, 228, 66),
        (0, 114, 178),
        (213, 94, 0),
        (204, 121, 167),
    ]
    assert list(OKABE_ITO) == [f"#{r:02X}{g:02X}{b:02X}" for r, g, b in rgb]


@pytest.mark.published("Tol (2021), SRON/EPS/TN/09-002 issue 3.2, fig. 4 (muted scheme)")
def test_tol_muted_colours_are_the_published_ones():
    assert TOL_MUTED[:4] == ("#CC6677", "#332288", "#DDCC77", "#117733")
    assert len(set(CATEGORICAL)) == len(CATEGORICAL) == 24
    assert MISSING_COLOR not in CATEGORICAL


def test_colours_follow_sorted_category_order_whatever_the_input_order():
    one = category_colors(["Schools", "City", "Health", "Schools"])
    two = category_colors(["Health", "City", "Schools"])
    assert one == two == {"City": OKABE_ITO[0], "Health": OKABE_ITO[1], "Schools": OKABE_ITO[2]}
    assert list(one) == ["City", "Health", "Schools"]


def test_missing_values_are_not_categories():
    colours = category_colors(["a", None, float("nan"), pd.NA, np.nan, "b"])
    assert colours == {"a": OKABE_ITO[0], "b": OKABE_ITO[1]}


def test_fixed_palette_pins_colours_and_others_take_unused_ones():
    fixed = {"Schools": OKABE_ITO[0], "City": "#123456"}
    colours = category_colors(["City", "Health", "Schools", "Arts"], palette=fixed)
    # Arts and Health take the first two colours not used by `fixed`, in sorted order
    assert colours == {
        "Arts": OKABE_ITO[1],
        "City": "#123456",
        "Health": OKABE_ITO[2],
        "Schools": OKABE_ITO[0],
    }


def test_more_categories_than_colours_repeat_in_order():
    colours = category_colors(range(26))
    assert [colours[i] for i in range(24)] == list(CATEGORICAL)
    assert colours[24] == CATEGORICAL[0] and colours[25] == CATEGORICAL[1]


def test_numbers_sort_numerically():
    assert list(category_colors([10, 2, 1])) == [1, 2, 10]


def test_bad_colours_are_rejected():
    assert check_color("#0072b2") == "#0072B2"
    for bad in ("red", "#12345", "#GGGGGG", None, 0x123456):
        with pytest.raises(ParameterError, match="hex colour"):
            check_color(bad)
    with pytest.raises(ParameterError, match=r"palette\['a'\]"):
        category_colors(["a"], palette={"a": "blue"})


def test_sequential_colours_hit_the_viridis_anchors():
    # 0 -> first anchor, 0.5 -> middle (5th of 9) anchor, 1 -> last anchor
    assert sequential_colors([0.0, 0.5, 1.0]) == [VIRIDIS[0], VIRIDIS[4], VIRIDIS[8]]
    # explicit range: 2 is at 1/8 of [0, 16] -> second anchor
    assert sequential_colors([2.0], vmin=0, vmax=16) == [VIRIDIS[1]]
    assert sequential_colors([1.0, 1.0]) == [VIRIDIS[0], VIRIDIS[0]]
    assert sequential_colors([None, float("nan")]) == [MISSING_COLOR] * 2


def test_is_missing():
    missing = (None, float("nan"), np.float32("nan"), pd.NA, pd.NaT, "", " \t")
    assert all(is_missing(v) for v in missing)  # blank text is an empty cell
    assert not any(is_missing(v) for v in (0, "n/a", np.int64(1), [1]))
