"""Sphinx configuration: Markdown pages (MyST), API reference from the numpydoc docstrings,
CLI reference from the argument parser itself. Built with warnings as errors by
tests/test_docs.py."""

from __future__ import annotations

import sysmap

project = "sysmap"
author = "the sysmap developers"
copyright = "2026, the sysmap developers"  # noqa: A001
release = sysmap.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "numpydoc",
    "sphinx.ext.mathjax",
    "sphinxarg.ext",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build", "README.md"]
myst_heading_anchors = 3
myst_enable_extensions = ["dollarmath"]

autodoc_default_options = {"members": True, "member-order": "bysource"}
autodoc_typehints = "none"  # the numpydoc sections describe the types

html_theme = "furo"
html_title = f"sysmap {release}"
numpydoc_show_class_members = False  # autodoc lists the members
numpydoc_class_members_toctree = False
suppress_warnings = ["myst.domains"]  # sphinx-argparse lacks resolve_any_xref
