"""URL resolution shared by metadata and the markdown outputs."""

from __future__ import annotations

import re
from urllib.parse import quote, urljoin, urlsplit

from .chars import ASCII_WHITESPACE, SURROGATES, controls_except
from .exceptions import InputTypeError

# Schemes that run code or embed content when a link is followed; never emitted.
# Browsers strip leading control characters and spaces and ignore tabs and
# newlines inside the scheme, so we do the same before checking.
_UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
_IGNORED_IN_SCHEME = re.compile(r"[\t\n\r]")
_C0_AND_SPACE = "".join(map(chr, range(33)))
# What clean_url() percent-encodes: controls (C0, DEL, C1) and lone surrogates
# (first replaced, as they cannot be encoded).
_URL_CONTROLS = re.compile(f"[{controls_except()}]")
_SURROGATES = SURROGATES
# An absolute http(s) URL that urljoin() returns exactly as written: lowercase
# scheme, a host, no whitespace, no ";" (path parameters), and a query or
# fragment only when not empty (urljoin drops a bare "?" or "#").
_PLAIN_ABSOLUTE = re.compile(r"https?://[^/\s;?#][^\s;?#]*(?:\?[^\s#]+)?(?:#\S+)?")


def url_text(url: object) -> str | None:
    """Return the page URL given to ``extract`` as text: a ``str``, or a URL object's ``str()``.

    Any object whose class defines its own ``__str__`` is taken as a URL object
    (httpx's and yarl's ``URL`` do); numbers, bytes and containers are not.

    Raises:
        InputTypeError: ``url`` is none of these.
    """
    if url is None or isinstance(url, str):
        return url
    if isinstance(url, (bytes, bytearray, memoryview)) or type(url).__str__ is object.__str__:
        raise InputTypeError(
            f"url must be a str, a URL object whose str() is the URL, or None, "
            f"not {type(url).__name__}"
        )
    text = str(url)
    if not isinstance(text, str):  # a broken __str__
        raise InputTypeError(f"str() of the url gave {type(text).__name__}, not str")
    return text


def clean_url(url: str) -> str:
    """Clean a URL given by the caller the way the URL standard does, so it can be output.

    Leading and trailing controls and spaces go, tabs and newlines anywhere go,
    other controls are percent-encoded and lone surrogates become U+FFFD.
    """
    url = _IGNORED_IN_SCHEME.sub("", url).strip(_C0_AND_SPACE)
    if _SURROGATES.search(url):
        url = _SURROGATES.sub("\ufffd", url)
    if _URL_CONTROLS.search(url):
        url = _URL_CONTROLS.sub(lambda match: quote(match.group()), url)
    return url


def is_unsafe_url(url: str) -> bool:
    """Say whether a link target uses a scheme that must never be emitted."""
    probe = _IGNORED_IN_SCHEME.sub("", url.lstrip(_C0_AND_SPACE)).lower()
    return probe.startswith(_UNSAFE_SCHEMES)


def resolve(href: str, base: str | None) -> str | None:
    """Resolve ``href`` against ``base``; ``None`` for an unsafe or unusable target.

    Without a base, a relative ``href`` is returned as written.
    """
    href = href.strip(ASCII_WHITESPACE)
    if is_unsafe_url(href):
        return None
    if base is None or _PLAIN_ABSOLUTE.fullmatch(href):
        # urljoin() would hand a plain absolute URL back unchanged, after a
        # parse and unparse that cost more than the rest of the page details.
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
