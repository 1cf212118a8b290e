"""Type aliases for what the public functions accept.

Kept in one module so signatures stay short and mean the same thing everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal, Protocol

#: A page as downloaded (``bytes``-like) or already decoded (``str``).
HTMLInput = bytes | bytearray | memoryview | str

#: A header name or one header value, as text or as the raw bytes of the response.
HeaderText = str | bytes

#: What one header name maps to: a value, or every value of a repeated header
#: (Scrapy's ``Headers`` map each name to a list of bytes).
HeaderValue = HeaderText | Sequence[HeaderText]


class HeaderItems(Protocol):
    """Anything with an ``items()`` of ``(name, value)`` pairs: every HTTP client's headers.

    A ``dict``, requests' ``CaseInsensitiveDict``, urllib3's ``HTTPHeaderDict``,
    httpx's ``Headers``, aiohttp's ``CIMultiDictProxy``, Scrapy's ``Headers`` and
    urllib's ``email.message.Message`` all have one.
    """

    def items(self) -> Iterable[tuple[HeaderText, HeaderValue]]:
        """Return the ``(name, value)`` pairs; a name may repeat."""
        ...  # pragma: no cover - a protocol


#: HTTP response headers: an object with ``items()`` (a mapping, a multidict,
#: a ``Message``) or ``(name, value)`` pairs. Names are matched case-insensitively
#: and may repeat; names and values may be ``str`` or ``bytes``, and a value may
#: be a list of values (see ``docs/guides/crawler-worker.md``).
HeadersInput = HeaderItems | Iterable[tuple[HeaderText, HeaderValue]] | None

#: The page URL: a ``str``, ``None``, or a URL object whose ``str()`` is the URL
#: (httpx's ``URL``; yarl's ``URL``, as aiohttp gives it). Any object is
#: accepted by type, since a URL class has no common base; numbers, bytes and
#: containers are refused when called (``crawlextract._base.urls.url_text``).
URLInput = object

#: The outputs an extractor can produce.
OutputKind = Literal["metadata", "boilerpipe", "markdown", "readable"]

OUTPUT_KINDS: tuple[OutputKind, ...] = ("metadata", "boilerpipe", "markdown", "readable")
