"""Link and image targets: absolute, safe, and written so markdown keeps them whole.

:func:`crawlextract._base.urls.resolve` is the reference; ``urljoin`` costs several
microseconds, and a page has hundreds of links, so the forms that need no path
arithmetic (absolute ``http(s)``, ``//host``, ``/path``, ``?query``,
``#fragment``) are joined by hand and everything else goes through ``resolve``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from crawlextract._base.chars import ASCII_WHITESPACE
from crawlextract._base.urls import resolve

# Characters that would end or break a markdown link destination, or that a
# table would split on, or that CommonMark reads before links (code spans,
# HTML, entities). Tab, LF and CR are removed, as browsers do.
_BREAKING = re.compile(r"[\x00-\x20\x7f-\x9f()<>`\\|\ud800-\udfff]|&(?=#?\w+;)")
# The ASCII characters that never need encoding. Deleting them from an ASCII
# URL (bytes.translate, at C speed) leaves nothing when the URL is safe as it
# is, which nearly every URL is: three times faster than scanning for
# _BREAKING.
_SAFE_ASCII = bytes(code for code in range(0x21, 0x7F) if chr(code) not in "()<>`\\|&")
_REMOVED = frozenset("\t\n\r")
_MISSING = object()
_ABSOLUTE = ("https://", "http://")
# A path with dot segments needs urljoin's normalisation.
_DOT_SEGMENT = re.compile(r"/\.\.?(?:[/?#]|$)")


def _encode(match: re.Match[str]) -> str:
    char = match[0]
    if char in _REMOVED or "\ud800" <= char <= "\udfff":
        return ""
    return "".join(f"%{byte:02X}" for byte in char.encode())


def markdown_safe(url: str) -> str:
    """Percent-encode the characters of ``url`` that markdown would misread."""
    if not url.isascii() or url.encode().translate(None, _SAFE_ASCII):
        return _BREAKING.sub(_encode, url)
    return url


class LinkTargets:
    """Resolves targets against one base URL, with a per-render cache."""

    __slots__ = ("_base", "_cache", "_no_fragment", "_no_query", "_origin", "_scheme")

    def __init__(self, base: str | None) -> None:
        """Precompute the parts of ``base`` the fast paths join onto."""
        self._base = base
        self._cache: dict[str, object] = {}
        self._origin: str | None = None
        self._scheme = ""
        self._no_fragment = ""
        self._no_query = ""
        if base is None:
            return
        try:
            parts = urlsplit(base)
        except ValueError:
            return
        if parts.scheme in ("http", "https") and parts.netloc and base.isascii():
            self._scheme = parts.scheme
            self._origin = f"{parts.scheme}://{parts.netloc}"
            self._no_fragment = base.partition("#")[0]
            self._no_query = self._no_fragment.partition("?")[0]

    def target(self, href: str) -> str | None:
        """The markdown-ready absolute target of ``href``; ``None`` if unsafe or empty."""
        cache = self._cache
        result = cache.get(href, _MISSING)
        if result is not _MISSING:
            return result  # type: ignore[return-value]
        # Most targets are absolute: those skip the call to _absolute.
        stripped = href.strip(ASCII_WHITESPACE)
        url = stripped if stripped.startswith(_ABSOLUTE) else self._absolute(stripped)
        result = markdown_safe(url) if url else None
        cache[href] = result
        return result

    def _absolute(self, href: str) -> str | None:
        if href.startswith(_ABSOLUTE):
            return href
        origin = self._origin
        if origin is not None and href and not _DOT_SEGMENT.search(href):
            first = href[0]
            if first == "/":
                if href.startswith("//"):
                    return f"{self._scheme}:{href}"
                if "\\" not in href:
                    return origin + href
            elif first == "#":
                return self._no_fragment + href
            elif first == "?":
                return self._no_query + href
        return resolve(href, self._base)
