"""Page details from the part before <body>: used only when the whole parse agrees."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

import crawlextract
from crawlextract._base.headers import Headers
from crawlextract._metadata.head import HeadFacts, Metadata, metadata_from_facts
from crawlextract._metadata.head_only import head_facts_before_body
from crawlextract._metadata.lexbor_facts import collect_head_facts
from strategies import PROPERTY_SETTINGS

URL = "https://example.com/dir/page.html"
HEAD = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Title</title>'
    '<meta name="description" content="About it."><link rel="canonical" href="/canon">'
    '<link rel="stylesheet" href="/s.css"><script>var a = 1 < 2;</script></head>'
)


STANDARD = ("title", "description", "canonical", "robots", "language")


def _details(facts: HeadFacts) -> tuple[Metadata, str | None]:
    # What a document's head facts decide: the page details and the base URL.
    return metadata_from_facts(facts, URL, Headers(None)), facts.base_href


def _whole(page: bytes) -> tuple[Metadata, str | None]:
    return _details(collect_head_facts(LexborHTMLParser(page)))


def _head_only(page: bytes) -> tuple[Metadata, str | None] | None:
    facts = head_facts_before_body(page)
    return None if facts is None else _details(facts)


def test_an_ordinary_page_needs_only_its_head() -> None:
    """Title, description and canonical before <body>; an ordinary body: the head settles them."""
    body = (
        "<body><svg><title>icon</title></svg><p>Text &amp; more.</p>"
        '<meta itemprop="description" content="x"><link rel="preload" href="/f.woff">'
        "</body></html>"
    )
    page = (HEAD + body).encode()
    assert _head_only(page) == _whole(page)
    metadata, _ = _whole(page)
    assert metadata.title == "Title"
    assert metadata.canonical == "https://example.com/canon"


@pytest.mark.parametrize(
    "later",
    [
        '<meta name="robots" content="noindex">',  # every robots meta counts
        '<META NAME="ROBOTS" CONTENT="noindex">',
        '<meta name="rob&#111;ts" content="noindex">',  # a reference spells it
        '<meta name="rob\x01ots" content="noindex">',  # a control the rules drop
        '<meta content="a > b" name="robots">',  # a quoted ">" inside the tag
        '<meta x"y name="robots" content="noindex">',  # a quote in an attribute name
    ],
)
def test_a_later_robots_meta_needs_the_whole_page(later: str) -> None:
    """A robots meta anywhere after <body> sends the page to the whole parse."""
    page = (HEAD + "<body><p>x</p>" + later + "</body>").encode()
    assert head_facts_before_body(page) is None
    # The standard fields: _whole() applies only the head rules.
    standard = crawlextract.extract(page, URL).metadata.to_dict()
    assert {key: standard[key] for key in STANDARD} == {
        key: value for key, value in _whole(page)[0].to_dict().items() if key in STANDARD
    }


@pytest.mark.parametrize(
    ("head", "later"),
    [
        ("<head></head>", "<svg><title>not it</title></svg><title>Later</title>"),
        ("<head></head>", '<meta name="description" content="Later">'),
        ("<head></head>", '<link rel="canonical" href="/later">'),
        ('<head><link rel="canonical" href="javascript:x"></head>', "<link rel=canonical href=/l>"),
        ("<head></head>", '<base href="/later/">'),
        ("<head></head>", '<html lang="fr">'),
    ],
)
def test_a_later_element_that_would_count_needs_the_whole_page(head: str, later: str) -> None:
    """What the head lacks, a later element may supply: then the whole page is parsed."""
    page = f"<html>{head}<body><p>x</p>{later}</body></html>".encode()
    assert head_facts_before_body(page) is None


@pytest.mark.parametrize(
    "page",
    [
        (
            '<html><head><script>document.write("<body>")</script>'
            '<meta name="description" content="real"></head><body><p>x'
        ),
        "<html><head><!-- <body> --><title>real</title></head><body><p>x",
        '<html><head><meta name="description" content="<body>"><title>t</title></head><body>',
        "<html><head><title>a <body> b</title></head><body><p>x",
    ],
)
def test_a_body_tag_that_is_not_one_is_passed_over(page: str) -> None:
    """A "<body" the parser reads as text is not the cut; a later real one is."""
    assert _head_only(page.encode()) is not None
    assert _head_only(page.encode()) == _whole(page.encode())


@pytest.mark.parametrize(
    "page",
    [
        # only "<body"s that are not tags
        '<html><head><script>document.write("<body>")</script></head><p>x',
        # body content before the <body> tag
        "<html><head></head><p>early</p><body><title>t</title>",
        # no <body> tag at all
        "<html><head><title>t</title></head><p>x</p>",
        # a ">" inside the body tag's own attribute
        '<html><head></head><body title="a>b"><meta name="robots" content="noindex">',
    ],
)
def test_an_unclean_cut_needs_the_whole_page(page: str) -> None:
    """Where no "<body" ends a part the parser reads as it does in the whole page, none is used."""
    assert head_facts_before_body(page.encode()) is None


def test_hostile_markup_before_body_needs_the_whole_page() -> None:
    """A head the guard would rewrite is left to the whole parse, which rewrites it."""
    attributes = " ".join(f"a{i}" for i in range(20_000))
    page = f"<html><head><meta {attributes}></head><body>".encode()
    assert head_facts_before_body(page) is None


def test_extract_gives_the_same_details_either_way() -> None:
    """Page details read alone equal those read after the whole parse."""
    page = (HEAD + "<body><p>x</p></body>").encode()
    alone = crawlextract.extract(page, URL).metadata
    after = crawlextract.extract(page, URL)
    _ = after.markdown  # the whole page is parsed first
    assert alone == after.metadata


# Pieces that move the cut, hide tags, or declare page details, joined at random.
_PIECES = (
    "<html>", '<html lang="de">', "<head>", "</head>", "<body>", "<BODY class=x>",
    '<body title=">">', "</body>", "<title>T</title>", "<TITLE>U</TITLE>", "<title>",
    "</title>", "<svg><title>s</title></svg>", '<meta name="description" content="D">',
    "<meta name=Description content=E>", '<meta name="robots" content="noindex">',
    '<meta name="rob&#111;ts" content="nofollow">', "<meta name=ro\x01bots content=x>",
    '<meta content="a>b" name=robots>', '<meta x"y name=robots content=q>',
    '<link rel="canonical" href="/c">', '<link rel=CANONICAL href="javascript:x">',
    '<link rel=canonical href="">', '<base href="/b/">', "<base target=x>",
    "<script>", "</script>", '"<body>"', "<!--", "-->", "<style>", "</style>",
    "<noscript>", "</noscript>", "<textarea>", "</textarea>", "<template>",
    "</template>", "<div>", "<p>text", "<a href=x>", "</a>", "<table>", "<td>",
    "<frameset>", "<plaintext>", "<![CDATA[", "]]>", "<math>", "&", '"', "'", ">",
    "<", " ", "\x00", "robots", "description", "<crawlextract-cut>", "<CRAWLEXTRACT-CUT>",
    '<meta name="descr&#105;ption" content=R>', '<link rel="&#99;anonical" href=/r>',
    "<link href=/z rel=canonical>", '<link rel="canonical alternate" href=/y>',
    '<link rel=canonical href=" ">', "<base href=javascript:x>", "<body lang=x>",
    "<head>", "<meta name=robots content=none/>", "<select><option>", "<xmp>", "</xmp>",
    "<iframe>", "</iframe>", "<noframes>", "</noframes>", "</p>", "</br>", "<svg>",
    "<foreignObject>", "<desc>", "</svg>", "<title/>", "<body/>", "<bodyx>",
    "<!DOCTYPE html>", "<?xml ?>", "</head >", "\t", "\x0c", "\r\n", "&lt;body&gt;",
    "<body\x00>", "<frame>", "<isindex>", "<image>",
)  # fmt: skip


@PROPERTY_SETTINGS
@given(pieces=st.lists(st.sampled_from(_PIECES), max_size=30))
def test_head_only_agrees_with_the_whole_parse(pieces: list[str]) -> None:
    """Whenever the head settles the details, they are the whole parse's details."""
    page = "".join(pieces).encode()
    head_only = _head_only(page)
    if head_only is not None:
        assert head_only == _whole(page)


@pytest.mark.parametrize(
    "rest",
    [
        b'<meta a="' + b"<meta " * 200_000,  # tags inside one unterminated value
        b"<meta>" * 200_000,  # more later tags than are worth reading one by one
        b"<bodyx" * 200_000,
    ],
)
def test_a_hostile_rest_costs_linear_time(rest: bytes) -> None:
    """However later tags nest or repeat, the check reads each byte a bounded number of times."""
    page = HEAD.encode() + b"<body>" + rest
    started = time.process_time()
    head_facts_before_body(page)
    # Generous: a quadratic reading of these pages takes minutes.
    assert time.process_time() - started < 5.0


@pytest.mark.parametrize(
    "page",
    [
        b"<html><head><ti\x01tle>T</title><meta name=description content=d></head><body><p>x",
        b"<html><head><title>T</title><meta na\x01me=robots content=noindex></head><body><p>x",
        b"<html><head><title>T</title></head><body><p>x</p><me\x01ta name=robots content=none>",
        b"<html><head><title>T</title></head><body><p>x</p><meta name=robots content=\x01none>",
        b"<html><head><title>T&#1;itle</title></head><body><div><p>x" + b"<div>" * 2_000,
    ],
)
def test_page_details_do_not_depend_on_what_was_read_before(page: bytes) -> None:
    """Control characters in the markup: the details read first equal those read last."""
    first = crawlextract.extract(page, URL).metadata
    later = crawlextract.extract(page, URL)
    _ = later.markdown  # cleans the text and parses the whole page
    assert later.metadata == first
    assert crawlextract.extract(page, URL).to_dict()["metadata"] == first.to_dict()
