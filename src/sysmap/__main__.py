"""``python -m sysmap``: the same as the ``sysmap`` command."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
