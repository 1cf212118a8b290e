"""A cooperative time budget: long loops call :meth:`Deadline.check`.

No signals and no threads, so it works in worker threads, Celery, Dask and Ray.
"""

from __future__ import annotations

import time

from .exceptions import TimeBudgetExceeded


class Deadline:
    """The end of one stage's time budget."""

    __slots__ = ("_budget", "_end", "stage")

    def __init__(self, stage: str, budget: float | None) -> None:
        """Start the clock for ``stage``; ``budget`` ``None`` never expires."""
        self.stage = stage
        self._budget = budget
        self._end = None if budget is None else time.monotonic() + budget

    def check(self) -> None:
        """Raise :class:`TimeBudgetExceeded` if the budget is spent."""
        if self._end is not None and time.monotonic() > self._end:
            raise TimeBudgetExceeded(self.stage, self._budget or 0.0)


#: A deadline that never expires, for code run outside a budget.
NO_DEADLINE = Deadline("unbudgeted", None)
