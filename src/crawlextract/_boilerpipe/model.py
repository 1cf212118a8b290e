"""Text blocks, their labels, and the document the filters work on."""

from __future__ import annotations

from .words import wrapped_lines

#: The block has the text of the page title (or the title's longest part).
TITLE = "title"
#: The block reads like the end of an article ("Add your comment", "12 comments").
END_OF_TEXT = "end-of-text"
#: The block lost to the largest block, but may still belong to the article.
MIGHT_BE_CONTENT = "might-be-content"
_NO_LABELS: frozenset[str] = frozenset()


class TextBlock:
    """A run of page text between block boundaries, with boilerpipe's features.

    After fusion a block stands for several adjacent blocks: counts are sums,
    offsets span them all, the text joins theirs with newlines.
    """

    __slots__ = (
        "_lines",
        "_sources",
        "is_content",
        "labels",
        "num_linked_words",
        "num_words",
        "offset_end",
        "offset_start",
        "tag_level",
        "text",
    )

    def __init__(
        self, text: str, num_words: int, num_linked_words: int, offset: int, tag_level: int
    ) -> None:
        """Make an unmerged block: the ``offset``-th block of the page."""
        #: The block's text (merged blocks: one line each), inner whitespace as on the page.
        self.text = text
        # A merged block's unmerged texts, for its wrapped lines (None: unmerged).
        self._sources: list[str] | None = None
        #: Tokens with a letter or digit.
        self.num_words = num_words
        #: Words inside ``<a>`` elements.
        self.num_linked_words = num_linked_words
        #: Index of the first page block this block covers.
        self.offset_start = offset
        #: Index of the last page block this block covers.
        self.offset_end = offset
        #: Nesting depth of the block's first text.
        self.tag_level = tag_level
        #: Whether the filters so far think it is article text.
        self.is_content = False
        #: Labels the filters attached (see the module constants). Few blocks
        #: get one, so all share one empty set until they do.
        self.labels: frozenset[str] = _NO_LABELS
        # Wrapped-line counts are only read by one filter, on a few blocks, so
        # they are computed on demand from the texts of the unmerged blocks.
        self._lines: tuple[int, int] | None = None

    def __repr__(self) -> str:
        """Show offsets, counts, class and the start of the text."""
        kind = "content" if self.is_content else "boilerplate"
        return (
            f"<TextBlock {self.offset_start}-{self.offset_end} words={self.num_words} "
            f"linked={self.num_linked_words} {kind} {sorted(self.labels)} {self.text[:40]!r}>"
        )

    def add_label(self, label: str) -> None:
        """Attach a label."""
        if label not in self.labels:
            self.labels = self.labels | {label}

    @property
    def link_density(self) -> float:
        """Share of the words that are link text (0 for a block without words)."""
        return self.num_linked_words / self.num_words if self.num_words else 0.0

    @property
    def text_density(self) -> float:
        """Words per wrapped 80-column line."""
        in_wrapped, lines = self.wrapped_lines()
        return in_wrapped / lines

    def wrapped_lines(self) -> tuple[int, int]:
        """Return (words in wrapped lines, wrapped lines), summed over merged blocks."""
        if self._lines is None:
            counts = [wrapped_lines(source) for source in self.source_texts()]
            self._lines = (sum(c[0] for c in counts), sum(c[1] for c in counts))
        return self._lines

    def merge(self, *others: TextBlock) -> None:
        """Absorb the blocks that follow this one, in order.

        Merging a whole run at once joins the text once: merging one block at
        a time would copy the growing text again at every step. The sums and
        bounds are kept in locals and stored once, for the same reason.
        """
        sources = self.source_texts()
        words = self.num_words
        linked = self.num_linked_words
        start = self.offset_start
        end = self.offset_end
        content = self.is_content
        labels = self.labels
        level = self.tag_level
        for other in others:
            merged = other._sources  # noqa: SLF001 (the same class)
            if merged is None:
                sources.append(other.text)
            else:
                sources.extend(merged)
            words += other.num_words
            linked += other.num_linked_words
            # Comparisons, not min() and max(): a call per block costs more.
            if other.offset_start < start:  # noqa: PLR1730
                start = other.offset_start
            if other.offset_end > end:  # noqa: PLR1730
                end = other.offset_end
            if other.is_content:
                content = True
            if other.labels:
                labels = labels | other.labels
            if other.tag_level < level:  # noqa: PLR1730
                level = other.tag_level
        self.num_words = words
        self.num_linked_words = linked
        self.offset_start = start
        self.offset_end = end
        self.is_content = content
        self.labels = labels
        self.tag_level = level
        self._sources = sources
        self.text = "\n".join(sources)
        self._lines = None

    def source_texts(self) -> list[str]:
        """The texts of the unmerged blocks this block covers."""
        return list(self._sources) if self._sources is not None else [self.text]


class TextDocument:
    """The page as the filters see it: its title and its blocks in page order."""

    __slots__ = ("blocks", "title")

    def __init__(self, title: str | None, blocks: list[TextBlock]) -> None:
        """Hold the title (``None`` if the page has none) and the blocks."""
        #: The text of the page's ``<title>``.
        self.title = title
        #: The blocks still in play; filters may replace the list.
        self.blocks = blocks

    def content(self) -> str:
        """Return the text of the content blocks, one block per line."""
        return "\n".join(block.text for block in self.blocks if block.is_content)
