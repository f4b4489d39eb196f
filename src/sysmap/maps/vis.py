"""vis-network, the library that draws map pages up to a few thousand actors.

sysmap inlines the standalone vis-network script that the pyvis package ships
(``pyvis/lib/vis-<version>/vis-network.min.js`` in pyvis 0.3.2), found by
searching the installed package for ``vis-network*.js`` without importing
pyvis (its import pulls in jinja2 and IPython); of several copies the newest
release of vis-network 9 (whose API the page's script uses) is taken, its
version read from the file's own header. vis-network is dual licensed under
the Apache License 2.0 and the MIT License and "may be distributed under
either license" (the file's header); sysmap's pages carry it under the MIT
License, whose text (``assets/vendor/LICENSE-vis-network.txt``, from the npm
package vis-network 9.1.2) precedes the script in a comment, as the licences
of sigma.js and graphology do on the WebGL page.
"""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from ..exceptions import OptionalDependencyError
from .page import inline_script

__all__ = ["VIS_LICENSE", "VIS_MAJOR", "VisNetwork", "vis_network"]

#: vis-network's licence (the file's header: "dual licensed under both the Apache 2.0
#: License and the MIT License ... may be distributed under either license").
VIS_LICENSE = "Apache-2.0 OR MIT"
#: The major release of vis-network whose API the page's script (``map.js``) uses.
VIS_MAJOR = 9

_VERSION = re.compile(r"@version\s+(\d+)\.(\d+)\.(\d+)")
_INSTALL = "install it with: pip install 'pyvis>=0.3.2'"


class VisNetwork(NamedTuple):
    """The vis-network script found in pyvis."""

    #: Release, e.g. ``"9.1.2"``.
    version: str
    #: Where it was found.
    path: Path
    #: The script, ready to inline: its licence text in a comment, then the code.
    script: str


def _candidates(folder: Path) -> list[tuple[tuple[int, ...], Path]]:
    """vis-network scripts of major release :data:`VIS_MAJOR` under `folder` that
    declare the MIT License, with their versions."""
    found = []
    for path in sorted(folder.rglob("vis-network*.js")):
        with path.open(encoding="utf-8", errors="replace") as file:
            header = file.read(2000)
        match = _VERSION.search(header)
        if match is None or "MIT License" not in header:
            continue
        version = tuple(int(part) for part in match.groups())
        if version[0] == VIS_MAJOR:
            found.append((version, path))
    return found


@cache
def vis_network() -> VisNetwork:
    """The newest vis-network 9 script in the installed pyvis package.

    Raises
    ------
    OptionalDependencyError
        If pyvis is not installed, or holds no vis-network 9 script (the
        message says how to install it).
    """
    spec = importlib.util.find_spec("pyvis")  # found, not imported
    if spec is None or not spec.submodule_search_locations:
        msg = f"the map needs vis-network, which sysmap takes from the pyvis package; {_INSTALL}."
        raise OptionalDependencyError(msg)
    folder = Path(next(iter(spec.submodule_search_locations)))
    found = _candidates(folder)
    if not found:
        msg = (
            f"the installed pyvis package ({folder}) holds no vis-network {VIS_MAJOR} script "
            f"(vis-network*.js), which the map needs; reinstall pyvis: {_INSTALL}."
        )
        raise OptionalDependencyError(msg)
    version, path = max(found, key=lambda item: item[0])  # the first path of the newest
    text = ".".join(map(str, version))
    licence = (
        (resources.files("sysmap.maps") / "assets" / "vendor" / "LICENSE-vis-network.txt")
        .read_text(encoding="utf-8")
        .strip()
        .replace("*/", "* /")
    )
    code = path.read_text(encoding="utf-8")
    notice = f"/*! vis-network {text} ({VIS_LICENSE}; here under the MIT License)\n\n"
    notice += f"{licence}\n*/\n"
    return VisNetwork(text, path, inline_script(notice + code))
