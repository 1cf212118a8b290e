"""Markdown round trip: does HTML keep its meaning through a converter's markdown?

For each example (the CommonMark spec's examples, vendored in
``tests/commonmark/commonmark.json``, plus our own GFM table cases), the
example's HTML goes through a converter to markdown, the markdown through
markdown-it-py (commonmark preset plus GFM tables and strikethrough) back to
HTML, and both the example's HTML and the result are *normalised* the same way
(see :func:`normalise` and docs/markdown.md, "Conformance"). An example keeps
its meaning when the two normal forms are equal.

Run from a checkout (writes the ``## Markdown round trip`` section of
docs/benchmarks.md with ``--write``)::

    PYTHONPATH=src python benchmarks/markdown_roundtrip.py [--write] [--failures crawlextract]

The same script measures links and text on the AEB pages (``--aeb``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urljoin

from markdown_it import MarkdownIt
from selectolax.lexbor import LexborHTMLParser

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from selectolax.lexbor import LexborNode

    from crawlextract._html.dom import Element

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
SPEC_FILE = ROOT / "tests" / "commonmark" / "commonmark.json"
GFM_FILE = ROOT / "tests" / "commonmark" / "gfm_tables.json"
#: Every converter sees the examples as a page at this address; relative
#: targets on both sides of the comparison resolve against it.
BASE_URL = "https://example.org/spec/page.html"

_MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])

# -- normalisation -------------------------------------------------------------

# Never shown to a reader: dropped with their content.
_DROPPED = frozenset({"script", "style", "template", "head", "title", "meta", "link", "base"})
# Blocks that only separate paragraphs: their content forms paragraphs.
_PARAGRAPH_BLOCKS = frozenset(
    {"p", "div", "section", "article", "aside", "nav", "header", "footer", "main", "address",
     "figure", "figcaption", "details", "summary", "dl", "dt", "dd", "center", "hgroup",
     "fieldset", "legend", "form", "search", "caption", "body", "html", "dialog", "menu"}
)  # fmt: skip
# Blocks kept with their kind.
_KEPT_BLOCKS = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "hr", "table",
     "tr", "th", "td"}
)  # fmt: skip
_ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})
# Inline elements whose meaning is a style of their text.
_STYLES = {
    "em": "em", "i": "em", "strong": "strong", "b": "strong", "del": "del", "s": "del",
    "strike": "del", "code": "code", "kbd": "code", "samp": "code", "tt": "code",
    "sup": "sup", "sub": "sub",
}  # fmt: skip
_HTML_SPACE = re.compile(r"[ \t\n\r\x0c]+")
_URL_SAFE = ":/?#[]@!$&'()*+,;=-._~"
_ALIGN = re.compile(r"text-align\s*:\s*(left|right|center)", re.IGNORECASE)


def canonical_url(url: str) -> str:
    """Resolve against :data:`BASE_URL` and write one percent-encoding of it."""
    url = url.strip(" \t\n\r\x0c")
    try:
        absolute = urljoin(BASE_URL, url)
    except ValueError:
        absolute = url
    return quote(unquote(absolute), safe=_URL_SAFE)


@dataclass
class _Run:
    text: str
    styles: frozenset[str]


class _Normaliser:
    """Writes the normal form: one line per block, inline content as styled runs."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.runs: list[_Run] = []
        self.depth = 0

    def flush(self) -> None:
        runs = self.runs
        self.runs = []
        merged: list[_Run] = []
        for run in runs:
            if merged and merged[-1].styles == run.styles:
                merged[-1].text += run.text
            else:
                merged.append(_Run(run.text, run.styles))
        # Collapse HTML whitespace; whitespace at the edges of a styled run
        # carries no style (it shows as a gap either way).
        spaced: list[_Run] = []
        for run in merged:
            text = _HTML_SPACE.sub(" ", run.text)
            core = text.strip(" ")
            if not run.styles or not core:
                spaced.append(_Run(text, frozenset()))
                continue
            lead = text[: len(text) - len(text.lstrip(" "))]
            trail = text[len(text.rstrip(" ")) :]
            spaced.extend(
                (_Run(lead, frozenset()), _Run(core, run.styles), _Run(trail, frozenset()))
            )
        final: list[_Run] = []
        for run in spaced:
            if final and final[-1].styles == run.styles:
                final[-1].text += run.text
            elif run.text:
                final.append(run)
        text = _HTML_SPACE.sub(" ", self._write(final))
        # Line breaks at either end of a paragraph show nothing; spaces around one neither.
        text = re.sub(r" *⏎ *", "⏎", text).strip(" ⏎")
        if text:
            self.lines.append("  " * self.depth + "para " + text)

    @staticmethod
    def _write(runs: list[_Run]) -> str:
        out = []
        for run in runs:
            if not run.styles:
                out.append(run.text)
            else:
                out.append("{" + ",".join(sorted(run.styles)) + ":" + run.text + "}")
        return "".join(out).replace("{}", "")

    def block(self, label: str) -> None:
        self.flush()
        self.lines.append("  " * self.depth + label)

    def walk(self, node: LexborNode, styles: frozenset[str]) -> None:  # noqa: C901, PLR0912
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                self.runs.append(_Run(child.text_content or "", styles))
                continue
            if tag is None or tag.startswith(("-", "_", "!")) or tag in _DROPPED:
                continue
            attrs = child.attributes
            if tag in _PARAGRAPH_BLOCKS:
                self.flush()
                self.walk(child, styles)
                self.flush()
            elif tag in _ROW_GROUPS:
                self.walk(child, styles)
            elif tag == "table" and _is_layout(child):
                self.flush()
                self._layout_table(child, styles)
            elif tag in _KEPT_BLOCKS:
                self._kept_block(child, tag, attrs, styles)
            elif tag == "br":
                self.runs.append(_Run("⏎", frozenset()))
            elif tag == "img":
                self.runs.append(_Run(_image(attrs), frozenset()))
            elif tag == "input" and (attrs.get("type") or "").lower() == "checkbox":
                self.runs.append(_Run("[x] " if "checked" in attrs else "[ ] ", frozenset()))
            elif tag == "a" and attrs.get("href") is not None:
                target = f"link {canonical_url(attrs['href'] or '')}"
                if attrs.get("title"):
                    target += f' "{attrs["title"]}"'
                self.walk(child, styles | {target})
            elif tag in _STYLES:
                self.walk(child, styles | {_STYLES[tag]})
            else:
                self.walk(child, styles)

    def _kept_block(  # noqa: C901  (one branch per kind of block)
        self, node: LexborNode, tag: str, attrs: dict[str, str | None], styles: frozenset[str]
    ) -> None:
        label = tag
        if tag == "ol":
            start = (attrs.get("start") or "1").strip()
            label += f" start={start}" if start not in ("", "1") else ""
        elif tag in ("th", "td"):
            label = "cell"
            align = attrs.get("align") or ""
            found = _ALIGN.search(attrs.get("style") or "")
            align = (found[1] if found else align).lower()
            if align in ("left", "right", "center"):
                label += f" align={align}"
        elif tag == "pre":
            self.flush()
            code = node.css_first("code")
            language = ""
            if code is not None:
                for name in (code.attributes.get("class") or "").split():
                    if name.startswith("language-"):
                        language = name.removeprefix("language-")
                        break
            text = (node.text(deep=True) or "").rstrip("\n")
            if text.strip(" \t\n\r\x0c"):  # an empty code block shows nothing
                self.lines.append("  " * self.depth + f"pre {language}|{text}|")
            return
        self.block(label)
        if tag == "hr":
            return
        start = len(self.lines) - 1
        self.depth += 1
        self.walk(node, frozenset() if tag in ("li", "blockquote", "th", "td") else styles)
        self.flush()
        self.depth -= 1
        content = self.lines[start + 1 :]
        if tag == "tr" and all(line.lstrip().startswith("cell") for line in content):
            # A row of empty cells shows nothing (a pipe table's forced empty header row).
            del self.lines[start:]
        elif not content and tag not in ("li", "th", "td"):
            # An empty heading, quote, list or table shows nothing; an empty
            # item shows its bullet or number, an empty cell its slot.
            del self.lines[start:]

    def _layout_table(self, node: LexborNode, styles: frozenset[str]) -> None:
        for cell in node.css("td, th"):
            self.flush()
            self.walk(cell, styles)
            self.flush()


def _is_layout(table: LexborNode) -> bool:
    """A table of one column without header cells is page layout: its cells are blocks."""
    if table.css_first("th") is not None:
        return False
    rows = table.css("tr")
    return all(len(row.css("td")) <= 1 for row in rows)


def _image(attrs: dict[str, str | None]) -> str:
    alt = _HTML_SPACE.sub(" ", attrs.get("alt") or "").strip()
    text = f"[img {canonical_url(attrs.get('src') or '')} {alt!r}"
    if attrs.get("title"):
        text += f' "{attrs["title"]}"'
    return text + "]"


def normalise(html: str) -> str:
    """The normal form of an HTML fragment's meaning (see docs/markdown.md, "Conformance")."""
    tree = LexborHTMLParser(f"<!DOCTYPE html><html><body>{html}</body></html>")
    normaliser = _Normaliser()
    body = tree.body
    if body is not None:
        normaliser.walk(body, frozenset())
    normaliser.flush()
    return "".join(line + "\n" for line in normaliser.lines)


# -- converters ------------------------------------------------------------------


def crawlextract_markdown(html: str) -> str:
    """Our whole-page markdown."""
    import crawlextract  # noqa: PLC0415  (the checkout's sources, per PYTHONPATH)

    return crawlextract.extract(html, url=BASE_URL).markdown


def markdownify_markdown(html: str) -> str:
    """Markdown from markdownify with its defaults."""
    from markdownify import markdownify  # noqa: PLC0415  (an optional peer)

    return str(markdownify(html))


def html_to_markdown_markdown(html: str) -> str:
    """html-to-markdown with CommonMark-style options (ATX, backtick fences, escaping on)."""
    import html_to_markdown  # noqa: PLC0415  (an optional peer)

    options = html_to_markdown.ConversionOptions(
        extract_metadata=False,
        heading_style="atx",
        code_block_style="backticks",
        bullets="-",
        escape_asterisks=True,
        escape_underscores=True,
        escape_misc=True,
        newline_style="backslash",
        autolinks=False,
    )
    try:
        return html_to_markdown.convert(html, options).content or ""
    except html_to_markdown.InvalidInputError:
        return ""


CONVERTERS: dict[str, tuple[str, Callable[[str], str]]] = {
    "crawlextract": ("crawlextract", crawlextract_markdown),
    "markdownify": ("markdownify", markdownify_markdown),
    "html-to-markdown": ("html-to-markdown", html_to_markdown_markdown),
}

# -- round trip ------------------------------------------------------------------


@dataclass(frozen=True)
class Example:
    """One case: its number, section, input HTML and the HTML whose meaning it must keep."""

    number: int
    section: str
    html: str
    expected: str


def load_examples(path: Path = SPEC_FILE) -> list[Example]:
    """The examples of a vendored JSON file (``expected`` defaults to ``html``)."""
    return [
        Example(e["example"], e["section"], e["html"], e.get("expected", e["html"]))
        for e in json.loads(path.read_text(encoding="utf-8"))
    ]


@dataclass(frozen=True)
class Outcome:
    """One example through one converter."""

    example: Example
    markdown: str
    got: str
    want: str

    @property
    def kept(self) -> bool:
        """Whether the meaning survived."""
        return self.got == self.want


def round_trip(example: Example, convert: Callable[[str], str]) -> Outcome:
    """HTML → markdown → HTML, both ends normalised."""
    try:
        markdown = convert(example.html)
    except Exception as error:  # noqa: BLE001  (a peer's crash is a failed example)
        markdown = f"<crash {type(error).__name__}>"
    got = normalise(_MARKDOWN.render(markdown))
    return Outcome(example, markdown, got, normalise(example.expected))


def run(examples: list[Example], convert: Callable[[str], str]) -> Iterator[Outcome]:
    """Round-trip every example."""
    for example in examples:
        yield round_trip(example, convert)


# -- links and text on real pages -----------------------------------------------------

# Never shown as page text: the renderer's own list (docs/markdown.md, "Left
# out"), plus <noscript> (a browser runs scripts, so it shows none of it).
# <math> and <input> have rules of their own, but their text is no page text
# (a formula's MathML tokens, a control's value).
_INVISIBLE_TAGS = frozenset(
    {"head", "title", "meta", "link", "base", "script", "style", "template", "noscript",
     "svg", "math", "iframe", "frame", "frameset", "object", "embed", "canvas", "audio",
     "video", "source", "track", "map", "area", "param", "input", "select", "option",
     "optgroup", "datalist", "textarea", "button", "progress", "meter"}
)  # fmt: skip
_TOKEN = re.compile(r"\w+")


@dataclass
class PageMeasure:
    """Visible links and words of one page, and what its markdown kept of them."""

    links: int
    links_kept: int
    words: Counter[str]
    markdown_words: Counter[str]


def visible_content(body: Element) -> tuple[list[str], set[str]]:
    """The visible text pieces of ``body`` and the ``href`` of every visible link with content.

    Visible: not under an element the markdown renderer hides (``hidden``,
    ``aria-hidden="true"``, inline ``display:none``/``visibility:hidden``) or
    one of :data:`_INVISIBLE_TAGS`. A link counts when it has visible text or
    holds an ``<img>``.
    """
    from crawlextract._markdown.hidden import is_hidden  # noqa: PLC0415

    texts: list[str] = []
    hrefs: set[str] = set()
    stack: list[Element | str | None] = [body]  # None: the open link ends here
    # The open link: its href, where its text starts in texts, whether it holds an image.
    link: list[object] = []
    while stack:
        node = stack.pop()
        if node is None:
            href, start, image = link
            if image or any(text.strip() for text in texts[start:]):  # type: ignore[index]
                hrefs.add(href)  # type: ignore[arg-type]
            link = []
        elif isinstance(node, str):
            texts.append(node)
        elif node.tag in _INVISIBLE_TAGS or (node.attrs and is_hidden(node.attrs)):
            continue
        else:
            if node.tag == "img" and link:
                link[2] = True
            elif node.tag == "a" and not link and node.attrs.get("href") is not None:
                link = [node.attrs["href"], len(texts), False]
                stack.append(None)
            stack.extend(reversed(node.children))
    return texts, hrefs


def _absolute_http(href: str, base: str | None) -> str | None:
    try:
        url = urljoin(base or "", href.strip(" \t\n\r\x0c"))
    except ValueError:
        return None
    if not url.startswith(("http://", "https://")):
        return None
    return quote(unquote(url), safe=_URL_SAFE)


def markdown_targets(markdown: str, base: str | None) -> set[str]:
    """The link targets of ``markdown`` as a CommonMark parser reads them, absolute."""
    targets: set[str] = set()
    stack = list(_MARKDOWN.parse(markdown))
    while stack:
        token = stack.pop()
        if token.type == "link_open":
            found = _absolute_http(str(token.attrGet("href") or ""), base)
            if found:
                targets.add(found)
        if token.children:
            stack.extend(token.children)
    return targets


def measure_page(html: bytes, url: str, convert: Callable[[str, str], str]) -> PageMeasure:
    """Links and words of one page's visible content against ``convert``'s markdown."""
    from aeb import markdown_to_text  # noqa: PLC0415  (benchmarks/aeb.py)
    from crawlextract._api import decode_document  # noqa: PLC0415
    from crawlextract._config import Options  # noqa: PLC0415

    document = decode_document(html, url, None, Options())
    body = document.dom.find("body")
    texts, hrefs = visible_content(body) if body is not None else ([], set())
    base = document.base_url
    wanted = {t for h in hrefs if (t := _absolute_http(h, base))}
    markdown = convert(document.html, url)
    kept = wanted & markdown_targets(markdown, base)
    return PageMeasure(
        len(wanted),
        len(kept),
        Counter(_TOKEN.findall(" ".join(texts))),
        Counter(_TOKEN.findall(markdown_to_text(markdown))),
    )


def _page_crawlextract(html: str, url: str) -> str:
    import crawlextract  # noqa: PLC0415

    return crawlextract.extract(html, url=url).markdown


PAGE_CONVERTERS: dict[str, Callable[[str, str], str]] = {
    "crawlextract": _page_crawlextract,
    "markdownify": lambda html, _url: markdownify_markdown(html),
    "html-to-markdown": lambda html, _url: html_to_markdown_markdown(html),
}


def aeb_report(names: list[str]) -> str:
    """Links kept and token recall/precision on the AEB pages, per converter."""
    from aeb import load_pages  # noqa: PLC0415

    pages = load_pages()
    lines = [
        (
            f"On the {len(pages)} AEB pages (`benchmarks/aeb.py`), against each page's visible "
            "content ([definition](markdown.md#links-and-words-on-real-pages)): *links kept* "
            "is the share of each page's distinct absolute http(s) link targets that the "
            "markdown has as link targets; *token recall/precision* compare the `\\w+` words "
            "of the visible text with those of the markdown rendered to text (multisets). "
            "All three are pooled over the pages."
        ),
        "",
        "| converter | links kept | token recall | token precision |",
        "|---|---:|---:|---:|",
    ]
    for name in names:
        convert = PAGE_CONVERTERS[name]
        links = kept = 0
        common = visible = written = 0
        for page in pages:
            measure = measure_page(page.html, page.url, convert)
            links += measure.links
            kept += measure.links_kept
            common += sum((measure.words & measure.markdown_words).values())
            visible += sum(measure.words.values())
            written += sum(measure.markdown_words.values())
        lines.append(
            f"| {name} | {kept / links:.4f} ({kept} of {links}) | {common / visible:.4f} "
            f"| {common / written:.4f} |"
        )
    return "\n".join([*lines, ""])


# -- report ------------------------------------------------------------------------


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def _table(results: dict[str, list[Outcome]]) -> list[str]:
    names = list(results)
    lines = [
        "| section | examples | " + " | ".join(names) + " |",
        "|---|---:|" + "---:|" * len(names),
    ]
    sections: dict[str, list[int]] = defaultdict(list)
    for index, outcome in enumerate(results[names[0]]):
        sections[outcome.example.section].append(index)
    for title, indexes in [("**all**", list(range(len(results[names[0]])))), *sections.items()]:
        rates = [sum(results[n][i].kept for i in indexes) / len(indexes) for n in names]
        lines.append(
            f"| {title} | {len(indexes)} | " + " | ".join(f"{r:.4f}" for r in rates) + " |"
        )
    return lines


def report(spec: dict[str, list[Outcome]], gfm: dict[str, list[Outcome]]) -> str:
    """The ``## Markdown round trip`` section of docs/benchmarks.md."""
    versions = ", ".join(f"{name} {_version(package)}" for name, (package, _) in CONVERTERS.items())
    lines = [
        "## Markdown round trip",
        "",
        (
            "Each example's HTML → the converter's markdown → markdown-it-py "
            f"{_version('markdown-it-py')} (commonmark preset + GFM tables and strikethrough) → "
            "HTML; the example keeps its meaning when both HTML normalise to the same form "
            "([normalisation rules](markdown.md#conformance)). Versions: "
            f"{versions}. markdownify runs with its defaults, html-to-markdown with ATX "
            "headings, backtick fences, `-` bullets, backslash line breaks and escaping on."
        ),
        "",
        "```bash",
        "CRAWLEXTRACT_AEB=../shared/bench/aeb PYTHONPATH=src \\",
        "    python benchmarks/markdown_roundtrip.py --write",
        "```",
        "",
        f"CommonMark spec 0.31.2, {len(next(iter(spec.values())))} examples, per section:",
        "",
        *_table(spec),
        "",
        f"Our GFM table cases ({len(next(iter(gfm.values())))}, `{GFM_FILE.name}`):",
        "",
        *_table(gfm),
        "",
    ]
    return "\n".join(lines)


def write_section(section: str, path: Path = ROOT / "docs" / "benchmarks.md") -> None:
    """Replace (or append) the ``## Markdown round trip`` section of the benchmarks page."""
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(r"^## Markdown round trip\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Run every converter over the spec and our GFM cases; print (and write) the rates."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    parser.add_argument("--failures", metavar="CONVERTER", help="print a converter's failures")
    parser.add_argument("--no-aeb", action="store_true", help="skip the AEB pages")
    args = parser.parse_args(argv)
    spec_examples = load_examples(SPEC_FILE)
    gfm_examples = load_examples(GFM_FILE)
    spec: dict[str, list[Outcome]] = {}
    gfm: dict[str, list[Outcome]] = {}
    for name, (_, convert) in CONVERTERS.items():
        spec[name] = list(run(spec_examples, convert))
        gfm[name] = list(run(gfm_examples, convert))
    section = report(spec, gfm)
    if not args.no_aeb:
        section += "\n" + aeb_report(list(PAGE_CONVERTERS))
    sys.stdout.write(section)
    if args.failures:
        for outcome in spec[args.failures] + gfm[args.failures]:
            if not outcome.kept:
                e = outcome.example
                sys.stdout.write(
                    f"\n--- {e.section} #{e.number}\nHTML: {e.html!r}\nMD:   "
                    f"{outcome.markdown!r}\nwant:\n{outcome.want}got:\n{outcome.got}"
                )
        counts = Counter(o.example.section for o in spec[args.failures] if not o.kept)
        sys.stdout.write(f"\nfailures by section: {dict(counts)}\n")
    if args.write:
        write_section(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
