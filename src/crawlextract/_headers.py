"""HTTP response headers: case-insensitive lookup and the two headers we honour.

``Content-Type`` gives a charset; ``Link: <…>; rel="canonical"`` gives a canonical URL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from ._exceptions import InputTypeError

if TYPE_CHECKING:
    from ._types import HeadersInput

_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([^\s;"',]+)""", re.IGNORECASE)
# One link-value of RFC 8288: <target> followed by ;-separated parameters.
_LINK_VALUE = re.compile(r"<([^>]*)>((?:\s*;\s*[^;,<]*(?:=\s*(?:\"[^\"]*\"|[^;,]*))?)*)")
_LINK_PARAM = re.compile(r';\s*([^\s=;,]+)\s*(?:=\s*(?:"([^"]*)"|([^;,]*)))?')


# Header values reach the outputs (the Link canonical, robots directives):
# controls other than tab are not allowed in a field value (RFC 9110), and lone
# surrogates cannot be encoded.
_CONTROLS = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")
_SURROGATES = re.compile("[\ud800-\udfff]")


class Headers:
    """Read-only HTTP headers with case-insensitive names; a name may repeat."""

    __slots__ = ("_items",)

    def __init__(self, headers: HeadersInput = None) -> None:
        """Copy the headers from a mapping or ``(name, value)`` pairs."""
        items: Iterable[tuple[str, str]]
        if headers is None:
            items = ()
        elif isinstance(headers, Headers):
            items = headers._items  # noqa: SLF001 - same class
        elif isinstance(headers, Mapping):
            items = headers.items()
        elif isinstance(headers, (str, bytes)):
            raise InputTypeError("headers must be a mapping or (name, value) pairs, not a string")
        else:
            items = headers
        try:
            self._items: tuple[tuple[str, str], ...] = tuple(
                (_text(name).strip().lower(), _text(value)) for name, value in items
            )
        except (TypeError, ValueError) as error:
            raise InputTypeError(
                f"headers must be a mapping or (name, value) pairs: {error}"
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
        """Return the ``charset`` parameter of ``Content-Type``, if any."""
        content_type = self.get("content-type")
        if not content_type:
            return None
        match = _CHARSET.search(content_type)
        return match.group(1) if match else None

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


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return _clean(value.decode("latin-1"))
    if isinstance(value, str):
        return _clean(value)
    raise TypeError(f"header names and values must be str or bytes, not {type(value).__name__}")


def _clean(text: str) -> str:
    if _CONTROLS.search(text):
        text = _CONTROLS.sub("", text)
    if _SURROGATES.search(text):
        text = _SURROGATES.sub("\ufffd", text)
    return text
