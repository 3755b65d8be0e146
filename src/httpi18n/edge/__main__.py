"""``python -m httpi18n.edge``: see :mod:`httpi18n.edge.cli`."""

import sys

from .cli import PROG_DIRECT, main

sys.exit(main(prog=PROG_DIRECT))
