r"""Saved pages with golden outputs: the fixture format, and checking or updating it.

The format is stable (``docs/guides/fixtures.md``). A fixture is a directory::

    <name>/
        page.html       the bytes as downloaded (uncompressed, so it diffs)
        page.json       {"url", "headers", "source", "licence", "notes"[, "preset"]}
        metadata.json   encoding, page details, filters and warnings
        boilerpipe.txt  Page.boilerpipe_text
        markdown.md     Page.markdown
        readable.md     Page.readable_markdown

Golden files are UTF-8 with ``\n`` line ends and end with exactly one newline
(an empty output is an empty file), so they read well in a git diff. Trailing
newlines of an output are not significant.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from crawlextract._api import extract
from crawlextract._base.exceptions import CrawlextractError, InputValueError

if TYPE_CHECKING:
    from pathlib import Path

    from crawlextract._config import Options
    from crawlextract._page.page import Page

PAGE_FILE = "page.html"
INFO_FILE = "page.json"
#: Golden file name -> what it holds, in the order they are checked and shown.
GOLDEN_FILES: tuple[str, ...] = ("metadata.json", "boilerpipe.txt", "markdown.md", "readable.md")
#: Fields of ``page.json``, in the order they are written.
INFO_FIELDS: tuple[str, ...] = ("url", "headers", "preset", "source", "licence", "notes")

# A fixture name becomes a directory and a pytest id: keep it to a safe alphabet.
_NAME_OK = re.compile(r"[a-z0-9][a-z0-9._-]*")
_NAME_UNSAFE = re.compile(r"[^a-z0-9._-]+")


class FixtureError(CrawlextractError):
    """A fixture directory is missing a file or holds a malformed one."""


@dataclass(frozen=True, slots=True)
class Fixture:
    """One saved page: its bytes and what ``page.json`` says about it."""

    #: The fixture directory.
    path: Path
    #: The page as downloaded.
    html: bytes
    #: The page URL (``None`` if it was saved without one).
    url: str | None
    #: The HTTP response headers as ``(name, value)`` pairs.
    headers: tuple[tuple[str, str], ...]
    #: The preset the goldens are made with (``None``: the library default).
    preset: str | None = None
    #: Every field of ``page.json``, including ``source``, ``licence`` and ``notes``.
    info: Mapping[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """The fixture's name: its directory name."""
        return self.path.name


@dataclass(frozen=True, slots=True)
class CheckResult:
    """How a fixture's outputs compare with its goldens."""

    #: The fixture's name.
    name: str
    #: Golden file name -> unified diff (golden -> now), for each changed output.
    diffs: dict[str, str]
    #: Golden file name -> what the outputs are now (every golden file).
    outputs: dict[str, str]

    @property
    def changed(self) -> bool:
        """Whether any output differs from its golden."""
        return bool(self.diffs)


def fixture_name(text: str) -> str:
    """Turn any text (a file name, a URL path) into a valid fixture name."""
    name = _NAME_UNSAFE.sub("-", text.lower()).strip("-.")
    return name[:80].rstrip("-.") or "page"


def find_fixtures(directory: Path) -> list[Path]:
    """Return the fixture directories directly inside ``directory``, sorted by name.

    Raises:
        FixtureError: ``directory`` does not exist or is not a directory.
    """
    if not directory.is_dir():
        raise FixtureError(f"{directory}: not a directory")
    return sorted(
        child for child in directory.iterdir() if child.is_dir() and (child / PAGE_FILE).is_file()
    )


def load_fixture(path: Path) -> Fixture:
    """Read a fixture directory.

    Raises:
        FixtureError: ``page.html`` or ``page.json`` is missing or malformed.
    """
    try:
        html = (path / PAGE_FILE).read_bytes()
        raw_info = (path / INFO_FILE).read_text(encoding="utf-8")
    except OSError as error:
        raise FixtureError(f"{path}: {error.strerror}: {error.filename}") from None
    try:
        info = json.loads(raw_info)
    except ValueError as error:
        raise FixtureError(f"{path / INFO_FILE}: not valid JSON: {error}") from None
    if not isinstance(info, dict):
        raise FixtureError(f"{path / INFO_FILE}: must hold a JSON object")
    url = info.get("url")
    preset = info.get("preset")
    if url is not None and not isinstance(url, str):
        raise FixtureError(f"{path / INFO_FILE}: 'url' must be a string or null")
    if preset is not None and not isinstance(preset, str):
        raise FixtureError(f"{path / INFO_FILE}: 'preset' must be a string or null")
    try:
        headers = header_pairs(info.get("headers") or {})
    except ValueError as error:
        raise FixtureError(f"{path / INFO_FILE}: 'headers': {error}") from None
    return Fixture(path, html, url, headers, preset, info)


def header_pairs(value: object) -> tuple[tuple[str, str], ...]:
    """Read headers given as a JSON object or a list of ``[name, value]`` pairs.

    Raises:
        InputValueError: ``value`` is neither (a ``ValueError`` too).
    """
    pairs: Iterable[object]
    if isinstance(value, Mapping):
        pairs = value.items()
    elif isinstance(value, list):
        pairs = value
    else:
        raise InputValueError("must be an object or a list of [name, value] pairs")
    result = []
    for pair in pairs:
        if (
            not isinstance(pair, (list, tuple))
            or len(pair) != 2
            or not all(isinstance(part, str) for part in pair)
        ):
            raise InputValueError(f"not a [name, value] pair of strings: {pair!r}")
        result.append((pair[0], pair[1]))
    return tuple(result)


def headers_json(headers: Iterable[tuple[str, str]]) -> dict[str, str] | list[list[str]]:
    """Headers as ``page.json`` stores them: an object, or pairs when a name repeats."""
    pairs = list(headers)
    names = [name.lower() for name, _ in pairs]
    if len(set(names)) == len(names):
        return dict(pairs)
    return [[name, value] for name, value in pairs]


def render_goldens(page: Page) -> dict[str, str]:
    """Return the golden files' contents for a page (golden file name -> text)."""
    texts = {
        "boilerpipe.txt": _golden_text(page.boilerpipe_text),
        "markdown.md": _golden_text(page.markdown),
        "readable.md": _golden_text(page.readable_markdown),
    }
    # After the outputs, so the warnings of every output are in.
    summary = {
        "url": page.url,
        "encoding": page.encoding,
        "metadata": page.metadata.to_dict(),
        "filters": page.filters.to_dict(),
        "warnings": list(page.warnings),
    }
    return {"metadata.json": json.dumps(summary, ensure_ascii=False, indent=2) + "\n", **texts}


def extract_fixture(fixture: Fixture, options: Options | str | None = None) -> Page:
    """Extract a fixture's page with ``options``, else its own preset, else the default."""
    chosen = options if options is not None else fixture.preset
    return extract(fixture.html, fixture.url, fixture.headers, options=chosen)


def check_fixture(path: Path, options: Options | str | None = None) -> CheckResult:
    """Re-extract a fixture and compare every output with its golden file.

    A missing golden file counts as empty, so a new fixture shows its whole output.
    """
    fixture = load_fixture(path)
    outputs = render_goldens(extract_fixture(fixture, options))
    diffs = {}
    for file_name, now in outputs.items():
        golden_path = path / file_name
        golden = _read_golden(golden_path)
        if golden != now:
            diffs[file_name] = unified_diff(
                golden or "", now, f"{fixture.name}/{file_name}", exists=golden is not None
            )
    return CheckResult(fixture.name, diffs, outputs)


def update_fixture(path: Path, options: Options | str | None = None) -> CheckResult:
    """Rewrite a fixture's golden files from the current outputs; return what changed."""
    result = check_fixture(path, options)
    for file_name in result.diffs:
        _write_text(path / file_name, result.outputs[file_name])
    return result


def add_fixture(  # noqa: PLR0913 - each is a field of the fixture format
    directory: Path,
    name: str,
    html: bytes,
    *,
    url: str | None,
    headers: Iterable[tuple[str, str]] = (),
    preset: str | None = None,
    source: str | None = None,
    licence: str | None = None,
    notes: str | None = None,
    overwrite: bool = False,
) -> Path:
    """Save a page as ``directory/name`` and write its goldens; return the fixture path.

    Raises:
        FixtureError: the name is not a valid fixture name, the fixture exists
            and ``overwrite`` is false, or it cannot be written.
    """
    if not _NAME_OK.fullmatch(name):
        raise FixtureError(
            f"{name!r} is not a valid fixture name (lowercase letters, digits, '.', '_', '-')"
        )
    path = directory / name
    if path.exists() and not overwrite:
        raise FixtureError(f"{path} already exists")
    info: dict[str, Any] = {
        "url": url,
        "headers": headers_json(headers),
        "preset": preset,
        "source": source,
        "licence": licence,
        "notes": notes,
    }
    try:
        path.mkdir(parents=True, exist_ok=True)
        (path / PAGE_FILE).write_bytes(html)
    except OSError as error:
        raise FixtureError(f"cannot write {path / PAGE_FILE}: {error.strerror}") from None
    _write_text(path / INFO_FILE, info_json(info))
    update_fixture(path)
    return path


def info_json(info: Mapping[str, Any]) -> str:
    """Serialise ``page.json``: known fields first in a fixed order, ``None`` fields left out."""
    ordered = {key: info[key] for key in INFO_FIELDS if info.get(key) is not None}
    ordered.update({key: value for key, value in info.items() if key not in INFO_FIELDS})
    return json.dumps(ordered, ensure_ascii=False, indent=2) + "\n"


def unified_diff(golden: str, now: str, label: str, *, exists: bool = True) -> str:
    """Return a unified diff from a golden file to the current output."""
    before = golden.splitlines(keepends=True)
    after = now.splitlines(keepends=True)
    lines = difflib.unified_diff(
        before,
        after,
        fromfile=f"{label} (golden)" if exists else f"{label} (missing)",
        tofile=f"{label} (now)",
    )
    # A line without a newline (only possible in a hand-edited golden) would
    # run into the next diff line; mark it the way diff(1) does.
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


def _golden_text(text: str) -> str:
    # One normal form for every text golden: \n line ends and exactly one
    # final newline, so editors and git agree with the file and an empty
    # output is an empty file.
    text = text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")
    return text + "\n" if text else ""


def _read_golden(path: Path) -> str | None:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise FixtureError(f"{path}: {error.strerror}") from None
    # errors="replace": a golden corrupted by hand must show up as a diff, not a crash.
    return data.decode("utf-8", errors="replace")


def _write_text(path: Path, text: str) -> None:
    # Write to a temporary file and rename, so an interrupted update never
    # leaves a half-written golden behind; newline="" keeps \n on every OS.
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        with temporary.open("w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        temporary.replace(path)
    except OSError as error:
        raise FixtureError(f"cannot write {path}: {error.strerror}") from None
