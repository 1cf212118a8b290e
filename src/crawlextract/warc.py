"""WARC archives in, rows out: the functions behind ``crawlextract warc``.

For people who already run Dask or Spark and want to call the same job from
Python (see ``docs/batch.md``). Importing this module imports neither fastwarc,
pyarrow nor dask; they are loaded when first used (``pip install 'crawlextract[warc]'``,
``'crawlextract[dask]'``).
"""

from ._columnar import WARC_COLUMNS, Column, open_writer
from ._dask import WarcTask, extract_warc_dask, run_task, warc_tasks
from ._exceptions import WarcInputError
from ._warc import WarcStats, extract_warc, warc_rows

__all__ = [
    "WARC_COLUMNS",
    "Column",
    "WarcInputError",
    "WarcStats",
    "WarcTask",
    "extract_warc",
    "extract_warc_dask",
    "open_writer",
    "run_task",
    "warc_rows",
    "warc_tasks",
]
