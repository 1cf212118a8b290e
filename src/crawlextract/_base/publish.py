"""Show exported classes as ``crawlextract.Name``, with annotations that resolve anywhere.

Exported classes live in private modules; their ``__module__`` is set to the
package, so reprs, docs and pickles (sent to worker processes and clusters)
name ``crawlextract.Options`` rather than a private path that may move.
``typing.get_type_hints`` looks annotation strings up in the namespace of
``__module__``, so each class's own annotations are resolved first, in the
module that defines them.
"""

from __future__ import annotations

import inspect
import sys
import typing


def publish(package: str, *classes: type) -> None:
    """Resolve each class's own annotations where it is defined, then file it under ``package``."""
    for cls in classes:
        if cls.__module__ == package:
            continue
        own = inspect.get_annotations(cls)
        if own:
            namespace = vars(sys.modules[cls.__module__])
            resolved = typing.get_type_hints(cls, globalns=namespace, include_extras=True)
            cls.__annotations__ = {name: resolved[name] for name in own}
        cls.__module__ = package
