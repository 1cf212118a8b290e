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

    __slots__ = ("_flat", "_left", "_levels", "_open", "_read", "_root", "_texts")

    def __init__(self, flat: Flat, root: int, levels: int) -> None:
        """Start with none met under ``root``; copies must share the ancestor ``levels`` up."""
        self._flat = flat
        self._root = root
        self._levels = levels
        # (shared ancestor, characters, link characters) -> the elements met
        # with them that the walk is still inside. Elements come in document
        # order, so these are ancestors of the element looked at (a wrapper
        # and its only child hold the same text), and no subtree repeats one
        # that holds it: their text is read only once the walk has left them.
        self._open: dict[tuple[int, int, int], list[int]] = {}
        # The keys of which some element was left (and its text read).
        self._left: set[tuple[int, int, int]] = set()
        # (the same key, text) -> the elements left with them: a lookup finds
        # an equal one (a thousand rows of equal length never compare with
        # each other).
        self._texts: dict[tuple[tuple[int, int, int], str], list[int]] = {}
        # Each element's text is read at most once.
        self._read: dict[int, str] = {}

    def is_copy(self, index: int) -> bool:
        """Whether ``index`` repeats an earlier subtree near it; if not, remember it.

        Only elements holding text in more than one block are meant: one
        repeated paragraph or table cell is the page's own (a meal plan that
        serves the same lunch twice).
        """
        flat = self._flat
        parent = flat.parent
        end = flat.end
        near = index
        for _ in range(self._levels):
            if near <= self._root:
                break
            near = parent[near]
        key = (near, flat.chars[index], flat.link_chars[index])
        still_open = self._open.setdefault(key, [])
        if still_open and index >= end[still_open[-1]]:
            # They nest (the innermost last): once the innermost is left, so
            # maybe are some around it.
            texts = self._texts
            for earlier in still_open:
                if index >= end[earlier]:
                    texts.setdefault((key, self._text(earlier)), []).append(earlier)
            still_open[:] = [earlier for earlier in still_open if index < end[earlier]]
            self._left.add(key)
        if key in self._left:
            met = self._texts.get((key, self._text(index)))
            if met is not None and any(index >= end[earlier] for earlier in met):
                return True
        still_open.append(index)
        return False

    def _text(self, index: int) -> str:
        text = self._read.get(index)
        if text is None:
            text = self._read[index] = " ".join(self._flat.elements[index].text().split())
        return text
