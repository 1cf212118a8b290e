"""The result layer: :class:`~crawlextract.Page` and how it shows itself in a notebook."""
