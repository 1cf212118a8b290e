"""Bad input (issue 2, item 9): empty or partial outputs, never an uncaught error or a hang."""

from __future__ import annotations

import gzip
import json
from collections import OrderedDict

import pytest

import crawlextract
from crawlextract import InputTypeError, Options
from output_contract import check_page

PDF = (
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Length 44 >>\nstream\nx\x9c\x03\x00\x00\x00\x00\x01\nendstream\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)
JSON = json.dumps({"title": "<b>not html</b>", "items": [1, 2, {"a": None}]}).encode()
BAD_CONTENT: dict[str, bytes | str] = {
    "empty bytes": b"",
    "empty str": "",
    "whitespace": " \t\r\n\x0c  \n",
    "whitespace bytes": b"   \n\n\t",
    "binary garbage": bytes(range(256)) * 8,
    "pdf": PDF,
    "json": JSON,
    "gzip not decompressed": gzip.compress(b"<html><title>zipped</title></html>"),
    "nul bytes": b"<p>a\x00b\x00\x00c</p>" + b"\x00" * 1000,
    "nul bytes in str": "<title>x\x00y</title><p>\x00</p>",
    "truncated html": b"<html><head><title>Cut</title></head><body><p>Half a para",
    "truncated mid tag": b'<html><body><p>text</p><a href="http://exa',
    "truncated mid utf8": "<p>caf\u00e9 \u20ac".encode()[:-1],
    "lying charset": '<meta charset="utf-16"><p>café</p>'.encode("cp1252"),
    "lone surrogates": "<title>a\ud800b</title><p>\udfff x \udbff\udc00</p>",
    "only a doctype": "<!DOCTYPE html>",
    "only a comment": "<!-- nothing here",
    "markup only": "<html><head></head><body></body></html>",
}


@pytest.mark.parametrize("name", list(BAD_CONTENT))
def test_bad_content_gives_outputs_not_errors(name: str) -> None:
    """Each bad input yields str outputs that meet the contract, and no exception."""
    check_page(crawlextract.extract(BAD_CONTENT[name]))


@pytest.mark.parametrize("name", ["lying charset"])
def test_lying_http_charset_falls_through(name: str) -> None:
    """A header charset that cannot decode the bytes is ignored, not trusted into garbage."""
    headers = {"content-type": "text/html; charset=utf-16"}
    page = crawlextract.extract(BAD_CONTENT[name], headers=headers)
    check_page(page)
    assert "caf" in page.markdown


def test_truncated_html_keeps_what_arrived() -> None:
    """A page cut mid-paragraph keeps its title and the text that did arrive."""
    page = crawlextract.extract(BAD_CONTENT["truncated html"])
    check_page(page)
    assert page.metadata.title == "Cut"
    assert "Half a para" in page.markdown


def test_lone_surrogates_become_replacement_characters() -> None:
    """Lone surrogates in a str input are replaced, so every output encodes as UTF-8."""
    page = crawlextract.extract(BAD_CONTENT["lone surrogates"])
    check_page(page)
    assert page.metadata.title == "a\ufffdb"


def test_nul_bytes_are_dropped_not_kept() -> None:
    """NUL bytes never reach an output, and the text around them survives."""
    page = crawlextract.extract(BAD_CONTENT["nul bytes"])
    check_page(page)
    assert "abc" in page.markdown


CONTROLS_PAGE = "<title>a&#1;b&#x7f;c&#12;d</title><p>e&#x81;f&#0;g</p>"


@pytest.mark.parametrize("html", [CONTROLS_PAGE, CONTROLS_PAGE.encode()], ids=["str", "bytes"])
def test_control_character_references_are_dropped(html: str | bytes) -> None:
    """&#1; and friends decode to nothing, so no output carries a control character."""
    page = crawlextract.extract(html)
    check_page(page)
    assert page.metadata.title == "abc d"
    assert "efg" in page.markdown


@pytest.mark.parametrize("metadata_first", [True, False])
def test_control_bytes_never_reach_an_output(*, metadata_first: bool) -> None:
    """Downloaded bytes with raw controls: checked late for page details, still never output."""
    html = "<title>a\x01b\x0cc</title><meta name=description content='d\x02e'><p>f\x03g\x85h</p>"
    page = crawlextract.extract(html.encode())
    if metadata_first:
        assert page.metadata.title == "ab c"
    check_page(page)
    assert page.metadata.title == "ab c"
    assert page.metadata.description == "de"
    assert "fgh" in page.markdown


WRONG_TYPES: dict[str, dict[str, object]] = {
    "html is None": {"html": None},
    "html is int": {"html": 42},
    "html is a list of str": {"html": ["<p>x</p>"]},
    "html is a dict": {"html": {"html": "<p>x</p>"}},
    "html is a file-like object": {"html": gzip.GzipFile},
    "url is bytes": {"html": "<p>x</p>", "url": b"https://example.com/"},
    "url is int": {"html": "<p>x</p>", "url": 1},
    "headers is a str": {"html": "<p>x</p>", "headers": "Content-Type: text/html"},
    "headers is bytes": {"html": "<p>x</p>", "headers": b"Content-Type: text/html"},
    "headers has int values": {"html": "<p>x</p>", "headers": {"content-type": 1}},
    "headers are not pairs": {"html": "<p>x</p>", "headers": [("a", "b", "c")]},
    "options is an int": {"html": "<p>x</p>", "options": 3},
    "options names no preset": {"html": "<p>x</p>", "options": "no-such-preset"},
}


@pytest.mark.parametrize("name", list(WRONG_TYPES))
def test_wrong_input_types_raise_input_type_error(name: str) -> None:
    """A wrong argument type raises InputTypeError (a TypeError), never something obscure."""
    arguments = dict(WRONG_TYPES[name])
    html = arguments.pop("html")
    with pytest.raises(InputTypeError):
        crawlextract.extract(html, **arguments)  # type: ignore[arg-type]


def test_other_bytes_like_inputs_are_accepted() -> None:
    """Bytearray and memoryview are pages like bytes, with the same result."""
    data = b"<title>T</title><p>body text</p>"
    expected = crawlextract.extract(data).to_dict()
    assert crawlextract.extract(bytearray(data)).to_dict() == expected
    assert crawlextract.extract(memoryview(data)).to_dict() == expected


def test_ordered_and_pair_headers_are_accepted() -> None:
    """Headers as an OrderedDict or as (name, value) pairs both work, bytes values included."""
    data = "<p>caf\u00e9</p>".encode("cp1252")
    for headers in (
        OrderedDict([("Content-Type", "text/html; charset=windows-1252")]),
        [(b"Content-Type", b"text/html; charset=windows-1252")],
    ):
        page = crawlextract.extract(data, headers=headers)  # type: ignore[arg-type]
        assert page.encoding == "windows-1252"
        check_page(page)


def test_zero_limits_do_not_crash() -> None:
    """Absurdly small limits cut the page down and say so; they never raise."""
    limits = crawlextract.Limits(max_input_bytes=0, max_depth=1, max_nodes=1, max_table_cells=0)
    page = crawlextract.extract(b"<table><tr><td>a<td>b</table>", options=Options(limits=limits))
    check_page(page)
    assert any("truncated" in warning for warning in page.warnings)


def test_page_url_with_controls_and_surrogates_is_cleaned() -> None:
    """A page URL with controls, tabs and a lone surrogate is cleaned, so every output encodes."""
    page = crawlextract.extract(
        "<a href=x>link</a><link rel=canonical href=c>", " http://e.com/\x00\t\ud800/ "
    )
    check_page(page)
    assert page.url == "http://e.com/%00\ufffd/"
    assert page.metadata.canonical == "http://e.com/%00\ufffd/c"


def test_header_values_with_controls_and_surrogates_are_cleaned() -> None:
    """Control characters and lone surrogates in header values never reach the outputs."""
    headers = [
        ("Link", "<http://e.com/\x01a\ud800>; rel=canonical"),
        ("X-Robots-Tag", "nofo\x7fllow"),
    ]
    page = crawlextract.extract("<p>x</p>", headers=headers)
    check_page(page)
    assert page.metadata.canonical == "http://e.com/a\ufffd"
    assert page.metadata.robots == ("nofollow",)
