r"""Page details against the wcxb ground truth and against trafilatura's ``extract_metadata``.

Both tools run on every page in the same run. Two tables:

1. **Against the wcxb ground truth** (title, author, publish date; 499 pages),
   for crawlextract and trafilatura, on the half the rules were tuned on (the
   pages at even positions in sorted-id order) and on the other half (odd
   positions), which checks that the tuning holds. Per field:

   - *agree*: pages where both say nothing, or both say the same (below);
   - *right*: of the pages where the truth has a value, those where the tool
     gives the same value;
   - *quiet*: of the pages where the truth has none, those where the tool gives none.

2. **Against trafilatura** on both sets (aeb and wcxb): per field, the share of
   pages where the two agree (both empty, or the same value).

"The same value", per field:

- title: the same ``\\w+`` tokens in the same order, case-folded;
- author: the same set of ``\\w+`` tokens, case-folded, without "and" and "by"
  (so ``Ann Lee, Bo Chan`` equals ``Ann Lee and Bo Chan`` and ``['Ann Lee', 'Bo Chan']``);
- date: the same day (the first ten characters of the ISO 8601 value);
- site name, page type: equal after case-folding and collapsing whitespace;
- image: the same URL;
- keywords/tags, categories: the same set, case-folded.

Usage::

    python benchmarks/metadata.py            # both sets, print the tables
    python benchmarks/metadata.py --write    # also replace "## Page details" in docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import gzip
import importlib.metadata
import json
import logging
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import crawlextract

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "benchmarks.md"
# ``shared/bench`` beside the checkout, or beside a folder above it (a git worktree).
_SHARED = next(
    (
        folder / "shared" / "bench"
        for folder in ROOT.parents
        if (folder / "shared" / "bench").is_dir()
    ),
    ROOT.parent / "shared" / "bench",
)
WCXB_DIR = Path(os.environ.get("CRAWLEXTRACT_WCXB", _SHARED / "wcxb")).resolve()
AEB_DIR = Path(os.environ.get("CRAWLEXTRACT_AEB", _SHARED / "aeb")).resolve()
COMMAND = "python benchmarks/metadata.py --write"

_TOKEN = re.compile(r"\w+")
_AUTHOR_FILLERS = frozenset({"and", "by"})
_DAY = 10  # "YYYY-MM-DD"


@dataclass(frozen=True)
class Page:
    """One benchmark page and what its ground truth says (``None``: nothing annotated)."""

    id: str
    html: bytes
    url: str
    truth: dict[str, str | None]


@dataclass(frozen=True)
class Details:
    """The fields compared, as one tool gives them."""

    title: str | None
    author: str | None
    date: str | None
    site_name: str | None
    image: str | None
    keywords: tuple[str, ...]
    categories: tuple[str, ...]
    page_type: str | None


def load(directory: Path) -> list[Page]:
    """The pages of one set, sorted by id."""
    truth = json.loads((directory / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for path in sorted((directory / "html").glob("*.html.gz")):
        page_id = path.name.removesuffix(".html.gz")
        entry = truth[page_id]
        wanted = {key: entry.get(key) or None for key in ("title", "author", "publish_date")}
        pages.append(Page(page_id, gzip.decompress(path.read_bytes()), entry["url"], wanted))
    return pages


def ours(page: Page) -> Details:
    """Crawlextract's page details."""
    metadata = crawlextract.extract(page.html, url=page.url).metadata
    return Details(
        title=metadata.title,
        author=", ".join(metadata.authors) or None,
        date=metadata.published,
        site_name=metadata.site_name,
        image=metadata.image,
        keywords=metadata.keywords,
        categories=metadata.categories,
        page_type=metadata.page_type,
    )


def trafilatura_details(page: Page) -> Details:
    """Trafilatura's ``extract_metadata`` with its defaults."""
    from trafilatura.metadata import extract_metadata  # noqa: PLC0415 - a peer, timed apart

    document = extract_metadata(page.html.decode("utf-8", "replace"), default_url=page.url)
    return Details(
        title=document.title,
        author=document.author,
        date=document.date,
        site_name=document.sitename,
        image=document.image,
        keywords=tuple(document.tags or ()),
        categories=tuple(document.categories or ()),
        page_type=document.pagetype,
    )


def _tokens(text: str | None) -> list[str]:
    return _TOKEN.findall(text.casefold()) if text else []


def same_title(left: str | None, right: str | None) -> bool:
    """Titles: the same tokens in the same order."""
    return _tokens(left) == _tokens(right)


def same_author(left: str | None, right: str | None) -> bool:
    """Authors: the same set of name tokens."""
    return set(_tokens(left)) - _AUTHOR_FILLERS == set(_tokens(right)) - _AUTHOR_FILLERS


def same_date(left: str | None, right: str | None) -> bool:
    """Dates: the same day."""
    return (left or "")[:_DAY] == (right or "")[:_DAY]


def same_text(left: str | None, right: str | None) -> bool:
    """Short texts: equal after case-folding and collapsing whitespace."""
    return " ".join((left or "").casefold().split()) == " ".join((right or "").casefold().split())


def same_url(left: str | None, right: str | None) -> bool:
    """URLs: equal as written."""
    return (left or "") == (right or "")


def same_set(left: tuple[str, ...], right: tuple[str, ...]) -> bool:
    """Lists: the same items, case-folded, in any order."""
    return {item.casefold().strip() for item in left} == {item.casefold().strip() for item in right}


def _is_empty(value: Any) -> bool:
    return not value


TRUTH_FIELDS: tuple[tuple[str, str, Callable[[Any, Any], bool]], ...] = (
    ("title", "title", same_title),
    ("author", "author", same_author),
    ("date", "publish_date", same_date),
)
PEER_FIELDS: tuple[tuple[str, Callable[[Any, Any], bool]], ...] = (
    ("title", same_title),
    ("author", same_author),
    ("date", same_date),
    ("site_name", same_text),
    ("image", same_url),
    ("keywords", same_set),
    ("categories", same_set),
    ("page_type", same_text),
)


def truth_rows(pages: list[Page], results: dict[str, list[Details]], label: str) -> list[str]:
    """Table rows: each tool against the ground truth on ``pages``."""
    rows = []
    for field, truth_key, same in TRUTH_FIELDS:
        for tool, details in results.items():
            agree = right = quiet = with_value = 0
            for page, found in zip(pages, details, strict=True):
                wanted = page.truth[truth_key]
                got = getattr(found, field)
                match = (wanted is None and _is_empty(got)) or (
                    wanted is not None and not _is_empty(got) and same(got, wanted)
                )
                agree += match
                if wanted is None:
                    quiet += match
                else:
                    with_value += 1
                    right += match
            without = len(pages) - with_value
            rows.append(
                f"| {label} | {field} | {tool} | {agree / len(pages):.3f} | "
                f"{right}/{with_value} ({right / max(with_value, 1):.3f}) | "
                f"{quiet}/{without} ({quiet / max(without, 1):.3f}) |"
            )
    return rows


def peer_rows(label: str, ours_: list[Details], theirs: list[Details]) -> list[str]:
    """Table rows: crawlextract against trafilatura, per field."""
    rows = []
    for field, same in PEER_FIELDS:
        agree = both = 0
        for mine, other in zip(ours_, theirs, strict=True):
            left, right = getattr(mine, field), getattr(other, field)
            if _is_empty(left) and _is_empty(right):
                agree += 1
            elif not _is_empty(left) and not _is_empty(right):
                both += 1
                agree += same(left, right)
        rows.append(f"| {label} | {field} | {agree / len(ours_):.3f} | {both} |")
    return rows


def run(pages: list[Page]) -> dict[str, list[Details]]:
    """Both tools on every page, in the same run."""
    results: dict[str, list[Details]] = {"crawlextract": [], "trafilatura": []}
    for page in pages:
        results["crawlextract"].append(ours(page))
        results["trafilatura"].append(trafilatura_details(page))
    return results


def _version(package: str) -> str:
    return importlib.metadata.version(package)


def report() -> str:
    """Run both sets and return the ``## Page details`` section."""
    wcxb = load(WCXB_DIR)
    aeb = load(AEB_DIR)
    wcxb_results = run(wcxb)
    aeb_results = run(aeb)
    even = [index for index in range(len(wcxb)) if index % 2 == 0]
    odd = [index for index in range(len(wcxb)) if index % 2 == 1]

    def half(indexes: list[int]) -> tuple[list[Page], dict[str, list[Details]]]:
        return [wcxb[i] for i in indexes], {
            tool: [details[i] for i in indexes] for tool, details in wcxb_results.items()
        }

    truth_table = [
        "| wcxb pages | field | tool | agree | right (truth has one) | quiet (truth has none) |",
        "|---|---|---|---|---|---|",
    ]
    for label, indexes in ((f"even ({len(even)}, tuned)", even), (f"odd ({len(odd)})", odd)):
        truth_table += truth_rows(*half(indexes), label)
    truth_table += truth_rows(wcxb, wcxb_results, f"all ({len(wcxb)})")
    peer_table = ["| set | field | agree | both give one |", "|---|---|---|---|"]
    peer_table += peer_rows(
        f"aeb ({len(aeb)})", aeb_results["crawlextract"], aeb_results["trafilatura"]
    )
    peer_table += peer_rows(
        f"wcxb ({len(wcxb)})", wcxb_results["crawlextract"], wcxb_results["trafilatura"]
    )
    versions = (
        f"crawlextract {crawlextract.__version__}, trafilatura {_version('trafilatura')} "
        f"(htmldate {_version('htmldate')}), selectolax {_version('selectolax')}, "
        f"Python {sys.version.split()[0]}"
    )
    return "\n".join(
        [
            "## Page details",
            "",
            f"`{COMMAND}` ({versions}). Both tools read each page in the same run:",
            "crawlextract's `extract(html, url).metadata` (`authors` joined, `published`,",
            "`keywords`) and trafilatura's `extract_metadata(html, default_url=url)` with its",
            "defaults (`author`, `date`, `tags`). How values are compared is in the script's",
            "docstring: titles by their word tokens in order, authors by their set of name",
            "tokens, dates by the day.",
            "",
            "Against the wcxb ground truth. The rules were tuned on the pages at even positions",
            "(sorted by id); the odd ones check that the tuning holds. *agree*: both empty or",
            "the same; *right*: of the pages the truth gives a value, the share matched;",
            "*quiet*: of the pages where the truth has none, the share where the tool gives none.",
            "Our `title` is `document.title` by the HTML standard, not a headline, so it is",
            "expected to differ from an annotated headline (the site name often follows it).",
            "",
            *truth_table,
            "",
            "crawlextract against trafilatura (share of pages where both give nothing or the",
            "same; *both give one*: pages where both give a value):",
            "",
            *peer_table,
            "",
            "Reading the tables: trafilatura (htmldate, `extensive=True`) searches the whole",
            "page text for a date and nearly always returns one, so it finds more of the",
            "annotated dates (*right*) but also gives one on most pages the annotators left",
            "without (*quiet*); crawlextract reads only what the page declares as a date",
            "(structured fields, then elements marked as dates or bylines) and never the",
            "URL. Many pages the truth leaves without an author or a date do declare one",
            "(the annotation is partly noise), which caps *quiet* for both tools. Tuning",
            "history: the byline rules were tuned on the even half; the odd half was also",
            "looked at while tuning, once to drop a variant (cutting a byline at its first",
            "digit) that gained on the even half and lost on the odd one.",
            "",
        ]
    )


def write(section: str) -> None:
    """Replace (or add) the ``## Page details`` section of ``docs/benchmarks.md``."""
    text = DOCS.read_text(encoding="utf-8")
    start = text.find("## Page details")
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + 1)
        rest = text[end + 1 :] if end >= 0 else ""
        text = text[:start] + section + ("\n" + rest if rest else "")
    DOCS.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Print the tables; with ``--write``, also put them into ``docs/benchmarks.md``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    arguments = parser.parse_args(argv)
    logging.disable(logging.WARNING)  # trafilatura logs about ordinary pages
    section = report()
    sys.stdout.write(section)
    if arguments.write:
        write(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
