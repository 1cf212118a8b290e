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
    """The multi-block subtrees met so far under one root, by place, size and text."""

    __slots__ = ("_first", "_flat", "_levels", "_root", "_texts")

    def __init__(self, flat: Flat, root: int, levels: int) -> None:
        """Start with none met under ``root``; copies must share the ancestor ``levels`` up."""
        self._flat = flat
        self._root = root
        self._levels = levels
        # (shared ancestor, characters, link characters) -> the first element
        # met with them, whose text is read only when a second one comes.
        self._first: dict[tuple[int, int, int], int] = {}
        # (the same key, text) -> the elements met with them: each element's
        # text is read at most once, and a lookup finds an equal one (a
        # thousand rows of equal length never compare with each other).
        self._texts: dict[tuple[tuple[int, int, int], str], list[int]] = {}

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
        first = self._first.get(key)
        if first is None:
            self._first[key] = index
            return False
        texts = self._texts
        if first >= 0:
            texts[key, self._text(first)] = [first]
            self._first[key] = -1
        met = texts.setdefault((key, self._text(index)), [])
        end = flat.end
        # A wrapper and its only child hold the same text: not a copy.
        if any(index >= end[earlier] for earlier in met):
            return True
        met.append(index)
        return False

    def _text(self, index: int) -> str:
        return " ".join(self._flat.elements[index].text().split())
