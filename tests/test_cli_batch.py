import gzip
import json

from crawlextract._cli import main as cli
from crawlextract._cli_batch import PAGE_SUFFIXES, expand_paths


def _tree(tmp_path):
    (tmp_path / "site" / "deep").mkdir(parents=True)
    (tmp_path / "site" / "a.html").write_text("<title>A</title><p>a</p>")
    (tmp_path / "site" / "deep" / "b.html.gz").write_bytes(gzip.compress(b"<title>B</title>"))
    (tmp_path / "site" / "deep" / "broken.html.gz").write_bytes(b"not gzip")
    (tmp_path / "site" / "notes.txt").write_text("skip me")
    (tmp_path / "other.htm").write_text("<title>C</title>")
    return tmp_path


def test_expand_paths_folders_globs_and_files(tmp_path):
    """Folders are searched recursively by suffix, globs expanded, repeats dropped."""
    root = _tree(tmp_path)
    files, unmatched = expand_paths(
        [
            str(root / "site"),
            str(root / "*.htm"),
            str(root / "site" / "a.html"),
            str(root / "nope*"),
        ],
        PAGE_SUFFIXES,
    )
    names = [f.removeprefix(str(root) + "/") for f in files]
    assert names == ["site/a.html", "site/deep/b.html.gz", "site/deep/broken.html.gz", "other.htm"]
    assert unmatched == [str(root / "nope*")]


def test_batch_writes_one_row_per_page_with_errors_as_rows(tmp_path, capsys):
    """Each page is a JSONL row in path order; an unreadable one is a row with error."""
    root = _tree(tmp_path)
    out = tmp_path / "out.jsonl"
    status = cli(["batch", str(root / "site"), str(root / "other.htm"), "-o", str(out),
                  "--workers", "2", "--timeout", "60"])  # fmt: skip
    assert status == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["path"].rsplit("/", 1)[1] for r in rows] == [
        "a.html",
        "b.html.gz",
        "broken.html.gz",
        "other.htm",
    ]
    assert [r["metadata"]["title"] if r["metadata"] else None for r in rows] == [
        "A",
        "B",
        None,
        "C",
    ]
    assert rows[2]["error_type"] == "BadGzipFile"
    assert rows[2]["markdown"] is None
    assert all(r["error"] is None for i, r in enumerate(rows) if i != 2)
    page_keys = {"url", "encoding", "metadata", "filters", "boilerpipe_text", "markdown",
                 "readable_markdown", "warnings"}  # fmt: skip
    assert set(rows[0]) == {"path", "error", "error_type"} | page_keys
    err = capsys.readouterr().err
    assert "4 pages, 1 errors" in err
    assert "\r" not in err  # no progress bar when stderr is not a terminal


def test_batch_to_stdout_in_process(tmp_path, capsys):
    """'-o -' writes the rows to standard output; one worker runs in-process."""
    root = _tree(tmp_path)
    assert cli(["batch", str(root / "other.htm"), "-o", "-", "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out)["metadata"]["title"] == "C"


def test_batch_nothing_matches(tmp_path, capsys):
    """No input files at all is a usage error (status 2) that says which pattern."""
    assert cli(["batch", str(tmp_path / "missing*.html"), "-o", str(tmp_path / "o.jsonl")]) == 2
    assert "nothing matches" in capsys.readouterr().err
