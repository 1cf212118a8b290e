"""``crawlextract FILE``: extract one saved page and print one output.

Every failure the user can cause (a missing file, a bad option, an unknown
preset, an output path that cannot be written) is one line on stderr and a
non-zero exit status, never a traceback. A reader that goes away (``| head``)
ends the command quietly with status 141, as a command killed by SIGPIPE
gives. Output is UTF-8 whatever the locale.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import logging
import os
import sys
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from crawlextract._api import extract
from crawlextract._apps.fixtures import header_pairs
from crawlextract._apps.report import render_report
from crawlextract._base.exceptions import CrawlextractError
from crawlextract._config import PRESETS
from crawlextract._page.views import detail_rows, filter_rows
from crawlextract._version import __version__

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from crawlextract._page.page import Page

FORMATS = ("json", "markdown", "readable", "text", "report", "html")
#: Exit status for a usage error (bad option, missing file), as argparse uses.
EXIT_USAGE = 2
#: Exit status when the page was read but could not be extracted.
EXIT_FAILURE = 1
#: Exit status when the reader of stdout went away (``| head``): 128 + SIGPIPE,
#: what ``cat`` or ``grep`` give when the pipe closes under them.
EXIT_BROKEN_PIPE = 128 + 13
#: The commands ``crawlextract --help`` lists (``tests/apps/test_cli.py`` checks the
#: list against the dispatcher's).
COMMANDS_HELP = """\
commands:
  crawlextract FILE [options]          extract one saved page (the options above)
  crawlextract fixtures add FILE ...   save a page and its golden outputs
  crawlextract fixtures check DIR      diff every saved page's outputs against its goldens
  crawlextract batch PATTERN ... -o OUT
                                       many saved pages on all cores, into JSONL
  crawlextract warc WARC ... -o OUT    a stored crawl's HTML responses, into Parquet or JSONL

'crawlextract COMMAND --help' describes each command's options."""
#: What ``--headers FILE`` may hold, for every command that takes it.
HEADERS_HELP = (
    "HTTP response headers for the page's charset, Link canonical and X-Robots-Tag: "
    "'Name: value' lines (a 'curl -D' dump, status line included, works as it is), "
    "or a JSON object or list of [name, value] pairs (for repeated headers)"
)
_GZIP_MAGIC = b"\x1f\x8b"


class UsageError(CrawlextractError):
    """A command-line mistake: reported as one line, exit status 2."""


class CommandParser(argparse.ArgumentParser):
    """An argument parser that raises :class:`UsageError` instead of exiting."""

    # argparse prints the whole usage and exits; we want one line and a status.
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    """Return the parser of ``crawlextract FILE``."""
    parser = CommandParser(
        prog="crawlextract",
        usage="crawlextract FILE [options] | crawlextract {fixtures,batch,warc} ...",
        description=(
            "Extract a saved web page: page details, boilerpipe text, markdown and "
            "readable markdown."
        ),
        epilog=COMMANDS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", metavar="FILE", help="a .html or .html.gz file, or - for stdin")
    parser.add_argument("--url", help="the page URL (resolves links and the canonical)")
    parser.add_argument("--headers", metavar="FILE", help=HEADERS_HELP)
    parser.add_argument(
        "--preset",
        choices=sorted(PRESETS),
        help="extractor preset (default: the library default)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="json",
        help="what to print (default: json); html writes the self-contained inspector page",
    )
    parser.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout")
    parser.add_argument("--version", action="version", version=f"crawlextract {__version__}")
    return parser


def main(argv: Sequence[str]) -> int:
    """Run ``crawlextract FILE ...``; return the exit status."""
    return run_command(build_parser, argv, _extract_one)


def run_command(
    build: Callable[[], argparse.ArgumentParser],
    argv: Sequence[str],
    action: Callable[[argparse.Namespace], int],
) -> int:
    """Parse ``argv`` and run ``action``: a user mistake or a library error is one line."""
    with cli_logging():
        try:
            try:
                args = build().parse_args(list(argv))
            except SystemExit as exit_:  # --help, --version, or argparse's own usage error
                return int(exit_.code or 0)
            return action(args)
        except BrokenPipeError:
            # The reader went away (``| head``): not an error, and nothing more to say.
            _silence_stdout()
            return EXIT_BROKEN_PIPE
        except UsageError as error:
            return report_error(str(error), EXIT_USAGE)
        except CrawlextractError as error:
            return report_error(str(error), EXIT_FAILURE)


def _extract_one(args: argparse.Namespace) -> int:
    html = read_input(args.file)
    headers = read_headers(args.headers) if args.headers else ()
    page = extract(html, args.url, headers, options=args.preset)
    text = render(page, args.format)
    write_output(text, args.output)
    return 0


def read_input(name: str) -> bytes:
    """Read a page from a file or stdin (``-``), gunzipping it if it is gzip data.

    Raises:
        UsageError: the file cannot be read or is corrupt gzip.
    """
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read {name}: {error.strerror}") from None
    # Sniff the bytes rather than trust the suffix: stdin has none.
    if data.startswith(_GZIP_MAGIC):
        try:
            return gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as error:
            raise UsageError(f"{name}: not valid gzip data: {error}") from None
    return data


def read_headers(name: str) -> tuple[tuple[str, str], ...]:
    """Read HTTP headers from a file: JSON (object or pairs) or ``Name: value`` lines.

    A status line (``HTTP/1.1 200 OK``) and blank lines are skipped, so a file
    saved with ``curl -D`` works as it is.

    Raises:
        UsageError: the file cannot be read or a line is not a header.
    """
    try:
        text = Path(name).read_bytes().decode("latin-1")
    except OSError as error:
        raise UsageError(f"cannot read {name}: {error.strerror}") from None
    if text.lstrip().startswith(("{", "[")):
        try:
            return header_pairs(json.loads(text))
        except ValueError as error:
            raise UsageError(f"{name}: not valid JSON headers: {error}") from None
    pairs = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or (number == 1 and line.startswith("HTTP/")):
            continue
        header_name, colon, value = line.partition(":")
        if not colon or not header_name.strip():
            raise UsageError(f"{name}:{number}: not a 'Name: value' header line")
        pairs.append((header_name.strip(), value.strip()))
    return tuple(pairs)


def render(page: Page, output_format: str) -> str:
    """Return the text to print for one output format."""
    if output_format == "json":
        return json.dumps(page.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if output_format == "markdown":
        return _line_ended(page.markdown)
    if output_format == "readable":
        return _line_ended(page.readable_markdown)
    if output_format == "text":
        return _line_ended(page.boilerpipe_text)
    if output_format == "report":
        return text_report(page)
    return render_report(page)


def text_report(page: Page) -> str:
    """Return the inspector view as plain text: details, filters, then each output."""
    rows = detail_rows(page)
    width = max(len(label) for label, _ in rows)
    parts = [_heading("Page details")]
    parts += [f"{label.ljust(width)}  {value}" for label, value in rows]
    parts += ["", _heading("Page filters")]
    parts += [f"{label.ljust(width)}  {value}" for label, value in filter_rows(page)]
    if page.warnings:
        parts += ["", _heading("Warnings")]
        parts += [f"- {warning}" for warning in page.warnings]
    for title, text in (
        ("Boilerpipe text", page.boilerpipe_text),
        ("Markdown", page.markdown),
        ("Readable markdown", page.readable_markdown),
    ):
        parts += ["", _heading(title), text.strip("\n") or "(empty)"]
    return "\n".join(parts) + "\n"


def write_output(text: str, output: str | None) -> None:
    """Write UTF-8 text to ``output`` (a path) or stdout, whatever the locale.

    Raises:
        UsageError: ``output`` cannot be written.
        BrokenPipeError: stdout's reader went away (:func:`run_command` ends quietly).
    """
    # surrogateescape would hide bad text; "replace" shows it and never fails.
    data = text.encode("utf-8", errors="replace")
    if output is None or output == "-":
        _write_bytes(sys.stdout, data)
        return
    try:
        Path(output).write_bytes(data)
    except OSError as error:
        raise UsageError(f"cannot write {output}: {error.strerror}") from None


def _write_bytes(stream: TextIO, data: bytes) -> None:
    # The binary buffer skips the locale's encoding; a stream without one
    # (a StringIO put in place by a caller) gets text.
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(data.decode("utf-8"))
    else:
        stream.flush()
        # A pipe whose reader goes away mid-write reports a short write, not
        # an error; writing the rest raises BrokenPipeError, so a closed pipe
        # always ends the command the same way.
        rest = memoryview(data)
        while rest:
            rest = rest[buffer.write(rest) :]
    stream.flush()


def _silence_stdout() -> None:
    # Point stdout at /dev/null so the interpreter's final flush does not
    # report the broken pipe again.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


class _StderrHandler(logging.Handler):
    # One line per record on the current sys.stderr (looked up at each record,
    # so a redirected stderr is honoured). The traceback a failing extractor
    # logs is for library users' logs; the command shows the message only.
    def emit(self, record: logging.LogRecord) -> None:
        message = " ".join(record.getMessage().split())
        line = f"crawlextract: {record.levelname.lower()}: {message}\n"
        _write_bytes(sys.stderr, line.encode(errors="replace"))


@contextlib.contextmanager
def cli_logging() -> Iterator[None]:
    """While the command runs, show the library's warnings on stderr, one line each.

    The library itself only logs; printing is the command's choice, and it is
    undone afterwards so a program that calls :func:`main` keeps its logging.
    """
    logger = logging.getLogger("crawlextract")
    handler = _StderrHandler(logging.WARNING)
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _heading(title: str) -> str:
    return f"{title}\n{'=' * len(title)}"


def _line_ended(text: str) -> str:
    text = text.rstrip("\n")
    return text + "\n" if text else ""


def report_error(message: str, status: int) -> int:
    """Write one ``crawlextract: error:`` line to stderr; return ``status``."""
    # One line, even if the message has several (an OS error can).
    line = " ".join(message.split())
    _write_bytes(sys.stderr, f"crawlextract: error: {line}\n".encode(errors="replace"))
    return status
