"""Fixtures of the policy-cycle tests."""

from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _verse_cache() -> None:
    """Survey results are cached per wave and response count; start every test clean."""
    cache.clear()
