"""The ``crawlextract`` command: dispatches to one module per sub-command.

``crawlextract FILE ...`` extracts one page (``page.py``); ``crawlextract
fixtures|batch|warc ...`` run the sub-commands of those names.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

#: Sub-command -> module (relative to this package) whose ``main(argv)`` runs it.
SUBCOMMANDS = {
    "fixtures": "fixtures",
    "batch": "batch",
    "warc": "warc",
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    module_name = SUBCOMMANDS.get(args[0]) if args else None
    if module_name is not None:
        args = args[1:]
    else:
        module_name = "page"
    module = importlib.import_module(f"crawlextract._apps.cli.{module_name}")
    status: int = module.main(args)
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
