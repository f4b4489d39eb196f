"""Self-contained HTML reports: the page builder, the gap report and the comparison report.

The page builder (:class:`Page`, :class:`Section`) loads on first use (PEP 562):
importing a submodule such as :mod:`sysmap.report.custom` does not import the
maps, clustering and plotting the pages are built from.
"""

__all__ = ["MAP_PRINT_DPI", "Page", "Section"]


def __getattr__(name: str) -> object:
    if name in __all__:
        from . import page

        return getattr(page, name)
    raise AttributeError(f"module 'sysmap.report' has no attribute {name!r}")
