"""``python -m httpi18n``: the command line (see :mod:`httpi18n.cli`)."""

import sys

from .cli import main

sys.exit(main())
