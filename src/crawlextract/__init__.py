"""crawlextract: turn downloaded web pages into what a search crawler needs.

>>> import crawlextract
>>> page = crawlextract.extract(b"<title>Hi</title><p>Hello, world.</p>")
>>> page.metadata.title
'Hi'
"""

from ._batch import PageError, PageInput, PageResult, extract_many
from ._exceptions import (
    CrawlextractError,
    ExtractorError,
    InputTypeError,
    InputValueError,
    MissingDependencyError,
    TimeBudgetExceeded,
    UnknownExtractorError,
    WorkerStartError,
)
from ._extract import extract
from ._metadata import Metadata
from ._options import PRESETS, Limits, Options
from ._page import Page, PageFilters
from ._registry import Extractor, ExtractorInfo, available_extractors
from ._version import __version__

__all__ = [
    "PRESETS",
    "CrawlextractError",
    "Extractor",
    "ExtractorError",
    "ExtractorInfo",
    "InputTypeError",
    "InputValueError",
    "Limits",
    "Metadata",
    "MissingDependencyError",
    "Options",
    "Page",
    "PageError",
    "PageFilters",
    "PageInput",
    "PageResult",
    "TimeBudgetExceeded",
    "UnknownExtractorError",
    "WorkerStartError",
    "__version__",
    "available_extractors",
    "extract",
    "extract_many",
]
