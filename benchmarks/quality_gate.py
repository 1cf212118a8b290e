"""The quality gate: native readable quality stays at or above floors pinned per set.

Each set has two floors in ``quality_baseline.json``:

- ``gate``: a fixed sample that ``tests/readable/test_readable_quality_gate.py`` checks on
  every test run (aeb: the first 40 pages by sorted id; wcxb: every 5th page by
  sorted id, from the first: 100 pages with every page type among them);
- ``all``: every page of the set (``quality.py --check --full``).

A floor holds the number of pages, a sha256 of the pages as scored (ids, URLs,
ground truth, HTML: a changed corpus is reported, never compared against an old
floor), and the native numbers at pinning time: F1 (and snippet F1 on wcxb) less
:data:`MARGIN` are the least allowed, empty pages and pages under F1 0.05 the
most allowed.

Re-pin after a deliberate change of the numbers (one run over every page of
both sets pins all four floors)::

    python benchmarks/quality.py --pin
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from runs import MISS_F1, BenchSet, SetRun, Summary, corpus_sha256, run_set

if TYPE_CHECKING:
    from collections.abc import Sequence

BASELINE = Path(__file__).resolve().parent / "quality_baseline.json"
# The extractor is deterministic; the margin only absorbs float rounding and
# tiny differences between releases of the parser. Any real loss fails.
MARGIN = 0.0005


def _floor(run: SetRun, indexes: Sequence[int]) -> dict[str, Any]:
    results = run.results["native"]
    summary = Summary.of([results[index] for index in indexes])
    floor: dict[str, Any] = {
        "pages": summary.pages,
        "corpus_sha256": corpus_sha256([run.digests[index] for index in indexes]),
        "f1": round(summary.f1 - MARGIN, 4),
        "empty": summary.empty,
        "below_f1_0.05": summary.missed,
    }
    if run.bench_set.snippets:
        floor["snippet_f1"] = round(summary.snippet_f1 - MARGIN, 4)
    kinds = Counter(run.kinds[index] for index in indexes)
    if len(kinds) > 1:
        floor["page_types"] = dict(kinds)
    return floor


def pin(bench_sets: Sequence[BenchSet]) -> None:
    """Pin the ``all`` and ``gate`` floors of each set from one native run over every page."""
    baseline = _baseline()
    for bench_set in bench_sets:
        ids = bench_set.ids()
        run = run_set(bench_set, ids, ["native"], progress=True)
        gate = set(bench_set.gate_ids())
        floors = {
            "all": _floor(run, range(len(ids))),
            "gate": _floor(run, [index for index, page in enumerate(ids) if page in gate]),
        }
        floors["gate"]["sample"] = bench_set.gate_about
        baseline[bench_set.name] = floors
        for scope, floor in floors.items():
            print(f"pinned {bench_set.name} {scope}: {_describe(floor)}")
    BASELINE.write_text(json.dumps(baseline, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def check(bench_sets: Sequence[BenchSet], *, full: bool = False) -> int:
    """Exit status 0 if native is at or above every floor of the sets (gate samples or all)."""
    baseline = _baseline()
    scope = "all" if full else "gate"
    failed = False
    for bench_set in bench_sets:
        floor = baseline.get(bench_set.name, {}).get(scope)
        if floor is None:
            print(f"quality gate: no {scope} floor pinned for {bench_set.name}; run --pin")
            failed = True
            continue
        ids = bench_set.ids() if full else bench_set.gate_ids()
        run = run_set(bench_set, ids, ["native"])
        if corpus_sha256(run.digests) != floor["corpus_sha256"]:
            print(
                f"quality gate: the {bench_set.name} pages or their ground truth changed "
                "since the floor was pinned; re-pin with: python benchmarks/quality.py --pin"
            )
            failed = True
            continue
        summary = Summary.of(run.results["native"])
        problems = _problems(summary, floor)
        snippet = f" snippet F1 {summary.snippet_f1:.4f}" if bench_set.snippets else ""
        print(
            f"native on {bench_set.name} ({scope}, {summary.pages} pages): F1 {summary.f1:.4f} "
            f"P {summary.precision:.4f} R {summary.recall:.4f}{snippet} "
            f"empty {summary.empty} below {MISS_F1} {summary.missed}; floor {_describe(floor)}"
        )
        for problem in problems:
            print(f"  below the floor: {problem}")
        for error in [result.error for result in run.results["native"] if result.error][:5]:
            print(f"  error: {error}")
        failed = failed or bool(problems)
    print("quality gate: FAILED" if failed else "quality gate: passed")
    return 1 if failed else 0


def _problems(summary: Summary, floor: dict[str, Any]) -> list[str]:
    problems = [f"{summary.errors} pages raised an error"] if summary.errors else []
    if summary.f1 < floor["f1"]:
        problems.append(f"F1 {summary.f1:.4f} < {floor['f1']}")
    if "snippet_f1" in floor and summary.snippet_f1 < floor["snippet_f1"]:
        problems.append(f"snippet F1 {summary.snippet_f1:.4f} < {floor['snippet_f1']}")
    if summary.empty > floor["empty"]:
        problems.append(f"{summary.empty} empty pages > {floor['empty']}")
    if summary.missed > floor["below_f1_0.05"]:
        problems.append(f"{summary.missed} pages below F1 {MISS_F1} > {floor['below_f1_0.05']}")
    return problems


def _describe(floor: dict[str, Any]) -> str:
    snippet = f", snippet F1 >= {floor['snippet_f1']}" if "snippet_f1" in floor else ""
    return (
        f"{floor['pages']} pages, F1 >= {floor['f1']}{snippet}, empty <= {floor['empty']}, "
        f"below {MISS_F1} <= {floor['below_f1_0.05']}"
    )


def _baseline() -> dict[str, Any]:
    if not BASELINE.exists():
        return {}
    baseline: dict[str, Any] = json.loads(BASELINE.read_text(encoding="utf-8"))
    # The first baseline pinned aeb alone, by page count: superseded by --pin.
    baseline.pop("floors", None)
    baseline.pop("ground_truth_sha256", None)
    return baseline
