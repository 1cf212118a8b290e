"""Limits.time_budget: cooperative, so it works in threads, and raises TimeBudgetExceeded."""

from __future__ import annotations

import signal
import threading
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest

import crawlextract
from crawlextract import Limits, Options, TimeBudgetExceeded
from crawlextract._base import deadline as deadline_module

# A page big enough that every stage makes many budget checks.
PAGE = (
    "<html><head><title>Budget</title></head><body><nav><a href=/a>a</a></nav><article>"
    + "".join(
        f"<p>Paragraph {i} with <a href='/l{i}'>a link</a> and <b>bold</b>.</p>"
        for i in range(20_000)
    )
    + "</article></body></html>"
)
OUTPUTS = ("boilerpipe_text", "markdown", "readable_markdown")


def _budget(seconds: float | None) -> Options:
    return Options(limits=Limits(time_budget=seconds))


class _Clock:
    """A monotonic clock that jumps ``step`` seconds on every reading once started."""

    def __init__(self, step: float) -> None:
        self.now = 0.0
        self.step = 0.0
        self._later_step = step

    def start(self) -> None:
        self.step = self._later_step

    def monotonic(self) -> float:
        self.now += self.step
        return self.now


@pytest.fixture
def no_signals(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any use of signals or alarms fail the test."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the time budget must not use signals")

    for name in ("signal", "alarm", "setitimer", "pthread_kill"):
        if hasattr(signal, name):
            monkeypatch.setattr(signal, name, refuse)


@pytest.mark.usefixtures("no_signals")
def test_exhausted_budget_raises_in_a_worker_thread() -> None:
    """A budget spent during parsing raises TimeBudgetExceeded inside a non-main thread."""

    def run() -> str:
        assert threading.current_thread() is not threading.main_thread()
        with pytest.raises(TimeBudgetExceeded) as raised:
            crawlextract.extract(PAGE, options=_budget(0.0)).to_dict()
        return raised.value.stage

    with ThreadPoolExecutor(max_workers=4) as pool:
        stages = list(pool.map(lambda _: run(), range(4)))
    assert stages == ["parse"] * 4


@pytest.mark.usefixtures("no_signals")
def test_generous_budget_changes_nothing() -> None:
    """With a budget that is never reached the result equals the unbudgeted one."""
    page = crawlextract.extract(PAGE, options=_budget(3600.0))
    assert page.to_dict() == crawlextract.extract(PAGE).to_dict()


@pytest.mark.usefixtures("no_signals")
@pytest.mark.parametrize("output", OUTPUTS)
def test_each_output_checks_its_budget(monkeypatch: pytest.MonkeyPatch, output: str) -> None:
    """Each output stops with TimeBudgetExceeded when its stage's clock runs out mid-work."""
    clock = _Clock(step=1.0)
    # Only the deadline module sees the fake clock.
    monkeypatch.setattr(deadline_module, "time", SimpleNamespace(monotonic=clock.monotonic))
    page = crawlextract.extract(PAGE, options=_budget(10.0))
    clock.start()  # from now on every budget check costs a second
    with pytest.raises(TimeBudgetExceeded):
        getattr(page, output)


def test_budget_error_names_its_stage_and_budget() -> None:
    """The error says which stage ran over and what its budget was; it is a TimeoutError."""
    with pytest.raises(TimeoutError) as raised:
        crawlextract.extract(PAGE, options=_budget(0.0)).metadata  # noqa: B018 - read to run it
    assert isinstance(raised.value, TimeBudgetExceeded)
    assert raised.value.budget == 0.0
    assert "parse" in str(raised.value)


def test_budget_is_per_call() -> None:
    """One call's exhausted budget does not leak into another call running at the same time."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        tight = pool.submit(lambda: crawlextract.extract(PAGE, options=_budget(0.0)).to_dict())
        free = pool.submit(lambda: crawlextract.extract(PAGE).to_dict())
        with pytest.raises(TimeBudgetExceeded):
            tight.result()
        assert free.result()["metadata"]["title"] == "Budget"
