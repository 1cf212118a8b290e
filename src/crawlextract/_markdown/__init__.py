"""Markdown rendering of the compact tree (placeholder until the renderer lands)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .._options import Options


def html_fragment_to_markdown(html: str, base_url: str | None, options: Options) -> str:
    """Render an HTML fragment as markdown."""
    raise NotImplementedError
