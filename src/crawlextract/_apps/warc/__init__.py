"""WARC jobs: reading records, planning chunks, running them and writing rows."""
