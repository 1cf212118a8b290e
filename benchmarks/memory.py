"""Resident memory over many extractions: does RSS stay flat?

A fresh child process (so nothing the parent imported or allocated counts)
extracts all four outputs of the AEB pages in a cycle, 10,000 times by default.
It reads ``VmRSS`` from ``/proc/self/status`` after a warm-up pass over every
page and then every 1,000 extractions; the growth from the warm-up to the end
is the number that matters (issue 4: under 20 MB). No ``gc.collect()`` is
forced: a crawler worker does not call it either.

Usage::

    python benchmarks/memory.py                 # 10,000 extractions, Memory part of docs updated
    python benchmarks/memory.py --count 2000 --no-write

A complete run (10,000 or more extractions) replaces the ``### Memory`` part of
the ``## Speed`` section of ``docs/benchmarks.md`` unless ``--no-write`` is given.
Exit status 1 if the growth is 20 MB or more.
"""

from __future__ import annotations

import argparse
import json
import logging
import platform
import subprocess
import sys
import time
from pathlib import Path

import aeb

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "benchmarks.md"

#: Issue 4's done-when bound on RSS growth, in MB.
MAX_GROWTH_MB = 20.0
#: Extractions between RSS samples.
SAMPLE_EVERY = 1000


def child(count: int) -> None:
    """Run the extractions and print one JSON line per RSS sample."""
    import crawlextract  # noqa: PLC0415 - imported in the child only

    # Extractor failures are page warnings; their log lines are not the point here.
    logging.getLogger("crawlextract").setLevel(logging.CRITICAL)
    pages = aeb.load_pages()
    failures = 0

    def one(index: int) -> None:
        nonlocal failures
        page = pages[index % len(pages)]
        result = crawlextract.extract(page.html, page.url)
        _ = (result.metadata, result.boilerpipe_text, result.markdown, result.readable_markdown)
        failures += any("failed" in warning for warning in result.warnings)

    for index in range(len(pages)):  # warm-up: every page once
        one(index)
    failures = 0
    start = time.perf_counter()
    print(json.dumps({"done": 0, "rss": aeb.vm_status("VmRSS")}), flush=True)
    for done in range(1, count + 1):
        one(done)
        if done % SAMPLE_EVERY == 0 or done == count:
            print(json.dumps({"done": done, "rss": aeb.vm_status("VmRSS")}), flush=True)
    print(
        json.dumps(
            {
                "hwm": aeb.vm_status("VmHWM"),
                "seconds": time.perf_counter() - start,
                "failures": failures,
            }
        ),
        flush=True,
    )


def measure(count: int) -> tuple[list[tuple[int, float]], dict[str, float]]:
    """Run the child and return its RSS samples and its summary."""
    command = [sys.executable, __file__, "--child", "--count", str(count)]
    process = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    samples: list[tuple[int, float]] = []
    summary: dict[str, float] = {}
    for line in process.stdout.splitlines():
        record = json.loads(line)
        if "done" in record:
            samples.append((record["done"], record["rss"]))
        else:
            summary = record
    return samples, summary


def report(samples: list[tuple[int, float]], summary: dict[str, float], command: str) -> str:
    """Render the ``### Memory`` part."""
    growth = samples[-1][1] - samples[0][1]
    verdict = "PASS" if growth < MAX_GROWTH_MB else "FAIL"
    rows = "\n".join(f"| {done:,} | {rss:.1f} |" for done, rss in samples)
    failures = int(summary.get("failures", 0))
    note = f" ({failures} extractions had an extractor failure)" if failures else ""
    return (
        "### Memory\n\n"
        f"A fresh process extracts all four outputs of the AEB pages in a cycle, "
        f"{samples[-1][0]:,} times after a warm-up pass over every page; `VmRSS` "
        "after the warm-up and every 1,000 extractions (no forced `gc.collect()`).\n\n"
        f"| extractions after warm-up | VmRSS MB |\n|---:|---:|\n{rows}\n\n"
        f"- {verdict}: RSS growth < {MAX_GROWTH_MB:.0f} MB over the run: "
        f"**{growth:+.1f} MB**{note}\n"
        f"- peak (`VmHWM`) {summary.get('hwm', 0):.0f} MB; "
        f"{summary.get('seconds', 0) / max(samples[-1][0], 1) * 1000:.1f} ms per extraction\n\n"
        f"Python {platform.python_version()}, measured with:\n\n```\n{command}\n```\n"
    )


def write_part(text: str) -> None:
    """Replace the ``### Memory`` part of the ``## Speed`` section (add what is missing)."""
    current = (
        DOCS.read_text(encoding="utf-8")
        if DOCS.exists()
        else "# Benchmarks\n\n## Quality\n\nNot measured yet (`benchmarks/quality.py`).\n"
    )
    speed = current.find("## Speed\n")
    if speed < 0:
        current = current.rstrip() + "\n\n## Speed\n\nNot measured yet (`benchmarks/speed.py`).\n"
        speed = current.find("## Speed\n")
    section_end = current.find("\n## ", speed + 1)
    section_end = len(current) if section_end < 0 else section_end + 1
    start = current.find("### Memory\n", speed, section_end)
    if start < 0:
        start = end = section_end
    else:
        end = current.find("\n##", start + 1, section_end)
        end = section_end if end < 0 else end + 1
    before = current[:start].rstrip() + "\n\n"
    rest = current[end:].lstrip("\n")
    joined = before + text.strip() + "\n" + ("\n" + rest if rest else "")
    DOCS.parent.mkdir(parents=True, exist_ok=True)
    DOCS.write_text(joined, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Run the memory benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="extractions after warm-up")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.count)
        return 0
    command = "python benchmarks/memory.py " + " ".join(argv if argv is not None else sys.argv[1:])
    samples, summary = measure(args.count)
    text = report(samples, summary, command.strip())
    print(text)
    if args.count >= 10_000 and not args.no_write:
        write_part(text)
        print(f"wrote the Memory part of {DOCS}", file=sys.stderr)
    return 0 if samples[-1][1] - samples[0][1] < MAX_GROWTH_MB else 1


if __name__ == "__main__":
    sys.exit(main())
