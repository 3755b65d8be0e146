"""``python -m httpi18n.edge``: see :mod:`httpi18n.edge.cli`."""

import sys

from .cli import main

sys.exit(main())
