"""Where ``crawlextract batch`` finds each saved page's URL and headers.

In order, the first that has them wins:

1. a manifest row (``--manifest``): JSONL objects or CSV rows of
   ``path, url[, headers]``; paths relative to the manifest's folder;
2. files beside the page: ``NAME.url`` (the URL on its first line) and
   ``NAME.headers`` (an HTTP header block, as ``curl -D`` saves it), where
   ``NAME`` is the page's file name without ``.html``/``.htm``/``.gz``;
3. the fixture layout (``docs/guides/fixtures.md``): ``page.html`` beside a
   ``page.json`` holding ``url`` and ``headers``.

A page with none of these has no URL: its links stay relative and its
canonical cannot be judged. A sidecar file that cannot be read or parsed
makes that page's row an error; a bad manifest stops the command.
"""

from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crawlextract._base.exceptions import CrawlextractError

from .cli.page import UsageError, read_headers
from .fixtures import INFO_FILE, PAGE_FILE, header_pairs

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

#: Suffixes taken off a page's file name to find its ``.url`` and ``.headers``.
_PAGE_SUFFIXES = (".gz", ".html", ".htm")
#: Manifest columns: the first is required; ``url`` is what manifests are for.
MANIFEST_COLUMNS = ("path", "url", "headers")

Headers = tuple[tuple[str, str], ...]


class SourceError(CrawlextractError):
    """A manifest or a page's sidecar file is malformed."""


@dataclass(frozen=True, slots=True)
class PageSource:
    """One saved page to extract, with what is known about how it was fetched."""

    #: The page file, as given (absolute, or relative to the working folder).
    path: str
    #: The page URL, or ``None``.
    url: str | None = None
    #: The HTTP response headers.
    headers: Headers = ()
    #: Why the URL or headers could not be read (the page's row reports it).
    error: str | None = None


def read_manifest(manifest: str) -> list[PageSource]:
    """Read a manifest: JSONL (``.jsonl``/``.ndjson``/``.json``) or CSV with a header row.

    Raises:
        SourceError: the file cannot be read, a row is malformed, or a row has no path.
    """
    try:
        text = Path(manifest).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError(f"cannot read manifest {manifest}: {error}") from None
    base = Path(manifest).parent
    jsonl = manifest.lower().endswith((".jsonl", ".ndjson", ".json")) or text.lstrip().startswith(
        "{"
    )
    rows = _jsonl_rows(manifest, text) if jsonl else _csv_rows(manifest, text)
    return [_manifest_source(manifest, base, number, row) for number, row in rows]


def _jsonl_rows(manifest: str, text: str) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as error:
            raise SourceError(f"{manifest}:{number}: not valid JSON: {error}") from None
        if not isinstance(row, dict):
            raise SourceError(f"{manifest}:{number}: each line must be a JSON object")
        yield number, row


def _csv_rows(manifest: str, text: str) -> Iterator[tuple[int, dict[str, Any]]]:
    reader = csv.DictReader(text.splitlines())
    names = [name.strip() for name in reader.fieldnames or ()]
    if "path" not in names:
        raise SourceError(f"{manifest}: the CSV header row must name a 'path' column")
    unknown = sorted(set(names) - set(MANIFEST_COLUMNS))
    if unknown:
        raise SourceError(f"{manifest}: unknown columns {unknown}; use {list(MANIFEST_COLUMNS)}")
    for row in reader:
        yield reader.line_num, {key.strip(): value for key, value in row.items() if key}


def _manifest_source(manifest: str, base: Path, number: int, row: dict[str, Any]) -> PageSource:
    where = f"{manifest}:{number}"
    path, url, headers = row.get("path"), row.get("url") or None, row.get("headers") or None
    if not isinstance(path, str) or not path:
        raise SourceError(f"{where}: no 'path'")
    if url is not None and not isinstance(url, str):
        raise SourceError(f"{where}: 'url' must be a string")
    return PageSource(str(base / path), url, _manifest_headers(where, base, headers))


def _manifest_headers(where: str, base: Path, value: object) -> Headers:
    """Headers as a JSON object or pairs, a JSON text of either (CSV), or a ``.headers`` file."""
    if value is None:
        return ()
    if isinstance(value, str) and not value.lstrip().startswith(("{", "[")):
        try:
            return read_headers(str(base / value))
        except UsageError as error:
            raise SourceError(f"{where}: {error}") from None
    try:
        return header_pairs(json.loads(value) if isinstance(value, str) else value)
    except ValueError as error:
        raise SourceError(f"{where}: 'headers': {error}") from None


def with_sources(paths: Iterable[str], known: Iterable[PageSource] = ()) -> list[PageSource]:
    """The pages to extract: ``known`` ones (a manifest's) first, then ``paths`` not among them.

    Each page of ``paths`` gets its URL and headers from the files beside it.
    """
    sources = list(known)
    seen = {os.path.abspath(source.path) for source in sources}  # noqa: PTH100 - no symlink resolution
    for path in paths:
        if os.path.abspath(path) not in seen:  # noqa: PTH100 - same rule as above
            seen.add(os.path.abspath(path))  # noqa: PTH100 - same rule as above
            sources.append(sidecar_source(path))
    return sources


def sidecar_source(path: str) -> PageSource:
    """A page's URL and headers from ``NAME.url``/``NAME.headers``, or a fixture's ``page.json``."""
    page = Path(path)
    stem = page.name
    while stem.lower().endswith(_PAGE_SUFFIXES):
        stem = stem[: stem.rindex(".")]
    url_file, headers_file = page.with_name(f"{stem}.url"), page.with_name(f"{stem}.headers")
    try:
        if url_file.is_file() or headers_file.is_file():
            url = _first_line(url_file) if url_file.is_file() else None
            headers = read_headers(str(headers_file)) if headers_file.is_file() else ()
            return PageSource(path, url, headers)
        if page.name == PAGE_FILE and (page.parent / INFO_FILE).is_file():
            return _fixture_source(path, page.parent / INFO_FILE)
    except OSError as error:
        return PageSource(path, error=f"OSError: {error.filename}: {error.strerror}")
    except (UsageError, SourceError, ValueError) as error:  # ValueError: bad JSON, bad pairs
        return PageSource(path, error=f"SourceError: {error}")
    return PageSource(path)


def _first_line(path: Path) -> str | None:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            return line.strip()
    return None


def _fixture_source(path: str, info_file: Path) -> PageSource:
    info = json.loads(info_file.read_text(encoding="utf-8"))
    if not isinstance(info, dict):
        raise SourceError(f"{info_file}: must hold a JSON object")
    url = info.get("url")
    if url is not None and not isinstance(url, str):
        raise SourceError(f"{info_file}: 'url' must be a string or null")
    return PageSource(path, url, header_pairs(info.get("headers") or {}))
