"""``crawlextract fixtures add|check``: keep saved pages as regression fixtures.

``add`` saves a page and writes its golden outputs; ``check`` re-extracts every
fixture in a directory and prints a unified diff per changed output (exit 1 on
any change); ``check --update`` rewrites the goldens instead. The format is
described in :mod:`crawlextract._apps.fixtures` and ``docs/guides/fixtures.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from crawlextract._apps.fixtures import (
    add_fixture,
    check_fixture,
    find_fixtures,
    fixture_name,
    update_fixture,
)
from crawlextract._base.exceptions import CrawlextractError
from crawlextract._config import PRESETS

from .page import (
    EXIT_FAILURE,
    HEADERS_HELP,
    CommandParser,
    UsageError,
    read_headers,
    read_input,
    report_error,
    run_command,
    write_output,
)

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterable, Sequence


def build_parser() -> argparse.ArgumentParser:
    """Return the parser of ``crawlextract fixtures``."""
    parser = CommandParser(
        prog="crawlextract fixtures",
        description="Saved pages with golden outputs, checked in CI.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    add = commands.add_parser(
        "add", help="save a page and its golden outputs", description="Save a page as a fixture."
    )
    add.add_argument("file", metavar="FILE", help="a .html or .html.gz file, or - for stdin")
    add.add_argument("--url", required=True, help="the page URL")
    add.add_argument("--headers", metavar="FILE", help=HEADERS_HELP)
    add.add_argument("--name", help="fixture name (default: from FILE, or from the URL)")
    add.add_argument("--to", required=True, metavar="DIR", help="the fixtures directory")
    add.add_argument("--preset", choices=sorted(PRESETS), help="preset to make the goldens with")
    add.add_argument("--source", help="where the page comes from (kept in page.json)")
    add.add_argument("--licence", help="the page's licence (kept in page.json)")
    add.add_argument("--notes", help="why this page is a fixture (kept in page.json)")
    add.add_argument("--force", action="store_true", help="replace a fixture of that name")

    check = commands.add_parser(
        "check",
        help="compare every fixture with its goldens",
        description="Re-extract every fixture in DIR; print a diff per changed output.",
    )
    check.add_argument("directory", metavar="DIR", help="the fixtures directory")
    check.add_argument("--update", action="store_true", help="rewrite changed goldens")
    check.add_argument(
        "--preset",
        choices=sorted(PRESETS),
        help="check with this preset instead of each fixture's own",
    )
    return parser


def main(argv: Sequence[str]) -> int:
    """Run ``crawlextract fixtures ...``; return the exit status."""
    return run_command(build_parser, argv, _add_or_check)


def _add_or_check(args: argparse.Namespace) -> int:
    return _add(args) if args.command == "add" else _check(args)


def _add(args: argparse.Namespace) -> int:
    html = read_input(args.file)
    headers = read_headers(args.headers) if args.headers else ()
    name = args.name or _default_name(args.file, args.url)
    directory = Path(args.to)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"cannot write to {directory}: {error.strerror}") from None
    path = add_fixture(
        directory,
        name,
        html,
        url=args.url,
        headers=headers,
        preset=args.preset,
        source=args.source,
        licence=args.licence,
        notes=args.notes,
        overwrite=args.force,
    )
    write_output(f"added {path}\n", None)
    return 0


def _check(args: argparse.Namespace) -> int:
    directory = Path(args.directory)
    if not directory.is_dir():
        raise UsageError(f"{directory}: no such directory")
    paths = find_fixtures(directory)
    if not paths:
        raise UsageError(f"{directory}: no fixtures (directories with a page.html)")
    changed = failed = 0
    for path in _progress(paths):
        try:
            result = (update_fixture if args.update else check_fixture)(path, args.preset)
        except CrawlextractError as error:
            failed += 1
            report_error(f"{path.name}: {error}", EXIT_FAILURE)
            continue
        if not result.changed:
            continue
        changed += 1
        if args.update:
            files = ", ".join(result.diffs)
            write_output(f"updated {result.name}: {files}\n", None)
        else:
            write_output("".join(result.diffs.values()), None)
    verb = "updated" if args.update else "changed"
    noun = "fixture" if len(paths) == 1 else "fixtures"
    summary = f"{len(paths)} {noun} checked, {changed} {verb}"
    if failed:
        summary += f", {failed} failed"
    write_output(summary + "\n", None)
    if failed or (changed and not args.update):
        return EXIT_FAILURE
    return 0


def _default_name(file: str, url: str) -> str:
    if file != "-":
        stem = Path(file).name
        for suffix in (".gz", ".html", ".htm"):
            stem = stem.removesuffix(suffix)
        return fixture_name(stem)
    parts = urlsplit(url)
    last = parts.path.rstrip("/").rsplit("/", 1)[-1]
    return fixture_name(f"{parts.hostname or ''}-{last}")


def _progress(paths: list[Path]) -> Iterable[Path]:
    # A bar only on a terminal: in pipes and CI logs it would be noise.
    if not sys.stderr.isatty():
        return paths
    try:
        from tqdm import tqdm  # noqa: PLC0415 - optional, for terminals only
    except ImportError:
        return paths
    bar: Iterable[Path] = tqdm(paths, desc="fixtures", unit="page", leave=False)
    return bar
