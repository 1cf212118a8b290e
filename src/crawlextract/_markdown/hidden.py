"""Elements a reader never sees: skipped with their whole subtree."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crawlextract._dom import Element

    from .walk import Walker

_HIDDEN_STYLE = re.compile(
    r"(?:^|[;\s])(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.IGNORECASE
)

#: Tags whose content is not page text, or not text a reader sees as part of
#: the page: document metadata, embedded media and graphics, and form controls
#: (their labels are UI chrome -- "Search", "Subscribe" -- not content).
#: ``<noscript>`` has its own rule (it may hold the real copy of a lazy image);
#: so do ``<math>`` (:mod:`.math`) and ``<input>`` (a task item's checkbox,
#: :mod:`.tasks`), whose later lines in :data:`.rules.RULES` override these.
#: :mod:`.code` leaves all of them out of verbatim text.
SKIPPED = (
    "head", "title", "meta", "link", "base", "script", "style", "template",
    "svg", "math", "iframe", "frame", "frameset", "object", "embed", "canvas",
    "audio", "video", "source", "track", "map", "area", "param",
    "input", "select", "option", "optgroup", "datalist", "textarea", "button",
    "progress", "meter",
)  # fmt: skip


def is_hidden(attrs: dict[str, str]) -> bool:
    """Say whether the attributes hide the element (``hidden``, ``aria-hidden``, inline CSS)."""
    if "hidden" in attrs:
        return True
    if attrs.get("aria-hidden", "").strip().lower() == "true":
        return True
    style = attrs.get("style")
    if style:
        lowered = style.lower()
        if "none" in lowered or "hidden" in lowered:
            return _HIDDEN_STYLE.search(lowered) is not None
    return False


def skip(_walker: Walker, _element: Element) -> None:
    """Leave the element and its subtree out."""
