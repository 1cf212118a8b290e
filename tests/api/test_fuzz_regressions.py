"""Every crash the fuzzers found, kept as a named case (fuzz/README.md says where from)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

import crawlextract
from output_contract import check_page


@dataclass(frozen=True)
class Found:
    """One input that once broke the output contract, as passed to extract()."""

    html: bytes | str
    headers: dict[str, str] = field(default_factory=dict)
    url: str | None = "https://example.com/dir/page.html"


CASES: dict[str, Found] = {
    # atheris crash-9fc22f04: dropping "&#1;" joined "&#" and "x7f;" into a new
    # reference to DEL, which then reached the readable markdown.
    "control_reference_revealed_by_removal": Found(
        "&#&#1;x7f;&#0;&#xD800;&amp&lt;&bo\x02&#g;",
        {"Content-Type": "text/html; charset=utf-8"},
    ),
    # Variants of the same: every partial reference before a dropped one.
    "partial_references_before_a_control_reference": Found(
        "<p>&&#1;#127; &#x&#1;7f; &#x9&#1;d; &#X00009&#2;d; &#10&#1;7;</p>"
    ),
    # hypothesis: a character reference to U+0001 in the title reached metadata.
    "control_reference_in_title": Found("<title>a&#1;b&#x7f;c</title>"),
    # hypothesis: a header declaring UTF-16 over single-byte bytes decoded the
    # page into CJK-looking noise instead of falling through to detection.
    "utf16_declared_over_single_byte_bytes": Found(
        '<meta charset="utf-16"><p>caf\u00e9</p>'.encode("cp1252"),
        {"Content-Type": "text/html; charset=utf-16"},
    ),
    # hypothesis: UTF-16 bytes under a UTF-8 header are valid UTF-8; dropping
    # their NULs joined "&" and "#1" into a reference the byte-level shortcut
    # had not seen, and U+0001 reached the title.
    "control_reference_joined_by_dropped_nuls": Found(
        "<title>&#1</title><meta name=description content='&#1'>".encode("utf-16-le"),
        {"Content-Type": "text/html; charset=utf-8"},
    ),
    # review: C1 controls sent as UTF-8 (bytes C2 80-9F) passed the byte-level
    # shortcut, which only looked for C0 control bytes.
    "c1_controls_in_utf8": Found(b"<title>a\xc2\x85b</title><p>c\xc2\x9fd</p>"),
    # hypothesis: HTML written as text (&lt;img ...&gt;) came out of the
    # readable markdown as a live <img onerror> tag.
    "escaped_markup_in_readable_text": Found("&lt;img src=x onerror=alert(1)&gt;"),
    "escaped_script_in_readable_text": Found(
        "<article><p>Words &lt;script&gt;alert(1)&lt;/script&gt; more words.</p></article>"
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_fuzz_finding_stays_fixed(name: str) -> None:
    """The input that once broke the contract now gives clean, safe outputs."""
    case = CASES[name]
    check_page(crawlextract.extract(case.html, case.url, case.headers))


def test_no_control_reference_survives_in_any_output() -> None:
    """The joined-reference input yields no DEL and no U+0001 anywhere in to_dict()."""
    data = crawlextract.extract(CASES["control_reference_revealed_by_removal"].html).to_dict()
    assert "\x7f" not in str(data)
    assert "\x01" not in str(data)
