"""HTTP response headers: case-insensitive lookup and the headers we honour.

``Content-Type`` gives a charset; ``Link: <…>; rel="canonical"`` gives a canonical
URL (``X-Robots-Tag`` is read by the metadata rules). The headers of every common
HTTP client are accepted as they are: see :class:`Headers`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from .chars import SURROGATES, TAB, controls_except
from .exceptions import InputTypeError

if TYPE_CHECKING:
    from .types import HeadersInput

_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([^\s;"',]+)""", re.IGNORECASE)
# One link-value of RFC 8288: <target> followed by ;-separated parameters.
_LINK_VALUE = re.compile(r"<([^>]*)>((?:\s*;\s*[^;,<]*(?:=\s*(?:\"[^\"]*\"|[^;,]*))?)*)")
_LINK_PARAM = re.compile(r';\s*([^\s=;,]+)\s*(?:=\s*(?:"([^"]*)"|([^;,]*)))?')


# Header values reach the outputs (the Link canonical, robots directives):
# controls other than tab are not allowed in a field value (RFC 9110), and lone
# surrogates cannot be encoded.
_CONTROLS = re.compile(f"[{controls_except(TAB)}]")
_SURROGATES = SURROGATES


class Headers:
    """Read-only HTTP headers with case-insensitive names; a name may repeat."""

    __slots__ = ("_items",)

    def __init__(self, headers: HeadersInput = None) -> None:
        """Copy the headers from any client's headers object or ``(name, value)`` pairs.

        The rule (``docs/guides/crawler-worker.md``): an object with ``items()``
        (a mapping, a multidict, an ``email.message.Message``) gives its items,
        anything else is iterated as pairs. Names and values may be ``str`` or
        ``bytes`` (read as latin-1, as HTTP/1.1 sends them); a value that is a
        list or tuple is a repeated header, one pair per element.

        Raises:
            InputTypeError: ``headers`` is a string, or not pairs of text.
        """
        try:
            self._items: tuple[tuple[str, str], ...] = tuple(_pairs(headers))
        except (TypeError, ValueError) as error:
            raise InputTypeError(
                "headers must be an object with items() (a mapping, a multidict, a Message) "
                f"or (name, value) pairs: {error}"
            ) from None

    def get(self, name: str) -> str | None:
        """Return the first value of a header, or ``None``."""
        wanted = name.lower()
        for key, value in self._items:
            if key == wanted:
                return value
        return None

    def get_all(self, name: str) -> list[str]:
        """Return every value of a header, in order."""
        wanted = name.lower()
        return [value for key, value in self._items if key == wanted]

    def items(self) -> tuple[tuple[str, str], ...]:
        """Return the ``(lowercased name, value)`` pairs."""
        return self._items

    def __bool__(self) -> bool:
        """Say whether there is any header at all."""
        return bool(self._items)

    def __repr__(self) -> str:
        """Show the pairs."""
        return f"Headers({list(self._items)!r})"

    def charset(self) -> str | None:
        """Return the first ``charset`` parameter of the ``Content-Type`` values, if any.

        A repeated ``Content-Type`` counts as its values in order, whether the
        client keeps them apart or joins them with a comma (requests, httpx's
        ``items()``): the first ``charset`` wins either way.
        """
        for content_type in self.get_all("content-type"):
            match = _CHARSET.search(content_type)
            if match:
                return match.group(1)
        return None

    def link_canonical(self) -> str | None:
        """Return the target of the first ``Link`` with ``rel`` token ``canonical``."""
        for header in self.get_all("link"):
            for match in _LINK_VALUE.finditer(header):
                for param in _LINK_PARAM.finditer(match.group(2)):
                    if param.group(1).lower() != "rel":
                        continue
                    rel = param.group(2) if param.group(2) is not None else param.group(3) or ""
                    if "canonical" in rel.lower().split():
                        return match.group(1).strip()
        return None


def _pairs(headers: HeadersInput) -> Iterator[tuple[str, str]]:
    """Yield ``(lowercased name, value)`` for every header value, in order."""
    if headers is None:
        return
    if isinstance(headers, Headers):
        yield from headers._items  # noqa: SLF001 - same class
        return
    if isinstance(headers, (str, bytes, bytearray, memoryview)):
        raise TypeError(f"a {type(headers).__name__} is not headers")
    # Not only mappings: email.message.Message (urllib's response headers)
    # has items() but iterating it gives names only.
    items = getattr(headers, "items", None)
    pairs: Iterable[tuple[object, object]]
    if callable(items):
        pairs = items()
    elif isinstance(headers, Iterable):
        pairs = headers
    else:
        raise TypeError(f"a {type(headers).__name__} is not headers")
    for name, value in pairs:
        key = _text(name).strip().lower()
        if isinstance(value, (list, tuple)):  # a repeated header (Scrapy's Headers)
            for each in value:
                yield key, _text(each)
        else:
            yield key, _text(value)


def _text(value: object) -> str:
    if isinstance(value, (bytes, bytearray)):
        return _clean(bytes(value).decode("latin-1"))
    if isinstance(value, str):
        return _clean(value)
    raise TypeError(
        "header names and values must be str or bytes, or a list of them, "
        f"not {type(value).__name__}"
    )


def _clean(text: str) -> str:
    if _CONTROLS.search(text):
        text = _CONTROLS.sub("", text)
    if _SURROGATES.search(text):
        text = _SURROGATES.sub("\ufffd", text)
    return text
