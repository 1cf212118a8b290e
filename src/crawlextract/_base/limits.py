"""The size and time budgets one page is extracted under."""

from __future__ import annotations

from dataclasses import dataclass


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
