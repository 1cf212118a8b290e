"""URL resolution: the plain-absolute shortcut agrees with urljoin."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawlextract._urls import resolve
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
