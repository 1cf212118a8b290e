"""crawlextract: turn downloaded web pages into what a search crawler needs.

>>> import crawlextract
>>> page = crawlextract.extract(b"<title>Hi</title><p>Hello, world.</p>")
>>> page.metadata.title
'Hi'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._api import extract
from ._base.exceptions import (
    CrawlextractError,
    ExtractorError,
    InputTypeError,
    InputValueError,
    MissingDependencyError,
    TimeBudgetExceeded,
    UnknownExtractorError,
    WorkerStartError,
)
from ._base.limits import Limits
from ._base.publish import publish
from ._config import PRESETS, Extractor, Options
from ._metadata.head import Metadata
from ._page.filters import PageFilters
from ._page.page import Page
from ._registry import ExtractorInfo, available_extractors, refresh_extractors
from ._version import __version__

if TYPE_CHECKING:
    from ._apps.batch import PageError, PageInput, PageResult, extract_many

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
    "refresh_extractors",
]

# Batches start worker processes: their module (and multiprocessing) loads on
# first use, so `import crawlextract` stays cheap for a single-page worker.
_LAZY = dict.fromkeys(("PageError", "PageInput", "PageResult", "extract_many"), "._apps.batch")

# Every exported class is shown as crawlextract.Name (the lazy ones when loaded).
publish(__name__, *(member for name in __all__ if isinstance(member := globals().get(name), type)))


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        message = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(message)
    module = importlib.import_module(module_name, __name__)
    for lazy_name in (n for n, m in _LAZY.items() if m == module_name):
        member = getattr(module, lazy_name)
        if isinstance(member, type):
            publish(__name__, member)
        globals()[lazy_name] = member
    return globals()[name]


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
