"""What every page's outputs must satisfy, whatever the input: shared by the robustness tests.

A helper module, not a test module: ``check_page`` computes every output and
raises ``AssertionError`` naming the first rule broken.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from markdown_it import MarkdownIt

if TYPE_CHECKING:
    import crawlextract

#: Control characters no output may contain: C0 but tab and line feed, DEL, C1.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: The only inline HTML the markdown may hold: the renderer's own attribute-less
#: tags (superscript, subscript, a line break in a table cell or heading).
RENDERER_TAGS = frozenset({"<sup>", "</sup>", "<sub>", "</sub>", "<br>"})
#: Schemes a rendered link or image must never point to.
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")


def _renderer() -> MarkdownIt:
    # CommonMark with raw HTML on, as a permissive renderer would be, and with
    # its own link validation off, so the test sees every target we emit.
    md = MarkdownIt("commonmark", {"html": True})
    md.validateLink = lambda _url: True  # type: ignore[method-assign]
    return md


_MARKDOWN = _renderer()


def is_unsafe_target(url: str) -> bool:
    """Say whether a browser would run or embed ``url`` (leading junk, case and tabs ignored)."""
    probe = url.lstrip("".join(map(chr, range(33)))).lower()
    probe = re.sub(r"[\t\n\r]", "", probe)
    return probe.startswith(UNSAFE_SCHEMES)


def check_markdown(markdown: str) -> None:
    """Assert that rendering ``markdown`` gives no unsafe link or image and no live HTML."""
    stack = list(_MARKDOWN.parse(markdown))
    while stack:
        token = stack.pop()
        stack.extend(token.children or ())
        if token.type in {"link_open", "image"}:
            for name in ("href", "src"):
                target = token.attrGet(name)
                if isinstance(target, str):
                    assert not is_unsafe_target(target), f"unsafe {name}: {target!r}"
        assert token.type != "html_block", (
            f"raw HTML would be live when rendered: {token.content[:80]!r}"
        )
        assert token.type != "html_inline" or token.content in RENDERER_TAGS, (
            f"raw HTML would be live when rendered: {token.content[:80]!r}"
        )


def check_text(name: str, value: object) -> None:
    """Assert that an output string is valid UTF-8 text without control characters."""
    assert isinstance(value, str), f"{name} is {type(value).__name__}, not str"
    value.encode("utf-8")  # raises on lone surrogates
    found = CONTROL.search(value)
    assert found is None, f"{name} has control character {found.group()!r} at {found.start()}"


def _strings(value: Any, path: str) -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        return [pair for key, item in value.items() for pair in _strings(item, f"{path}.{key}")]
    if isinstance(value, list):
        return [pair for i, item in enumerate(value) for pair in _strings(item, f"{path}[{i}]")]
    return [(path, value)] if isinstance(value, str) else []


def _ends(markdown: str, limit: int) -> list[str]:
    # The first and last ``limit`` characters, cut at blank lines so that no
    # block is split (splitting could only add false alarms, never hide one).
    if len(markdown) <= limit:
        return [markdown]
    head = markdown[:limit].rsplit("\n\n", 1)[0]
    tail = markdown[-limit:].split("\n\n", 1)[-1]
    return [head, tail]


def check_page(page: crawlextract.Page, render_limit: int | None = None) -> dict[str, Any]:
    """Compute every output of ``page``, assert the output contract, return ``to_dict()``.

    The markdown is rendered with markdown-it-py to find links and raw HTML;
    that takes seconds per megabyte, so ``render_limit`` (characters) renders
    only both ends of longer outputs. Every other check covers all of it.
    """
    title = page.metadata.title
    texts = {
        "boilerpipe_text": page.boilerpipe_text,
        "markdown": page.markdown,
        "readable_markdown": page.readable_markdown,
    }
    data = page.to_dict()
    failed = [warning for warning in page.warnings if " failed: " in warning]
    assert not failed, f"an extractor raised: {failed}"
    assert json.loads(json.dumps(data)) == data, "to_dict() is not JSON round-trippable"
    assert data["metadata"]["title"] == title
    for name, text in texts.items():
        check_text(name, text)
        assert data[name] == text, f"to_dict()[{name!r}] differs from the property"
    for path, text in _strings(data, "to_dict()"):
        check_text(path, text)
    for name in ("markdown", "readable_markdown"):
        for part in _ends(texts[name], render_limit or len(texts[name])):
            check_markdown(part)
    return data
