import gzip
import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from crawlextract._apps.cli import warc as cli_warc
from crawlextract._apps.cli.main import main as cli
from crawlextract._apps.columnar import WARC_COLUMNS
from crawlextract._apps.warc.jobs import FileDone, warc_rows
from warc_helpers import damage_warc, write_warc

SRC = Path(__file__).resolve().parents[2] / "src"


def test_warc_to_parquet_and_jsonl_give_the_same_rows(tmp_path, capsys):
    """Parquet and JSONL outputs hold the same rows, with the documented columns."""
    archive = tmp_path / "in.warc.gz"
    pages = write_warc(archive, aeb_pages=1)
    parquet, jsonl = tmp_path / "out.parquet", tmp_path / "out.jsonl"
    assert cli(["warc", str(archive), "-o", str(parquet), "--workers", "2"]) == 0
    assert cli(["warc", str(tmp_path), "-o", str(jsonl), "--workers", "1"]) == 0
    table = pq.read_table(parquet)
    assert table.schema.names == [column.name for column in WARC_COLUMNS]
    from_parquet = table.to_pylist()
    from_jsonl = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert len(from_parquet) == len(from_jsonl) == pages
    for a, b in zip(from_parquet, from_jsonl, strict=True):
        assert a["fetched_at"].isoformat() == b["fetched_at"]
        assert {k: v for k, v in a.items() if k != "fetched_at"} == {
            k: v for k, v in b.items() if k != "fetched_at"
        }
    expected, _ = warc_rows(str(archive))
    assert [row["title"] for row in from_parquet] == [row["title"] for row in expected]
    err = capsys.readouterr().err
    assert "skipped 7 non-response and 1 non-HTML records" in err


def test_scheduler_needs_the_dask_engine(tmp_path, capsys):
    """--scheduler without --engine dask is a usage error."""
    archive = tmp_path / "in.warc"
    write_warc(archive)
    out = str(tmp_path / "o.jsonl")
    assert cli(["warc", str(archive), "-o", out, "--scheduler", "tcp://x:1"]) == 2
    err = capsys.readouterr().err
    assert "--engine dask" in err
    assert len(err.splitlines()) == 1


def test_unknown_output_format(tmp_path, capsys):
    """An output name that is neither .parquet nor .jsonl fails with status 2."""
    archive = tmp_path / "in.warc"
    write_warc(archive)
    assert cli(["warc", str(archive), "-o", str(tmp_path / "o.csv")]) == 2
    assert "output format" in capsys.readouterr().err


def _rows(path):
    """The rows of an output file (Parquet or JSONL), or of a folder of parts."""
    path = Path(path)
    if path.is_dir():
        parts = sorted(path.glob("part-*"))
        return [row for part in parts for row in _rows(part)]
    if path.suffix == ".parquet":
        return pq.read_table(path).to_pylist()
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def three_archives(tmp_path):
    """Three small archives; the middle one has a corrupt member and a cut last member."""
    paths = [tmp_path / f"{name}.warc.gz" for name in ("a", "b", "c")]
    for path in paths:
        write_warc(path, aeb_pages=1)
    damage_warc(paths[1])
    return [str(path) for path in paths]


def test_a_damaged_file_gives_entries_and_exit_1_the_others_are_complete(
    three_archives, tmp_path, capsys
):
    """Two good files' rows are all there, the bad one gets ArchiveError rows, and exit is 1."""
    out = tmp_path / "out.parquet"
    assert cli(["warc", *three_archives, "-o", str(out), "--workers", "2"]) == 1
    rows = _rows(out)
    for good in (three_archives[0], three_archives[2]):
        expected, _ = warc_rows(good)
        assert [row for row in rows if row["warc_file"] == good] == expected
    bad = [row for row in rows if row["warc_file"] == three_archives[1]]
    errors = [row["error"] for row in bad if row["error_type"] == "ArchiveError"]
    assert len(errors) == 2
    assert "unreadable record at offset" in errors[0]
    assert "ends inside" in errors[1]
    err = capsys.readouterr().err
    assert "2 archive errors" in err
    assert "Traceback" not in err
    assert not Path(f"{out}.partial").exists()


def _interrupt_after_first_file(monkeypatch):
    """Make the next run stop (Ctrl-C) once its first file is done and a row of the next is in."""
    real = cli_warc.iter_warc_events

    def interrupted(*args, **kwargs):
        seen_done = False
        for event in real(*args, **kwargs):
            if seen_done and not isinstance(event, FileDone):
                raise KeyboardInterrupt
            seen_done = seen_done or isinstance(event, FileDone)
            yield event

    monkeypatch.setattr(cli_warc, "iter_warc_events", interrupted)


@pytest.mark.parametrize("name", ["out.parquet", "out.jsonl", "parts.parquet/"])
def test_resume_after_an_interrupt_gives_the_rows_of_an_uninterrupted_run(
    three_archives, tmp_path, monkeypatch, capsys, name
):
    """Ctrl-C leaves OUT absent and OUT.partial/ with one finished part; --resume completes it."""
    whole = tmp_path / f"whole-{name}"
    cli(["warc", *three_archives, "-o", str(whole), "--workers", "1"])
    out = str(tmp_path / name)
    target = Path(out.rstrip("/"))
    partial = Path(f"{target}.partial")
    if whole.is_dir():  # an older complete output in the way
        shutil.copytree(whole, target)
    else:
        shutil.copy(whole, target)
    with monkeypatch.context() as patch:
        _interrupt_after_first_file(patch)
        assert cli(["warc", *three_archives, "-o", out, "--workers", "2"]) == 130
    assert not target.exists()  # an older output is gone: it is not this run's
    manifest = json.loads((partial / "_manifest.json").read_text(encoding="utf-8"))
    assert list(manifest["done"]) == ["0"]
    assert manifest["done"]["0"]["path"] == three_archives[0]
    suffix = target.suffix
    assert sorted(p.name for p in partial.iterdir()) == ["_manifest.json", f"part-00000{suffix}"]
    err = capsys.readouterr().err
    assert "interrupted by SIGINT" in err
    assert "--resume" in err
    # Without --resume the interrupted run is not thrown away.
    assert cli(["warc", *three_archives, "-o", out]) == 2
    assert "--resume" in capsys.readouterr().err
    assert cli(["warc", *three_archives, "-o", out, "--resume", "--workers", "2"]) == 1
    assert "(1 done before)" in capsys.readouterr().err
    assert _rows(target) == _rows(whole)
    assert not partial.exists()
    # A retried job whose run had finished has nothing to do.
    assert cli(["warc", *three_archives, "-o", out, "--resume"]) == 0
    assert "nothing to resume" in capsys.readouterr().err
    if target.is_dir():
        assert (target / "_SUCCESS").exists()
        assert sorted(p.name for p in target.glob("part-*")) == [
            f"part-0000{i}{suffix}" for i in range(3)
        ]


def test_resume_with_other_inputs_is_refused(three_archives, tmp_path, monkeypatch, capsys):
    """A resume must name the same inputs and preset as the run it finishes."""
    out = str(tmp_path / "out.jsonl")
    with monkeypatch.context() as patch:
        _interrupt_after_first_file(patch)
        cli(["warc", *three_archives, "-o", out, "--workers", "1"])
    capsys.readouterr()
    assert cli(["warc", *three_archives[:2], "-o", out, "--resume"]) == 2
    assert "other inputs or settings" in capsys.readouterr().err
    assert cli(["warc", *three_archives, "-o", out, "--resume", "--preset", "reference"]) == 2


def test_wet_and_wat_inputs_are_refused_in_one_line(tmp_path, capsys):
    """A WET file is refused before any work, with one line saying why, and exit 2."""
    wet = tmp_path / "CC-MAIN-x.warc.wet.gz"
    write_warc(wet)
    assert cli(["warc", str(wet), "-o", str(tmp_path / "o.jsonl")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "WET file" in err
    assert "not their HTML" in err


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--bogus"], "unrecognized arguments"),
        (["--workers", "0"], "--workers"),
        (["--timeout", "-1"], "--timeout"),
        (["--resume", "-o", "-"], "--resume"),
        (["-o", "/nonexistent/dir/out.parquet"], "cannot write"),
        (["-o", "out.csv"], "output format"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(tmp_path, capsys, arguments, message):
    """Bad options and unwritable outputs give one line on stderr and exit 2, no traceback."""
    archive = tmp_path / "in.warc"
    write_warc(archive)
    argv = ["warc", str(archive), *arguments]
    if "-o" not in arguments:
        argv += ["-o", str(tmp_path / "o.jsonl")]
    assert cli(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert message in err


def test_nothing_matches_is_one_line(tmp_path, capsys):
    """An input pattern that matches nothing is refused with exit 2."""
    assert cli(["warc", str(tmp_path / "none-*.warc.gz"), "-o", str(tmp_path / "o.jsonl")]) == 2
    assert "nothing matches" in capsys.readouterr().err


def test_file_urls_are_read_through_fsspec(three_archives, tmp_path):
    """Inputs given as URLs (here file://, as s3:// would be) and URL globs are read via fsspec."""
    out = tmp_path / "out.jsonl"
    pattern = f"file://{Path(three_archives[0]).parent}/[ac].warc.gz"
    assert cli(["warc", pattern, "-o", str(out), "--workers", "1"]) == 0
    rows = _rows(out)
    expected = warc_rows(three_archives[0])[0] + warc_rows(three_archives[2])[0]
    assert [{**r, "warc_file": None} for r in rows] == [
        {**r, "warc_file": None, "fetched_at": r["fetched_at"].isoformat()} for r in expected
    ]
    assert rows[0]["warc_file"].startswith("file://")


def test_progress_lines_when_stderr_is_not_a_terminal(three_archives, tmp_path, capsys):
    """Off a terminal, progress comes as lines with records, rate, errors and an ETA."""
    out = tmp_path / "out.jsonl"
    cli(["warc", *three_archives, "-o", str(out), "--workers", "1", "--progress-every", "1e-9"])
    lines = capsys.readouterr().err.splitlines()
    progress = [line for line in lines if "records read" in line]
    assert progress
    assert "/s)" in progress[-1]
    assert "archive errors" in progress[-1]
    assert "ETA" in progress[-1]
    assert "3/3 files" in lines[-1]


# Signals, on a real `crawlextract warc` process.

#: Copies of one archive: enough work that the run is still going when the
#: first file's part is done, whatever the machine's speed.
_COPIES = 60


def _job_processes(marker):
    """The pids of every process whose environment carries ``marker`` (the job and its workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:  # gone, or not ours
            continue
        if marker.encode() in environ:
            found.append(int(entry.name))
    return found


def _start_job(tmp_path, out, *extra):
    source = tmp_path / "src.warc.gz"
    write_warc(source, aeb_pages=3)
    inputs = []
    for number in range(_COPIES):
        copy = tmp_path / f"in-{number:03d}.warc.gz"
        shutil.copy(source, copy)
        inputs.append(str(copy))
    token = uuid.uuid4().hex
    marker = f"CRAWLEXTRACT_TEST_JOB={token}"
    env = {**os.environ, "PYTHONPATH": str(SRC), "CRAWLEXTRACT_TEST_JOB": token}
    command = [sys.executable, "-m", "crawlextract", "warc", *inputs, "-o", str(out), *extra]
    process = subprocess.Popen(  # noqa: S603 - our own command
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, to signal as a whole
    )
    return process, inputs, marker


def _wait_for_a_finished_part(partial, process):
    """Wait until the run has finished its first part (and is still running)."""
    deadline = time.monotonic() + 300  # generous: only a hung run takes this long
    while time.monotonic() < deadline:
        manifest = partial / "_manifest.json"
        if manifest.exists() and json.loads(manifest.read_text(encoding="utf-8"))["done"]:
            break
        assert process.poll() is None, process.stderr.read()
        time.sleep(0.01)
    assert process.poll() is None, "the run ended before it could be interrupted"


def _wait_until_gone(marker):
    deadline = time.monotonic() + 30
    while _job_processes(marker) and time.monotonic() < deadline:
        time.sleep(0.05)
    return _job_processes(marker)


@pytest.mark.slow
@pytest.mark.parametrize("to", ["the command", "its process group"])
def test_sigterm_stops_cleanly_and_resume_finishes(tmp_path, to):
    """SIGTERM: exit 143, a summary, no process left, OUT absent; --resume gives every row."""
    out = tmp_path / "out.parquet"
    process, inputs, marker = _start_job(tmp_path, out, "--workers", "2")
    partial = Path(f"{out}.partial")
    _wait_for_a_finished_part(partial, process)
    if to == "the command":
        process.send_signal(signal.SIGTERM)
    else:  # as a scheduler or a container stop does: the workers get it too
        os.killpg(process.pid, signal.SIGTERM)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 143, err
    assert "interrupted by SIGTERM" in err
    assert "Traceback" not in err
    assert _wait_until_gone(marker) == []
    assert not out.exists()
    assert not list(partial.glob("*.partial"))  # the part being written was dropped
    assert cli(["warc", *inputs, "-o", str(out), "--resume", "--workers", "2"]) == 0
    # Exactly the rows of an uninterrupted run, in order.
    assert _rows(out) == [row for path in inputs for row in warc_rows(path)[0]]


def _kill_the_job(tmp_path, out):
    """Start a run, SIGKILL it once a part is done; return its inputs and any surviving pids."""
    process, inputs, marker = _start_job(tmp_path, out, "--workers", "2")
    _wait_for_a_finished_part(Path(f"{out}.partial"), process)
    process.kill()
    process.wait(timeout=60)
    process.stderr.close()  # orphaned workers would hold its other end
    survivors = _wait_until_gone(marker)
    for pid in survivors:  # do not leave them behind
        os.kill(pid, signal.SIGKILL)
    return inputs, survivors


@pytest.mark.slow
def test_sigkill_leaves_no_output_that_looks_complete_and_resume_finishes(tmp_path):
    """SIGKILL: OUT absent (only OUT.partial/); --resume gives exactly the uninterrupted rows."""
    out = tmp_path / "out.parquet"
    inputs, _ = _kill_the_job(tmp_path, out)
    assert not out.exists()
    assert Path(f"{out}.partial", "_manifest.json").exists()
    assert cli(["warc", *inputs, "-o", str(out), "--resume", "--workers", "2"]) == 0
    assert _rows(out) == [row for path in inputs for row in warc_rows(path)[0]]


@pytest.mark.slow
def test_sigkill_leaves_no_process(tmp_path):
    """SIGKILL to the command: no worker of the job survives its parent."""
    _, survivors = _kill_the_job(tmp_path, tmp_path / "out.parquet")
    assert survivors == []


def test_closed_pipe_ends_quietly(tmp_path):
    """`warc -o - | head -1` ends with 141 (as if killed by SIGPIPE), nothing on stderr."""
    archive = tmp_path / "in.warc.gz"
    write_warc(archive, aeb_pages=3)
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    command = [sys.executable, "-m", "crawlextract", "warc", str(archive), str(archive),
               str(archive), "-o", "-", "--workers", "1"]  # fmt: skip
    process = subprocess.Popen(  # noqa: S603 - our own command
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout.readline().startswith(b"{")
    process.stdout.close()  # what head does after its line
    _, err = process.communicate(timeout=120)
    assert process.returncode == 141, err
    assert b"Traceback" not in err
    assert b"Error" not in err


def test_whole_file_gzip_is_read_whole_and_in_chunks(tmp_path):
    """A WARC gzipped as one stream gives the same rows read whole and in Dask chunks."""
    pytest.importorskip("distributed")
    plain, whole = tmp_path / "p.warc", tmp_path / "whole.warc.gz"
    write_warc(plain)
    whole.write_bytes(gzip.compress(plain.read_bytes()))
    out, chunked = tmp_path / "o.jsonl", tmp_path / "chunked.jsonl"
    assert cli(["warc", str(whole), "-o", str(out), "--workers", "1"]) == 0
    assert len(_rows(out)) == 4
    argv = ["warc", str(whole), "-o", str(chunked), "--engine", "dask", "--records-per-task", "2"]
    assert cli([*argv, "--workers", "1"]) == 0
    assert _rows(chunked) == _rows(out)


def test_a_url_scheme_without_its_package_is_one_line(tmp_path, capsys):
    """s3:// without s3fs says which package to install, in one line, with exit 2."""
    pytest.importorskip("fsspec")
    if importlib.util.find_spec("s3fs") is not None:
        pytest.skip("s3fs is installed")
    assert cli(["warc", "s3://bucket/crawl/*.warc.gz", "-o", str(tmp_path / "o.jsonl")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "pip install 's3fs'" in err


@pytest.mark.slow
def test_dask_engine_gives_the_same_parts_and_exit_status(three_archives, tmp_path):
    """--engine dask on damaged input: the local rows (errors included), one part each, exit 1."""
    pytest.importorskip("distributed")
    local, folder = tmp_path / "local.parquet", tmp_path / "dask.parquet"
    assert cli(["warc", *three_archives, "-o", str(local), "--workers", "1"]) == 1
    argv = ["warc", *three_archives, "-o", f"{folder}/", "--engine", "dask", "--workers", "2"]
    assert cli(argv) == 1
    assert sorted(part.name for part in folder.glob("part-*")) == [
        f"part-0000{i}.parquet" for i in range(3)
    ]
    assert _rows(folder) == _rows(local)
