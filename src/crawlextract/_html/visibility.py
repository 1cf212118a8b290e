"""What a reader never sees: the one visibility rule every algorithm applies.

Three questions, each answered once here:

* which tags hold no text a reader sees as page text (:data:`INVISIBLE_TAGS`);
* which attributes hide an element (:func:`is_hidden`);
* whether an element is HTML or inside foreign SVG/MathML content
  (:func:`in_html_namespace`).

The compact tree already leaves out scripts, styles, templates, comments and
doctypes (:data:`crawlextract._html.dom.NOT_IN_TREE`); each algorithm adds its
own exceptions to :data:`INVISIBLE_TAGS` by name, where it explains them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

#: Tags whose content is not page text, or not text a reader sees as part of
#: the page: document metadata, embedded media and graphics, and form controls
#: (their labels are UI chrome -- "Search", "Subscribe" -- not content).
INVISIBLE_TAGS = frozenset({
    "head", "title", "meta", "link", "base", "script", "style", "template",
    "svg", "math", "iframe", "frame", "frameset", "object", "embed", "canvas",
    "audio", "video", "source", "track", "map", "area", "param",
    "input", "select", "option", "optgroup", "datalist", "textarea", "button",
    "progress", "meter",
})  # fmt: skip

#: The attributes :func:`is_hidden` reads: an element with none of them is visible,
#: which lets a hot loop skip the call.
HIDING_ATTRIBUTES = frozenset({"hidden", "aria-hidden", "style"})

_HIDDEN_STYLE = re.compile(
    r"(?:^|[;\s])(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.IGNORECASE
)

#: Where foreign (SVG, MathML) content starts, and the elements inside it that
#: hold HTML again, as the HTML parser defines them.
FOREIGN_ROOTS = frozenset({"svg", "math"})
INTEGRATION_POINTS = frozenset({"foreignobject", "desc", "title", "annotation-xml"})


def is_hidden(attrs: Mapping[str, str]) -> bool:
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


def in_html_namespace(ancestor_tags: Iterable[str]) -> bool:
    """Whether an element is in the HTML namespace (not inside ``<svg>``/``<math>``).

    ``ancestor_tags`` are its ancestors' tag names, nearest first, in any case:
    parsers that do not expose namespaces (Lexbor, lxml's HTML parser) follow
    the parser's rule with them. The nearest ``svg``/``math`` ancestor makes an
    element foreign unless an HTML integration point (``foreignObject``,
    ``desc``, ``title``) lies between them.
    """
    crossed_integration_point = False
    for tag in ancestor_tags:
        lowered = tag.lower()
        if lowered in FOREIGN_ROOTS:
            return crossed_integration_point
        if lowered in INTEGRATION_POINTS:
            crossed_integration_point = True
    return True
