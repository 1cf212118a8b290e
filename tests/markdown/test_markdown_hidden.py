"""What the native markdown leaves out."""

from __future__ import annotations

import pytest

import crawlextract
from crawlextract._html.visibility import is_hidden


def md(html: str) -> str:
    """Helper: the page's native markdown."""
    return crawlextract.extract(html).markdown


@pytest.mark.parametrize(
    "html",
    [
        "<div hidden>x</div>",
        '<div aria-hidden="true">x</div>',
        '<div style="display: none">x</div>',
        '<div style="color:red;VISIBILITY:HIDDEN">x</div>',
        "<svg><text>x</text></svg>",
        "<iframe>x</iframe>",
        "<object>x</object>",
        "<canvas>x</canvas>",
        "<template><p>x</p></template>",
        "<button>x</button>",
        "<select><option>x</option></select>",
        "<textarea>x</textarea>",
        "<script>x</script><style>x{}</style>",
        "<video>x</video>",
    ],
)
def test_invisible_content_skipped(html: str) -> None:
    """Hidden elements, graphics, embeds and form controls write nothing."""
    assert md(f"<p>a</p>{html}<p>b</p>") == "a\n\nb"


def test_visible_styles_kept() -> None:
    """Styles that do not hide (display:none-ish words elsewhere) keep the element."""
    assert md('<div style="display:block; font-family: none-such">x</div>') == "x"
    assert not is_hidden({"style": "overflow: hidden"})
    assert not is_hidden({"aria-hidden": "false"})


def test_head_never_rendered() -> None:
    """Nothing in <head> (title, JSON-LD, meta) is page text."""
    html = (
        '<html><head><title>T</title><script type="application/ld+json">{"a":1}</script>'
        '<meta name="description" content="d"></head><body>b</body></html>'
    )
    assert md(html) == "b"


@pytest.mark.parametrize(
    ("attrs", "hidden"),
    [
        ({"hidden": ""}, True),
        ({"aria-hidden": "true"}, True),
        ({"style": "display: none"}, True),
        ({"style": "VISIBILITY:hidden"}, True),
        ({"style": "color: red"}, False),
        ({"aria-hidden": "false"}, False),
        ({}, False),
    ],
)
def test_is_hidden(attrs: dict[str, str], hidden: bool) -> None:  # noqa: FBT001
    """hidden, aria-hidden=true and display:none/visibility:hidden hide, for every output."""
    assert is_hidden(attrs) is hidden
