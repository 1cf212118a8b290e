"""Applications built on the public API: batches, WARC jobs, clusters, writers, the CLI.

Nothing below this layer imports from it.
"""
