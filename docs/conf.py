"""Sphinx configuration: Markdown pages (MyST), API reference from the numpydoc docstrings,
CLI reference from the argument parser itself, and the notebooks (``docs/notebooks`` is a
link to the repository's ``notebooks/``), executed by MyST-NB at every build so their
pages show current outputs. Built with warnings as errors by tests/test_docs.py; why
MyST-NB: decisions/0002-notebooks.md."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes

import sysmap

project = "sysmap"
author = "the sysmap developers"
copyright = "2026, the sysmap developers"  # noqa: A001
release = sysmap.__version__

extensions = [
    "myst_nb",  # MyST Markdown pages and notebooks
    "sphinx.ext.autodoc",
    "numpydoc",
    "sphinx.ext.mathjax",
    "sphinxarg.ext",
]
root_doc = "index"
exclude_patterns = ["_build", "README.md", "**/.ipynb_checkpoints"]
myst_heading_anchors = 3
myst_enable_extensions = ["dollarmath"]

autodoc_default_options = {"members": True, "member-order": "bysource"}
autodoc_typehints = "none"  # the numpydoc sections describe the types

html_theme = "furo"
html_title = f"sysmap {release}"
numpydoc_show_class_members = False  # autodoc lists the members
numpydoc_class_members_toctree = False
suppress_warnings = ["myst.domains"]  # sphinx-argparse lacks resolve_any_xref

# Notebooks: run top to bottom at every build (in their own folder, as a reader would),
# a cell error fails the build.
nb_execution_mode = "force"
nb_execution_timeout = 300
nb_execution_raise_on_error = True
nb_output_stderr = "show"  # sysmap's data-quality warnings are part of the story


def _offer_download(app, doctree) -> None:
    """Start each notebook page with a link that downloads the ``.ipynb`` itself."""
    source = Path(app.env.doc2path(app.env.docname))
    if source.suffix != ".ipynb":
        return
    link = addnodes.download_reference(
        "", "", nodes.literal(source.name, source.name), reftarget=source.name,
        refdoc=app.env.docname, refexplicit=True,
    )
    note = nodes.paragraph(
        "", "", nodes.Text("Download the notebook "), link,
        nodes.Text(" to run it in Jupyter; the outputs below are from running it for this page."),
    )
    section = next(iter(doctree.findall(nodes.section)), None)
    (section or doctree).insert(1 if section is not None else 0, note)


def setup(app):
    # before Sphinx's own collector (priority 500) gathers the files to download
    app.connect("doctree-read", _offer_download, priority=400)
    return {"parallel_read_safe": True}
