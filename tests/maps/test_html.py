"""Tests for sysmap.maps.html: one self-contained, offline, escaped page; nothing else written."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from html.parser import HTMLParser

import networkx as nx
import pytest

from sysmap.maps import network_map
from sysmap.maps.page import script_json
from sysmap.maps.vis import VIS_LICENSE, _candidates, vis_network

EVIL = "<img src=x onerror=alert(1)></script><script>alert(2)</script><!--"
FAST = {"key_players": False, "local_bridges": False}


@pytest.fixture
def evil() -> nx.Graph:
    G = nx.Graph()
    G.add_node("x1", name=EVIL, sector="</style><b>&amp;", note="\u2028line\u2029")
    G.add_node("x2", name="Straßenkinder e.V. – Café 東京", sector="Schools")
    G.add_node(EVIL, name="plain", sector="Schools")
    G.add_edge("x1", "x2", relation=EVIL, weight=2.0)
    G.add_edge("x2", EVIL, relation="ok", weight=1.0)
    return G


class _Tags(HTMLParser):
    """Start tags as a browser's tokenizer sees them (script content is raw text)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def _tags(page: str) -> list[str]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def _blocks(page: str) -> dict:
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, flags=re.S)
    return {"data": scripts[0][1], "scripts": [s for attrs, s in scripts if "json" not in attrs]}


def test_script_json_escapes_what_could_end_the_script():
    value = {"name": EVIL, "amp": "a & b", "sep": "\u2028\u2029", "lone": "\udcff"}
    text = script_json(value)
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    back = json.loads(text)
    assert back["name"] == EVIL and back["amp"] == "a & b" and back["sep"] == "\u2028\u2029"
    assert back["lone"] == "\ufffd"
    with pytest.raises(ValueError):
        script_json({"x": float("nan")})


def test_untrusted_text_cannot_break_out(evil):
    page = network_map(evil, color="sector", **FAST).html
    # the page holds exactly four scripts: the data block, vis-network, sysmap's common.js
    # and map.js
    tags = _tags(page)
    assert tags.count("script") == 4 and page.count("</script") == 4
    assert "img" not in tags and "b" not in tags
    assert "<img" not in page and "</style><b>" not in page
    assert "<!--" not in page and "\u2028" not in page
    data = json.loads(_blocks(page)["data"])
    assert EVIL in data["nodes"]["name"] and EVIL in data["nodes"]["actor"]
    assert "Straßenkinder e.V. – Café 東京" in data["nodes"]["name"]
    # non-ASCII text is stored as UTF-8 (readable), declared as such
    assert "Straßenkinder e.V. – Café 東京" in page and '<meta charset="utf-8">' in page


def test_title_and_texts_in_the_markup_are_escaped(evil):
    page = network_map(evil, title=EVIL, **FAST).html
    assert "<title>&lt;img src=x onerror=alert(1)&gt;&lt;/script&gt;" in page


def test_page_is_self_contained_and_locked_down(evil):
    page = network_map(evil, **FAST).html
    assert not {"link", "iframe", "img", "object", "embed", "base"} & set(_tags(page))
    assert not re.search(r"<script[^>]*\bsrc=", page, flags=re.I)
    assert "@import" not in page and not re.search(r"url\(\s*['\"]?(https?:|//)", page)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    # only the page's own three scripts may run, identified by their SHA-256
    hashes = re.findall(r"'sha256-([^']+)'", csp)
    scripts = _blocks(page)["scripts"]
    expected = [base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in scripts]
    assert hashes == expected and len(hashes) == 3
    assert f"vis-network {vis_network().version}, {VIS_LICENSE}" in page
    # the MIT licence text of vis-network travels with it, in a comment before the code
    assert scripts[0].startswith(f"/*! vis-network {vis_network().version} (")
    assert "Permission is hereby granted, free of charge" in scripts[0][:3000]


def test_vis_network_is_the_dual_licensed_release_found_in_pyvis():
    vis = vis_network()
    # pyvis 0.3.2 ships vis-network 9.1.2 (pyvis/lib/vis-9.1.2/vis-network.min.js)
    assert vis.version.startswith("9.") and vis.path.name.startswith("vis-network")
    assert "pyvis" in vis.path.parts
    code = vis.path.read_text(encoding="utf-8")
    assert f"@version {vis.version}" in code[:1000]
    assert "The Apache 2.0 License" in code[:1000] and "The MIT License" in code[:1000]
    assert vis.script.endswith(code.replace("</script", "<\\/script")[-200:])
    assert "</script" not in vis.script.lower()


def test_vis_network_is_found_wherever_pyvis_keeps_it(tmp_path):
    # a folder as a later pyvis might lay it out: two releases in other places, a
    # release of another major version, and a file without licence header
    header = "/**\n * vis-network\n * @version {}\n * The MIT License\n */\nvar vis;"
    for rel, version in (
        ("lib/vis-9.1.2/vis-network.min.js", "9.1.2"),
        ("static/vendor/vis-network.min.js", "9.1.9"),
        ("lib/vis-10.0.0/vis-network.js", "10.0.0"),
    ):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(header.format(version), encoding="utf-8")
    (tmp_path / "lib" / "vis-network-other.js").write_text("var x;", encoding="utf-8")
    found = sorted(_candidates(tmp_path))
    assert [v for v, _ in found] == [(9, 1, 2), (9, 1, 9)]  # major 9 only, licence declared
    assert max(found)[1] == tmp_path / "static/vendor/vis-network.min.js"


def test_same_input_same_page(evil):
    one = network_map(evil, color="sector", seed=2, **FAST).html
    two = network_map(evil, color="sector", seed=2, **FAST).html
    assert one == two


def test_saving_writes_the_target_file_and_nothing_else(evil, tmp_path, monkeypatch):
    work = tmp_path / "work"
    out = tmp_path / "out"
    work.mkdir()
    out.mkdir()
    monkeypatch.chdir(work)

    def listing() -> set[str]:
        return {
            os.path.relpath(os.path.join(d, f), tmp_path)
            for d, _, files in os.walk(tmp_path)
            for f in files
        } | {os.path.relpath(d, tmp_path) for d, _, _ in os.walk(tmp_path)}

    before = listing()
    m = network_map(evil, color="sector")
    _ = m._repr_html_()
    path = m.save(out / "map.html")
    assert listing() - before == {os.path.join("out", "map.html")}
    assert before - listing() == set()
    assert path.read_text(encoding="utf-8") == m.html
