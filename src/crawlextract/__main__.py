"""``python -m crawlextract``: the same as the ``crawlextract`` command."""

import sys

from ._cli import main

sys.exit(main())
