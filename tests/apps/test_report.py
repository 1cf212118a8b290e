import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import crawlextract
from crawlextract._apps.report import render_report
from fixed_extractor import Fixed

SECTIONS = {
    "details": "Page details",
    "filters": "Page filters",
    "boilerpipe": "Boilerpipe text",
    "markdown": "Markdown",
    "readable": "Readable markdown",
}
PAGE = (
    b"<html><head><title>Report &lt;test&gt;</title>"
    b"<meta name='description' content='<script>alert(1)</script>'>"
    b"<link rel='canonical' href='https://example.org/other'></head>"
    b"<body><h1>Report test</h1><p>Body text.</p></body></html>"
)
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def report_page():
    """A page with a hostile description and fixed outputs (one of them with markup)."""
    options = crawlextract.Options(
        boilerpipe=Fixed("boilerpipe", "Body text."),
        markdown=Fixed("markdown", "# Report test\n\n![i](https://example.org/i.png)"),
        readable=Fixed("readable", "<iframe src='https://example.org/'></iframe>"),
    )
    return crawlextract.extract(PAGE, "https://example.org/here", options=options)


def test_report_has_every_section_in_order():
    """Details, filters, then boilerpipe text, markdown and readable markdown, each with an id."""
    report = render_report(report_page())
    positions = [report.index(f'<section id="{section}">') for section in SECTIONS]
    assert positions == sorted(positions)
    for heading in SECTIONS.values():
        assert f"<h2>{heading}" in report


def test_report_is_self_contained_and_escaped():
    """No scripts, no external assets: page markup and URLs appear only as escaped text."""
    report = render_report(report_page())
    assert re.search(r"<(script|iframe|img|link|object|embed)\b", report) is None
    # Escaped page text has no '<', so every '<' opens one of our own tags.
    assert re.search(r"<[^>]*\b(src|href)\s*=", report) is None
    assert "url(" not in report
    assert "@import" not in report
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report
    assert "default-src &#x27;none&#x27;" not in report  # the CSP itself is real markup
    assert "default-src 'none'" in report


def test_report_flags_filters_that_block_indexing():
    """A canonical to another URL is shown as 'other URL' and highlighted."""
    report = render_report(report_page())
    assert '<td class="flag">other URL: https://example.org/other</td>' in report


def test_report_marks_empty_outputs():
    """An empty output says so instead of showing an empty box."""
    options = crawlextract.Options(
        boilerpipe=Fixed("boilerpipe", ""),
        markdown=Fixed("markdown", ""),
        readable=Fixed("readable", "  \n"),
    )
    report = render_report(crawlextract.extract(b"<title>x</title>", options=options))
    assert report.count('<p class="empty">(empty)</p>') == 3


def find_chromium():
    """Return the Chromium binary; skip without it, except in CI where it must exist."""
    path = shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    )
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is required in CI (.ci/run installs Debian's chromium)")
        pytest.skip("chromium is not installed")
    return path


def chromium(binary, tmp_path, *args):
    """Run headless Chromium on our own file, with the network-quiet flags."""
    profile = tmp_path / "profile"
    return subprocess.run(  # noqa: S603 - a fixed binary and our own arguments
        [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=180,
    )


def test_report_renders_in_headless_chromium(tmp_path):
    """Chromium loads the report and its DOM has every section heading; a screenshot is made."""
    binary = find_chromium()
    report = tmp_path / "report.html"
    report.write_text(render_report(report_page()), encoding="utf-8")
    dom = chromium(binary, tmp_path, "--dump-dom", report.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    for section, heading in SECTIONS.items():
        assert re.search(rf'<section id="{section}">\s*<h2>{heading}', dom.stdout), section
    assert "<iframe" not in dom.stdout

    screenshot = tmp_path / "report.png"
    shot = chromium(
        binary, tmp_path, f"--screenshot={screenshot}", "--window-size=1280,900", report.as_uri()
    )
    assert shot.returncode == 0, shot.stderr[-2000:]
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
