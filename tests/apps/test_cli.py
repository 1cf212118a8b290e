import gzip
import io
import json
import os
import subprocess
import sys

import pytest

import crawlextract
from crawlextract._apps.cli import main as _cli
from crawlextract._apps.cli import page as _cli_page
from fixed_extractor import Fixed

PAGE = (
    "<html lang='fr'><head><title>Crème brûlée</title>"
    "<meta name='description' content='Un dessert.'>"
    "<link rel='canonical' href='https://example.org/creme'>"
    "<meta name='robots' content='noindex'></head>"
    "<body><h1>Crème brûlée</h1><p>Caramel croquant.</p></body></html>"
).encode()


def fixed_options():
    """Options whose three text outputs are fixed strings."""
    return crawlextract.Options(
        boilerpipe=Fixed("boilerpipe", "Plain text"),
        markdown=Fixed("markdown", "# Whole page\n\n[nav](https://example.org/)\n"),
        readable=Fixed("readable", "# Main\n\nBody with <b>tags</b>"),
    )


@pytest.fixture
def page_file(tmp_path):
    """A small French page saved as UTF-8."""
    path = tmp_path / "page.html"
    path.write_bytes(PAGE)
    return path


def run(capsysbinary, *argv):
    """Run the command in-process; return (status, stdout, stderr) as text."""
    status = _cli.main(list(argv))
    captured = capsysbinary.readouterr()
    return status, captured.out.decode("utf-8"), captured.err.decode("utf-8")


def test_json_is_the_default_and_has_every_field(capsysbinary, page_file):
    """Without --format the page is printed as Page.to_dict() JSON."""
    status, out, err = run(capsysbinary, str(page_file), "--url", "https://example.org/creme")
    assert status == 0
    data = json.loads(out)
    assert data["metadata"]["title"] == "Crème brûlée"
    assert data["filters"] == {"canonical": "self", "noindex": True}
    assert set(data) >= {"boilerpipe_text", "markdown", "readable_markdown", "encoding"}
    assert "Traceback" not in err


def test_gzip_file_is_read_by_its_bytes(capsysbinary, tmp_path):
    """A .html.gz file is gunzipped before extraction."""
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(PAGE))
    status, out, _ = run(capsysbinary, str(path))
    assert status == 0
    assert json.loads(out)["metadata"]["description"] == "Un dessert."


def test_stdin_dash_reads_bytes(capsysbinary, monkeypatch):
    """FILE '-' reads bytes from stdin, gzip or not."""

    class Stdin:
        buffer = io.BytesIO(gzip.compress(PAGE))

    monkeypatch.setattr(sys, "stdin", Stdin)
    status, out, _ = run(capsysbinary, "-", "--format", "json")
    assert status == 0
    assert json.loads(out)["encoding"] == "utf-8"


def test_headers_file_gives_charset_and_canonical(capsysbinary, tmp_path):
    """--headers reads 'Name: value' lines (a status line is skipped) and they are honoured."""
    page = tmp_path / "page.html"
    page.write_bytes("<title>日本語のページ</title><p>本文です。</p>".encode("shift_jis"))
    headers = tmp_path / "headers.txt"
    headers.write_text(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=Shift_JIS\r\n"
        'Link: <https://example.jp/a>; rel="canonical"\r\n\r\n'
    )
    status, out, _ = run(capsysbinary, str(page), "--headers", str(headers))
    data = json.loads(out)
    assert status == 0
    assert data["encoding"] == "shift_jis"
    assert data["metadata"]["title"] == "日本語のページ"
    assert data["metadata"]["canonical"] == "https://example.jp/a"


def test_headers_file_may_be_json(capsysbinary, tmp_path, page_file):
    """--headers also accepts a JSON object."""
    headers = tmp_path / "headers.json"
    headers.write_text(json.dumps({"X-Robots-Tag": "noindex"}))
    status, out, _ = run(capsysbinary, str(page_file), "--headers", str(headers))
    assert status == 0
    assert json.loads(out)["filters"]["noindex"] is True


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["missing.html"], "cannot read missing.html"),
        (["{page}", "--format", "pdf"], "invalid choice: 'pdf'"),
        (["{page}", "--preset", "nope"], "invalid choice: 'nope'"),
        (["{page}", "--headers", "missing.txt"], "cannot read missing.txt"),
        (["{page}", "--headers", "{bad_headers}"], "not a 'Name: value' header line"),
        (["{bad_gzip}"], "not valid gzip data"),
        (["{page}", "--bogus"], "unrecognized arguments: --bogus"),
        ([], "the following arguments are required: FILE"),
    ],
)
def test_user_errors_are_one_line_and_non_zero(capsysbinary, tmp_path, page_file, argv, message):
    """Each mistake a user can make gives one error line on stderr and exit status 2."""
    bad_headers = tmp_path / "bad.txt"
    bad_headers.write_text("this is not a header\n")
    bad_gzip = tmp_path / "bad.html.gz"
    bad_gzip.write_bytes(b"\x1f\x8b\x08\x00garbage")
    names = {"page": page_file, "bad_headers": bad_headers, "bad_gzip": bad_gzip}
    status, out, err = run(capsysbinary, *(arg.format(**names) for arg in argv))
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("crawlextract: error: ")
    assert message in err


def test_help_exits_zero(capsysbinary):
    """--help prints the usage and exits 0."""
    status, out, _ = run(capsysbinary, "--help")
    assert status == 0
    assert "--format" in out


def test_report_shows_details_filters_and_outputs():
    """The text report has the page details, the filters and the three outputs in order."""
    page = crawlextract.extract(PAGE, "https://example.org/other", options=fixed_options())
    report = _cli_page.text_report(page)
    for line in (
        "URL          https://example.org/other",
        "Title        Crème brûlée",
        "Description  Un dessert.",
        "Canonical    https://example.org/creme",
        "Encoding     utf-8",
        "Canonical    other URL: https://example.org/creme",
        "Noindex      yes: robots say noindex",
    ):
        assert line in report
    positions = [
        report.index(heading)
        for heading in (
            "Page details",
            "Page filters",
            "Boilerpipe text\n",
            "Markdown\n",
            "Readable markdown\n",
        )
    ]
    assert positions == sorted(positions)
    assert "Plain text" in report
    assert "# Main" in report


@pytest.mark.parametrize(
    ("markup", "status"),
    [
        (b"<title>t</title>", "Canonical    not set"),
        (b"<link rel=canonical href='https://A.example/x#top'>", "Canonical    self"),
    ],
)
def test_report_canonical_filter(capsysbinary, tmp_path, markup, status):
    """The report's canonical filter reads 'not set' or 'self' (same URL up to case and #)."""
    page = tmp_path / "p.html"
    page.write_bytes(markup)
    code, out, _ = run(
        capsysbinary, str(page), "--url", "https://a.example/x", "--format", "report"
    )
    assert code == 0
    assert status in out.split("Page filters")[1]


@pytest.mark.parametrize(
    ("output_format", "expected"),
    [
        ("text", "Plain text\n"),
        ("markdown", "# Whole page\n\n[nav](https://example.org/)\n"),
        ("readable", "# Main\n\nBody with <b>tags</b>\n"),
    ],
)
def test_text_formats_print_the_output_newline_terminated(output_format, expected):
    """text, markdown and readable print that output as it is, ending in one newline."""
    page = crawlextract.extract(PAGE, options=fixed_options())
    assert _cli_page.render(page, output_format) == expected


def test_html_format_writes_the_report_file(capsysbinary, tmp_path, page_file):
    """--format html -o OUT writes the self-contained report and prints nothing."""
    out_path = tmp_path / "report.html"
    status, out, _ = run(capsysbinary, str(page_file), "--format", "html", "-o", str(out_path))
    assert status == 0
    assert out == ""
    report = out_path.read_text(encoding="utf-8")
    assert report.startswith("<!DOCTYPE html>")
    assert 'id="filters"' in report


def test_output_is_utf8_whatever_the_locale(page_file):
    """Under the C locale the command still writes UTF-8, not an encoding error."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "LANG"))}
    env.update(LC_ALL="C", PYTHONUTF8="0", PYTHONIOENCODING="ascii")
    completed = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "crawlextract", str(page_file), "--format", "report"],
        capture_output=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert "Title        Crème brûlée" in completed.stdout.decode("utf-8")


def test_unwritable_output_is_one_line(capsysbinary, tmp_path, page_file):
    """-o into a missing directory is an error line, not a traceback."""
    status, _, err = run(capsysbinary, str(page_file), "-o", str(tmp_path / "no" / "such.json"))
    assert status == 2
    assert err.splitlines()[-1].startswith("crawlextract: error: cannot write")
    assert "Traceback" not in err


def test_library_warnings_are_one_line_each(capsysbinary):
    """A failing extractor's logged traceback is shown as a single warning line."""

    class Broken:
        name = "broken"
        output = "markdown"

        def extract(self, document):  # noqa: ARG002 - the protocol's signature
            """Fail like a buggy backend."""
            raise RuntimeError("boom")

    with _cli_page.cli_logging():
        page = crawlextract.extract(PAGE, options=crawlextract.Options(markdown=Broken()))
        assert page.markdown == ""
    err = capsysbinary.readouterr().err.decode()
    assert err == "crawlextract: warning: markdown extractor 'broken' failed\n"


def test_read_headers_rejects_non_pairs(tmp_path):
    """JSON headers must be an object or [name, value] pairs."""
    path = tmp_path / "h.json"
    path.write_text("[1, 2]")
    with pytest.raises(_cli_page.UsageError, match="not valid JSON headers"):
        _cli_page.read_headers(str(path))


def test_module_entry_point_runs(page_file):
    """Python -m crawlextract FILE works like the installed command."""
    completed = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "crawlextract", str(page_file)],
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["metadata"]["title"] == "Crème brûlée"
