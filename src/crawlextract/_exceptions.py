"""Every error crawlextract raises on purpose.

Hierarchy::

    CrawlextractError
    ├── InputTypeError          (also a TypeError)
    ├── ExtractorError
    │   ├── UnknownExtractorError   (also a LookupError)
    │   └── MissingDependencyError  (also an ImportError)
    ├── TimeBudgetExceeded      (also a TimeoutError)
    ├── WarcInputError          (also a ValueError)
    └── MissingExtraError       (also an ImportError)

Bad *content* (garbage bytes, truncated markup, a lying charset) is never an
error: it gives empty or partial outputs, and ``Page.warnings`` says why.
"""

from __future__ import annotations


class CrawlextractError(Exception):
    """Base class of every error raised by crawlextract."""


class InputTypeError(CrawlextractError, TypeError):
    """The page, URL, headers or options were of a type crawlextract does not accept."""


class ExtractorError(CrawlextractError):
    """An extractor could not be found, loaded or configured."""


class UnknownExtractorError(ExtractorError, LookupError):
    """No extractor of that name is registered for that output."""

    def __init__(self, output: str, name: str, available: list[str]) -> None:
        """Say which output and name were asked for, and what is available."""
        self.output = output
        self.name = name
        self.available = available
        choices = ", ".join(available) or "none"
        super().__init__(f"no {output} extractor named {name!r}; available: {choices}")


class MissingDependencyError(ExtractorError, ImportError):
    """An extractor needs an optional package that is not installed."""

    def __init__(self, extractor: str, package: str, extra: str) -> None:
        """Name the extractor, the missing package and the extra that installs it."""
        self.extractor = extractor
        self.package = package
        self.extra = extra
        super().__init__(
            f"the {extractor!r} extractor needs the {package!r} package: "
            f"pip install 'crawlextract[{extra}]'"
        )


class TimeBudgetExceeded(CrawlextractError, TimeoutError):  # noqa: N818 - reads as the event, like StopIteration
    """A stage of the extraction ran past ``Limits.time_budget``."""

    def __init__(self, stage: str, budget: float) -> None:
        """Name the stage that ran over and the budget it had."""
        self.stage = stage
        self.budget = budget
        super().__init__(f"{stage} ran past its time budget of {budget:g} s")


class WarcInputError(CrawlextractError, ValueError):
    """A file cannot be read as a WARC of HTTP responses the way it was asked.

    A WET or WAT file (extracted text or metadata, not responses), or a
    whole-file gzip WARC asked to be split into chunks of records.
    """


class MissingExtraError(CrawlextractError, ImportError):
    """A feature needs an optional package that is not installed (named with its extra)."""

    def __init__(self, feature: str, package: str, extra: str) -> None:
        """Name what was asked for, the missing package and how to install it."""
        self.feature = feature
        self.package = package
        self.extra = extra
        install = f"pip install 'crawlextract[{extra}]'" if extra else f"pip install {package}"
        super().__init__(f"{feature} needs the {package!r} package: {install}")
