"""HTTP headers: case-insensitive names, the charset and the Link canonical."""

from __future__ import annotations

import email.message

import pytest

from crawlextract import InputTypeError
from crawlextract._base.headers import Headers


def test_names_are_case_insensitive() -> None:
    """`Content-Type` and `content-type` are the same header."""
    assert Headers({"CONTENT-TYPE": "text/html"}).get("content-type") == "text/html"


def test_pairs_may_repeat_a_name() -> None:
    """Several `Link` headers given as pairs are all kept, in order."""
    headers = Headers([("Link", "<a>; rel=next"), ("link", "<b>; rel=canonical")])
    assert headers.get_all("LINK") == ["<a>; rel=next", "<b>; rel=canonical"]


@pytest.mark.parametrize(
    ("value", "charset"),
    [("text/html; charset=UTF-8", "UTF-8"), ('text/html; charset="windows-1251"', "windows-1251"),
     ("text/html;charset=utf-8, ie=edge", "utf-8"), ("text/html", None)],
)  # fmt: skip
def test_content_type_charset(value: str, charset: str | None) -> None:
    """The charset parameter is read, quoted or not, and junk after it ignored."""
    assert Headers({"Content-Type": value}).charset() == charset


@pytest.mark.parametrize(
    ("value", "target"),
    [('<https://e.com/a>; rel="canonical"', "https://e.com/a"),
     ("<https://e.com/a>; rel=canonical", "https://e.com/a"),
     ('<https://e.com/n>; rel="next", <https://e.com/c>; rel="alternate canonical"', "https://e.com/c"),
     ('<https://e.com/a>; rel="Canonical"', "https://e.com/a"),
     ('<https://e.com/a>; rel="next"', None)],
)  # fmt: skip
def test_link_header_canonical(value: str, target: str | None) -> None:
    """`rel` is a case-insensitive token list; the first canonical link wins."""
    assert Headers({"Link": value}).link_canonical() == target


def test_bytes_header_values_are_accepted() -> None:
    """Raw header bytes (as some HTTP clients give them) are read as latin-1."""
    assert Headers([(b"Content-Type", b"text/html; charset=koi8-r")]).charset() == "koi8-r"  # type: ignore[list-item]


def test_a_string_is_not_headers() -> None:
    """Passing a string as headers is a type error, not a silent misread."""
    with pytest.raises(InputTypeError):
        Headers("Content-Type: text/html")  # type: ignore[arg-type]


def test_a_list_value_is_a_repeated_header() -> None:
    """A list (or tuple) of values, as Scrapy keeps them, gives one header per value."""
    headers = Headers({b"Link": [b"<a>; rel=next", b"<b>; rel=canonical"], "X": ("1", "2")})
    assert headers.get_all("link") == ["<a>; rel=next", "<b>; rel=canonical"]
    assert headers.get_all("x") == ["1", "2"]


def test_an_object_with_items_is_read_by_its_items() -> None:
    """An email.message.Message (urllib's headers) is read by items(), keeping repeats."""
    message = email.message.Message()
    message["Content-Type"] = "text/html; charset=koi8-r"
    message["Link"] = "<a>; rel=next"
    message["Link"] = "<b>; rel=canonical"
    headers = Headers(message)
    assert headers.charset() == "koi8-r"
    assert headers.link_canonical() == "b"


@pytest.mark.parametrize(
    "content_types",
    [["text/html", "text/html; charset=koi8-r", "text/html; charset=utf-8"],
     ["text/html, text/html; charset=koi8-r, text/html; charset=utf-8"]],
    ids=["apart", "joined"],
)  # fmt: skip
def test_the_first_charset_of_a_repeated_content_type_wins(content_types: list[str]) -> None:
    """Repeated Content-Type values give the same charset whether kept apart or comma-joined."""
    headers = Headers([("Content-Type", value) for value in content_types])
    assert headers.charset() == "koi8-r"


@pytest.mark.parametrize("headers", [5, object(), [("a", 1)], [("a", ["b", 2])], {"a": None}])
def test_other_objects_are_not_headers(headers: object) -> None:
    """Anything else is an InputTypeError naming what headers may be."""
    with pytest.raises(InputTypeError, match="items"):
        Headers(headers)  # type: ignore[arg-type]
