"""The row schema as a Spark ``StructType``, for running WARC tasks on Spark.

pyspark is imported when :func:`spark_schema` is called, never on import, so
it stays an optional dependency (``pip install 'crawlextract[spark]'``).
"""

from __future__ import annotations

import importlib
from typing import Any

from crawlextract._base.exceptions import MissingDependencyError

from .columnar import WARC_COLUMNS, Column


def spark_schema(columns: tuple[Column, ...] = WARC_COLUMNS) -> Any:
    """Return the documented row schema as a ``pyspark.sql.types.StructType``.

    Pass it to ``spark.createDataFrame(rdd, schema=spark_schema())``: Spark
    cannot infer the type of a column that is null in every row it samples
    (``error`` is, when no page failed). Every field is nullable; the types
    match the Parquet output (``fetched_at`` is a timestamp in UTC).

    Raises:
        MissingDependencyError: pyspark is not installed (an ``ImportError``).
    """
    try:
        # Imported by name: pyspark is optional and only partly annotated.
        types: Any = importlib.import_module("pyspark.sql.types")
    except ImportError:
        raise MissingDependencyError("spark", "pyspark", "spark", feature="spark_schema") from None
    spark_types = {
        "string": types.StringType(),
        "int32": types.IntegerType(),
        "bool": types.BooleanType(),
        "timestamp": types.TimestampType(),
        "list<string>": types.ArrayType(types.StringType()),
    }
    fields = [
        types.StructField(column.name, spark_types[column.type], nullable=True)
        for column in columns
    ]
    return types.StructType(fields)
