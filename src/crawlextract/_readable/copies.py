"""Second copies of a part of the chosen content.

A carousel clones its slides (so that it can loop), and a responsive layout
may render the same section twice, one copy per screen size, with no class
saying which one a screen shows. Both copies count while the root is chosen;
inside the chosen content, a subtree of several blocks that repeats, word for
word, an earlier subtree close to it is left out.

Close means inside the same ancestor a few levels up (``Tuning.copy_levels``):
the same text far apart is the page's own repetition (a documentation page
that lists a parameter twice, a listing whose featured post is also in the
list), and stays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .flat import Flat


class Copies:
    """The multi-block subtrees met so far under one root, by place and size."""

    __slots__ = ("_flat", "_levels", "_root", "_seen")

    def __init__(self, flat: Flat, root: int, levels: int) -> None:
        """Start with none met under ``root``; copies must share the ancestor ``levels`` up."""
        self._flat = flat
        self._root = root
        self._levels = levels
        # (shared ancestor, characters, link characters) -> elements met.
        self._seen: dict[tuple[int, int, int], list[int]] = {}

    def is_copy(self, index: int) -> bool:
        """Whether ``index`` repeats an earlier subtree near it; if not, remember it.

        Only elements holding text in more than one block are meant: one
        repeated paragraph or table cell is the page's own (a meal plan that
        serves the same lunch twice).
        """
        flat = self._flat
        parent = flat.parent
        near = index
        for _ in range(self._levels):
            if near <= self._root:
                break
            near = parent[near]
        key = (near, flat.chars[index], flat.link_chars[index])
        met = self._seen.get(key)
        if met is None:
            self._seen[key] = [index]
            return False
        elements = flat.elements
        end = flat.end
        text = None
        for earlier in met:
            # A wrapper and its only child hold the same text: not a copy.
            if index < end[earlier]:
                continue
            if text is None:
                text = " ".join(elements[index].text().split())
            if " ".join(elements[earlier].text().split()) == text:
                return True
        met.append(index)
        return False
