"""Same page in, same bytes out: across threads, processes, hash seeds and page order."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import random
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import crawlextract

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
AEB = ROOT.parent / "shared" / "bench" / "aeb" / "html"
# Every 6th benchmark page: about 30 pages of every size and script, enough to
# exercise every extractor path while keeping the test to a few seconds.
AEB_STRIDE = 6


def _pages() -> list[tuple[str, bytes]]:
    pages = [(path.parent.name, path.read_bytes()) for path in sorted(FIXTURES.glob("*/page.html"))]
    if AEB.is_dir():
        pages += [
            (path.name, gzip.decompress(path.read_bytes()))
            for path in sorted(AEB.glob("*.html.gz"))[::AEB_STRIDE]
        ]
    return pages


def _digest(html: bytes, url: str) -> str:
    data = crawlextract.extract(html, url).to_dict()
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def _url(name: str) -> str:
    return f"https://example.com/{name}/index.html"


@pytest.fixture(scope="module")
def pages() -> list[tuple[str, bytes]]:
    """The fixture pages and a slice of the benchmark pages."""
    found = _pages()
    assert len(found) >= 20, "fixtures missing"
    return found


@pytest.fixture(scope="module")
def serial(pages: list[tuple[str, bytes]]) -> dict[str, str]:
    """The digest of each page's to_dict(), computed one page at a time."""
    return {name: _digest(html, _url(name)) for name, html in pages}


def test_threads_match_a_serial_run(pages: list[tuple[str, bytes]], serial: dict[str, str]) -> None:
    """Eight threads over every page, each page twice, give byte-identical results."""
    work = pages * 2
    random.Random(1).shuffle(work)  # noqa: S311 - an order, not a secret
    with ThreadPoolExecutor(max_workers=8) as pool:
        digests = list(pool.map(lambda item: (item[0], _digest(item[1], _url(item[0]))), work))
    for name, digest in digests:
        assert digest == serial[name], name


def test_threads_sharing_one_page_agree(pages: list[tuple[str, bytes]]) -> None:
    """Threads reading the outputs of one shared Page in different orders see the same values."""
    name, html = max(pages, key=lambda item: len(item[1]))
    page = crawlextract.extract(html, _url(name))
    orders = [
        ("markdown", "readable_markdown", "boilerpipe_text"),
        ("readable_markdown", "boilerpipe_text", "markdown"),
        ("boilerpipe_text", "markdown", "readable_markdown"),
    ] * 3
    with ThreadPoolExecutor(max_workers=len(orders)) as pool:
        seen = list(pool.map(lambda order: {a: getattr(page, a) for a in order}, orders))
    assert all(values == seen[0] for values in seen)
    assert page.to_dict() == crawlextract.extract(html, _url(name)).to_dict()


def test_page_order_does_not_matter(pages: list[tuple[str, bytes]], serial: dict[str, str]) -> None:
    """Processing the pages in reverse and shuffled order changes no result."""
    shuffled = random.Random(2).sample(pages, len(pages))  # noqa: S311 - an order
    for order in (list(reversed(pages)), shuffled):
        for name, html in order:
            assert _digest(html, _url(name)) == serial[name], name


_CHILD = """
import hashlib, json, sys
sys.path.insert(0, sys.argv[1])
import test_determinism as t
for name, html in t._pages():
    print(name, t._digest(html, t._url(name)))
"""


@pytest.mark.slow
def test_results_do_not_depend_on_the_hash_seed(serial: dict[str, str]) -> None:
    """Fresh processes with different PYTHONHASHSEED values produce the serial run's digests."""
    for seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": os.pathsep.join(sys.path)}
        completed = subprocess.run(  # noqa: S603 - our own interpreter
            [sys.executable, "-c", _CHILD, str(Path(__file__).parents[1])],
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
            check=True,
        )
        digests = dict(line.split(" ", 1) for line in completed.stdout.splitlines())
        assert digests == serial, f"PYTHONHASHSEED={seed}"
