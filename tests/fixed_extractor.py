"""An extractor with a fixed output, so tests of views and commands do not depend on real ones."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Fixed:
    """An extractor that returns a fixed text."""

    output: str
    text: str
    name: str = "fixed"

    def extract(self, document: object) -> str:  # noqa: ARG002 - the protocol's signature
        """Return the fixed text."""
        return self.text
