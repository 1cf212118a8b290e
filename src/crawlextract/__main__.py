"""``python -m crawlextract``: the same as the ``crawlextract`` command."""

import sys

from ._apps.cli.main import main

sys.exit(main())
