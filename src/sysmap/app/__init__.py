"""``sysmap app``: the whole workflow in the browser, on this machine only.

For backbone staff who never open a terminal: Data (upload the member list
and the survey export), Check (the problems grouped, and the fixes: answer
labels, name suggestions, sectors, the tie rule), Report (inline, with the
HTML file, the Excel workbook, the print view and the partner profiles),
Waves (the comparison) and Survey (the next wave's instrument), in English
and German. Built on Shiny for Python (the ``app`` extra:
``pip install "sysmap-network[app]"``); see docs/decisions/0003-app-framework.md.

The app is a thin layer: :mod:`sysmap.app.steps` calls the library as the
command line does, :mod:`sysmap.app.workflow` lays out the pages,
:mod:`sysmap.app.guard` keeps the door (token, Host header, upload size) and
:mod:`sysmap.app.serve` starts it.
"""

import shiny  # noqa: F401 - the ``app`` extra: without it, importing sysmap.app fails here

from .serve import create_app, serve

__all__ = ["create_app", "serve"]
