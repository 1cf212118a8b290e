"""Write a WARC of a given number of records from the AEB benchmark pages, for scale tests.

    python benchmarks/make_warc.py OUT.warc.gz [--records 10000] [--whole-file-gzip]

The archive looks like a small crawl: a warcinfo record, then for each fetch a
request record and a response. Most responses are the AEB pages (cycled, each
copy under its own URL), one fetch in 20 is a PNG and one in 50 an HTML 404,
so readers have records to skip and errors-free pages to extract. Each record
is its own gzip member (as crawlers write them), or with ``--whole-file-gzip``
the file is one gzip stream. Deterministic: the same arguments give the same
records (WARC dates and record ids aside, which warcio makes fresh).
"""

from __future__ import annotations

import argparse
import gzip
import io
import shutil
import tempfile
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from aeb import load_pages

#: One fetch in this many is an image, one in NOT_FOUND_EVERY a 404 page.
IMAGE_EVERY = 20
NOT_FOUND_EVERY = 50
_PNG = b"\x89PNG\r\n\x1a\n" + bytes(2048)
_NOT_FOUND = b"<html><head><title>Not found</title></head><body><p>No such page.</p></body></html>"


def _response(writer: WARCWriter, url: str, status: str, content_type: str, body: bytes) -> None:
    request = f"GET {url} HTTP/1.1\r\nHost: bench.example\r\n\r\n".encode()
    writer.write_record(
        writer.create_warc_record(url, "request", payload=io.BytesIO(request), length=len(request))
    )
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), length=len(body), http_headers=http
    )
    writer.write_record(record)


def write(path: Path, records: int) -> int:
    """Write ``records`` records (a gzip member each) to ``path``; return the HTML responses."""
    pages = load_pages()
    html = 0
    written = 1
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "make_warc"}))
        fetch = 0
        while written + 2 <= records:
            if fetch % IMAGE_EVERY == IMAGE_EVERY - 1:
                _response(
                    writer, f"https://bench.example/img/{fetch}.png", "200 OK", "image/png", _PNG
                )
            elif fetch % NOT_FOUND_EVERY == NOT_FOUND_EVERY - 1:
                url = f"https://bench.example/missing/{fetch}"
                _response(writer, url, "404 Not Found", "text/html", _NOT_FOUND)
                html += 1
            else:
                page = pages[fetch % len(pages)]
                url = f"{page.url}?copy={fetch // len(pages)}"
                _response(writer, url, "200 OK", "text/html; charset=utf-8", page.html)
                html += 1
            written += 2
            fetch += 1
        if written < records:  # an odd count: end on a metadata record
            note = b"fetches: %d\n" % fetch
            writer.write_record(
                writer.create_warc_record(
                    "https://bench.example/", "metadata", payload=io.BytesIO(note), length=len(note)
                )
            )
    return html


def main() -> None:
    """Parse the arguments and write the archive."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--whole-file-gzip", action="store_true")
    args = parser.parse_args()
    if args.whole_file_gzip:
        with tempfile.TemporaryDirectory() as folder:
            plain = Path(folder) / "members.warc.gz"
            html = write(plain, args.records)
            with gzip.open(plain) as source, gzip.open(args.output, "wb") as target:
                shutil.copyfileobj(source, target)
    else:
        html = write(args.output, args.records)
    size = args.output.stat().st_size
    print(f"{args.output}: {args.records} records, {html} HTML responses, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
