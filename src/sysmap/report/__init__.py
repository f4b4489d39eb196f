"""Self-contained HTML reports: the page builder, the gap report and the comparison report."""

from .page import *
from .page import __all__ as _page

__all__ = sorted([*_page])
