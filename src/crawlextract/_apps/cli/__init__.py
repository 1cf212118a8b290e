"""The ``crawlextract`` command, one module per sub-command (``main.py`` dispatches)."""
