"""What kind of file an input is: a WARC of responses, or a WET or WAT file.

Checked before a job starts, so that a wrong input is one line and exit 2
rather than an empty output or a failure half-way.
"""

from __future__ import annotations

from .read import fastwarc, open_warc


def archive_kind(path: str, *, peek: bool = True) -> str:
    """Tell a WARC of responses from a WET or WAT file by its name and first records.

    Args:
        path: The file.
        peek: Read its first records; ``False`` to judge by the name alone.

    Returns:
        ``"warc"``, ``"wet"`` (extracted text: ``conversion`` records) or ``"wat"``
        (metadata: JSON ``metadata`` records). A file that cannot be read
        counts as ``"warc"``: the damage is reported when it is read.
    """
    lowered = path.lower()
    for kind in ("wet", "wat"):
        if lowered.endswith((f".{kind}", f".{kind}.gz")):
            return kind
    if not peek:
        return "warc"
    try:
        return _kind_by_records(path)
    except OSError:
        return "warc"


def _kind_by_records(path: str) -> str:
    warc = fastwarc()
    with open_warc(path) as stream:
        for number, record in enumerate(warc.ArchiveIterator(stream, parse_http=False)):
            if record.record_type == warc.WarcRecordType.conversion:
                return "wet"
            content_type = (record.headers.get("Content-Type") or "").lower()
            if record.record_type == warc.WarcRecordType.metadata and "json" in content_type:
                return "wat"
            # A WARC of responses shows a request or response within its
            # first few records (after warcinfo); a WET or WAT file shows
            # its kind from the first record after warcinfo.
            if number >= 2 or record.record_type in (
                warc.WarcRecordType.request,
                warc.WarcRecordType.response,
            ):
                break
    return "warc"
