"""Inputs that are URLs (``s3://``, ``gs://``, ``https://``, ``file://``), through fsspec.

fsspec is needed only when a URL is given (``pip install 'crawlextract[remote]'``),
plus the file system's own package for the scheme: ``s3fs`` for ``s3://``,
``gcsfs`` for ``gs://``, ``aiohttp`` for ``https://``.
"""

from __future__ import annotations

import glob
from typing import IO, Any

from crawlextract._base.exceptions import MissingDependencyError

#: The packages fsspec needs per scheme, named in the error when one is missing.
_SCHEME_PACKAGES = {"s3": "s3fs", "s3a": "s3fs", "gs": "gcsfs", "gcs": "gcsfs", "az": "adlfs"}


def _fsspec() -> Any:
    try:
        import fsspec  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: PLC0415
    except ImportError:
        raise MissingDependencyError("remote", "fsspec", "remote", feature="reading URLs") from None
    return fsspec


def _filesystem(url: str) -> tuple[Any, str]:
    fsspec = _fsspec()
    try:
        return fsspec.core.url_to_fs(url)  # type: ignore[no-any-return]
    except ImportError as error:
        scheme = url.split("://", 1)[0]
        package = _SCHEME_PACKAGES.get(scheme)
        if package is None:
            feature = f"reading {scheme}:// URLs ({error})"
            raise MissingDependencyError("remote", "fsspec", "remote", feature=feature) from None
        raise MissingDependencyError(
            scheme, package, None, feature=f"reading {scheme}:// URLs"
        ) from None


def open_remote(url: str) -> IO[bytes]:
    """Open a URL for reading, seekable where the file system allows it."""
    filesystem, path = _filesystem(url)
    return filesystem.open(path, "rb")  # type: ignore[no-any-return]


def expand_remote(pattern: str, suffixes: tuple[str, ...]) -> list[str]:
    """Expand a URL: a glob, a folder (searched for ``suffixes``) or one file.

    Returns:
        Full URLs (with their scheme), sorted; empty when nothing matches.
    """
    filesystem, path = _filesystem(pattern)
    if glob.has_magic(path):
        found = filesystem.glob(path)
    elif filesystem.isdir(path):
        found = [name for name in filesystem.find(path) if name.lower().endswith(suffixes)]
    elif filesystem.exists(path):
        found = [path]
    else:
        found = []
    return sorted(filesystem.unstrip_protocol(name) for name in found)


def remote_size(url: str) -> int | None:
    """Return the size of the file at ``url`` in bytes, or ``None`` if it is not known."""
    filesystem, path = _filesystem(url)
    try:
        size = filesystem.size(path)
    except (OSError, NotImplementedError):
        return None
    return int(size) if size is not None else None
