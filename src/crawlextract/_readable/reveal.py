"""Roots the renderer will write, on a page walked with softly hidden elements revealed.

A page that shows almost no text may keep it in ``<noscript>`` (what a reader
without scripts sees) or under the ``hidden`` attribute (streamed server
rendering parks content there until a script moves it into place); the second
walk of :func:`crawlextract._readable.select_content` counts that text. The
renderer still skips those wrappers, as a browser with scripts does, so a root
that holds one is split: each wrapper's element children become roots, and
so does every other part of the root beside the wrappers, in document order.

Collapsed panels are opened the same way (:func:`open_panels`): the answer of
an FAQ, the body of an accordion or of a tab that is not active is hidden
until a reader clicks, and the page says so in its markup (the WAI-ARIA
disclosure pattern: a trigger's ``aria-controls`` names the panel, or the
panel is a ``region`` or ``tabpanel`` labelled by its trigger). Such a panel
inside the chosen content is part of it; its children become roots. So is
text hidden from screen readers only (``aria-hidden``), which the eye sees
(:func:`shown_to_the_eye`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crawlextract._html.dom import Element
from crawlextract._html.visibility import is_hidden

from . import signals
from .signals import SOFT_HIDDEN_TAGS

if TYPE_CHECKING:
    from .flat import Flat
    from .tuning import Tuning


def _skipped_by_renderer(element: Element) -> bool:
    return element.tag in SOFT_HIDDEN_TAGS or "hidden" in element.attrs


def _holding_wrappers(flat: Flat, root: int, skip: set[int]) -> set[int]:
    # Every element under root whose subtree holds a wrapper (the wrapper included).
    elements = flat.elements
    end = flat.end
    wrappers = []
    index = root
    while index < end[root]:
        if index in skip:
            index = end[index]
            continue
        if _skipped_by_renderer(elements[index]):
            wrappers.append(index)
        index += 1
    return _up_to(flat, root, wrappers)


def _up_to(flat: Flat, root: int, starts: list[int]) -> set[int]:
    # The ``starts`` and their ancestors, up to ``root``.
    parent = flat.parent
    holds: set[int] = set()
    for start in starts:
        up = start
        while up not in holds:
            holds.add(up)
            if up == root:
                break
            up = parent[up]
    return holds


def renderable_roots(flat: Flat, roots: list[int], dropped: list[int]) -> list[int]:
    """Split the ``roots`` around the revealed wrappers the renderer would skip."""
    elements = flat.elements
    skip = set(dropped)
    found: list[int] = []
    for root in roots:
        holds = _holding_wrappers(flat, root, skip)
        # Document order: expand what holds a wrapper, keep the rest whole.
        pending = [root]
        while pending:
            index = pending.pop()
            if index in skip:
                continue
            if index in holds:
                pending.extend(reversed(flat.children(index)))
            elif not _skipped_by_renderer(elements[index]):
                found.append(index)
    return found


# Roles of a panel a trigger opens in place; a dialog opens over the page
# and is left out (see signals: layers).
_PANEL_ROLES = frozenset({"region", "tabpanel"})
_DIALOG_ROLES = frozenset({"dialog", "alertdialog"})
# A hidden element with none of these is no panel (and costs no more).
_PANEL_ATTRIBUTES = frozenset({"role", "aria-labelledby", "id"})


def _class_and_id(attrs: dict[str, str]) -> str:
    # The names read for hints, as one string (what signals.name_flags reads).
    return " ".join(filter(None, (attrs.get("class"), attrs.get("id"))))


def _is_panel(element: Element, controlled: set[str] | None) -> bool:
    attrs = element.attrs
    role = attrs.get("role")
    if role in _DIALOG_ROLES or "aria-modal" in attrs:
        return False
    names = _class_and_id(attrs)
    if names and signals.is_layer(names):
        return False
    if role in _PANEL_ROLES or "aria-labelledby" in attrs:
        return True
    ident = attrs.get("id")
    return controlled is not None and ident is not None and ident in controlled


def _controlled_ids(flat: Flat) -> set[str]:
    # Every id a trigger names; read only on pages with a hidden candidate.
    found: set[str] = set()
    for element in flat.elements:
        named = element.attrs.get("aria-controls")
        if named:
            found.update(named.split())
    return found


def collapsed_panels(flat: Flat, dropped: list[int]) -> list[int]:
    """The hidden elements among ``dropped`` that are collapsed panels (see the module)."""
    flags = flat.flags
    hidden = flat.hidden
    elements = flat.elements
    candidates = [
        index
        for index in dropped
        if flags[index] & hidden
        and not flags[index] & signals.MOBILE_ONLY
        and elements[index].tag not in signals.NEVER_CONTENT
        and not elements[index].attrs.keys().isdisjoint(_PANEL_ATTRIBUTES)
    ]
    if not candidates:
        return []
    controlled = None
    if any(
        _PANEL_ATTRIBUTES.isdisjoint(elements[index].attrs.keys() - {"id"}) for index in candidates
    ):
        controlled = _controlled_ids(flat)
    return [index for index in candidates if _is_panel(elements[index], controlled)]


def shown_to_the_eye(flat: Flat, roots: list[int], dropped: list[int], tuning: Tuning) -> list[int]:
    """The elements among ``dropped`` hidden from screen readers only (``aria-hidden``).

    ``aria-hidden="true"`` hides nothing from the eye: the cards of a
    carousel, a visual copy of a price. Such an element with at least a
    paragraph's worth of text, and no more text than the ``roots`` show
    (``tuning.aria_hidden_share``), is part of what a reader sees. One
    hidden as well by CSS, the ``hidden`` attribute, a hiding class or a
    layer's name stays out.
    """
    elements = flat.elements
    flags = flat.flags
    least = tuning.min_paragraph_chars / flat.scale
    most = tuning.aria_hidden_share * sum(flat.chars[root] for root in roots)
    found = []
    hard = signals.HIDDEN
    for index in dropped:
        if not flags[index] & hard:  # aria-hidden hides hard; most dropped are hinted
            continue
        element = elements[index]
        attrs = element.attrs
        if (
            attrs.get("aria-hidden", "").lower() != "true"
            or element.tag in signals.NEVER_CONTENT
            or flags[index] & signals.MOBILE_ONLY
            or is_hidden({name: value for name, value in attrs.items() if name != "aria-hidden"})
        ):
            continue
        names = _class_and_id(attrs)
        if names and signals.name_flags(names) & (signals.SOFT_HIDDEN | signals.MOBILE_ONLY):
            continue
        if least <= len(element.text().strip()) <= most:
            found.append(index)
    return found


def open_panels(
    flat: Flat, roots: list[int], panels: list[int], dropped: list[int]
) -> list[Element]:
    """The ``roots`` split around the ``panels`` under them, whose element children become roots.

    The renderer skips a hidden element with its subtree, as a browser does
    until the panel is opened; its children are not hidden themselves.
    """
    elements = flat.elements
    opened = set(panels)
    skip = set(dropped) - opened
    found: list[Element] = []
    for root in roots:
        holds = _holding(flat, root, panels)
        pending = [root]
        while pending:
            index = pending.pop()
            if index in opened:
                children = elements[index].children
                found.extend(child for child in children if isinstance(child, Element))
            elif index in holds:
                pending.extend(reversed(flat.children(index)))
            elif index not in skip:
                found.append(elements[index])
    return found


def _holding(flat: Flat, root: int, inner: list[int]) -> set[int]:
    # The ancestors of the ``inner`` elements under ``root``, up to ``root``.
    end = flat.end
    parent = flat.parent
    return _up_to(flat, root, [parent[index] for index in inner if root < index < end[root]])
