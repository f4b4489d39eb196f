"""End-to-end tests of ``sysmap map`` on the bundled sample initiative."""

from __future__ import annotations

import json
import re
import warnings

import pytest

from sysmap.cli import main
from sysmap.datasets import sample_path
from sysmap.exceptions import DataQualityWarning
from sysmap.maps import read_layout

FOLDER = sample_path("bildungsallianz")


def _run(args: list[str]) -> int:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)  # the sample has a few, on purpose
        return main(args)


def _data(path) -> dict:
    text = path.read_text(encoding="utf-8")
    match = re.search(r'<script type="application/json" id="sysmap-data">(.*?)</script>', text)
    return json.loads(match.group(1))


def test_map_two_waves_with_one_layout(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    wave1 = [
        str(FOLDER / "survey_wave1.csv"),
        "--actors",
        str(FOLDER / "members_wave1.csv"),
        "--aliases",
        str(FOLDER / "aliases.csv"),
    ]
    code = _run(
        [
            "map",
            *wave1,
            "--color",
            "sector",
            "--size",
            "betweenness",
            "-o",
            "map.html",
            "--save-layout",
            "layout.csv",
            "--lang",
            "de",
        ]
    )
    assert code == 0
    out = capsys.readouterr().out
    # a survey is reconstructed by default: 461 ties (union), as the README example
    assert "100 Akteure, 461 Beziehungen (ungerichtet)." in out and "map.html gespeichert" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["layout.csv", "map.html"]
    data = _data(tmp_path / "map.html")
    assert data["lang"] == "de" and len(data["nodes"]["actor"]) == 100
    assert len(data["edges"]["from"]) == 461
    layout1 = read_layout(tmp_path / "layout.csv")

    wave2 = [
        str(FOLDER / "survey_wave2.csv"),
        "--actors",
        str(FOLDER / "members_wave2.csv"),
        "--aliases",
        str(FOLDER / "aliases.csv"),
    ]
    code = _run(
        [
            "map",
            *wave2,
            "--layout",
            "layout.csv",
            "--overlays",
            "bridges,isolates",
            "--size",
            "none",
            "-o",
            "sub/map2.html",
        ]
    )
    assert code == 0
    data2 = _data(tmp_path / "sub" / "map2.html")
    assert [o["key"] for o in data2["legend"]["overlays"]] == ["isolates", "bridges"]
    # actors of both waves are drawn at the same place (same scale: same layout units)
    pos1 = dict(zip(data["nodes"]["actor"], zip(data["nodes"]["x"], data["nodes"]["y"])))
    pos2 = dict(zip(data2["nodes"]["actor"], zip(data2["nodes"]["x"], data2["nodes"]["y"])))
    common = sorted(set(pos1) & set(pos2) & set(layout1.index))
    assert len(common) > 80
    ratio = [pos2[a][k] / pos1[a][k] for a in common for k in (0, 1) if abs(pos1[a][k]) > 50]
    # one scale factor maps wave 1 onto wave 2 (pixels are rounded to 0.1: < 0.2 % off)
    assert max(ratio) / min(ratio) < 1.004


def test_map_png_and_errors(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    args = ["map", str(FOLDER / "survey_wave1.csv"), "--actors", str(FOLDER / "members_wave1.csv")]
    assert _run([*args, "--overlays", "none", "-o", "map.png"]) == 0
    assert (tmp_path / "map.png").read_bytes()[:4] == b"\x89PNG"
    assert _run([*args, "--overlays", "brokerz", "-o", "x.html"]) == 2
    assert "unknown overlay(s) ['brokerz']" in capsys.readouterr().err
    assert _run([*args, "--color", "sectr", "-o", "x.html"]) == 1
    assert "color='sectr'" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()
    with pytest.raises(SystemExit):
        _run(["map", str(FOLDER / "survey_wave1.csv")])  # -o is required
