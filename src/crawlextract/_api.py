"""The one call: a downloaded page in, a lazy :class:`~crawlextract.Page` out."""

from __future__ import annotations

from ._base.exceptions import InputTypeError
from ._base.headers import Headers

# Imported at run time, not only for type checkers: typing.get_type_hints()
# resolves the public annotations here (tests/api/test_type_hints.py).
from ._base.types import OUTPUT_KINDS, HeadersInput, HTMLInput, URLInput
from ._base.urls import clean_url, url_text
from ._config import Options, resolve_options
from ._document import SharedDocument
from ._html.decode import Decoded, PendingUTF8, decode_page, decode_text
from ._page.page import Page
from ._registry import get_extractor


def extract(
    html: HTMLInput,
    url: URLInput = None,
    headers: HeadersInput = None,
    *,
    options: Options | str | None = None,
) -> Page:
    """Decode a page; it is parsed once, and its outputs computed, on first access.

    Args:
        html: The page as downloaded (``bytes``) or already decoded (``str``).
        url: The page URL, as a ``str`` or a URL object whose ``str()`` is the
            URL (httpx's, yarl's); relative links, images and the canonical
            resolve against it.
        headers: The HTTP response headers, as any client gives them: an
            object with ``items()`` (a mapping, multidict, Scrapy ``Headers``,
            ``email.message.Message``) or ``(name, value)`` pairs; values may
            be ``str``, ``bytes`` or lists of them. ``Content-Type``'s charset,
            a ``Link`` canonical and ``X-Robots-Tag`` are honoured.
        options: An :class:`Options`, a preset name (``"fast"``, ``"reference"``)
            or ``None`` for the default (``"fast"``).

    Returns:
        The :class:`Page`. Bad content never raises: outputs may be empty and
        ``Page.warnings`` says what was cut or failed.

    Raises:
        InputTypeError: ``html``, ``url``, ``headers`` or ``options`` has the wrong type.
        UnknownExtractorError: an extractor name is not registered.
        MissingDependencyError: a chosen extractor's optional package is missing.
    """
    chosen = resolve_options(options)
    extractors = {kind: get_extractor(kind, getattr(chosen, kind)) for kind in OUTPUT_KINDS}
    return Page(decode_document(html, url, headers, chosen), extractors)


def decode_document(
    html: HTMLInput,
    url: URLInput,
    headers: HeadersInput,
    options: Options,
) -> SharedDocument:
    """Check the input types and decode the page: the work every output shares.

    The document parses the page when an output first needs it.
    """
    url_given = url_text(url)
    page_url = clean_url(url_given) if url_given is not None else None
    parsed_headers = Headers(headers)
    limit = options.limits.max_input_bytes
    decoded: Decoded | PendingUTF8
    if isinstance(html, str):
        decoded = decode_text(html, limit)
    elif isinstance(html, (bytes, bytearray, memoryview)):
        decoded = decode_page(bytes(html), parsed_headers.charset(), limit)
    else:
        raise InputTypeError(f"html must be bytes or str, not {type(html).__name__}")
    return SharedDocument(decoded, page_url, parsed_headers, options)
