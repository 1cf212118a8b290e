"""Inputs given as URLs, through fsspec: expanding, sizing, opening, and missing packages."""

from __future__ import annotations

import sys
import uuid

import pytest

from crawlextract import MissingDependencyError
from crawlextract._apps.remote import expand_remote, open_remote, remote_size

fsspec = pytest.importorskip("fsspec")

WARC_SUFFIXES = (".warc", ".warc.gz")


@pytest.fixture
def crawl():
    """A folder of fsspec's in-memory file system: two WARC files (one nested) and a note."""
    folder = f"/crawl-{uuid.uuid4().hex}"
    memory = fsspec.filesystem("memory")
    memory.pipe(f"{folder}/a.warc.gz", b"abc")
    memory.pipe(f"{folder}/sub/b.warc", b"defg")
    memory.pipe(f"{folder}/notes.txt", b"x")
    yield f"memory://{folder}"
    memory.rm(folder, recursive=True)


def test_a_folder_expands_to_its_warc_files_at_any_depth(crawl: str) -> None:
    """A folder URL gives every file under it with a WARC suffix, sorted, as full URLs."""
    folder = crawl.removeprefix("memory://")
    assert expand_remote(crawl, WARC_SUFFIXES) == [
        f"memory://{folder}/a.warc.gz",
        f"memory://{folder}/sub/b.warc",
    ]


def test_a_glob_a_file_and_nothing(crawl: str) -> None:
    """A glob gives its matches whatever their suffix; a file gives itself; no match, nothing."""
    folder = crawl.removeprefix("memory://")
    assert expand_remote(f"{crawl}/*.gz", WARC_SUFFIXES) == [f"memory://{folder}/a.warc.gz"]
    assert expand_remote(f"{crawl}/notes.txt", WARC_SUFFIXES) == [f"memory://{folder}/notes.txt"]
    assert expand_remote(f"{crawl}/missing", WARC_SUFFIXES) == []


def test_size_and_contents_of_a_remote_file(crawl: str) -> None:
    """remote_size is the file's size in bytes; open_remote reads its bytes."""
    assert remote_size(f"{crawl}/sub/b.warc") == 4
    with open_remote(f"{crawl}/a.warc.gz") as stream:
        assert stream.read() == b"abc"


def test_a_scheme_without_its_package_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    """s3:// without s3fs: MissingDependencyError naming s3fs and how to install it."""
    monkeypatch.setitem(sys.modules, "s3fs", None)  # the import now fails
    with pytest.raises(MissingDependencyError, match=r"pip install 's3fs'") as raised:
        expand_remote("s3://bucket/crawl/", WARC_SUFFIXES)
    assert raised.value.package == "s3fs"
    assert "reading s3:// URLs" in str(raised.value)
