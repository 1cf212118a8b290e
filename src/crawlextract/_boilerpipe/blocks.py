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

from crawlextract._html.dom import Element

from .model import TextBlock, TextDocument
from .words import NON_ASCII_NON_WORD, count_words_between, count_words_each, has_token

if TYPE_CHECKING:
    from collections.abc import Iterator

    from crawlextract._base.deadline import Deadline

_BLOCK, _INLINE, _SPACED, _ANCHOR, _IGNORE, _BODY, _VOID_TAG, _RAW_TAG = range(8)
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
# What a tag does to the block stream (every other tag is a block tag). Void
# and raw-text elements are block tags with an action of their own, so the
# walk needs no second lookup for the few elements that are either.
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
    **dict.fromkeys(_VOID, _VOID_TAG),
    **dict.fromkeys(_RAW_TEXT, _RAW_TAG),
}  # fmt: skip
_TAG_IN_TEXT = re.compile(r"</?[a-zA-Z][^>]*>")

# How many elements to walk between deadline checks: a few milliseconds of work.
_CHECK_EVERY = 4096


def segment(dom: Element, deadline: Deadline) -> TextDocument:
    """Return the page's title and text blocks, in page order."""
    separator = "\x00"  # never in the text of an HTML5 parse, but a tree is free to hold it
    title, text, link_text, levels = _replay(dom, deadline, separator)
    texts = text.split(separator)
    if len(texts) != len(levels) + 1:
        # Some text holds the separator: replay with a character no text holds.
        separator = next(char for char in map(chr, range(1, 0x110000)) if char not in text)
        title, text, link_text, levels = _replay(dom, deadline, separator)
        texts = text.split(separator)
        if len(texts) != len(levels) + 1:
            raise AssertionError("block texts and blocks disagree")  # pragma: no cover
    del texts[0]  # the empty piece before the first block
    if separator == "\x00":
        linked = count_words_between(link_text)
    else:
        linked = count_words_each(link_text.split(separator + " "))
    del linked[0]
    return TextDocument(title, _make_blocks(texts, linked, levels))


def _make_blocks(texts: list[str], linked: list[int], levels: list[int]) -> list[TextBlock]:
    """Count the blocks' words; a block without a single token is no block."""
    words = count_words_each(texts)
    if 0 in words:
        kept = [i for i, count in enumerate(words) if count or has_token(texts[i])]
        if len(kept) < len(texts):
            texts = [texts[i] for i in kept]
            linked = [linked[i] for i in kept]
            levels = [levels[i] for i in kept]
            words = [words[i] for i in kept]
    return list(map(TextBlock, texts, words, linked, range(len(texts)), levels))


class _OutsideBody:
    """Text outside ``<body>``: it makes no block, but a ``<title>``'s text is the title.

    Such a block's text is written like any other block's (without the
    separator), and taken back out when the block ends.
    """

    __slots__ = ("link_parts", "opened_at", "parts", "title")

    def __init__(self, parts: list[str], link_parts: list[str]) -> None:
        """Watch the texts and link texts being written."""
        self.parts = parts
        self.link_parts = link_parts
        #: The page title (the text of the last ``<title>`` that has some).
        self.title: str | None = None
        #: Where in ``parts`` and ``link_parts`` the open block began, when it
        #: began outside ``<body>`` (else ``None``).
        self.opened_at: tuple[int, int] | None = None

    def open(self) -> None:
        """A block starts outside ``<body>``."""
        self.opened_at = (len(self.parts), len(self.link_parts))

    def close(self, last_start: str) -> None:
        """The block that began outside ``<body>`` ends: take its text back out.

        It ends outside too: the start and the end of ``<body>`` both end the
        open block. Its text is the title when ``last_start``, the last tag
        started, is ``title``.
        """
        opened_at = self.opened_at
        if opened_at is None:
            return
        self.opened_at = None
        parts = self.parts
        text = "".join(parts[opened_at[0] :])
        del parts[opened_at[0] :]
        del self.link_parts[opened_at[1] :]
        if last_start == "title":
            text = text.strip()
            if text:
                self.title = text


def _replay(  # noqa: C901, PLR0912, PLR0915
    dom: Element, deadline: Deadline, separator: str
) -> tuple[str | None, str, str, list[int]]:
    """Replay boilerpipe's events; return the title and the blocks' texts, link texts, levels.

    The texts of all blocks come back as one string, each block preceded by
    ``separator``. Their link texts come back the same way, each preceded by
    ``separator`` and a space, for :func:`count_words_between`: without the
    non-ASCII characters that are no word characters. Text outside ``<body>``
    makes no block.
    """
    # One function with local state and local names: this loop runs for every
    # node of the page, and per-event calls and global lookups cost more than
    # everything else here together (a call per block alone adds about 1.5%).
    # So a block is written where its first text is: ending it then only
    # resets its state, and takes it back out when it began outside <body>
    # (_OutsideBody.close, called only then).
    block, inline, anchor, spaced, ignore = _BLOCK, _INLINE, _ANCHOR, _SPACED, _IGNORE
    void, raw_text, check_every = _VOID_TAG, _RAW_TAG, _CHECK_EVERY
    action_of = _ACTIONS.get
    blank_non_words = NON_ASCII_NON_WORD.sub
    # The text of all blocks so far: a separator before each block, then
    # pieces of text and single spaces; joined once at the end.
    parts: list[str] = []
    # The same, only what lies inside links. Link text is only ever counted,
    # so it keeps only the words, and gets its spaces at once. A block's link
    # text may be empty: the space keeps two separators apart.
    link_parts: list[str] = []
    link_separator = separator + " "
    levels: list[int] = []
    outside_body = _OutsideBody(parts, link_parts)
    # The open block: 0 while it has no text, else 1, or 2 when it ends with a
    # space. That space is written only when more text follows, so a block
    # never ends with one: block texts come out stripped.
    state = 0
    # boilerpipe's link state is a property of the event stream, not of a
    # block: text is link text when the last link boundary before it was a
    # start, even when the link began in the previous block.
    in_link_text = False
    # A block tag started or ended: the block ends at the next text or end tag.
    pending = False
    in_body = in_anchor = in_ignorable = 0
    level = 0
    # Nesting level of the first text since the last block written: a block
    # outside <body> makes no block, and its level carries over to the next
    # one, as boilerpipe's does.
    first_level = -1
    last_start = ""

    # The walk: the children still to read and their parent's action, and the
    # same for every open ancestor (to resume when the parent ends). In locals
    # rather than on the stack: one push and one pop per element.
    children = iter(dom.children)
    open_action = block  # the root's end changes nothing: the page ends there anyway
    stack: list[tuple[Iterator[Element | str], int]] = []
    countdown = check_every
    while True:
        for node in children:
            if isinstance(node, str):
                if pending:
                    pending = False
                    if state:
                        state = 0
                        if outside_body.opened_at is not None:
                            outside_body.close(last_start)
                if in_ignorable:
                    continue
                stripped = node.strip()
                if not stripped:
                    if state == 1:
                        if in_link_text:
                            link_parts.append(" ")
                        state = 2
                    continue
                if state == 2:
                    parts.append(" ")
                elif state:
                    if stripped is not node and node[0].isspace():
                        parts.append(" ")
                        if in_link_text:
                            link_parts.append(" ")
                else:  # the block's first text
                    if first_level < 0:
                        first_level = level
                    if in_body:
                        parts.append(separator)
                        link_parts.append(link_separator)
                        levels.append(first_level)
                        first_level = -1
                    else:
                        outside_body.open()
                parts.append(stripped)
                if in_link_text:
                    # Link text is only counted: only its words need to be kept.
                    link_parts.append(
                        stripped if stripped.isascii() else blank_non_words(" ", stripped)
                    )
                if stripped is not node and node[-1].isspace():
                    if in_link_text:
                        link_parts.append(" ")
                    state = 2
                else:
                    state = 1
                continue
            countdown -= 1
            if not countdown:
                deadline.check()
                countdown = check_every
            tag = node.tag
            action = action_of(tag, block)
            # Most common first: block, link, void, inline.
            if action == block:
                pending = True
                level += 1
            elif action == anchor:
                level += 1
                in_anchor += 1
                if in_anchor > 1:
                    in_anchor -= 1  # a link in a link: boilerpipe closes the outer one
                if not in_ignorable:
                    # A link boundary is a space on both sides (in link
                    # text, a space more or less changes no count).
                    if state:
                        state = 2
                        link_parts.append(" ")
                    in_link_text = True
            elif action == void:
                pending = True
                level += 1
                if not node.children:
                    last_start = tag
                    continue
                action = block
            elif action == inline:
                pass
            elif action == spaced:
                state = _spaced(state, link_parts, in_link_text=in_link_text)
            elif action == ignore:
                in_ignorable += 1
                pending = True
                level += 1
            elif action == raw_text:
                pending = True
                level += 1
                last_start = tag
                stack.append((children, open_action))
                children = iter(_markup_in_raw_text(node.children))
                open_action = block
                break
            else:  # body: the block before it ends
                if state:
                    state = 0
                    if outside_body.opened_at is not None:
                        outside_body.close(last_start)
                in_body += 1
                level += 1
            last_start = tag
            stack.append((children, open_action))
            children = iter(node.children)
            open_action = action
            break
        else:
            if not stack:
                break
            action = open_action
            children, open_action = stack.pop()
            if action == block:
                pending = True
                level -= 1
            elif action == anchor:
                level -= 1
                in_anchor -= 1
                if not in_anchor and not in_ignorable:
                    if state == 1:
                        state = 2
                    in_link_text = False
            elif action == inline:
                pass
            elif action == spaced:
                state = _spaced(state, link_parts, in_link_text=in_link_text)
            elif action == ignore:
                in_ignorable -= 1
                pending = True
                level -= 1
            else:  # body: its last block ends with it, as at a block tag's end
                in_body -= 1
                level -= 1
                pending = True
            # The pending flag stays set until the next text, as in boilerpipe.
            if pending and state:
                state = 0
                if outside_body.opened_at is not None:
                    outside_body.close(last_start)
    if state:  # still open, so outside <body> (its end ends its blocks)
        outside_body.close(last_start)
    return outside_body.title, "".join(parts), "".join(link_parts), levels


def _spaced(state: int, link_parts: list[str], *, in_link_text: bool) -> int:
    """An ``abbr`` or ``acronym`` starts or ends: a space, as between words; return the state.

    (Rare tags: the call costs nothing, where it would for the whitespace text
    that does the same in :func:`_replay`.)
    """
    if state == 1:
        if in_link_text:
            link_parts.append(" ")
        return 2
    return state


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
            read.append(Element("#tag-in-text", {}))
            start = tag.end()
        if start < len(child):
            read.append(html.unescape(child[start:]))
    return read
