"""The decoding order of docs/decoding.md, one test per step and per fall-through."""

from __future__ import annotations

import codecs

import pytest

import crawlextract
from crawlextract._html.decode import Decoded, decode_page, web_encoding
from crawlextract._html.page_text import PageText

LIMIT = 1 << 20


def decode_bytes(data: bytes, declared_charset: str | None, limit: int) -> Decoded:
    """Decode as an extraction does: decoding settled, control characters removed."""
    return PageText(decode_page(data, declared_charset, limit), 200, []).final()


def test_utf8_bom_wins_over_everything() -> None:
    """A UTF-8 BOM decides, even against a different HTTP charset, and is removed."""
    result = decode_bytes(codecs.BOM_UTF8 + "é".encode(), "windows-1251", LIMIT)
    assert (result.text, result.encoding, result.source) == ("é", "utf-8", "bom")


def test_utf16_bom_decodes_utf16() -> None:
    """A UTF-16 little-endian BOM decodes the page as UTF-16."""
    data = codecs.BOM_UTF16_LE + "<p>héllo</p>".encode("utf-16-le")
    result = decode_bytes(data, None, LIMIT)
    assert (result.text, result.encoding) == ("<p>héllo</p>", "utf-16le")


def test_valid_utf8_beats_a_declared_latin1() -> None:
    """Bytes that are valid UTF-8 are UTF-8 whatever the header and meta claim."""
    data = '<meta charset="iso-8859-1"><p>café</p>'.encode()
    result = decode_bytes(data, "iso-8859-1", LIMIT)
    assert result.encoding == "utf-8"
    assert "café" in result.text


def test_utf8_cut_mid_character_is_still_utf8() -> None:
    """A download cut inside a multi-byte character still counts as UTF-8."""
    data = "<p>日本語</p>日".encode()[:-1]
    result = decode_bytes(data, None, LIMIT)
    assert result.encoding == "utf-8"
    assert result.text.startswith("<p>日本語</p>")


def test_http_charset_used_when_not_utf8() -> None:
    """Non-UTF-8 bytes are decoded with the Content-Type charset."""
    data = "<p>Привет</p>".encode("windows-1251")
    result = decode_bytes(data, "windows-1251", LIMIT)
    assert (result.text, result.encoding, result.source) == (
        "<p>Привет</p>",
        "windows-1251",
        "http",
    )


def test_meta_prescan_used_without_http_charset() -> None:
    """Without a header charset, `<meta charset>` in the head decides."""
    data = '<meta charset="shift_jis"><p>日本語のテキスト</p>'.encode("shift_jis")
    result = decode_bytes(data, None, LIMIT)
    assert (result.encoding, result.source) == ("shift_jis", "meta")
    assert "日本語のテキスト" in result.text


def test_meta_http_equiv_content_type() -> None:
    """The `http-equiv` form of the meta declaration is honoured too."""
    text = '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><p>Привет</p>'
    result = decode_bytes(text.encode("koi8-r"), None, LIMIT)
    assert (result.encoding, result.source) == ("koi8-r", "meta")


def test_header_beats_meta() -> None:
    """The HTTP charset is tried before the meta prescan."""
    data = '<meta charset="koi8-r"><p>Привет</p>'.encode("windows-1251")
    assert decode_bytes(data, "windows-1251", LIMIT).source == "http"


def test_unknown_declared_charset_falls_through() -> None:
    """A charset Python doesn't know (`utf-8, ie=edge` style junk) never raises."""
    data = "<p>Grüße</p>".encode("windows-1252")
    result = decode_bytes(data, "x-no-such-charset", LIMIT)
    assert "Grüße" in result.text
    assert result.source in {"detected", "fallback"}


def test_lying_charset_falls_through() -> None:
    """A declared charset that cannot decode the bytes falls through to the next step."""
    data = "<p>Grüße aus Köln, schöne Grüße</p>".encode("windows-1252")
    result = decode_bytes(data, "shift_jis", LIMIT)
    assert result.source != "http"
    assert "Köln" in result.text


def test_non_web_codecs_are_refused() -> None:
    """Codecs outside the Encoding Standard (utf-7, unicode_escape) are never used."""
    assert web_encoding("utf-7") is None
    assert web_encoding("unicode_escape") is None
    assert web_encoding("rot13") is None


@pytest.mark.parametrize(
    ("label", "name"),
    [("latin1", "windows-1252"), ("ISO-8859-1", "windows-1252"), ("ascii", "windows-1252"),
     ("gb2312", "gbk"), ("x-sjis", "shift_jis"), ("ks_c_5601-1987", "euc-kr"),
     (" UTF8 ", "utf-8"), ('"utf-8"', "utf-8")],
)  # fmt: skip
def test_labels_map_like_the_encoding_standard(label: str, name: str) -> None:
    """Labels resolve to the Encoding Standard's encoding (latin-1 is windows-1252)."""
    found = web_encoding(label)
    assert found is not None
    assert found[0] == name


def test_meta_declaring_utf16_means_utf8() -> None:
    """A `<meta>` can only be read in an ASCII-compatible page, so utf-16 there is utf-8."""
    data = b'<meta charset="utf-16"><p>caf\xe9</p>'
    result = decode_bytes(data, None, LIMIT)
    assert result.encoding != "utf-16le"


def test_http_utf16_without_bom_is_believed() -> None:
    """Header-declared UTF-16 bytes decode as UTF-16, though NUL-laden ASCII is valid UTF-8."""
    data = "<p>hello</p>".encode("utf-16-le")
    result = decode_bytes(data, "utf-16le", LIMIT)
    assert result.text == "<p>hello</p>"


def test_detection_when_nothing_is_declared() -> None:
    """Undeclared non-UTF-8 bytes are detected (or fall back) without raising."""
    text = "<p>" + "Съешь же ещё этих мягких французских булок, да выпей чаю. " * 20 + "</p>"
    result = decode_bytes(text.encode("windows-1251"), None, LIMIT)
    assert result.source == "detected"
    assert "французских" in result.text


def test_fallback_replaces_undecodable_bytes() -> None:
    """The last step is windows-1252 with replacement characters."""
    # Every byte value: no BOM, not UTF-8, nothing declared, nothing detected.
    result = decode_bytes(bytes(range(256)) * 4, None, LIMIT)
    assert (result.encoding, result.source) == ("windows-1252", "fallback")
    # windows-1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined: one U+FFFD
    # each, four times over; every other byte from 0x80 up is its windows-1252 letter.
    assert result.text.count("\ufffd") == 5 * 4
    assert bytes(range(0x80, 0x100)).decode("windows-1252", "replace") in result.text
    assert "€" in result.text
    assert "ÿ" in result.text


def test_control_characters_removed() -> None:
    """C0 controls other than tab/newline/CR never reach the outputs."""
    result = decode_bytes(b"<p>a\x00b\x01c\x7fd\te</p>", None, LIMIT)
    assert result.text == "<p>abcd\te</p>"


def test_input_cut_at_max_bytes() -> None:
    """Input past `max_input_bytes` is cut and the result says so."""
    result = decode_bytes(b"<p>" + b"a" * 1000, None, 100)
    assert result.truncated
    assert len(result.text) == 100


def test_page_exposes_encoding() -> None:
    """`Page.encoding` is the web name of the encoding used; `None` for str input."""
    page = crawlextract.extract(
        "<p>é</p>".encode("windows-1252"), headers={"Content-Type": "text/html; charset=latin1"}
    )
    assert page.encoding == "windows-1252"
    assert crawlextract.extract("<p>x</p>").encoding is None


def test_truncation_is_a_page_warning() -> None:
    """A page cut to the byte budget says so in its warnings."""
    options = crawlextract.Options(limits=crawlextract.Limits(max_input_bytes=10))
    page = crawlextract.extract(b"<p>" + b"x" * 100 + b"</p>", options=options)
    assert any("truncated" in warning for warning in page.warnings)


# --- checking UTF-8 late, for page details alone ----------------------------


def test_latin1_page_read_for_its_details_alone() -> None:
    """Bytes that are not UTF-8: page details alone still come out of the right encoding."""
    page = crawlextract.extract(b"<meta charset=latin1><title>Caf\xe9</title><p>cr\xe8me</p>")
    assert page.metadata.title == "Caf\u00e9"
    assert page.encoding == "windows-1252"
    assert "cr\u00e8me" in page.markdown


def test_ascii_details_of_a_latin1_page() -> None:
    """ASCII page details read the same in any encoding; the rest of the page is still decoded."""
    page = crawlextract.extract(
        b"<meta charset=latin1><title>Menu</title><p>cr\xe8me br\xfbl\xe9e</p>"
    )
    assert page.metadata.title == "Menu"
    assert page.markdown == "cr\u00e8me br\u00fbl\u00e9e"
    assert page.encoding == "windows-1252"


def test_title_that_looks_like_utf8_on_a_page_that_is_not() -> None:
    """A title whose bytes happen to be valid UTF-8 is read in the page's real encoding."""
    page = crawlextract.extract(b"<meta charset=latin1><title>\xc3\xa9t\xc3\xa9</title><p>\xe9</p>")
    assert page.metadata.title == "\u00c3\u00a9t\u00c3\u00a9"
    assert page.encoding == "windows-1252"


def test_encoding_is_known_before_and_after_the_outputs() -> None:
    """`Page.encoding` answers before any output is read and after the parse is released."""
    page = crawlextract.extract("<title>caf\u00e9</title><p>x</p>".encode())
    assert page.encoding == "utf-8"
    _ = (page.metadata, page.boilerpipe_text, page.markdown, page.readable_markdown)
    assert page.encoding == "utf-8"


def test_utf16_without_a_bom_gives_its_details_when_read_first() -> None:
    """UTF-16 found by detection is decoded before page details are read (found by hypothesis)."""
    html = "<html lang=en><head><title>Caf\u00e9 \u00a0menu</title></head><body><p>x</p>"
    data = html.encode("utf-16-le")
    headers = {"Content-Type": "text/html; charset=utf-8"}
    first = crawlextract.extract(data, None, headers).metadata
    later = crawlextract.extract(data, None, headers)
    _ = later.markdown
    assert first == later.metadata
    assert first.title == "Caf\u00e9 \u00a0menu"


# A page that declares UTF-8 and holds one stray byte 50 kB in: browsers keep it
# UTF-8 and replace the byte; guessing windows-125x would garble every character.
_STRAY_TITLE = "Mäscot: ataków na łódź"
_STRAY_DESCRIPTION = "Zażółć gęślą jaźń — déjà vu"
_STRAY_PARAGRAPH = "Pchnąć w tę łódź jeża lub ośm skrzyń fig; Größe, café, naïve. "


def _stray_byte_page(*, meta: bool) -> bytes:
    head = (
        "<meta charset='utf-8'>" if meta else ""
    ) + f"<title>{_STRAY_TITLE}</title><meta name=description content='{_STRAY_DESCRIPTION}'>"
    body = f"<p>{_STRAY_PARAGRAPH * 800}before\x00after {_STRAY_PARAGRAPH * 20}</p>"
    data = f"<!doctype html><html><head>{head}</head><body>{body}</body></html>".encode()
    assert data.index(b"\x00") > 50_000
    return data.replace(b"\x00", b"\xe9")  # a windows-1252 "é" in UTF-8 bytes


@pytest.mark.parametrize("declared_in", ["meta", "http"])
def test_declared_utf8_with_a_stray_byte_stays_utf8(declared_in: str) -> None:
    """One invalid byte does not undo a UTF-8 declaration: it becomes U+FFFD, with a warning."""
    data = _stray_byte_page(meta=declared_in == "meta")
    headers = {"Content-Type": "text/html; charset=UTF-8"} if declared_in == "http" else None
    page = crawlextract.extract(data, headers=headers)
    # Before any output is read: what decoding did is known without a parse.
    where = "a <meta> charset" if declared_in == "meta" else "the HTTP Content-Type"
    assert page.warnings == (
        f"1 invalid UTF-8 byte sequence replaced with U+FFFD (UTF-8 declared in {where})",
    )
    assert page.encoding == "utf-8"
    assert page.metadata.title == _STRAY_TITLE
    assert page.metadata.description == _STRAY_DESCRIPTION
    for output in (page.markdown, page.readable_markdown, page.boilerpipe_text):
        assert "before\ufffdafter" in output
        assert _STRAY_PARAGRAPH.strip() in output
        assert "Ã" not in output
        assert "Ă" not in output


def test_the_same_page_reads_the_same_whatever_is_read_first() -> None:
    """Page details of the stray-byte page do not depend on reading warnings or outputs first."""
    data = _stray_byte_page(meta=True)
    first = crawlextract.extract(data)
    _ = first.markdown
    second = crawlextract.extract(data)
    assert second.metadata == first.metadata
    assert second.to_dict() == first.to_dict()


def test_a_single_byte_page_declaring_utf8_falls_through() -> None:
    """A latin-1 page that declares UTF-8 is plainly not UTF-8: detection reads it, no U+FFFD."""
    sentence = "Où est la crème brûlée, s'il vous plaît ? "
    text = f"<title>Le café de la gare</title><p>{sentence * 50}"
    data = text.encode("latin-1")
    result = decode_bytes(data, "utf-8", LIMIT)
    # Which single-byte encoding detection picks is charset-normalizer's call;
    # the point is that the declaration did not turn each accent into U+FFFD.
    assert (result.source, result.replaced) == ("detected", 0)
    assert "\ufffd" not in result.text
    assert "café" in result.text


def test_valid_utf8_with_its_own_replacement_character_has_no_warning() -> None:
    """A U+FFFD the page itself holds is text, not a replaced byte."""
    data = "<meta charset=utf-8><p>a\ufffdb é</p>".encode()
    assert crawlextract.extract(data).warnings == ()
    mixed = data.replace(b"b", b"b\xff")  # one real invalid byte beside it
    result = decode_bytes(mixed, None, LIMIT)
    assert (result.encoding, result.source, result.replaced) == ("utf-8", "meta", 1)
    assert "a\ufffdb\ufffd é" in result.text


def test_utf8_bom_with_an_invalid_byte_counts_the_replacement() -> None:
    """Bytes after a UTF-8 byte-order mark are UTF-8; an invalid one is replaced and counted."""
    result = decode_bytes(codecs.BOM_UTF8 + b"<p>caf\xc3\xa9 \xff</p>", None, LIMIT)
    assert (result.text, result.source, result.replaced) == ("<p>café \ufffd</p>", "bom", 1)
    assert result.warnings() == (
        "1 invalid UTF-8 byte sequence replaced with U+FFFD (UTF-8 byte-order mark)",
    )
