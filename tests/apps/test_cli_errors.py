"""The single-page and fixtures commands: one-line errors, quiet closed pipes, complete help."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from crawlextract._apps.cli import main as _cli
from crawlextract._apps.cli import page as _cli_page

if TYPE_CHECKING:
    from pathlib import Path

PAGE = b"<html><head><title>T</title></head><body><p>" + b"word " * 40_000 + b"</p></body></html>"


def run(capsysbinary: pytest.CaptureFixture[bytes], *argv: str) -> tuple[int, str, str]:
    """Run the command in-process; return (status, stdout, stderr) as text."""
    status = _cli.main(list(argv))
    captured = capsysbinary.readouterr()
    return status, captured.out.decode("utf-8"), captured.err.decode("utf-8")


@pytest.fixture
def page_file(tmp_path: Path) -> Path:
    """A page whose markdown (200 kB) is larger than a pipe's buffer."""
    path = tmp_path / "page.html"
    path.write_bytes(PAGE)
    return path


@pytest.fixture
def blocked(tmp_path: Path) -> Path:
    """A directory path no one can create, root included: its parent is a file."""
    parent = tmp_path / "a-file"
    parent.write_text("x")
    return parent / "dir"


def assert_one_error_line(status: int, err: str, message: str) -> None:
    """Exit status 2 and one 'crawlextract: error:' line naming the problem."""
    assert status == _cli_page.EXIT_USAGE
    assert err.count("\n") == 1, err
    assert err.startswith("crawlextract: error: ")
    assert message in err


def test_unwritable_output_file(
    capsysbinary: pytest.CaptureFixture[bytes], page_file: Path, blocked: Path
) -> None:
    """-o into a path that cannot be made is one line and exit status 2."""
    status, out, err = run(capsysbinary, str(page_file), "-o", str(blocked / "x.json"))
    assert out == ""
    assert_one_error_line(status, err, f"cannot write {blocked / 'x.json'}: Not a directory")


def test_fixtures_add_to_an_unwritable_directory(
    capsysbinary: pytest.CaptureFixture[bytes], page_file: Path, blocked: Path
) -> None:
    """Fixtures add --to a path that cannot be made is one line and exit status 2."""
    status, _, err = run(
        capsysbinary,
        "fixtures",
        "add",
        str(page_file),
        "--url",
        "https://e.com/",
        "--to",
        str(blocked),
    )
    assert_one_error_line(status, err, f"cannot write to {blocked}: Not a directory")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["fixtures", "--bogus"], "required: COMMAND"),
        (["fixtures", "add", "{page}", "--to", "x"], "required: --url"),
        (["fixtures", "add", "{page}", "--url", "u", "--to", "x", "--bogus"], "unrecognized"),
        (["fixtures", "check", "{page}"], "no such directory"),
        (["fixtures", "lint"], "invalid choice: 'lint'"),
        (["{page}", "--format", "xml"], "invalid choice: 'xml'"),
    ],
)
def test_bad_options_are_one_line(
    capsysbinary: pytest.CaptureFixture[bytes], page_file: Path, argv: list[str], message: str
) -> None:
    """Every bad option of the page form and of fixtures is one line and exit status 2."""
    status, out, err = run(capsysbinary, *(arg.format(page=page_file) for arg in argv))
    assert out == ""
    assert_one_error_line(status, err, message)


def test_help_lists_every_command(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """Crawlextract --help names the page form and every sub-command the dispatcher knows."""
    status, out, _ = run(capsysbinary, "--help")
    assert status == 0
    assert "crawlextract FILE [options]" in out
    for command in _cli.SUBCOMMANDS:
        assert f"crawlextract {command} " in out, command
    assert "fixtures add" in out
    assert "fixtures check" in out


def test_fixtures_add_help_describes_headers(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """Fixtures add --help says what a headers file holds, not "(as for FILE)"."""
    status, out, _ = run(capsysbinary, "fixtures", "add", "--help")
    assert status == 0
    flat = " ".join(out.split())
    assert "(as for FILE)" not in flat
    assert "'Name: value' lines" in flat
    assert "[name, value] pairs" in flat


def _pipe_to_head(argv: list[str]) -> tuple[int, bytes, bytes]:
    """Run the command into `head -c 10`; return (status, what head printed, stderr)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    head_program = shutil.which("head")
    assert head_program is not None
    with subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "crawlextract", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    ) as command:
        assert command.stdout is not None
        assert command.stderr is not None
        head = subprocess.run(  # noqa: S603 - a fixed command
            [head_program, "-c", "10"],
            stdin=command.stdout,
            capture_output=True,
            check=True,
            timeout=120,
        )
        command.stdout.close()  # only head reads the pipe: its exit closes it
        err = command.stderr.read()
        status = command.wait(timeout=120)
    return status, head.stdout, err


@pytest.mark.parametrize("output_format", ["markdown", "json", "report"])
def test_a_closed_pipe_ends_quietly(page_file: Path, output_format: str) -> None:
    """`crawlextract FILE | head` stops without a traceback, with SIGPIPE's usual status."""
    status, printed, err = _pipe_to_head([str(page_file), "--format", output_format])
    assert len(printed) == 10
    assert err == b""
    assert status == _cli_page.EXIT_BROKEN_PIPE


def test_a_closed_pipe_ends_fixtures_check_quietly(tmp_path: Path, page_file: Path) -> None:
    """A long diff from fixtures check into `head` ends quietly too."""
    fixtures = tmp_path / "fixtures"
    for number in range(3):
        added = _cli.main(
            ["fixtures", "add", str(page_file), "--url", "https://e.com/", "--to", str(fixtures),
             "--name", f"p{number}"]
        )  # fmt: skip
        assert added == 0
        (fixtures / f"p{number}" / "markdown.md").write_text("changed\n")
    status, printed, err = _pipe_to_head(["fixtures", "check", str(fixtures)])
    assert len(printed) == 10
    assert err == b""
    assert status == _cli_page.EXIT_BROKEN_PIPE
