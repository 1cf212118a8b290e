"""Hypothesis strategies for generated HTML, shared by the property tests.

The documents are deliberately messy: tags the parser treats specially (raw
text, tables, foreign content, ``<select>``), broken nesting and stray end
tags, entities (valid, unknown, out of range, controls), text in many scripts,
markdown metacharacters, link targets with hostile schemes, and raw bytes in
several encodings with a declared charset that may lie.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

#: The settings every property test uses: enough examples to find the usual
#: crashes in CI in well under a minute, no per-example deadline (the machine
#: is shared and a first call imports the extractors).
PROPERTY_SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

TAGS = (
    "html", "head", "body", "title", "meta", "link", "base", "div", "p", "span", "a",
    "img", "br", "hr", "h1", "h2", "h3", "h6", "ul", "ol", "li", "dl", "dt", "dd",
    "table", "thead", "tbody", "tr", "td", "th", "caption", "pre", "code", "blockquote",
    "em", "strong", "b", "i", "u", "s", "sub", "sup", "q", "cite", "kbd", "nav", "header",
    "footer", "aside", "main", "article", "section", "figure", "figcaption", "form",
    "input", "select", "option", "textarea", "button", "label", "iframe", "noscript",
    "script", "style", "template", "svg", "math", "picture", "source", "video", "details",
    "summary", "xmp", "plaintext", "font", "center", "nobr", "frameset", "x-custom",
)  # fmt: skip
ATTRIBUTE_NAMES = (
    "href", "src", "srcset", "data-src", "alt", "title", "class", "id", "style", "rel",
    "name", "content", "charset", "http-equiv", "colspan", "rowspan", "lang", "hidden",
    "aria-hidden", "role", "start", "type", "onclick", "xmlns", "dir",
)  # fmt: skip
ENTITIES = (
    "&amp;", "&lt;", "&gt;", "&quot;", "&nbsp;", "&nbsp", "&copy;", "&#169;", "&#xA9;",
    "&#0;", "&#1;", "&#x7f;", "&#x80;", "&#x81;", "&#12;", "&#13;", "&#xD800;",
    "&#x110000;", "&#99999999999;", "&bogus;", "&", "&#", "&#x;", "&#x1F600;", "&AMP",
)  # fmt: skip
#: Link targets: ordinary, relative, and every way of spelling a scheme that
#: must never reach the markdown.
URLS = (
    "https://example.com/a?b=c#d", "/relative/path", "../up", "?q=1", "#frag", "//host/x",
    "mailto:someone@example.com", "tel:+123", "http://[::1", "http://%zz", "",
    "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)",
    "\tjava\tscript:alert(1)", "\x01javascript:alert(1)", "jav&#x09;ascript:alert(1)",
    "&#106;avascript:alert(1)", "vbscript:msgbox", "VBSCRIPT:x", "data:text/html,<b>x</b>",
    " DATA:image/png;base64,AAAA", "java\nscript:alert(1)", "javascript&colon;alert(1)",
)  # fmt: skip
#: Text that is markup for markdown or HTML when it is not escaped.
MARKUP_TEXT = (
    "*", "_", "**bold**", "[x](javascript:alert(1))", "![i](data:x)", "`", "```", "#", "> ",
    "1. ", "- ", "|", "\\", "<script>alert(1)</script>", "&lt;img src=x onerror=alert(1)&gt;",
    "&lt;script&gt;", "<javascript:alert(1)>", "<!-- c -->", "]]>", "<![CDATA[x]]>",
)  # fmt: skip

#: Sentences in many scripts (the full-width comma is the point, hence the noqa).
SCRIPTS = (
    "Hello world.", "Привет, мир.", "مرحبا بالعالم", "你好\uff0c世界。", "こんにちは",
    "שלום", "नमस्ते", "😀👍🏽", "e\u0301", "\u200f\u202e", "a\u00a0b", "\u3000", " ",
    "\n", "\t", "x" * 200,
)  # fmt: skip
#: Text in many scripts, with combining marks, emoji, bidi marks and odd spaces.
text = st.one_of(
    st.text(
        alphabet=st.characters(
            codec="utf-8",
            categories=("L", "M", "N", "P", "S", "Zs"),
        ),
        max_size=30,
    ),
    st.sampled_from(SCRIPTS),
    st.sampled_from(ENTITIES),
    st.sampled_from(MARKUP_TEXT),
)


@st.composite
def attributes(draw: st.DrawFn) -> str:
    """A run of attributes, quoted in every way, some with hostile values."""
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        name = draw(st.sampled_from(ATTRIBUTE_NAMES))
        value = draw(
            st.one_of(
                st.sampled_from(URLS),
                text,
                st.sampled_from(("2", "0", "-1", "9007199254740993", "1e309", "x")),
            )
        )
        quote = draw(st.sampled_from(('"', "'", "")))
        if quote:
            value = value.replace(quote, "")
        elif any(c in value for c in " \t\n>\"'=<`"):
            quote = '"'
            value = value.replace('"', "")
        parts.append(f" {name}={quote}{value}{quote}" if draw(st.booleans()) else f" {name}")
    return "".join(parts)


@st.composite
def fragments(draw: st.DrawFn, depth: int = 0) -> str:
    """A piece of markup: elements nested a few levels, often badly."""
    pieces = []
    for _ in range(draw(st.integers(0, 5 if depth < 3 else 2))):
        kind = draw(st.integers(0, 9))
        if kind < 4 or depth >= 4:
            pieces.append(draw(text))
        elif kind < 8:
            tag = draw(st.sampled_from(TAGS))
            inner = draw(fragments(depth + 1))
            close = draw(st.sampled_from((f"</{tag}>", f"</{tag}>", "", f"</{tag.upper()} >")))
            pieces.append(f"<{tag}{draw(attributes())}>{inner}{close}")
        elif kind == 8:
            pieces.append(f"</{draw(st.sampled_from(TAGS))}>")  # a stray end tag
        else:
            pieces.append(
                draw(st.sampled_from(("<!-- comment -->", "<!--", "<![CDATA[", "<!DOCTYPE html>",
                                      "<?xml version='1.0'?>", "<", ">", "</", "<a", "<p/>")))
            )  # fmt: skip
    return "".join(pieces)


@st.composite
def html_documents(draw: st.DrawFn) -> str:
    """A whole page as ``str``: sometimes with a head, always somewhat broken."""
    body = draw(fragments())
    if draw(st.booleans()):
        title = draw(text)
        head = f"<head><title>{title}</title><meta name=description content='{title}'></head>"
        body = f"<!DOCTYPE html><html lang=en>{head}<body>{body}</body></html>"
    return body


#: Encodings a page may arrive in; labels a header may declare, true or not.
ENCODINGS = ("utf-8", "utf-16", "utf-16-le", "windows-1252", "shift_jis", "gb18030", "koi8-r")
CHARSET_LABELS = (*ENCODINGS, "latin-1", "utf-8, ie=edge", "x-unknown", "utf-7", "")


@st.composite
def html_bytes(draw: st.DrawFn) -> tuple[bytes, dict[str, str]]:
    """A page as downloaded: encoded HTML or random bytes, with a charset header that may lie."""
    if draw(st.integers(0, 4)) == 0:
        data = draw(st.binary(max_size=400))
    else:
        encoding = draw(st.sampled_from(ENCODINGS))
        data = draw(html_documents()).encode(encoding, "replace")
        if draw(st.booleans()):
            data = data[: draw(st.integers(0, len(data)))]  # cut mid-download
    label = draw(st.sampled_from(CHARSET_LABELS))
    return data, ({"Content-Type": f"text/html; charset={label}"} if label else {})


#: URLs a page may be given, including unusable ones.
page_urls = st.one_of(
    st.none(), st.sampled_from(("https://example.com/dir/page.html", "http://[::1", "not a url"))
)
