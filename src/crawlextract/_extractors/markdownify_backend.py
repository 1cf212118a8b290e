"""markdownify, the reference converter for the whole-page ``markdown``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import markdownify

from crawlextract._base.urls import is_unsafe_url, resolve

if TYPE_CHECKING:
    from crawlextract._base.types import OutputKind
    from crawlextract._config import Document


# markdownify's type stubs leave these converters out.
_CONVERT_A: Any = getattr(markdownify.MarkdownConverter, "convert_a")  # noqa: B009
_CONVERT_IMG: Any = getattr(markdownify.MarkdownConverter, "convert_img")  # noqa: B009


class _PageConverter(markdownify.MarkdownConverter):
    """markdownify as it is, except for what a page's markdown must never carry.

    markdownify's ``strip=[...]`` option removes tags but keeps their text, which
    put ``<title>`` and JSON-LD script text into the page. Here those elements
    convert to nothing; link and image targets resolve against the page base and
    ``javascript:``/``vbscript:``/``data:`` targets are dropped (link text kept).
    """

    def __init__(self, base_url: str | None, **options: Any) -> None:
        super().__init__(**options)
        self._base_url = base_url

    def convert_head(self, el: Any, text: str, parent_tags: Any) -> str:  # noqa: ARG002
        return ""

    convert_title = convert_head
    convert_script = convert_head
    convert_style = convert_head
    convert_noscript = convert_head
    convert_template = convert_head

    def _target(self, el: Any, attribute: str) -> bool:
        value = el.get(attribute)
        if value is None:
            return True
        resolved = resolve(str(value), self._base_url)
        if resolved is None or is_unsafe_url(resolved):
            return False
        el[attribute] = resolved
        return True

    def convert_a(self, el: Any, text: str, parent_tags: Any) -> str:
        if not self._target(el, "href"):
            return text
        result: str = _CONVERT_A(self, el, text, parent_tags)
        return result

    def convert_img(self, el: Any, text: str, parent_tags: Any) -> str:
        if not self._target(el, "src"):
            return ""
        result: str = _CONVERT_IMG(self, el, text, parent_tags)
        return result


class MarkdownifyMarkdown:
    """The whole page converted by markdownify (BeautifulSoup; it parses the page again)."""

    name: ClassVar[str] = "markdownify"
    output: ClassVar[OutputKind] = "markdown"

    def extract(self, document: Document) -> str:
        """Convert the page with ATX headings and ``-`` bullets; head and scripts dropped."""
        converter = _PageConverter(document.base_url, heading_style=markdownify.ATX, bullets="-")
        text: str = converter.convert(document.html)
        return text.strip()
