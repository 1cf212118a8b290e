"""Elements a reader never sees: skipped with their whole subtree."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crawlextract._html.visibility import INVISIBLE_TAGS

if TYPE_CHECKING:
    from crawlextract._html.dom import Element

    from .walk import Walker

#: The tags left out with their subtree: :data:`~crawlextract._html.visibility.INVISIBLE_TAGS`.
#: ``<noscript>`` has its own rule (it may hold the real copy of a lazy image);
#: so do ``<math>`` (:mod:`.math`) and ``<input>`` (a task item's checkbox,
#: :mod:`.tasks`), whose later lines in :data:`.rules.RULES` override these.
#: :mod:`.code` leaves all of them out of verbatim text.
SKIPPED = INVISIBLE_TAGS


def skip(_walker: Walker, _element: Element) -> None:
    """Leave the element and its subtree out."""
