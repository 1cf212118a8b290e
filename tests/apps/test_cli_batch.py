import csv
import gzip
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from crawlextract._apps.cli.batch import EXIT_BROKEN_PIPE, PAGE_SUFFIXES, expand_paths
from crawlextract._apps.cli.main import main as cli

SRC = str(Path(__file__).resolve().parents[2] / "src")
#: A page with a relative link and a relative canonical: what a URL changes.
LINKED = (
    '<html><head><title>{title}</title><link rel="canonical" href="/a"></head>'
    '<body><p>Read <a href="next.html">next</a>.</p></body></html>'
)


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
    assert "4 of 4 pages written, 1 errors (0 timed out) -> " in err
    assert "\r" not in err  # no progress bar when stderr is not a terminal
    assert not (tmp_path / "out.jsonl.partial").exists()


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


def _lines(err):
    return [line for line in err.splitlines() if line.strip()]


@pytest.mark.parametrize(
    "arguments",
    [["--bogus"], ["PAGES", "-o", "OUT", "--bogus"], ["PAGES", "-o", "OUT", "--workers", "0"],
     ["PAGES", "-o", "OUT", "--timeout", "-1"], ["-o", "OUT"]],
    ids=["bogus-alone", "bogus", "workers-0", "negative-timeout", "no-pages"],
)  # fmt: skip
def test_bad_options_are_one_line_and_status_2(tmp_path, capsys, arguments):
    """A bad option is one error line and exit status 2, and nothing is written."""
    root = _tree(tmp_path)
    out = tmp_path / "out.jsonl"
    replace = {"PAGES": str(root / "other.htm"), "OUT": str(out)}
    status = cli(["batch", *(replace.get(argument, argument) for argument in arguments)])
    assert status == 2
    lines = _lines(capsys.readouterr().err)
    assert len(lines) == 1
    assert lines[0].startswith("crawlextract: error: ")
    assert list(tmp_path.glob("out.jsonl*")) == []


@pytest.mark.parametrize(
    ("where", "reason"),
    [("missing/x.jsonl", "No such file or directory"), ("site", "Is a directory")],
)
def test_unwritable_output_is_one_line_and_status_2(tmp_path, capsys, where, reason):
    """An output in a missing folder, or a folder, is one line naming it, status 2, and no work."""
    root = _tree(tmp_path)
    out = tmp_path / where
    assert cli(["batch", str(root / "other.htm"), "-o", str(out)]) == 2
    lines = _lines(capsys.readouterr().err)
    assert lines == [f"crawlextract: error: cannot write {out}: {reason}"]
    assert not Path(f"{out}.partial").exists()


def _many_pages(folder, count):
    folder.mkdir()
    text = " ".join(f"word{i}" for i in range(800))
    for i in range(count):
        (folder / f"p{i:03}.html").write_text(f"<title>P{i}</title><p>{text}</p>")
    return folder


def test_closed_pipe_ends_quietly(tmp_path):
    """'-o - | head' ends without a traceback, with the status of a closed pipe."""
    pages = _many_pages(tmp_path / "pages", 60)
    command = [sys.executable, "-m", "crawlextract", "batch", str(pages), "-o", "-",
               "--workers", "2"]  # fmt: skip
    with subprocess.Popen(  # noqa: S603 - our own interpreter and module
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": SRC},
    ) as process:
        process.stdout.read(100)  # like head -c 100
        process.stdout.close()
        err = process.stderr.read().decode()
        status = process.wait(timeout=120)
    assert status == EXIT_BROKEN_PIPE
    assert "Traceback" not in err
    assert "stopped: standard output was closed" in err
    assert len(_lines(err)) == 1


def _rows(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_manifest_fills_url_and_headers(tmp_path, capsys):
    """A JSONL or CSV manifest gives each page its URL (links, canonical) and headers."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.html").write_text(LINKED.format(title="A"))
    (pages / "b.html").write_bytes("<title>Привет</title><p>мир</p>".encode("cp1251"))
    (pages / "c.html").write_text("<title>C</title><p>c</p>")
    (pages / "c.hdr").write_text(
        'HTTP/1.1 200 OK\nLink: <https://example.org/else>; rel="canonical"\n'
    )
    cp1251 = {"Content-Type": "text/html; charset=windows-1251"}
    (tmp_path / "m.jsonl").write_text(
        json.dumps({"path": "pages/a.html", "url": "https://example.org/a"}) + "\n"
        + json.dumps({"path": "pages/b.html", "url": "https://example.org/b", "headers": cp1251})
        + "\n" + json.dumps({"path": "pages/c.html", "url": "https://example.org/c",
                              "headers": "pages/c.hdr"}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    with (tmp_path / "m.csv").open("w", encoding="utf-8", newline="") as manifest:
        csv.writer(manifest).writerows(
            [
                ["path", "url", "headers"],
                ["pages/a.html", "https://example.org/a", ""],
                ["pages/b.html", "https://example.org/b", json.dumps(cp1251)],  # quoted by csv
                ["pages/c.html", "https://example.org/c", "pages/c.hdr"],
            ]
        )
    for manifest in ("m.jsonl", "m.csv"):
        out = tmp_path / f"{manifest}.out.jsonl"
        status = cli(["batch", "--manifest", str(tmp_path / manifest), "-o", str(out),
                      "--workers", "1"])  # fmt: skip
        assert status == 0, capsys.readouterr().err
        a, b, c = _rows(out)
        assert a["url"] == "https://example.org/a"
        assert a["markdown"] == "Read [next](https://example.org/next.html)."
        assert a["metadata"]["canonical"] == "https://example.org/a"
        assert a["filters"]["canonical"] == "self"
        assert b["metadata"]["title"] == "Привет"
        assert b["encoding"] == "windows-1251"
        assert c["filters"]["canonical"] == "other"
        assert c["metadata"]["canonical"] == "https://example.org/else"


def test_manifest_pages_first_then_other_pages_once(tmp_path):
    """Pages named on the command line too are taken once, with the manifest's URL."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.html").write_text(LINKED.format(title="A"))
    (pages / "b.html").write_text(LINKED.format(title="B"))
    (pages / "m.jsonl").write_text(json.dumps({"path": "b.html", "url": "https://example.org/b"}))
    out = tmp_path / "out.jsonl"
    status = cli(["batch", "--manifest", str(pages / "m.jsonl"), str(pages), "-o", str(out),
                  "--workers", "1"])  # fmt: skip
    assert status == 0
    rows = _rows(out)
    assert [(Path(row["path"]).name, row["url"]) for row in rows] == [
        ("b.html", "https://example.org/b"),
        ("a.html", None),
    ]


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("m.csv", "file,url\na.html,https://e.org/\n",
         "m.csv: the CSV header row must name a 'path' column"),
        ("m.csv", "path,url,referer\na.html,https://e.org/,x\n",
         "m.csv: unknown columns ['referer']; use ['path', 'url', 'headers']"),
        ("m.csv", 'path,headers\na.html,"{""a"": 1}"\n',
         "m.csv:2: 'headers': not a [name, value] pair of strings: ('a', 1)"),
        ("m.jsonl", '{"path": "a.html"}\nnot json\n', "m.jsonl:2: not valid JSON: "),
        ("m.jsonl", '["a.html"]\n', "m.jsonl:1: each line must be a JSON object"),
        ("m.jsonl", '{"url": "https://e.org/"}\n', "m.jsonl:1: no 'path'"),
        ("m.jsonl", '{"path": "a.html", "url": 7}\n', "m.jsonl:1: 'url' must be a string"),
        ("m.jsonl", '{"path": "a.html", "headers": "gone.headers"}\n',
         "m.jsonl:1: cannot read {dir}/gone.headers: No such file or directory"),
        ("m.jsonl", '{"path": "a.html", "headers": [1]}\n',
         "m.jsonl:1: 'headers': not a [name, value] pair of strings: 1"),
        ("m.jsonl", None, "cannot read manifest {dir}/m.jsonl: "),
    ],
    ids=["no-path-column", "unknown-column", "csv-bad-headers", "bad-json", "not-an-object",
         "no-path", "url-not-a-string", "headers-file-missing", "bad-header-pair", "no-manifest"],
)  # fmt: skip
def test_bad_manifest_is_one_line_and_status_2(tmp_path, capsys, name, text, message):
    """A manifest that cannot be read or has a bad row is refused before any work, in one line."""
    if text is not None:
        (tmp_path / name).write_text(text, encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert cli(["batch", "--manifest", str(tmp_path / name), "-o", str(out)]) == 2
    lines = _lines(capsys.readouterr().err)
    assert len(lines) == 1
    assert lines[0].startswith("crawlextract: error: ")
    assert message.format(dir=tmp_path) in lines[0]
    assert not out.exists()
    assert not Path(f"{out}.partial").exists()


def test_sidecar_url_headers_and_fixture_layout(tmp_path, capsys):
    """NAME.url and NAME.headers beside a page, or a fixture's page.json, give its URL."""
    pages = tmp_path / "pages"
    (pages / "fixture").mkdir(parents=True)
    (pages / "a.html").write_text(LINKED.format(title="A"))
    (pages / "a.url").write_text("https://example.org/a\n")
    (pages / "b.html.gz").write_bytes(gzip.compress("<title>Привет</title>".encode("cp1251")))
    (pages / "b.url").write_text("https://example.org/b")
    (pages / "b.headers").write_text(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1251\r\n\r\n"
    )
    (pages / "fixture" / "page.html").write_text(LINKED.format(title="F"))
    info = {"url": "https://example.org/a", "headers": {}}
    (pages / "fixture" / "page.json").write_text(json.dumps(info))
    (pages / "bad.html").write_text("<title>bad</title>")
    (pages / "bad.headers").write_text("not a header line\n")
    (pages / "plain.html").write_text(LINKED.format(title="plain"))
    out = tmp_path / "out.jsonl"
    assert cli(["batch", str(pages), "-o", str(out), "--workers", "1"]) == 0
    rows = {Path(row["path"]).parent.name + "/" + Path(row["path"]).name: row for row in _rows(out)}
    assert rows["pages/a.html"]["markdown"] == "Read [next](https://example.org/next.html)."
    assert rows["pages/a.html"]["filters"]["canonical"] == "self"
    assert rows["pages/b.html.gz"]["metadata"]["title"] == "Привет"
    assert rows["pages/b.html.gz"]["url"] == "https://example.org/b"
    assert rows["fixture/page.html"]["filters"]["canonical"] == "self"
    assert rows["pages/bad.html"]["error_type"] == "SourceError"
    assert "not a 'Name: value' header line" in rows["pages/bad.html"]["error"]
    assert rows["pages/plain.html"]["url"] is None
    assert rows["pages/plain.html"]["markdown"] == "Read [next](next.html)."
    assert "1 errors" in capsys.readouterr().err


def test_bad_fixture_info_is_the_page_error_row(tmp_path, capsys):
    """A fixture's page.json that is no JSON object, or has a bad URL, is that page's error row."""
    infos = {"list": "[1]", "url": '{"url": 7}', "json": "{not json"}
    for name, info in infos.items():
        (tmp_path / "pages" / name).mkdir(parents=True)
        (tmp_path / "pages" / name / "page.html").write_text("<title>x</title>")
        (tmp_path / "pages" / name / "page.json").write_text(info)
    out = tmp_path / "out.jsonl"
    assert cli(["batch", str(tmp_path / "pages"), "-o", str(out), "--workers", "1"]) == 0
    rows = {Path(row["path"]).parent.name: row for row in _rows(out)}
    assert {name: row["error_type"] for name, row in rows.items()} == dict.fromkeys(
        infos, "SourceError"
    )
    assert rows["list"]["error"].endswith("page.json: must hold a JSON object")
    assert rows["url"]["error"].endswith("page.json: 'url' must be a string or null")
    assert rows["json"]["error"].startswith("SourceError: Expecting property name")
    assert all(row["metadata"] is None and row["markdown"] is None for row in rows.values())
    assert "3 errors" in capsys.readouterr().err


def test_success_replaces_the_output_and_leaves_no_partial(tmp_path, capsys):
    """A finished run renames OUT.partial over an older OUT."""
    root = _tree(tmp_path)
    out = tmp_path / "out.jsonl"
    out.write_text("stale\n")
    assert cli(["batch", str(root / "other.htm"), "-o", str(out), "--workers", "1"]) == 0
    assert _rows(out)[0]["metadata"]["title"] == "C"
    assert not (tmp_path / "out.jsonl.partial").exists()
    assert "1 of 1 pages written" in capsys.readouterr().err


def test_progress_lines_when_stderr_is_not_a_terminal(tmp_path, capsys):
    """With stderr not a terminal, progress comes as lines: pages, total, rate, errors."""
    pages = _many_pages(tmp_path / "pages", 5)
    out = tmp_path / "out.jsonl"
    assert cli(["batch", str(pages), "-o", str(out), "--workers", "1",
                "--progress-every", "0.000001"]) == 0  # fmt: skip
    lines = _lines(capsys.readouterr().err)
    assert any(line.startswith("crawlextract batch: ") and "/5 pages (" in line
               and "errors" in line and "pages/s" in line for line in lines)  # fmt: skip
    assert lines[-1].startswith("crawlextract batch: 5 of 5 pages written")


#: Runs the batch command with a markdown extractor that hangs on pages saying
#: SLEEP (after noting its pid), so a test can stop the command mid-batch.
_SLOW_BATCH = """
import os, sys, time
from pathlib import Path
import crawlextract
import crawlextract._apps.cli.batch as cli_batch
from crawlextract._apps.cli.main import main

class Sleepy:
    name = "sleepy"
    output = "markdown"

    def extract(self, document):
        if "SLEEP" in document.html:
            Path(sys.argv[1], f"busy-{os.getpid()}").touch()
            time.sleep(600)
        return ""

if __name__ == "__main__":
    real = cli_batch.extract_many
    def with_sleepy(pages, **kwargs):
        return real(pages, **{**kwargs, "options": crawlextract.Options(markdown=Sleepy())})
    cli_batch.extract_many = with_sleepy
    sys.exit(main(["batch", *sys.argv[2:]]))
"""


def _pid_gone(pid):
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"  # a zombie waiting for its reaper


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize(
    "signum", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL], ids=["SIGTERM", "SIGINT", "SIGKILL"]
)
def test_killed_batch_leaves_no_workers_and_no_complete_output(tmp_path, signum):
    """SIGTERM, SIGINT or SIGKILL mid-batch: no worker survives and OUT never appears.

    SIGTERM is handled like Ctrl-C (SIGINT): the rows so far stay in
    OUT.partial, a summary is printed and the status is 128 + the signal.
    """
    pages = tmp_path / "pages"
    pages.mkdir()
    for name, title in (("a", "A"), ("b", "B"), ("c", "SLEEP"), ("d", "D")):
        (pages / f"{name}.html").write_text(f"<title>{title}</title>")
    busy = tmp_path / "busy"
    busy.mkdir()
    script = tmp_path / "slow_batch.py"
    script.write_text(textwrap.dedent(_SLOW_BATCH), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("an older run's rows\n")  # must not survive as if it were this run's
    command = [sys.executable, str(script), str(busy), str(pages), "-o", str(out),
               "--workers", "1", "--timeout", "600"]  # fmt: skip
    with subprocess.Popen(  # noqa: S603 - our own interpreter on our own script
        command, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": SRC}
    ) as process:
        deadline = time.monotonic() + 120
        while not list(busy.iterdir()) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        workers = [int(path.name.split("-")[1]) for path in busy.iterdir()]
        process.send_signal(signum)
        err = process.stderr.read()
        status = process.wait(timeout=60)
    assert workers, err
    deadline = time.monotonic() + 60  # generous: they go within about a second
    while not all(_pid_gone(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [pid for pid in workers if not _pid_gone(pid)] == []
    assert not out.exists()
    partial = tmp_path / "out.jsonl.partial"
    if signum != signal.SIGKILL:
        assert status == 128 + signum
        assert "Traceback" not in err
        assert "2 of 4 pages written" in err
        assert f"stopped by {signal.Signals(signum).name}" in err
        assert f"the rows so far are in {partial}" in err
        assert [row["metadata"]["title"] for row in _rows(partial)] == ["A", "B"]
    else:
        assert status == -signal.SIGKILL
