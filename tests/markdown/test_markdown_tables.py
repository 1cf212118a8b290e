"""Tables in the native markdown."""

from __future__ import annotations

import crawlextract
from crawlextract import Options
from crawlextract._config import Limits


def md(html: str, **options: object) -> str:
    """Helper: the page's native markdown."""
    return crawlextract.extract(html, options=Options(**options)).markdown  # type: ignore[arg-type]


def test_first_row_is_header() -> None:
    """Without <thead> the first row is the header row."""
    html = "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>"
    assert md(html) == "| a | b |\n| --- | --- |\n| c | d |"


def test_thead_is_header_even_after_tbody() -> None:
    """<thead> rows come first, <tfoot> rows last."""
    html = (
        "<table><tfoot><tr><td>f</td><td>g</td></tr></tfoot><tbody><tr><td>1</td><td>2</td></tr>"
        "</tbody><thead><tr><th>H</th><th>I</th></tr></thead></table>"
    )
    assert md(html) == "| H | I |\n| --- | --- |\n| 1 | 2 |\n| f | g |"


def test_colspan_and_rowspan_fill_empty_cells() -> None:
    """Spanned slots are empty cells, so every row has the same columns."""
    html = (
        "<table><tr><th colspan=2>wide</th><th>c</th></tr>"
        "<tr><td rowspan=2>tall</td><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table>"
    )
    assert md(html) == ("| wide |  | c |\n| --- | --- | --- |\n| tall | 1 | 2 |\n|  | 3 | 4 |")


def test_absurd_colspan_is_cheap() -> None:
    """colspan=2^53 neither allocates nor writes columns that are empty in every row."""
    html = (
        '<table><tr><td colspan="9007199254740991">x</td><td>y</td></tr><tr><td>a</td></tr></table>'
    )
    assert md(html) == "| x | y |\n| --- | --- |\n| a |  |"


def test_cell_budget_cuts_rows() -> None:
    """Past max_table_cells the remaining rows are dropped and a warning says so."""
    rows = "".join(f"<tr><td>{i}</td><td>v</td></tr>" for i in range(100))
    page = crawlextract.extract(
        f"<table>{rows}</table>", options=Options(limits=Limits(max_table_cells=10))
    )
    assert page.markdown.count("\n") == 5  # header, delimiter, four body rows
    assert any("table cut" in warning for warning in page.warnings)


def test_pipes_escaped_and_line_breaks_inline_in_cells() -> None:
    """'|' in a cell is escaped (in code too), blocks become spaces and <br> inline HTML."""
    html = (
        "<table><tr><th>a|b</th><th>x<br>y<p>z</p></th><th><code>p|q</code></th></tr>"
        "<tr><td>1</td><td>2</td><td>3</td></tr></table>"
    )
    assert md(html).split("\n")[0] == "| a\\|b | x<br>y z | `p\\|q` |"


def test_alignment_in_delimiter_row() -> None:
    """Alignment (align, text-align) on a column's cells becomes GFM alignment colons."""
    html = (
        '<table><tr><th align="left">a</th><th style="text-align: center">b</th>'
        '<th>c</th><th>d</th></tr><tr><td>1</td><td>2</td><td align="RIGHT">3</td>'
        "<td>4</td></tr></table>"
    )
    assert md(html).split("\n")[1] == "| :--- | :---: | ---: | --- |"


def test_one_column_with_header_row_is_a_table() -> None:
    """A one-column table with a header row stays a table."""
    html = "<table><tr><th>Name</th></tr><tr><td>Ada</td></tr></table>"
    assert md(html) == "| Name |\n| --- |\n| Ada |"


def test_one_column_without_header_is_layout() -> None:
    """A one-column table without header cells renders its cells as blocks."""
    assert md("<table><tr><td>a</td></tr><tr><td>b</td></tr></table>") == "a\n\nb"


def test_one_column_with_header_holding_structure_is_layout() -> None:
    """A one-column table whose cells hold several blocks is layout even with a header."""
    html = "<table><tr><th>Menu</th></tr><tr><td><p>a</p><p>b</p></td></tr></table>"
    assert md(html) == "Menu\n\na\n\nb"


def test_nested_table_text_inline() -> None:
    """A table inside a cell is flattened into that cell's text."""
    html = (
        "<table><tr><th>a<table><tr><td>in1</td><td>in2</td></tr></table></th><th>b</th></tr>"
        "<tr><td>1</td><td>2</td></tr></table>"
    )
    assert md(html) == "| a in1 in2 | b |\n| --- | --- |\n| 1 | 2 |"


def test_layout_table_renders_blocks() -> None:
    """A one-column table is layout: its cells are ordinary blocks with full structure."""
    html = (
        "<table><tr><td><h2>Title</h2><ul><li>x</li></ul></td></tr><tr><td>more</td></tr></table>"
    )
    assert md(html) == "## Title\n\n- x\n\nmore"


def test_table_in_list_item_is_indented() -> None:
    """A table inside a list item keeps the item's indent on every line."""
    html = "<ul><li><table><tr><td>a</td><td>b</td></tr></table></li></ul>"
    assert md(html) == "- | a | b |\n  | --- | --- |"


def test_million_rows_linear() -> None:
    """A very long table is cut at the cell budget instead of taking quadratic time."""
    html = "<table>" + "<tr><td>a</td><td>b</td></tr>" * 200_000 + "</table>"
    out = md(html, limits=Limits(max_table_cells=1000))
    assert out.count("\n") == 500


def test_headerless_table_holding_paragraphs_is_layout() -> None:
    """A header-less table whose cell holds several paragraphs is layout: blocks, not a grid."""
    cell = "<p>First paragraph.</p><p>Second one.</p>"
    out = md(f"<table><tr><td>{cell}</td><td>side</td></tr></table>")
    assert "|" not in out
    assert "First paragraph.\n\nSecond one." in out


def test_headerless_table_holding_long_prose_is_layout() -> None:
    """A cell of several hundred characters of prose marks a layout table."""
    out = md("<table><tr><td>" + "word " * 120 + "</td><td>x</td></tr></table>")
    assert "|" not in out


def test_presentation_role_is_layout() -> None:
    """`role="presentation"` declares a layout table."""
    assert "|" not in md('<table role="presentation"><tr><td>a</td><td>b</td></tr></table>')


def test_header_cells_keep_a_data_table() -> None:
    """With `<th>` cells the table stays a pipe table even if a cell holds a list."""
    rows = "<tr><th>k</th><th>v</th></tr><tr><td>a</td><td><p>x</p><ul><li>y</li></ul></td></tr>"
    out = md(f"<table>{rows}</table>")
    assert out.startswith("| k | v |")
