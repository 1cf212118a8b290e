"""The bottom layer: rules and types every other layer shares.

Character classes, URLs, HTTP headers, deadlines, limits, errors and the input
type aliases. Nothing here knows about HTML trees or extractors; it imports
only the standard library.
"""
