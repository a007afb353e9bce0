"""The discussion questions of the talk sheet (``vragen.yaml``), read once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

VRAGEN_YAML = Path(__file__).with_name("vragen.yaml")


@dataclass(frozen=True)
class Gespreksvragen:
    items: dict[str, tuple[str, ...]]
    schalen: dict[str, tuple[str, ...]]
    algemeen: tuple[str, ...]
    #: Items where agreeing is unfavourable (a reversed item, "how often did you see a risk").
    ongunstig: frozenset[str]


def _lijsten(data: Any) -> dict[str, tuple[str, ...]]:
    return {str(key): tuple(str(v) for v in values) for key, values in (data or {}).items()}


def vragen_parse(text: str) -> Gespreksvragen:
    data = yaml.safe_load(text) or {}
    return Gespreksvragen(
        items=_lijsten(data.get("items")),
        schalen=_lijsten(data.get("schalen")),
        algemeen=tuple(str(v) for v in data.get("algemeen") or ()),
        ongunstig=frozenset(str(v) for v in data.get("ongunstig") or ()),
    )


@cache
def gespreksvragen() -> Gespreksvragen:
    """The shipped questions (``vragen.yaml`` beside this module)."""
    return vragen_parse(VRAGEN_YAML.read_text(encoding="utf-8"))
