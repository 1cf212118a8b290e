"""Headers and URLs as each HTTP client gives them: urllib, requests, httpx, aiohttp, Scrapy.

Each test builds the client's own objects (from a page served on 127.0.0.1, or
constructed directly where the client has no local round trip) and passes them
to ``extract`` as they are. The page is ISO-8859-2 with no ``<meta charset>``
and no ``<link rel=canonical>``, so a right title proves the ``Content-Type``
charset was read, and a canonical proves the ``Link`` header was.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

import httpx
import pytest
import requests
import yarl
from multidict import CIMultiDict, CIMultiDictProxy
from scrapy.http import Headers as ScrapyHeaders
from scrapy.http import HtmlResponse

import crawlextract

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

TITLE = "Zażółć gęślą jaźń"
SENTENCE = "Pchnąć w tę łódź jeża lub ośm skrzyń fig."
CHARSET = "iso-8859-2"
BODY = f"<html><head><title>{TITLE}</title></head><body><p>{SENTENCE}</p></body></html>".encode(
    CHARSET
)
CANONICAL = "https://example.org/canonical"
# Two Link headers: a client may keep them apart or join them with a comma.
HEADER_PAIRS = (
    ("Content-Type", f"text/html; charset={CHARSET}"),
    ("Link", '<https://example.org/page/2>; rel="next"'),
    ("Link", f'<{CANONICAL}>; rel="canonical"'),
)


def assert_headers_honoured(page: crawlextract.Page) -> None:
    """The charset decoded the page and the Link header gave the canonical."""
    assert page.encoding == CHARSET
    assert page.metadata.title == TITLE
    assert SENTENCE in page.markdown
    assert page.metadata.canonical == CANONICAL


def test_without_headers_the_page_is_misread() -> None:
    """The premise of every test below: detection alone gets this page wrong."""
    page = crawlextract.extract(BODY, url="http://127.0.0.1/page")
    assert page.metadata.title != TITLE
    assert page.metadata.canonical is None


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        for name, value in HEADER_PAIRS:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        """Keep the test output quiet."""


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    """The URL of the page, served on 127.0.0.1 with the headers above."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/page"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_urllib_message_headers(server_url: str) -> None:
    """The headers of urllib's response are an HTTPMessage: items(), but not a mapping."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(server_url, timeout=30) as response:
        body = response.read()
        page = crawlextract.extract(body, url=response.url, headers=response.headers)
    assert_headers_honoured(page)


def test_requests_headers(server_url: str) -> None:
    """The CaseInsensitiveDict of requests (repeats joined) and urllib3's HTTPHeaderDict."""
    with requests.Session() as session:
        session.trust_env = False  # no proxy from the environment for 127.0.0.1
        response = session.get(server_url, timeout=30)
    assert_headers_honoured(
        crawlextract.extract(response.content, url=response.url, headers=response.headers)
    )
    assert_headers_honoured(
        crawlextract.extract(response.content, url=response.url, headers=response.raw.headers)
    )


def test_httpx_headers_and_url(server_url: str) -> None:
    """The Headers mapping and URL object of httpx go in as they are."""
    with httpx.Client(trust_env=False) as client:
        response = client.get(server_url, timeout=30)
    assert isinstance(response.url, httpx.URL)
    page = crawlextract.extract(response.content, url=response.url, headers=response.headers)
    assert_headers_honoured(page)
    assert page.url == server_url


def test_aiohttp_multidict_headers_and_yarl_url() -> None:
    """As aiohttp gives them: headers in a CIMultiDictProxy, the URL as a yarl URL."""
    headers = CIMultiDictProxy(CIMultiDict(HEADER_PAIRS))
    url = yarl.URL("http://127.0.0.1:8080/page")
    page = crawlextract.extract(BODY, url=url, headers=headers)
    assert_headers_honoured(page)
    assert page.url == "http://127.0.0.1:8080/page"


def test_scrapy_headers_hold_bytes_and_lists() -> None:
    """Scrapy's Headers map bytes names to lists of bytes values."""
    headers = ScrapyHeaders()
    for name, value in HEADER_PAIRS:
        headers.appendlist(name, value)
    response = HtmlResponse(url="http://127.0.0.1:8080/page", body=BODY, headers=headers)
    page = crawlextract.extract(response.body, url=response.url, headers=response.headers)
    assert_headers_honoured(page)


@pytest.mark.parametrize("workers", [1, 2])
def test_scrapy_headers_in_extract_many(workers: int) -> None:
    """The same Scrapy headers work inside extract_many, in this process or sent to workers."""
    headers = ScrapyHeaders()
    for name, value in HEADER_PAIRS:
        headers.appendlist(name, value)
    pages = [(BODY, "http://127.0.0.1/page", headers)]
    timeout = None if workers == 1 else 120.0  # workers=1 without a timeout: in this process
    [result] = crawlextract.extract_many(pages, workers=workers, timeout=timeout)
    assert result.page is not None, result.error
    assert result.page["metadata"]["title"] == TITLE
    assert result.page["metadata"]["canonical"] == CANONICAL


def test_unpicklable_client_objects_reach_worker_processes() -> None:
    """Client objects that do not pickle (a CIMultiDictProxy, a yarl URL) still reach workers."""
    headers = CIMultiDictProxy(CIMultiDict(HEADER_PAIRS))
    url = yarl.URL("http://127.0.0.1:8080/page")
    [result] = crawlextract.extract_many([(BODY, url, headers)], workers=2, timeout=120.0)
    assert result.page is not None, result.error
    assert result.page["metadata"]["title"] == TITLE
    assert result.page["metadata"]["canonical"] == CANONICAL
    assert result.page["url"] == "http://127.0.0.1:8080/page"


@pytest.mark.parametrize(
    "headers",
    [
        {b"content-type": [f"text/html; charset={CHARSET}".encode()],
         b"link": [b'<https://example.org/page/2>; rel="next"',
                   f'<{CANONICAL}>; rel="canonical"'.encode()]},
        [(name.encode(), value.encode()) for name, value in HEADER_PAIRS],
        list(HEADER_PAIRS),
        {"Content-Type": f"text/html; charset={CHARSET}", "Link": (
            '<https://example.org/page/2>; rel="next", ' f'<{CANONICAL}>; rel="canonical"')},
    ],
    ids=["bytes-lists", "bytes-pairs", "str-pairs", "joined"],
)  # fmt: skip
def test_plain_mappings_and_pairs(headers: Any) -> None:
    """Plain dicts and pair lists, in str or bytes, with repeats as lists, pairs or joined."""
    assert_headers_honoured(crawlextract.extract(BODY, url="http://127.0.0.1/", headers=headers))


SPIDER = textwrap.dedent(
    """
    import json
    import sys

    import scrapy
    from scrapy.crawler import CrawlerProcess

    import crawlextract

    class PageSpider(scrapy.Spider):
        name = "page"

        def __init__(self, url, **kwargs):
            super().__init__(**kwargs)
            self.start_urls = [url]

        def parse(self, response):
            yield {"url": response.url, "body": response.body, "headers": response.headers}

    class ExtractPipeline:
        def process_item(self, item, spider=None):
            page = crawlextract.extract(item["body"], url=item["url"], headers=item["headers"])
            return {
                "url": page.url,
                "encoding": page.encoding,
                "title": page.metadata.title,
                "canonical": page.metadata.canonical,
                "markdown": page.markdown,
            }

    url, out = sys.argv[1], sys.argv[2]
    items = []

    class Collect:
        def process_item(self, item, spider=None):
            items.append(item)
            return item

    process = CrawlerProcess(settings={
        "ITEM_PIPELINES": {"__main__.ExtractPipeline": 100, "__main__.Collect": 200},
        "LOG_LEVEL": "ERROR",
        "ROBOTSTXT_OBEY": False,
        "TELNETCONSOLE_ENABLED": False,
    })
    process.crawl(PageSpider, url=url)
    process.start()
    with open(out, "w", encoding="utf-8") as stream:
        json.dump(items, stream)
    """
)


def test_scrapy_spider_extracts_from_a_local_server(server_url: str, tmp_path: Path) -> None:
    """A real crawl, spider and item pipeline, in a subprocess (Twisted's reactor runs once)."""
    script = tmp_path / "spider.py"
    script.write_text(SPIDER, encoding="utf-8")
    out = tmp_path / "items.json"
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": ":".join(sys.path), "NO_PROXY": "*"}
    finished = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(script), server_url, str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    [item] = json.loads(out.read_text(encoding="utf-8"))
    assert item["url"] == server_url
    assert item["encoding"] == CHARSET
    assert item["title"] == TITLE
    assert item["canonical"] == CANONICAL
    assert SENTENCE in item["markdown"]
