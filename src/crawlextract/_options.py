"""Configuration, passed in: a frozen :class:`Options` with named presets.

Nothing here is read from the environment or from module globals; two calls
with different options never affect each other.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Union

from ._exceptions import InputTypeError

if TYPE_CHECKING:
    from ._registry import Extractor

#: An extractor chosen by its registered name or given as an object.
ExtractorSpec = Union[str, "Extractor[Any]"]


@dataclass(frozen=True, slots=True)
class Limits:
    """Budgets that keep one hostile page from stalling a worker.

    Past a size limit the page is truncated or simplified and ``Page.warnings``
    says so; past the time budget :class:`~crawlextract.TimeBudgetExceeded` is raised.
    """

    max_input_bytes: int = 16 * 1024 * 1024
    """Bytes of input read; the rest is cut off (a warning says so)."""
    max_depth: int = 200
    """Element nesting kept; deeper content is flattened into its ancestor's text."""
    max_nodes: int = 2_000_000
    """Elements and text nodes kept; the rest of the document is dropped."""
    max_table_cells: int = 200_000
    """Cells one rendered table may have; larger tables are cut to this many."""
    time_budget: float | None = None
    """Seconds each stage (parse, each output) may take; ``None`` for no limit. Checked
    cooperatively, so it works in threads and worker frameworks.
    """


@dataclass(frozen=True, slots=True)
class Options:
    """Which extractor makes each output, and the limits they run under.

    Each extractor is a registered name (see :func:`~crawlextract.available_extractors`)
    or an object that follows the :class:`~crawlextract.Extractor` protocol.
    """

    metadata: ExtractorSpec = "lexbor"
    """Extractor for the page details."""
    boilerpipe: ExtractorSpec = "native"
    """Extractor for ``boilerpipe_text``."""
    markdown: ExtractorSpec = "native"
    """Extractor for ``markdown`` (the whole page)."""
    readable: ExtractorSpec = "native"
    """Extractor for ``readable_markdown`` (the main content)."""
    include_images: bool = True
    """Keep images in the markdown outputs."""
    include_links: bool = True
    """Keep link targets in the markdown outputs (the link text stays either way)."""
    readable_title: bool = False
    """Put the page's headline on top of ``readable_markdown`` as a ``# `` heading: the
    ``<h1>`` of the main content or the last one before it, else the ``<title>``; not added
    when the content already starts with that heading, or is empty. Off by default, as
    the benchmarks' annotated bodies leave the title out. Honoured by the built-in readable
    extractors (``docs/readable.md``, "The headline").
    """
    detect_language: bool = False
    """Detect the language of the page text for ``Metadata.detected_language`` (needs the
    ``[lang]`` extra; off by default because it costs about as much as the other
    extended page details together).
    """
    limits: Limits = field(default_factory=Limits)
    """Size and time budgets."""

    def replace(self, **changes: Any) -> Options:
        """Return a copy with some fields changed."""
        return dataclasses.replace(self, **changes)


#: Named option sets. ``fast`` is the default: the native extractors on one
#: shared parse. ``reference`` uses the original packages (boilerpy3,
#: markdownify, trafilatura, lxml), which is slower but useful for comparison.
PRESETS: dict[str, Options] = {
    "fast": Options(),
    "reference": Options(
        metadata="lxml",
        boilerpipe="boilerpy3",
        markdown="markdownify",
        readable="trafilatura",
    ),
}


def resolve_options(options: Options | str | None) -> Options:
    """Turn ``None``, a preset name or an :class:`Options` into an :class:`Options`."""
    if options is None:
        return PRESETS["fast"]
    if isinstance(options, Options):
        return options
    if isinstance(options, str):
        try:
            return PRESETS[options]
        except KeyError:
            names = ", ".join(sorted(PRESETS))
            raise InputTypeError(f"unknown preset {options!r}; presets: {names}") from None
    raise InputTypeError(
        f"options must be an Options, a preset name or None, not {type(options).__name__}"
    )
