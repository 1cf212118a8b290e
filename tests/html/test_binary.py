import codecs
import gzip
import random

import pytest

from crawlextract._base.binary import binary_payload

HTML = b"<!DOCTYPE html><html><head><title>T</title></head><body><p>Hello</p></body></html>"


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"GIF89a\x01\x00", "GIF"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
        (gzip.compress(HTML), "gzip"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "WebP"),
    ],
)
def test_file_signatures_are_binary(payload, expected):
    """A known file signature at the start names what the payload is."""
    reason = binary_payload(payload)
    assert reason is not None
    assert expected in reason


def test_random_bytes_are_binary():
    """Random bytes hold NULs at both even and odd offsets: binary."""
    noise = random.Random(7).randbytes(4096)  # noqa: S311 - test data, not a secret
    assert "NUL" in (binary_payload(noise) or "")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_html_without_bom_is_text(codec):
    """UTF-16 markup has NULs on one parity only, so it is never called binary."""
    assert binary_payload(HTML.decode().encode(codec)) is None


def test_boms_and_declared_utf16_are_text():
    """A BOM, or a declared UTF-16/32 charset, explains NUL bytes."""
    assert binary_payload(codecs.BOM_UTF16_LE + HTML.decode().encode("utf-16-le")) is None
    noise = random.Random(3).randbytes(1024)  # noqa: S311 - test data, not a secret
    assert binary_payload(noise) is not None
    assert binary_payload(noise, "UTF-16") is None


def test_ordinary_pages_are_text():
    """HTML, an empty payload and a page with one stray NUL are text."""
    assert binary_payload(HTML) is None
    assert binary_payload(b"") is None
    assert binary_payload(HTML[:20] + b"\x00" + HTML[20:]) is None
    assert binary_payload("<p>café ✓</p>".encode()) is None
