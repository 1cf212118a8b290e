"""Rows out, in chunks: the documented row schema and its JSONL and Parquet writers.

A writer holds at most one chunk of rows (a Parquet row group) at a time, so
writing a crawl of any size takes the memory of one chunk. pyarrow is needed
for Parquet only, and imported only when a Parquet file is opened.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

from crawlextract._base.exceptions import InputValueError, MissingDependencyError

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.parquet as pq


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the row schema."""

    #: The column name (the JSONL key).
    name: str
    #: The Arrow type, by its pyarrow factory name: ``string``, ``int32``,
    #: ``bool``, ``timestamp`` (microseconds, UTC) or ``list<string>``.
    type: str
    #: What it holds.
    doc: str


#: The row schema of WARC extraction, in column order. Stable: columns are only
#: ever added at the end. A page that failed has ``error`` set and its output
#: columns null; a page that was extracted has ``error`` null.
WARC_COLUMNS: tuple[Column, ...] = (
    Column("url", "string", "The record's WARC-Target-URI."),
    Column("status", "int32", "The HTTP status code."),
    Column("fetched_at", "timestamp", "The record's WARC-Date (UTC); ISO 8601 in JSONL."),
    Column("content_type", "string", "The HTTP Content-Type's media type."),
    Column("encoding", "string", "The encoding the payload was decoded with."),
    Column("title", "string", "The page title."),
    Column("description", "string", "The page description."),
    Column("canonical", "string", "The canonical URL (page or HTTP Link header)."),
    Column("canonical_status", "string", "not set, self, other or unknown."),
    Column("noindex", "bool", "Whether robots directives ask not to index the page."),
    Column("language", "string", "The declared page language."),
    Column("boilerpipe_text", "string", "The article text, boilerpipe semantics."),
    Column("markdown", "string", "The whole page as markdown."),
    Column("readable_markdown", "string", "The main content as markdown."),
    Column("warnings", "list<string>", "What was truncated or failed on the page."),
    Column("error", "string", "Why the page has no outputs (type: message), or null."),
    Column("error_type", "string", "The error's type (PageTimeout, WorkerDied, ...), or null."),
    Column("record_id", "string", "The record's WARC-Record-ID."),
    Column("warc_file", "string", "The WARC file the record came from, as given."),
)

#: Rows written per Parquet row group: with the median page's outputs (about
#: 60 kB) this is a few tens of MB per group, large enough for column
#: compression to work and small enough to hold in memory on any worker.
DEFAULT_CHUNK_ROWS = 500

#: A row group is also written once its text reaches this many characters, so a
#: run of huge pages cannot make one group huge.
DEFAULT_CHUNK_CHARS = 64 * 1024 * 1024


class RowWriter(Protocol):
    """Writes rows (dicts) to a file, a chunk at a time."""

    def write(self, row: dict[str, Any]) -> None:
        """Add one row."""
        ...

    def close(self) -> None:
        """Write what is buffered and close the file."""
        ...


def _json_default(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} to JSON")


class JsonlWriter:
    """One JSON object per line, UTF-8, written as it comes."""

    def __init__(self, target: str | Path | IO[str]) -> None:
        """Open ``target`` (a path, ``-`` for standard output, or a text stream)."""
        self._owned = False
        self._file: IO[str]
        if isinstance(target, (str, Path)) and str(target) == "-":
            self._file = sys.stdout
        elif isinstance(target, (str, Path)):
            # A lone surrogate (from a broken page) cannot be encoded as UTF-8;
            # backslashreplace writes it as the JSON escape \udcxx, which keeps
            # the line valid JSON and the file valid UTF-8.
            self._file = Path(target).open(  # noqa: SIM115 - closed by close()
                "w", encoding="utf-8", errors="backslashreplace"
            )
            self._owned = True
        else:
            self._file = target
        self.rows = 0

    def write(self, row: dict[str, Any]) -> None:
        """Write one row as a line."""
        self._file.write(json.dumps(row, ensure_ascii=False, default=_json_default))
        self._file.write("\n")
        self.rows += 1

    def close(self) -> None:
        """Flush, and close the file if this writer opened it."""
        self._file.flush()
        if self._owned:
            self._file.close()


def arrow_schema(columns: tuple[Column, ...] = WARC_COLUMNS) -> pa.Schema:
    """Return the Arrow schema of ``columns`` (needs pyarrow)."""
    pa = _pyarrow()
    types = {
        "string": pa.string(),
        "int32": pa.int32(),
        "bool": pa.bool_(),
        "timestamp": pa.timestamp("us", tz="UTC"),
        "list<string>": pa.list_(pa.string()),
    }
    return pa.schema([pa.field(column.name, types[column.type]) for column in columns])


class ParquetWriter:
    """Parquet with the given schema, one row group per chunk of rows."""

    def __init__(
        self,
        path: str | Path,
        columns: tuple[Column, ...] = WARC_COLUMNS,
        *,
        chunk_rows: int = DEFAULT_CHUNK_ROWS,
        chunk_chars: int = DEFAULT_CHUNK_CHARS,
    ) -> None:
        """Open ``path`` for writing rows of ``columns``."""
        self._pa = _pyarrow()
        import pyarrow.parquet as pq  # noqa: PLC0415 - optional dependency, checked above

        self._schema = arrow_schema(columns)
        self._names = [column.name for column in columns]
        self._writer: pq.ParquetWriter = pq.ParquetWriter(
            str(path), self._schema, compression="zstd"
        )
        self._chunk_rows = chunk_rows
        self._chunk_chars = chunk_chars
        self._buffer: list[dict[str, Any]] = []
        self._chars = 0
        self.rows = 0

    def write(self, row: dict[str, Any]) -> None:
        """Buffer one row; write a row group when the chunk is full."""
        self._buffer.append(row)
        self._chars += sum(len(value) for value in row.values() if isinstance(value, str))
        self.rows += 1
        if len(self._buffer) >= self._chunk_rows or self._chars >= self._chunk_chars:
            self._flush()

    def close(self) -> None:
        """Write the last row group and the file footer."""
        self._flush()
        self._writer.close()

    def _flush(self) -> None:
        if not self._buffer:
            return
        table = self._pa.Table.from_pylist(
            [{name: row.get(name) for name in self._names} for row in self._buffer],
            schema=self._schema,
        )
        self._writer.write_table(table)
        self._buffer = []
        self._chars = 0


def output_format(path: str | Path) -> str:
    """Tell the format from the file name: ``parquet`` (``.parquet``) or ``jsonl``.

    Raises:
        ValueError: the name ends in neither (``.jsonl``, ``.ndjson``, ``.json``, ``-``).
    """
    name = str(path)
    if name.endswith(".parquet"):
        return "parquet"
    if name == "-" or name.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    raise InputValueError(f"cannot tell the output format of {name!r}: use .parquet or .jsonl")


def open_writer(path: str | Path, columns: tuple[Column, ...] = WARC_COLUMNS) -> RowWriter:
    """Open a writer by the file name (see :func:`output_format`)."""
    if output_format(path) == "parquet":
        return ParquetWriter(path, columns)
    return JsonlWriter(path)


def _pyarrow() -> Any:
    try:
        import pyarrow as pa  # noqa: PLC0415 - optional dependency
    except ImportError:
        raise MissingDependencyError(
            "parquet", "pyarrow", "warc", feature="Parquet output"
        ) from None
    return pa
