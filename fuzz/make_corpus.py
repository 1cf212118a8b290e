"""Write the seed corpus for fuzz/fuzz_extract.py into a directory.

Seeds: the fixture pages (cut to the fuzzer's input size), small hostile
snippets, and a few encodings. Each seed starts with two bytes the harness
consumes to choose the input mode and the declared charset.

Usage: ``python fuzz/make_corpus.py fuzz/corpus``
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The fuzzer's -max_len; longer seeds would be cut anyway.
MAX_LEN = 8192
SNIPPETS = (
    b"<title>t</title><p>Hello <a href='/x'>link</a> <img src=data:x alt=i></p>",
    b"<a href=' JaVaScRiPt:alert(1)'>x</a><a href='vbscript:x'>y</a>",
    b"<table><tr><td colspan=9007199254740992 rowspan=-1>a<td>b</table>",
    b"<pre class='language-py'>def f():\n    return 1\n</pre>",
    b"<ul><li>a<ul><li>b</ul><li>c</ul><ol start=5><li>x</ol>",
    b"<div>" * 300 + b"deep",
    b"<!--",
    b"<script>",
    b"<![CDATA[ x",
    b"&#1;&#x7f;&#0;&#xD800;&amp&lt;&bogus;",
    b"<svg><title>x</title><style><div>y</style></svg><math><mi>z</math>",
    b"<select><option>a<option>b</select><textarea><b>t</textarea>",
    b"<h1>T</h1><blockquote><p>q</blockquote><dl><dt>d<dd>e</dl>",
    b"<base href='https://other.example/'><link rel=canonical href=/c>",
    b"\xef\xbb\xbf<p>bom</p>",
    b"\xff\xfe<\x00p\x00>\x00x\x00",
    "<p>caf\u00e9 \u20ac</p>".encode("cp1252"),
    b"%PDF-1.7\n\x00\x01\x02",
    b"*_[]()#>|`\\ <b>**x**</b>",
    (
        b"<html lang=en><head><title>t</title><meta name=description content=d>"
        b"<link rel=canonical href=/c></head><body><p>x</p><meta name=robots content=noindex>"
    ),
    b"<head><script>'<body>'</script><base href=/b/></head><body title='>'><svg><title>s</title>",
)


def seeds() -> list[bytes]:
    """Every seed, mode and charset bytes included."""
    pages = sorted(ROOT.glob("fixtures/*/page.html"))
    bodies = [path.read_bytes()[: MAX_LEN - 2] for path in pages]
    bodies += list(SNIPPETS)
    return [bytes((i % 4, i % 8)) + body for i, body in enumerate(bodies)]


def main() -> None:
    """Write the seeds, named by their hash, into the directory given."""
    target = Path(sys.argv[1])
    target.mkdir(parents=True, exist_ok=True)
    for seed in seeds():
        (target / hashlib.sha1(seed).hexdigest()).write_bytes(seed)  # noqa: S324 - a file name
    print(f"{len(seeds())} seeds in {target}")


if __name__ == "__main__":
    main()
