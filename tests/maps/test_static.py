"""Tests for sysmap.maps.static: PNG/SVG/PDF of the same map."""

from __future__ import annotations

import re

import networkx as nx
import pytest

from sysmap.exceptions import ParameterError
from sysmap.maps import network_map

FAST = {"key_players": False, "local_bridges": False}


@pytest.fixture
def small() -> nx.DiGraph:
    G = nx.DiGraph()
    G.add_node("a", name="Straßenkinder <e.V.>", sector="Civil society", status="responded")
    G.add_node("b", name="東京 Café", sector="Schools", status="did_not_respond")
    G.add_node("c", name="Stadt", sector="City", status="responded")
    G.add_node("d", name="Alone", sector="City", status="responded")
    G.add_edges_from(
        [
            ("a", "b", {"intensity": 1.0}),
            ("b", "a", {"intensity": 4.0}),
            ("c", "a", {"intensity": 3.0}),
        ]
    )
    return G


def test_png_svg_pdf_are_written(small, tmp_path):
    m = network_map(small, color="sector", **FAST)
    png = m.save_static(tmp_path / "map.png", dpi=60)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = m.save(tmp_path / "map.svg")
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    pdf = m.save(tmp_path / "map.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.pdf", "map.png", "map.svg"]


def test_svg_shows_the_same_colours_and_escaped_names(small, tmp_path):
    m = network_map(small, color="sector", **FAST)
    text = m.save(tmp_path / "map.svg", labels=True).read_text(encoding="utf-8")
    fills = {c.upper() for c in re.findall(r"fill:\s*(#[0-9a-fA-F]{6})", text)}
    assert set(m.palette.values()) <= fills
    assert "Straßenkinder &lt;e.V.&gt;" in text and "東京 Café" in text
    assert "<e.V.>" not in text


def test_static_output_is_deterministic(small, tmp_path):
    m = network_map(small, color="sector", **FAST)
    one = m.save(tmp_path / "one.svg").read_bytes()
    two = m.save(tmp_path / "two.svg").read_bytes()
    assert one == two


def test_continuous_and_aggregated_maps_draw(small, tmp_path):
    G = nx.path_graph(30)
    nx.set_node_attributes(G, {v: v / 3 for v in G}, "score")
    network_map(G, color="score", **FAST).save(tmp_path / "c.png", dpi=40, width=6)
    network_map(small, aggregate=True, group="sector").save(tmp_path / "a.png", dpi=40)
    assert (tmp_path / "c.png").stat().st_size > 0 and (tmp_path / "a.png").stat().st_size > 0


def test_bad_static_options(small, tmp_path):
    m = network_map(small, **FAST)
    with pytest.raises(ParameterError, match="PNG, SVG or PDF"):
        m.save_static(tmp_path / "map.gif")
    with pytest.raises(ParameterError, match="dpi"):
        m.save_static(tmp_path / "map.png", dpi=1)
    with pytest.raises(ParameterError, match="width"):
        m.save_static(tmp_path / "map.png", width=0)


def test_labels_that_would_overlap_are_left_out(tmp_path):
    import sysmap

    G = sysmap.load_sample("bildungsallianz", wave=1, graph=True)
    m = network_map(G, color="sector", **FAST)
    svg = m.save(tmp_path / "map.svg", labels=True).read_text(encoding="utf-8")
    # SVG keeps labels as text: <text style="font-size: ...px; ...; text-anchor: middle"
    # x=".." y="..">name</text>, x the middle, y the baseline (title and legend: anchored left)
    labels = re.findall(
        r'<text style="font-size: ([\d.]+)px;[^"]*text-anchor: middle" x="([\d.-]+)" '
        r'y="([\d.-]+)"[^>]*>([^<]*)</text>',
        svg,
    )
    labels = [(float(f), float(x), float(y), t) for f, x, y, t in labels]  # no other text centred
    # labels=True asks for all 100 actors; far fewer fit, the backbone's comes first
    assert 10 < len(labels) < 100
    assert "Bildungsallianz Rheinstadt (Geschäftsst…" in {t for *_, t in labels}
    # boxes of DejaVu Sans text: about 0.55 em per character, 0.9 em high
    boxes = [
        (x - 0.275 * f * len(t), y - 0.9 * f, x + 0.275 * f * len(t), y) for f, x, y, t in labels
    ]
    overlapping = [
        (a, b)
        for k, a in enumerate(boxes)
        for b in boxes[k + 1 :]
        if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
    ]
    assert overlapping == []
