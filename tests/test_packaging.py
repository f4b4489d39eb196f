"""The built wheel installs into a clean virtual environment and runs there.

A researcher runs ``pip install sysmap-network``: this test builds the wheel
from the repository, installs it (with its dependencies, nothing else) into a
new virtual environment outside the repository, and runs the README's
notebook example and ``sysmap demo`` from there, so the package works without
the source tree (sample data included). The environment is made with uv
(a test dependency): pip would take minutes to fetch the dependencies.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import tomllib

REPO = Path(__file__).resolve().parents[1]


def test_distribution_name_is_ours_and_used_in_every_install_line():
    # 'sysmap' on the package index is an unrelated project (a system inventory tool)
    name = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["name"]
    assert name == "sysmap-network"
    for doc in ["README.md", *map(str, (REPO / "docs").glob("*.md"))]:
        text = (REPO / doc).read_text(encoding="utf-8")
        for line in re.findall(r"pip install [^\n]*", text):
            if "sysmap" in line and "-e" not in line:
                assert "sysmap-network" in line, f"{doc}: {line}"


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"{args}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.mark.slow
def test_wheel_installs_into_a_clean_environment_and_runs(tmp_path):
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "-q", "-w", str(dist)],
         tmp_path)
    wheel = next(dist.glob("sysmap_network-*.whl"))
    env = tmp_path / "env"
    uv = Path(sys.executable).with_name("uv")
    _run([str(uv), "venv", "-q", str(env)], tmp_path)
    python = env / "bin" / "python"
    _run([str(uv), "pip", "install", "-q", "--python", str(python), str(wheel)], tmp_path)
    # the README's notebook example, in a folder away from the repository
    example = (
        "import sysmap\n"
        "data = sysmap.load_sample('bildungsallianz', wave=1)\n"
        "G = sysmap.build_network(data)\n"
        "assert G.number_of_nodes() == 100, G.number_of_nodes()\n"
        "assert 'src' not in sysmap.__file__, sysmap.__file__\n"
        "print(sysmap.find_gaps(data, seed=0)[0].severity)\n"
    )
    done = _run([str(python), "-c", example], tmp_path)
    assert done.stdout.strip() == "high"
    _run([str(env / "bin" / "sysmap"), "demo", "-o", "demo"], tmp_path)
    report = tmp_path / "demo" / "report.html"
    assert report.stat().st_size > 100_000
