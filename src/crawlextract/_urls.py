"""URL resolution shared by metadata and the markdown outputs."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

# Schemes that run code or embed content when a link is followed; never emitted.
# Browsers strip leading control characters and spaces and ignore tabs and
# newlines inside the scheme, so we do the same before checking.
_UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
_IGNORED_IN_SCHEME = re.compile(r"[\t\n\r]")
_ASCII_WHITESPACE = "\t\n\x0c\r "


def is_unsafe_url(url: str) -> bool:
    """Say whether a link target uses a scheme that must never be emitted."""
    probe = _IGNORED_IN_SCHEME.sub("", url.lstrip("".join(map(chr, range(33))))).lower()
    return probe.startswith(_UNSAFE_SCHEMES)


def resolve(href: str, base: str | None) -> str | None:
    """Resolve ``href`` against ``base``; ``None`` for an unsafe or unusable target.

    Without a base, a relative ``href`` is returned as written.
    """
    href = href.strip(_ASCII_WHITESPACE)
    if is_unsafe_url(href):
        return None
    if base is None:
        return href
    try:
        return urljoin(base, href)
    except ValueError:  # e.g. an invalid IPv6 literal
        return href


def document_base(page_url: str | None, base_href: str | None) -> str | None:
    """The document base URL: ``<base href>`` resolved against the page URL."""
    if base_href is not None:
        resolved = resolve(base_href, page_url)
        if resolved and _is_absolute(resolved):
            return resolved
    return page_url


def _is_absolute(url: str) -> bool:
    try:
        return bool(urlsplit(url).scheme)
    except ValueError:
        return False
