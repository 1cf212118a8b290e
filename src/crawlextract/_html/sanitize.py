"""Make markdown from third-party converters as safe as our own renderer's.

Our renderer never emits an unsafe link target; converters we wrap
(markdownify, html-to-markdown, trafilatura) do. This rewrites their inline
links and images whose target is ``javascript:``, ``vbscript:`` or ``data:``:
a link keeps its text, an image is dropped.
"""

from __future__ import annotations

import re

from crawlextract._base.urls import is_unsafe_url

# An inline link or image: optional "!", bracketed text without nested
# brackets, then a target in <...> or a run without spaces that may hold
# balanced parentheses, then an optional title.
_INLINE_LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>[^\[\]]*)\]\(\s*"
    r"(?P<target><[^>\n]*>|(?:[^()\s]|\([^()\s]*\))*)"
    r"(?:\s+\"[^\"\n]*\")?\s*\)"
)
_SCHEMES = r"(?:javascript|vbscript|data)\s*:"
# Autolinks and reference definitions with an unsafe target are removed whole.
_UNSAFE_AUTOLINK = re.compile(rf"(?i)<\s*{_SCHEMES}[^>\n]*>")
_UNSAFE_REFERENCE = re.compile(rf"(?im)^ {{0,3}}\[[^\]\n]+\]:\s*<?\s*{_SCHEMES}.*$")
# Whatever is left in link position (links whose text holds brackets).
_UNSAFE_TARGET = re.compile(rf"(?i)\]\(\s*<?[\x00-\x20]*{_SCHEMES}")


def strip_unsafe_links(markdown: str) -> str:
    """Drop unsafe targets from converter markdown, keeping link text."""
    if ":" not in markdown:
        return markdown
    markdown = _INLINE_LINK.sub(_rewrite, markdown)
    markdown = _UNSAFE_AUTOLINK.sub("", markdown)
    markdown = _UNSAFE_REFERENCE.sub("", markdown)
    return _UNSAFE_TARGET.sub("](#", markdown)


def _rewrite(match: re.Match[str]) -> str:
    target = match.group("target").strip("<>")
    if not is_unsafe_url(target):
        return match.group(0)
    return "" if match.group("bang") else match.group("text")
