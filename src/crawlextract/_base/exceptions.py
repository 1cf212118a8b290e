"""Every error crawlextract raises on purpose.

Hierarchy::

    CrawlextractError
    ├── InputTypeError          (also a TypeError)
    ├── InputValueError         (also a ValueError)
    ├── ExtractorError
    │   ├── UnknownExtractorError   (also a LookupError)
    │   └── MissingDependencyError  (also an ImportError)
    │   └── ExtractorContractError  (also an AssertionError)
    ├── TimeBudgetExceeded      (also a TimeoutError)
    └── WorkerStartError        (also a RuntimeError)

Every error the library raises on purpose is one of these (the command line
and the fixture tools add their own subclasses); ``tests/api/test_exceptions.py``
checks the source for bare built-in exceptions. ``MissingDependencyError`` is
also what a missing optional package of WARC input, Parquet output or the
Dask engine raises.

Bad *content* (garbage bytes, truncated markup, a lying charset) is never an
error: it gives empty or partial outputs, and ``Page.warnings`` says why.
"""

from __future__ import annotations


class CrawlextractError(Exception):
    """Base class of every error raised by crawlextract."""


class InputTypeError(CrawlextractError, TypeError):
    """The page, URL, headers or options were of a type crawlextract does not accept."""


class InputValueError(CrawlextractError, ValueError):
    """An argument has an accepted type but a value crawlextract cannot use (``workers=0``)."""


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
    """An extractor, or another optional feature, needs a package that is not installed."""

    def __init__(
        self, extractor: str, package: str, extra: str | None, *, feature: str | None = None
    ) -> None:
        """Name what needs the package, the package, and the extra that installs it.

        Args:
            extractor: The extractor's name, or a short name of the feature.
            package: The missing package.
            extra: The crawlextract extra that installs it (``None``: install the
                package itself).
            feature: What needs the package, said for the message ("reading WARC
                files"); ``None`` for the extractor.
        """
        self.extractor = extractor
        self.package = package
        self.extra = extra
        needs = feature if feature is not None else f"the {extractor!r} extractor"
        install = f"crawlextract[{extra}]" if extra is not None else package
        super().__init__(f"{needs} needs the {package!r} package: pip install '{install}'")


class ExtractorContractError(ExtractorError, AssertionError):
    """An extractor broke the contract :func:`crawlextract.testing.check_extractor` checks.

    Also an ``AssertionError``, so a test runner reports it as a failed test.
    """


class TimeBudgetExceeded(CrawlextractError, TimeoutError):  # noqa: N818 - reads as the event, like StopIteration
    """A stage of the extraction ran past ``Limits.time_budget``."""

    def __init__(self, stage: str, budget: float) -> None:
        """Name the stage that ran over and the budget it had."""
        self.stage = stage
        self.budget = budget
        super().__init__(f"{stage} ran past its time budget of {budget:g} s")


class WorkerStartError(CrawlextractError, RuntimeError):
    """A worker process of :func:`~crawlextract.extract_many` could not start.

    Most often a script without an ``if __name__ == "__main__":`` guard, run
    under the ``forkserver`` or ``spawn`` start method: every worker imports
    the script again, and its top-level code starts a batch of its own.
    """
