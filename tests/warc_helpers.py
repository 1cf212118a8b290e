"""Build small WARC files for the tests, with warcio's writer.

Shared by test_warc, test_cli_warc-style tests and test_dask: each writes its own
archive, so no WARC file is stored in the repository.
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

# Real pages bundled with the project (benchmark pages under fixtures/), so the
# tests need nothing outside the checkout.
REAL_PAGES = sorted((Path(__file__).resolve().parents[1] / "fixtures").glob("aeb-*/page.html"))

#: (url, status, headers, body) of the HTML responses written by write_warc.
SYNTHETIC = [
    (
        "https://example.org/a",
        "200 OK",
        [("Content-Type", "text/html; charset=windows-1252")],
        (
            b"<html><head><title>Caf\xe9</title>"
            b'<meta name="description" content="About a caf\xe9"></head>'
            b"<body><p>Coffee is served.</p></body></html>"
        ),
    ),
    (
        "https://example.org/b",
        "404 Not Found",
        [
            ("Content-Type", "text/html"),
            ("Link", '<https://example.org/canonical-b>; rel="canonical"'),
        ],
        b"<html><head><title>Missing</title></head><body><p>Not here.</p></body></html>",
    ),
    (
        "https://example.org/c",
        "200 OK",
        [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip")],
        gzip.compress(
            b"<html><head><title>Zipped \xe2\x9c\x93</title></head><body>z</body></html>"
        ),
    ),
    (
        "https://example.org/d",
        "200 OK",
        [],  # no Content-Type: sniffed
        b"<!DOCTYPE html><html><head><title>Sniffed</title></head><body>s</body></html>",
    ),
]


def write_warc(path: Path, *, aeb_pages: int = 0, gzip_records: bool | None = None) -> int:
    """Write a WARC to ``path``; return how many HTML response records it holds.

    Besides the HTML responses it writes a warcinfo record, a request record per
    response, a PNG response and a revisit record, which readers must skip.
    """
    compress = path.name.endswith(".gz") if gzip_records is None else gzip_records
    pages = list(SYNTHETIC)
    if aeb_pages > len(REAL_PAGES):
        raise ValueError(f"only {len(REAL_PAGES)} real pages are bundled, {aeb_pages} asked for")
    for page in REAL_PAGES[:aeb_pages]:
        url = f"https://aeb.example/{page.parent.name}"
        pages.append((url, "200 OK", [("Content-Type", "text/html")], page.read_bytes()))
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for url, status, headers, body in pages:
            request_bytes = f"GET {url} HTTP/1.1\r\n\r\n".encode()
            # A length up front keeps warcio from spooling to a temporary file
            # it never closes (a ResourceWarning, an error under pytest here).
            request = writer.create_warc_record(
                url, "request", payload=io.BytesIO(request_bytes), length=len(request_bytes)
            )
            writer.write_record(request)
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), length=len(body), http_headers=http
                )
            )
        png = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://example.org/logo.png",
                "response",
                payload=io.BytesIO(b"\x89PNG\r\n\x1a\n" + bytes(64)),
                length=72,
                http_headers=png,
            )
        )
        revisit = writer.create_revisit_record(
            "https://example.org/a",
            digest="sha1:AAAA",
            refers_to_uri="https://example.org/a",
            refers_to_date="2020-01-01T00:00:00Z",
        )
        writer.write_record(revisit)
    return len(pages)


def record_offsets_by_warcio(path: Path) -> list[int]:
    """Where each record starts in ``path``, as warcio's reader sees it."""
    from warcio.archiveiterator import ArchiveIterator  # noqa: PLC0415 - tests only

    with path.open("rb") as stream:
        iterator = ArchiveIterator(stream)
        return [iterator.get_record_offset() for _record in iterator]


def damage_warc(path: Path) -> tuple[int, int]:
    """Corrupt a middle gzip member of ``path`` and cut its last member in half.

    The corrupt member is the response of https://example.org/c; the cut one is
    the last record (a revisit). Returns the offsets of the two damaged members.
    """
    data = bytearray(path.read_bytes())
    offsets = record_offsets_by_warcio(path)
    middle, last = offsets[6], offsets[-1]
    for position in range(middle + 40, middle + 80):
        data[position] ^= 0x55
    cut = last + (len(data) - last) // 2
    path.write_bytes(bytes(data[:cut]))
    return middle, last


def write_records(
    path: Path,
    records: list[tuple[str, str, list[tuple[str, str]], bytes]],
    *,
    warc_headers: dict[str, str] | None = None,
) -> None:
    """Write one response record per (url, status, headers, body), gzipped by the name."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))
        for url, status, headers, body in records:
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=http,
                warc_headers_dict=warc_headers,
            )
            writer.write_record(record)
