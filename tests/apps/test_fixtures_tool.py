import json
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

import crawlextract
from crawlextract._apps.cli import main as _cli
from crawlextract._apps.fixtures import (
    GOLDEN_FILES,
    FixtureError,
    add_fixture,
    check_fixture,
    find_fixtures,
    fixture_name,
    header_pairs,
    headers_json,
    load_fixture,
    render_goldens,
    update_fixture,
)

PROJECT_FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PAGE = (
    b"<html><head><title>Saved page</title><link rel=canonical href='/a'></head>"
    b"<body><nav><a href='/'>Home</a></nav><article><h1>Saved page</h1>"
    b"<p>First paragraph of the saved page, long enough to be kept as content.</p>"
    b"<p>Second paragraph.</p></article></body></html>"
)


@dataclass(frozen=True)
class Echo:
    """An extractor whose output is fixed text, so goldens do not depend on real extractors."""

    output: str
    text: str
    name: str = "echo"

    def extract(self, document):  # noqa: ARG002 - the protocol's signature
        """Return the fixed text."""
        return self.text


def echo_options(markdown="# Saved page\n\nFirst paragraph.\n\n\n"):
    """Options with fixed text outputs; markdown can be changed to simulate a regression."""
    return crawlextract.Options(
        boilerpipe=Echo("boilerpipe", "First paragraph.\r\nSecond paragraph."),
        markdown=Echo("markdown", markdown),
        readable=Echo("readable", ""),
    )


@pytest.fixture
def fixture_dir(tmp_path):
    """A fixtures directory with one saved page and its goldens."""
    add_fixture(
        tmp_path,
        "saved-page",
        PAGE,
        url="https://example.org/saved",
        headers=[("Content-Type", "text/html; charset=utf-8")],
        source="written for the test",
        licence="MIT",
        notes="a small article",
    )
    return tmp_path


def test_add_writes_the_documented_files(fixture_dir):
    """add_fixture writes page.html as given, page.json and one golden per output."""
    path = fixture_dir / "saved-page"
    assert sorted(p.name for p in path.iterdir()) == sorted(
        ["page.html", "page.json", *GOLDEN_FILES]
    )
    assert (path / "page.html").read_bytes() == PAGE
    info = json.loads((path / "page.json").read_text(encoding="utf-8"))
    assert info == {
        "url": "https://example.org/saved",
        "headers": {"Content-Type": "text/html; charset=utf-8"},
        "source": "written for the test",
        "licence": "MIT",
        "notes": "a small article",
    }
    metadata = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    assert metadata["metadata"]["canonical"] == "https://example.org/a"
    assert metadata["filters"] == {"canonical": "other", "noindex": False}


def test_golden_text_files_have_one_final_newline_and_lf():
    """Text goldens use LF line ends and end with exactly one newline; empty stays empty."""
    page = crawlextract.extract(PAGE, options=echo_options())
    goldens = render_goldens(page)
    assert goldens["boilerpipe.txt"] == "First paragraph.\nSecond paragraph.\n"
    assert goldens["markdown.md"] == "# Saved page\n\nFirst paragraph.\n"
    assert goldens["readable.md"] == ""
    assert goldens["metadata.json"].endswith("}\n")


def test_metadata_golden_lists_warnings_of_every_output():
    """metadata.json is written after the outputs, so a failing extractor shows in it."""

    class Broken:
        name = "broken"
        output = "readable"

        def extract(self, document):  # noqa: ARG002 - the protocol's signature
            """Fail like a buggy backend."""
            raise ValueError("boom")

    page = crawlextract.extract(PAGE, options=echo_options().replace(readable=Broken()))
    metadata = json.loads(render_goldens(page)["metadata.json"])
    assert metadata["warnings"] == ["readable: extractor 'broken' failed: ValueError('boom')"]


def test_check_passes_then_shows_a_diff_then_update_restores(tmp_path):
    """An unchanged fixture passes; a changed output gives a unified diff; update rewrites it."""
    add_fixture(tmp_path, "page", PAGE, url=None)
    path = tmp_path / "page"
    update_fixture(path, echo_options())
    assert not check_fixture(path, echo_options()).changed

    changed = check_fixture(path, echo_options(markdown="# Saved page\n\nChanged.\n"))
    assert list(changed.diffs) == ["markdown.md"]
    diff = changed.diffs["markdown.md"]
    assert diff.startswith("--- page/markdown.md (golden)\n+++ page/markdown.md (now)\n")
    assert "-First paragraph.\n" in diff
    assert "+Changed.\n" in diff

    update_fixture(path, echo_options(markdown="# Saved page\n\nChanged.\n"))
    assert (path / "markdown.md").read_text(encoding="utf-8") == "# Saved page\n\nChanged.\n"
    assert not check_fixture(path, echo_options(markdown="# Saved page\n\nChanged.\n")).changed


def test_missing_golden_is_a_change_labelled_missing(fixture_dir):
    """A deleted golden file shows as a diff from a missing file."""
    (fixture_dir / "saved-page" / "metadata.json").unlink()
    result = check_fixture(fixture_dir / "saved-page")
    assert list(result.diffs) == ["metadata.json"]
    assert "(missing)" in result.diffs["metadata.json"]


def test_golden_without_final_newline_is_marked_in_the_diff(tmp_path):
    """A hand-edited golden without a final newline diffs readably (diff(1)'s marker)."""
    add_fixture(tmp_path, "page", PAGE, url=None)
    path = tmp_path / "page"
    update_fixture(path, echo_options())
    (path / "markdown.md").write_text("# Saved page", encoding="utf-8")
    diff = check_fixture(path, echo_options()).diffs["markdown.md"]
    assert "-# Saved page\n\\ No newline at end of file\n" in diff


def test_fixture_preset_is_used(tmp_path):
    """A fixture saved with a preset is checked with that preset, unless options are given."""
    add_fixture(tmp_path, "page", PAGE, url=None, preset="fast")
    fixture = load_fixture(tmp_path / "page")
    assert fixture.preset == "fast"
    assert json.loads((tmp_path / "page" / "page.json").read_text())["preset"] == "fast"


def test_goldens_are_identical_across_threads():
    """Rendering one saved page in several threads gives byte-identical goldens."""
    fixture = load_fixture(PROJECT_FIXTURES / "made-docs-code-blocks")
    results = []

    def work():
        results.append(render_goldens(crawlextract.extract(fixture.html, fixture.url)))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4
    assert all(result == results[0] for result in results)


def test_project_fixtures_are_many_and_documented():
    """The project keeps at least 20 fixtures, each with a URL, a source and a licence."""
    paths = find_fixtures(PROJECT_FIXTURES)
    assert len(paths) >= 20
    for path in paths:
        fixture = load_fixture(path)
        assert fixture.url.startswith(("https://", "http://")), fixture.url
        assert fixture.info["source"].strip(), path
        licence = fixture.info["licence"]
        assert licence.strip(), path
        if "see " in licence:  # a licence file named beside the fixtures must be there
            assert (path / licence.split("see ", 1)[1].strip()).is_file(), licence
        assert all((path / name).is_file() for name in GOLDEN_FILES)
    assert (PROJECT_FIXTURES / "LICENSE-aeb").is_file()


def test_project_fixtures_include_non_utf8_pages():
    """At least one project fixture is windows-1251 and one gets its charset from HTTP only."""
    encodings = {
        path.name: json.loads((path / "metadata.json").read_text(encoding="utf-8"))["encoding"]
        for path in find_fixtures(PROJECT_FIXTURES)
    }
    assert encodings["made-windows-1251-meta"] == "windows-1251"
    assert encodings["made-shift-jis-http-charset"] == "shift_jis"


@pytest.mark.parametrize(
    ("page_json", "message"),
    [
        ("not json", "not valid JSON"),
        ("[]", "must hold a JSON object"),
        ('{"url": 3}', "'url' must be a string"),
        ('{"headers": "x"}', "'headers'"),
        ('{"headers": [["a"]]}', r"not a \[name, value\] pair"),
    ],
)
def test_malformed_page_json_is_a_fixture_error(tmp_path, page_json, message):
    """A broken page.json raises FixtureError naming the file and the problem."""
    path = tmp_path / "bad"
    path.mkdir()
    (path / "page.html").write_bytes(PAGE)
    (path / "page.json").write_text(page_json)
    with pytest.raises(FixtureError, match=message):
        load_fixture(path)


def test_missing_page_json_is_a_fixture_error(tmp_path):
    """A fixture without page.json raises FixtureError, not OSError."""
    (tmp_path / "bare").mkdir()
    (tmp_path / "bare" / "page.html").write_bytes(PAGE)
    with pytest.raises(FixtureError, match="No such file"):
        load_fixture(tmp_path / "bare")


def test_repeated_header_names_are_kept_as_pairs():
    """Headers with a repeated name are stored as pairs and read back unchanged."""
    pairs = (("Link", "<a>; rel=x"), ("link", "<b>; rel=canonical"))
    stored = headers_json(pairs)
    assert stored == [["Link", "<a>; rel=x"], ["link", "<b>; rel=canonical"]]
    assert header_pairs(stored) == pairs
    assert header_pairs({"A": "1"}) == (("A", "1"),)


@pytest.mark.parametrize(
    ("text", "name"),
    [("My Page.html", "my-page.html"), ("--", "page"), ("Ünïcode/Päth", "n-code-p-th")],
)
def test_fixture_name_is_safe(text, name):
    """fixture_name keeps only lowercase letters, digits, '.', '_' and '-'."""
    assert fixture_name(text) == name


def test_add_refuses_bad_name_and_existing_fixture(fixture_dir):
    """add_fixture rejects an unsafe name and will not overwrite without overwrite=True."""
    with pytest.raises(FixtureError, match="not a valid fixture name"):
        add_fixture(fixture_dir, "../escape", PAGE, url=None)
    with pytest.raises(FixtureError, match="already exists"):
        add_fixture(fixture_dir, "saved-page", PAGE, url=None)
    add_fixture(fixture_dir, "saved-page", b"<title>new</title>", url=None, overwrite=True)
    assert (fixture_dir / "saved-page" / "page.html").read_bytes() == b"<title>new</title>"


def test_find_fixtures_needs_a_directory(tmp_path):
    """find_fixtures on a missing directory raises FixtureError."""
    with pytest.raises(FixtureError, match="not a directory"):
        find_fixtures(tmp_path / "missing")


# The command line


def run(capsysbinary, *argv):
    """Run the command in-process; return (status, stdout, stderr) as text."""
    status = _cli.main(list(argv))
    captured = capsysbinary.readouterr()
    return status, captured.out.decode("utf-8"), captured.err.decode("utf-8")


def test_cli_add_then_check_then_detect_then_update(capsysbinary, tmp_path):
    """The documented loop: add, check passes, an edited golden fails with a diff, --update."""
    page = tmp_path / "article.html"
    page.write_bytes(PAGE)
    headers = tmp_path / "headers.txt"
    headers.write_text("Content-Type: text/html; charset=utf-8\n")
    store = tmp_path / "fixtures"
    status, out, _ = run(
        capsysbinary,
        "fixtures",
        "add",
        str(page),
        "--url",
        "https://example.org/article",
        "--headers",
        str(headers),
        "--to",
        str(store),
    )
    assert status == 0
    assert out == f"added {store / 'article'}\n"

    status, out, _ = run(capsysbinary, "fixtures", "check", str(store))
    assert (status, out) == (0, "1 fixture checked, 0 changed\n")

    golden = store / "article" / "metadata.json"
    golden.write_text(golden.read_text().replace("Saved page", "Edited page"))
    status, out, _ = run(capsysbinary, "fixtures", "check", str(store))
    assert status == 1
    assert "--- article/metadata.json (golden)" in out
    assert '-    "title": "Edited page",' in out
    assert '+    "title": "Saved page",' in out
    assert out.endswith("1 fixture checked, 1 changed\n")

    status, out, _ = run(capsysbinary, "fixtures", "check", str(store), "--update")
    assert (status, out) == (0, "updated article: metadata.json\n1 fixture checked, 1 updated\n")
    status, _, _ = run(capsysbinary, "fixtures", "check", str(store))
    assert status == 0


def test_cli_add_names_a_stdin_page_from_its_url(capsysbinary, monkeypatch, tmp_path):
    """Without --name, a page read from stdin is named after its URL."""

    class Stdin:
        buffer = __import__("io").BytesIO(PAGE)

    monkeypatch.setattr("sys.stdin", Stdin)
    status, _, _ = run(
        capsysbinary,
        "fixtures",
        "add",
        "-",
        "--url",
        "https://www.example.org/news/big-story/",
        "--to",
        str(tmp_path),
    )
    assert status == 0
    assert (tmp_path / "www.example.org-big-story" / "page.html").read_bytes() == PAGE


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (["fixtures", "check", "{missing}"], 2, "no such directory"),
        (["fixtures", "check", "{empty}"], 2, "no fixtures"),
        (["fixtures", "add", "{page}", "--to", "{empty}"], 2, "--url"),
        (["fixtures", "add", "{page}", "--url", "u", "--to", "{root}", "--name", "Bad!"], 1, ""),
        (["fixtures", "frobnicate"], 2, "invalid choice"),
    ],
)
def test_cli_errors_are_one_line(capsysbinary, tmp_path, argv, status, message):
    """Fixture command mistakes are one error line and a non-zero status."""
    (tmp_path / "empty").mkdir()
    page = tmp_path / "p.html"
    page.write_bytes(PAGE)
    names = {"missing": tmp_path / "missing", "empty": tmp_path / "empty", "page": page}
    names["root"] = tmp_path
    code, out, err = run(capsysbinary, *(arg.format(**names) for arg in argv))
    assert code == status
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("crawlextract: error: ")
    assert message in err


def test_cli_check_reports_a_broken_fixture_and_goes_on(capsysbinary, fixture_dir):
    """A fixture with a broken page.json is reported; the others are still checked; exit 1."""
    broken = fixture_dir / "another"
    broken.mkdir()
    (broken / "page.html").write_bytes(PAGE)
    (broken / "page.json").write_text("{")
    status, out, err = run(capsysbinary, "fixtures", "check", str(fixture_dir))
    assert status == 1
    assert "another" in err
    assert "not valid JSON" in err
    assert out == "2 fixtures checked, 0 changed, 1 failed\n"
