"""Type aliases for what the public functions accept.

Kept in one module so signatures stay short and mean the same thing everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal

#: A page as downloaded (``bytes``-like) or already decoded (``str``).
HTMLInput = bytes | bytearray | memoryview | str

#: HTTP response headers: a mapping (names are matched case-insensitively) or
#: ``(name, value)`` pairs, which may repeat a name (several ``Link`` headers).
HeadersInput = Mapping[str, str] | Iterable[tuple[str, str]] | None

#: The outputs an extractor can produce.
OutputKind = Literal["metadata", "boilerpipe", "markdown", "readable"]

OUTPUT_KINDS: tuple[OutputKind, ...] = ("metadata", "boilerpipe", "markdown", "readable")
