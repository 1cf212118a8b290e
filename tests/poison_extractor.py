"""Extractors that misbehave on a marked page, to test that a batch or a cluster survives them.

Module-level classes, so worker processes (Dask's, and the page processes) can import them.
"""

from __future__ import annotations

import ctypes
import os
import time
from dataclasses import dataclass

#: A page holding this text kills the process extracting it, as a segfault would.
KILLER = "crawlextract-test-kill-this-worker"
#: A page holding this text makes the extractor read address 0: a real segfault.
SEGFAULT = "crawlextract-test-segfault-this-worker"
#: A page holding this text makes the extractor hang far past any test timeout.
HANGER = "crawlextract-test-hang-this-worker"


@dataclass(frozen=True)
class Poison:
    """A markdown extractor that kills, crashes or hangs its process on marked pages."""

    output: str = "markdown"
    name: str = "poison"

    def extract(self, document) -> str:
        """Kill or hang on a marked page; return an empty text otherwise."""
        if KILLER in document.html:
            os._exit(7)
        if SEGFAULT in document.html:
            ctypes.string_at(0)
        if HANGER in document.html:
            time.sleep(600)
        return ""
