"""What a crawler can judge from the page alone before indexing it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

CanonicalStatus = Literal["not set", "self", "other", "unknown"]


@dataclass(frozen=True, slots=True)
class PageFilters:
    """What a crawler can judge from the page alone before indexing it."""

    canonical: CanonicalStatus
    """``not set``; ``self`` (the canonical is the page URL); ``other``; or ``unknown`` (a
    canonical is declared but the page URL was not given).
    """
    noindex: bool
    """Whether robots directives ask not to index the page."""

    def to_dict(self) -> dict[str, Any]:
        """Return the filters as a JSON-serialisable dict."""
        return {"canonical": self.canonical, "noindex": self.noindex}
