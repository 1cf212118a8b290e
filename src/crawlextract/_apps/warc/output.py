"""Outputs of ``crawlextract warc`` that cannot lie: parts, a manifest, a rename at the end.

A run writes into ``OUT.partial/``, one part per input file
(``part-00017.parquet``: input 17, counted from 0), each written under a
``.partial`` name and renamed when its file's last row is in. ``_manifest.json``
lists the inputs and the finished parts; it is replaced atomically after each
part. Only when every input is done does the output take its name:

- ``-o OUT.parquet`` / ``-o OUT.jsonl``: the parts are joined, in input order,
  into one file, renamed to ``OUT`` (atomic), and ``OUT.partial/`` is removed;
- ``-o OUT.parquet/`` (a trailing slash): ``OUT.partial/`` is renamed to
  ``OUT/``, which keeps its parts, its manifest and an empty ``_SUCCESS``.

An ``OUT`` left by an earlier run is removed when a new run starts. So
``OUT`` is either absent or complete, whatever stops the run (Ctrl-C,
SIGTERM, SIGKILL, a full disk), and a later run with ``resume=True`` keeps the
finished parts and extracts only the other inputs.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crawlextract._apps.columnar import JsonlWriter, ParquetWriter, RowWriter, output_format
from crawlextract._base.exceptions import CrawlextractError

if TYPE_CHECKING:
    from .read import WarcStats

MANIFEST = "_manifest.json"
SUCCESS = "_SUCCESS"
_MANIFEST_VERSION = 1


class OutputError(CrawlextractError):
    """The output cannot be written, or cannot be resumed as asked (a usage error)."""


class PartsOutput:
    """The output of one run: parts in ``OUT.partial/``, then ``OUT`` at the end."""

    def __init__(
        self, target: str, inputs: list[str], settings: dict[str, Any], *, resume: bool
    ) -> None:
        """Prepare ``OUT.partial/`` for ``inputs``; with ``resume``, keep its finished parts.

        Args:
            target: ``OUT.parquet``, ``OUT.jsonl``, or either with a trailing
                slash for a folder of parts.
            inputs: The input files, in order; part numbers are their positions.
            settings: What else must match for a resume (the preset, ...).
            resume: Continue the run interrupted in ``OUT.partial/``.

        Raises:
            OutputError: the name gives no format, ``OUT.partial/`` holds another
                run (without ``resume``) or a different one (with it), or it
                cannot be created.
        """
        self.folder = target.endswith(("/", os.sep))
        self.target = Path(target.rstrip("/" + os.sep))
        try:
            self.format = output_format(self.target)
        except ValueError as error:
            raise OutputError(str(error)) from None
        self.partial = self.target.with_name(self.target.name + ".partial")
        self.inputs = inputs
        self._settings = settings
        self.done: dict[int, dict[str, Any]] = {}
        self._writer: RowWriter | None = None
        self._writing: int | None = None
        self._prepare(resume=resume)

    def _prepare(self, *, resume: bool) -> None:
        manifest = self.partial / MANIFEST
        if resume and manifest.exists():
            saved = json.loads(manifest.read_text(encoding="utf-8"))
            if saved.get("inputs") != self.inputs or saved.get("settings") != self._settings:
                raise OutputError(
                    f"{self.partial} holds a run with other inputs or settings; "
                    "resume with the same command, or remove it to start again"
                )
            self.done = {int(index): entry for index, entry in saved["done"].items()}
            for leftover in self.partial.glob("*.partial"):
                leftover.unlink()  # a part that was being written when the run stopped
            return
        if self.partial.exists() and not resume:
            raise OutputError(
                f"{self.partial} holds an interrupted run: add --resume to finish it, "
                "or remove it to start again"
            )
        try:
            self.partial.mkdir(parents=False, exist_ok=True)
            # An older OUT must not pass for this run's output while it runs.
            if self.target.is_dir() and not self.target.is_symlink():
                shutil.rmtree(self.target)
            elif self.target.exists():
                self.target.unlink()
        except OSError as error:
            raise OutputError(f"cannot write {self.partial}: {error.strerror}") from None
        self._save_manifest()

    def todo(self) -> list[int]:
        """Return the positions of the inputs still to extract."""
        return [index for index in range(len(self.inputs)) if index not in self.done]

    def part_name(self, index: int) -> str:
        """Return the file name of input ``index``'s part."""
        return f"part-{index:05d}.{self.format}"

    def write(self, index: int, row: dict[str, Any]) -> None:
        """Add a row of input ``index`` (inputs come one after the other)."""
        if self._writing != index:
            self._open(index)
        assert self._writer is not None  # noqa: S101 - opened just above
        self._writer.write(row)

    def finish_part(self, index: int, stats: WarcStats, rows: int, errors: int) -> None:
        """Input ``index`` is done: close its part, rename it, record it in the manifest."""
        if self._writing != index:
            self._open(index)  # a file without a row still gets its (empty) part
        assert self._writer is not None  # noqa: S101 - opened just above
        self._writer.close()
        self._writer, self._writing = None, None
        name = self.part_name(index)
        (self.partial / f"{name}.partial").replace(self.partial / name)
        self.done[index] = {
            "path": self.inputs[index],
            "part": name,
            "rows": rows,
            "errors": errors,
            "stats": asdict(stats),
        }
        self._save_manifest()

    def abandon(self) -> None:
        """Drop the part being written: its input is not done, and a resume redoes it."""
        if self._writer is not None:
            # The file is deleted next, whatever state closing leaves it in.
            with contextlib.suppress(Exception):
                self._writer.close()
        self._writer, self._writing = None, None
        # Every unfinished part, also one a signal caught half-opened.
        for leftover in self.partial.glob("*.partial"):
            leftover.unlink(missing_ok=True)

    def finish(self) -> None:
        """Every input is done: give the output its name (see the module docstring)."""
        if self.folder:
            (self.partial / SUCCESS).touch()
            if self.target.exists():
                shutil.rmtree(self.target)
            self.partial.rename(self.target)
            return
        joined = self.partial / f"joined.{self.format}"
        parts = [self.partial / self.part_name(index) for index in range(len(self.inputs))]
        if self.format == "parquet":
            _join_parquet(parts, joined)
        else:
            with joined.open("wb") as out:
                for part in parts:
                    with part.open("rb") as data:
                        shutil.copyfileobj(data, out)
        joined.replace(self.target)
        shutil.rmtree(self.partial)

    def _open(self, index: int) -> None:
        self.abandon()
        path = self.partial / f"{self.part_name(index)}.partial"
        # The part's name ends in .partial, so the format is passed, not guessed.
        self._writer = ParquetWriter(path) if self.format == "parquet" else JsonlWriter(path)
        self._writing = index

    def _save_manifest(self) -> None:
        manifest = {
            "version": _MANIFEST_VERSION,
            "output": str(self.target) + ("/" if self.folder else ""),
            "format": self.format,
            "settings": self._settings,
            "inputs": self.inputs,
            "done": {str(index): entry for index, entry in sorted(self.done.items())},
        }
        temporary = self.partial / f"{MANIFEST}.tmp"
        temporary.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        temporary.replace(self.partial / MANIFEST)


def _join_parquet(parts: list[Path], joined: Path) -> None:
    import pyarrow.parquet as pq  # noqa: PLC0415 - only for Parquet output

    writer: Any = None
    try:
        for part in parts:
            source = pq.ParquetFile(part)
            if writer is None:
                writer = pq.ParquetWriter(str(joined), source.schema_arrow, compression="zstd")
            # One row group at a time: memory stays at one chunk of rows.
            for group in range(source.num_row_groups):
                writer.write_table(source.read_row_group(group))
    finally:
        if writer is not None:
            writer.close()
