"""Cut the compact tree into boilerpipe text blocks.

boilerpipe reads a page as a stream of start-tag, end-tag and text events and
decides per tag name what each event does:

- *block* tags (every tag not named below: ``p``, ``div``, ``li``, ``h1``,
  ``td``, ``br``, ``img``, ``time``, ...) end the current block at the next text
  or end tag;
- *inline* tags (``b``, ``i``, ``em``, ``strong``, ``span``, ``code``, ``sup``,
  ``sub``, ``u``, ``strike``, ``tt``, ``var``, ``font``) do nothing, so
  ``foo<b>bar</b>`` is the one word ``foobar``; ``abbr`` and ``acronym`` add a space;
- ``<a>`` marks its words as link text and puts a space on either side;
- ignorable tags (``noscript``, ``option``, ``object``, ``embed``, ``applet``,
  ``script``, ``style``) hide their text and end the current block;
- text outside ``<body>`` makes no block; the ``<title>`` text is kept.

:func:`segment` replays those events from one walk of the tree (start tag,
children, end tag; void elements such as ``<br>`` only start, as on the page)
and keeps boilerpipe's state, so block boundaries agree. A block is kept when
it has at least one token; its text is stripped at the ends and keeps the
page's inner whitespace.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from crawlextract._dom import Element

from .model import TextBlock, TextDocument
from .words import count_words, has_token

if TYPE_CHECKING:
    from crawlextract._deadline import Deadline

_BLOCK, _INLINE, _SPACED, _ANCHOR, _IGNORE, _BODY = range(6)
# What a tag does to the block stream (every other tag is a block tag).
_ACTIONS: dict[str, int] = {
    **dict.fromkeys(
        ("strike", "u", "b", "i", "em", "strong", "span", "sup", "code", "tt", "sub",
         "var", "font"),
        _INLINE,
    ),
    "abbr": _SPACED,
    "acronym": _SPACED,
    "a": _ANCHOR,
    **dict.fromkeys(
        ("style", "script", "option", "object", "embed", "applet", "noscript"), _IGNORE
    ),
    "body": _BODY,
}  # fmt: skip
# Elements that have no end tag on the page, so they only ever start.
# ``embed`` is left out on purpose: boilerpipe hides everything after an
# ``<embed>`` that has no end tag, but pages often write ``</embed>`` or
# ``<embed/>``, which the tree cannot tell apart; we close it at once.
_VOID = frozenset(
    ("area", "base", "basefont", "bgsound", "br", "col", "frame", "hr", "image", "img",
     "input", "keygen", "link", "meta", "param", "source", "track", "wbr")
)  # fmt: skip
# Elements whose content an HTML5 parser keeps as raw text (entities and tags
# left as written), where boilerpipe's parser reads markup: each tag inside
# ends a block and the text between has its entities decoded. (``title`` and
# ``textarea`` have their entities decoded by HTML5 already, so a "<" there may
# have been "&lt;"; they are left alone.)
_RAW_TEXT = frozenset(("iframe", "noembed", "noframes", "xmp", "plaintext"))
_TAG_IN_TEXT = re.compile(r"</?[a-zA-Z][^>]*>")

# How many elements to walk between deadline checks: a few milliseconds of work.
_CHECK_EVERY = 4096


def segment(dom: Element, deadline: Deadline) -> TextDocument:
    """Return the page's title and text blocks, in page order."""
    title, blocks = _replay(dom, deadline)
    return TextDocument(title, blocks)


def _replay(dom: Element, deadline: Deadline) -> tuple[str | None, list[TextBlock]]:  # noqa: C901, PLR0912, PLR0915
    # One function with local state and local names: this loop runs for every
    # node of the page, and per-event method calls and global lookups cost
    # more than everything else here together.
    block, inline, anchor, spaced, ignore = _BLOCK, _INLINE, _ANCHOR, _SPACED, _IGNORE
    void, check_every, raw_text = _VOID, _CHECK_EVERY, _RAW_TEXT
    action_of = _ACTIONS.get
    blocks: list[TextBlock] = []
    title: str | None = None
    parts: list[str] = []  # the open block: text pieces and single spaces
    link_parts: list[str] = []  # the same, only what lies inside links
    ends_with_space = False
    # boilerpipe's link state is a property of the event stream, not of a
    # block: text is link text when the last link boundary before it was a
    # start, even when the link began in the previous block.
    in_link_text = False
    # A block tag started or ended: the block ends at the next text or end tag.
    pending = False
    in_body = in_anchor = in_ignorable = 0
    level = 0
    first_level = -1  # nesting level of the open block's first text
    last_start = ""

    def flush() -> None:
        nonlocal ends_with_space, first_level, title
        text = "".join(parts)
        parts.clear()
        ends_with_space = False
        if in_body:
            made = _make_block(text, "".join(link_parts), len(blocks), first_level)
            if made is not None:
                blocks.append(made)
            first_level = -1
        elif last_start == "title":
            text = text.strip()
            if text:
                title = text
        link_parts.clear()

    stack = [iter(dom.children)]
    open_actions = [block]
    countdown = check_every
    while stack:
        for node in stack[-1]:
            if isinstance(node, str):
                if pending:
                    if parts:
                        flush()
                    pending = False
                if in_ignorable:
                    continue
                stripped = node.strip()
                if not stripped:
                    if not ends_with_space:
                        if parts:
                            parts.append(" ")
                            if in_link_text:
                                link_parts.append(" ")
                        ends_with_space = True
                    continue
                if not ends_with_space and parts and node[0].isspace():
                    parts.append(" ")
                    if in_link_text:
                        link_parts.append(" ")
                if first_level < 0:
                    first_level = level
                parts.append(stripped)
                ends_with_space = node[-1].isspace()
                if ends_with_space:
                    parts.append(" ")
                if in_link_text:
                    link_parts.append(stripped)
                    if ends_with_space:
                        link_parts.append(" ")
                continue
            countdown -= 1
            if not countdown:
                deadline.check()
                countdown = check_every
            tag = node.tag
            action = action_of(tag, block)
            if action == block:
                pending = True
                level += 1
            elif action == inline:
                pass
            elif action == anchor:
                level += 1
                in_anchor += 1
                if in_anchor > 1:
                    in_anchor -= 1  # a link in a link: boilerpipe closes the outer one
                if not in_ignorable:
                    # A link boundary is a space on both sides.
                    if not ends_with_space:
                        if parts:
                            parts.append(" ")
                        ends_with_space = True
                    if link_parts:
                        link_parts.append(" ")
                    in_link_text = True
            elif action == spaced:
                if not ends_with_space:
                    if parts:
                        parts.append(" ")
                        if in_link_text:
                            link_parts.append(" ")
                    ends_with_space = True
            elif action == ignore:
                in_ignorable += 1
                pending = True
                level += 1
            else:  # body
                if parts:
                    flush()
                in_body += 1
                level += 1
            last_start = tag
            children = node.children
            if children:
                if tag in raw_text:
                    children = _markup_in_raw_text(children)
            elif tag in void:
                continue
            stack.append(iter(children))
            open_actions.append(action)
            break
        else:
            stack.pop()
            action = open_actions.pop()
            if action == block:
                pending = True
                level -= 1
            elif action == inline:
                pass
            elif action == anchor:
                level -= 1
                in_anchor -= 1
                if not in_anchor and not in_ignorable:
                    if not ends_with_space:
                        if parts:
                            parts.append(" ")
                        ends_with_space = True
                    in_link_text = False
            elif action == spaced:
                if not ends_with_space:
                    if parts:
                        parts.append(" ")
                        if in_link_text:
                            link_parts.append(" ")
                    ends_with_space = True
            elif action == ignore:
                in_ignorable -= 1
                pending = True
                level -= 1
            else:  # body
                if parts:
                    flush()
                in_body -= 1
                level -= 1
            # The pending flag stays set until the next text, as in boilerpipe.
            if pending and parts:
                flush()
    if parts:
        flush()
    return title, blocks


def _markup_in_raw_text(children: list[Element | str]) -> list[Element | str]:
    """Read raw text as boilerpipe's parser does: tags as block boundaries, entities decoded."""
    read: list[Element | str] = []
    for child in children:
        if not isinstance(child, str):
            read.append(child)
            continue
        start = 0
        for tag in _TAG_IN_TEXT.finditer(child):
            if tag.start() > start:
                read.append(html.unescape(child[start : tag.start()]))
            read.append(Element("#tag-in-text", {}, None))
            start = tag.end()
        if start < len(child):
            read.append(html.unescape(child[start:]))
    return read


def _make_block(text: str, link_text: str, offset: int, level: int) -> TextBlock | None:
    """Count a block's words; a block without a single token is no block."""
    words = count_words(text)
    if not words and not has_token(text):
        return None
    stripped = text.strip()
    linked = 0
    if link_text and words:
        # A block that is one link (a menu entry) needs no second count.
        linked = words if link_text.strip() == stripped else count_words(link_text)
    return TextBlock(stripped, words, linked, offset, level)
