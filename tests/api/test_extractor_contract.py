"""One contract, run against every registered extractor (built-in or plugin).

The rules are :data:`crawlextract.testing.CONTRACT_CHECKS`: the same checks a
plugin author runs on their own extractor, so a new backend is held to them
the moment it is registered.
"""

from __future__ import annotations

from typing import Any

import pytest

import crawlextract
from crawlextract._registry import get_extractor
from crawlextract.testing import CONTRACT_CHECKS
from crawlextract.typing import Extractor

EXTRACTORS = [
    pytest.param((info.output, info.name), id=f"{info.output}:{info.name}")
    for info in crawlextract.available_extractors()
    if info.installed
]


def _extractor(key: tuple[str, str]) -> Extractor[Any]:
    output, name = key
    return get_extractor(output, name)  # type: ignore[arg-type]


@pytest.mark.parametrize("check", CONTRACT_CHECKS, ids=lambda check: check.__name__)
@pytest.mark.parametrize("key", EXTRACTORS)
def test_extractor_meets_the_contract(key: tuple[str, str], check: Any) -> None:
    """Each registered, installed extractor passes each rule of the public contract."""
    extractor = _extractor(key)
    assert (extractor.output, extractor.name) == key
    check(extractor)
