"""The one call: a downloaded page in, a lazy :class:`~crawlextract.Page` out."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from ._deadline import Deadline
from ._decode import Decoded, PendingUTF8, decode_page, decode_text, resolve
from ._document import Document
from ._exceptions import InputTypeError
from ._headers import Headers
from ._markup_guard import GuardReport, needs_scan, scan
from ._options import Options, resolve_options
from ._page import Page
from ._registry import get_extractor
from ._types import OUTPUT_KINDS
from ._urls import clean_url

if TYPE_CHECKING:
    from ._types import HeadersInput, HTMLInput


def extract(
    html: HTMLInput,
    url: str | None = None,
    headers: HeadersInput = None,
    *,
    options: Options | str | None = None,
) -> Page:
    """Decode and parse a page once; its outputs are computed on first access.

    Args:
        html: The page as downloaded (``bytes``) or already decoded (``str``).
        url: The page URL; relative links, images and the canonical resolve against it.
        headers: The HTTP response headers; ``Content-Type``'s charset and a
            ``Link`` canonical are honoured.
        options: An :class:`Options`, a preset name (``"fast"``, ``"reference"``)
            or ``None`` for the default (``"fast"``).

    Returns:
        The :class:`Page`. Bad content never raises: outputs may be empty and
        ``Page.warnings`` says what was cut or failed.

    Raises:
        InputTypeError: ``html``, ``url``, ``headers`` or ``options`` has the wrong type.
        UnknownExtractorError: an extractor name is not registered.
        MissingDependencyError: a chosen extractor's optional package is missing.
        TimeBudgetExceeded: parsing ran past ``Limits.time_budget``.
    """
    chosen = resolve_options(options)
    extractors = {kind: get_extractor(kind, getattr(chosen, kind)) for kind in OUTPUT_KINDS}
    return Page(parse_document(html, url, headers, chosen), extractors)


def parse_document(
    html: HTMLInput,
    url: str | None,
    headers: HeadersInput,
    options: Options,
) -> Document:
    """Check the input types, decode the page and parse it: the work every output shares."""
    if url is not None:
        if not isinstance(url, str):
            raise InputTypeError(f"url must be a str or None, not {type(url).__name__}")
        url = clean_url(url)
    parsed_headers = Headers(headers)
    limit = options.limits.max_input_bytes
    decoded: Decoded | PendingUTF8
    if isinstance(html, str):
        decoded = decode_text(html, limit)
    elif isinstance(html, (bytes, bytearray, memoryview)):
        decoded = decode_page(bytes(html), parsed_headers.charset(), limit)
    else:
        raise InputTypeError(f"html must be bytes or str, not {type(html).__name__}")
    # The parser is quadratic on some hostile markup; rewrite that first.
    report = GuardReport()
    if needs_scan(decoded.utf8 if decoded.utf8 is not None else resolve(decoded).text):
        decoded = resolve(decoded).cleaned()  # the rewrite works on the final text
        deadline = Deadline("parse", options.limits.time_budget)
        text, report = scan(decoded.text, options.limits.max_depth, deadline)
        if text is not decoded.text:
            decoded = dataclasses.replace(decoded, text=text, utf8=None)
    document = Document(decoded, url, parsed_headers, options)
    for message in report.warnings(options.limits.max_depth):
        document.warn(message)
    return document
