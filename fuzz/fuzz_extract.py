"""Coverage-guided fuzzing of extract(): every output and to_dict() on arbitrary input.

Run (see fuzz/README.md)::

    /work/venv/bin/python fuzz/make_corpus.py fuzz/corpus
    /work/venv/bin/python fuzz/fuzz_extract.py fuzz/corpus -max_len=8192 -runs=1000000

A crash is any exception, an extractor failure reported in ``Page.warnings``,
an output that breaks the contract (not ``str``, control characters, lone
surrogates, an executable link target in the markdown), or page details from
the part before ``<body>`` that differ from the whole parse's.
"""

from __future__ import annotations

import json
import logging
import re
import sys

import atheris

with atheris.instrument_imports():
    from selectolax.lexbor import LexborHTMLParser

    import crawlextract
    from crawlextract._base.headers import Headers
    from crawlextract._metadata.head import metadata_from_facts
    from crawlextract._metadata.head_only import head_facts_before_body
    from crawlextract._metadata.lexbor_facts import collect_head_facts

    # Extractors are imported on first use: use them all now, inside the
    # instrumented block, so their code is coverage-guided too.
    crawlextract.extract("<title>t</title><p>warm <a href=/x>up</a></p>").to_dict()

# The same contract as tests/output_contract.py, inlined so the harness is standalone.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_UNSAFE_TARGET = re.compile(
    r"\]\(\s*<?[\x00-\x20]*(?:j[\t\n\r]*a[\t\n\r]*v[\t\n\r]*a[\t\n\r]*s[\t\n\r]*c[\t\n\r]*r"
    r"[\t\n\r]*i[\t\n\r]*p[\t\n\r]*t|vbscript|data)[\t\n\r]*:",
    re.IGNORECASE,
)
_CHARSETS = ("", "utf-8", "windows-1252", "utf-16", "shift_jis", "gb18030", "bogus", "utf-7")


def _check_text(name: str, value: object) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{name} is {type(value).__name__}")
    value.encode("utf-8")
    found = _CONTROL.search(value)
    if found:
        raise ValueError(f"{name} has control character {found.group()!r}")


def _arguments(data: bytes) -> tuple[bytes | str, str | None, dict[str, str]]:
    provider = atheris.FuzzedDataProvider(data)
    mode = provider.ConsumeIntInRange(0, 4)
    charset = _CHARSETS[provider.ConsumeIntInRange(0, len(_CHARSETS) - 1)]
    headers = {"Content-Type": f"text/html; charset={charset}"} if charset else {}
    url: str | None = "https://example.com/dir/page.html" if mode != 3 else None
    if mode == 4:  # fuzz the URL and a Link header too
        url = provider.ConsumeUnicode(40)
        headers["Link"] = provider.ConsumeUnicode(60)
    rest = provider.ConsumeBytes(provider.remaining_bytes())
    if mode == 1:
        return rest.decode("utf-8", "surrogateescape"), url, headers  # lone surrogates
    if mode == 2:
        return rest.decode("latin-1"), url, headers
    return rest, url, headers


def _strings(value: object, path: str) -> list[tuple[str, str]]:
    if isinstance(value, dict):
        return [pair for key, item in value.items() for pair in _strings(item, f"{path}.{key}")]
    if isinstance(value, list):
        return [pair for item in value for pair in _strings(item, path)]
    return [(path, value)] if isinstance(value, str) else []


def test_one_input(data: bytes) -> None:
    """Extract one fuzzed page and check every output."""
    html, url, headers = _arguments(data)
    page = crawlextract.extract(html, url, headers)
    result = page.to_dict()
    json.dumps(result)
    failed = [warning for warning in page.warnings if " failed: " in warning]
    if failed:
        raise RuntimeError(f"extractor failed: {failed}")
    for name in ("boilerpipe_text", "markdown", "readable_markdown"):
        if not isinstance(result[name], str):
            raise TypeError(f"{name} is {type(result[name]).__name__}")
    for name, value in _strings(result, "to_dict()"):
        _check_text(name, value)
    for name in ("markdown", "readable_markdown"):
        if _UNSAFE_TARGET.search(result[name]):
            raise ValueError(f"{name} has an executable link target")
    if isinstance(html, bytes):
        _check_head_only(html)


def _check_head_only(page: bytes) -> None:
    # Whenever the part before <body> settles the page details, the whole
    # parse of the same bytes must give the same details and base URL.
    facts = head_facts_before_body(page)
    if facts is None:
        return
    whole = collect_head_facts(LexborHTMLParser(page))
    url, headers = "https://example.com/a/b", Headers(None)
    if (metadata_from_facts(facts, url, headers), facts.base_href) != (
        metadata_from_facts(whole, url, headers),
        whole.base_href,
    ):
        raise AssertionError(f"head-only details differ: {facts} != {whole}")


def main() -> None:
    """Start libFuzzer with the command-line arguments."""
    logging.disable(logging.CRITICAL)  # failures are raised above, not logged
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
