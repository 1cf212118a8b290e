"""URL resolution: the plain-absolute shortcut agrees with urljoin."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from hypothesis import given
from hypothesis import strategies as st

import crawlextract
from crawlextract._base.urls import resolve
from strategies import PROPERTY_SETTINGS

BASES = ["https://example.com/a/b.html?q=1#f", "http://example.com/", "ftp://example.com/x"]
HREFS = [
    "https://other.org/path/to?x=1&y=2#frag",
    "http://other.org",
    "HTTPS://Other.org/Upper",
    "https://host/a;params",
    "https://host/a?",
    "https://host/a#",
    "https://host/a?#",
    "https://host/a/../b/./c",
    "https://[::1]:8080/v6",
    "https:///no-host",
    "https://host/a b",
    "https://host/é?ü=1#ß",
    "/relative/path",
    "relative?x",
    "//protocol-relative.org/x",
]
URL_ALPHABET = st.sampled_from([*"abc/?#;:@.%-_~ é\t", "http://", "https://", "//"])


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize("href", HREFS)
def test_resolve_matches_urljoin(base: str, href: str) -> None:
    """Every href resolves as urljoin resolves it (the shortcut changes nothing)."""
    assert resolve(href, base) == urljoin(base, href.strip("\t\n\x0c\r "))


@PROPERTY_SETTINGS
@given(href=st.lists(URL_ALPHABET, max_size=12).map("".join), base=st.sampled_from(BASES))
def test_resolve_matches_urljoin_on_generated_hrefs(href: str, base: str) -> None:
    """Generated hrefs, safe ones, resolve as urljoin resolves them."""
    expected = resolve(href, None)
    if expected is None:  # an unsafe scheme: never resolved
        return
    try:
        joined = urljoin(base, expected)
    except ValueError:
        joined = expected
    assert resolve(href, base) == joined


class _URL:
    """A URL object as HTTP clients have them: its str() is the URL."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text


def test_a_url_object_is_read_by_its_str() -> None:
    """Any object with its own __str__ is a URL object; links resolve against it."""
    page = crawlextract.extract(b"<a href='/b'>b</a>", url=_URL("https://e.com/a/"))
    assert page.url == "https://e.com/a/"
    assert "(https://e.com/b)" in page.markdown


@pytest.mark.parametrize("url", [b"https://e.com/", 3, 2.5, ["https://e.com/"], ("h", "t")])
def test_numbers_bytes_and_containers_are_not_urls(url: object) -> None:
    """Objects whose str() is not a URL by design are refused with InputTypeError."""
    with pytest.raises(crawlextract.InputTypeError, match="URL object"):
        crawlextract.extract(b"<p>x</p>", url=url)
