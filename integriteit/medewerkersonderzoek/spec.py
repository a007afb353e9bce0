"""The questionnaire as plain, frozen data: what the YAML loader produces and what the
analysis engine, the answering form and the CLI consume. No Django, no database.

Data layout of responses (CSV/XLSX/SPSS after mapping): one row per respondent, one column
per item code with numeric answer codes (empty = missing). A multiple-choice item ``reden``
with options 1..k becomes k columns ``reden_1`` … ``reden_k`` holding 1 (chosen) or 0 (not
chosen), empty when the item was not asked. Free-text items are a text column that the
analysis ignores (and that is never shown per unit). Optional columns ``unit`` and ``role``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

ItemKind = Literal["scale", "single", "multi", "text"]


@dataclass(frozen=True)
class ResponseScale:
    """Answer codes of a rating scale: ``agree`` codes count as "(volledig) eens"; ``missing``
    codes (e.g. 9 = weet niet) count in the shares but are missing for means and scales."""

    code: str
    values: tuple[int, ...]
    labels: Mapping[int, str]
    agree: tuple[int, ...] = ()
    missing: tuple[int, ...] = ()

    @property
    def valid_codes(self) -> tuple[int, ...]:
        """Every code that may occur in the data: the values and the missing codes."""
        return self.values + tuple(m for m in self.missing if m not in self.values)

    @property
    def substantive(self) -> tuple[int, ...]:
        """The values that carry a position on the scale (not 'weet niet')."""
        return tuple(v for v in self.values if v not in self.missing)


@dataclass(frozen=True)
class Option:
    code: int
    label: str


@dataclass(frozen=True)
class AskIf:
    """Show the item only when the answer to ``item`` is one of ``values``."""

    item: str
    values: tuple[int, ...]


@dataclass(frozen=True)
class Item:
    code: str
    text: str
    kind: ItemKind
    block: str
    scale: str | None = None  # code of a ResponseScale, for kind "scale"
    options: tuple[Option, ...] = ()  # for kinds "single" and "multi"
    ask_if: AskIf | None = None

    def columns(self) -> tuple[str, ...]:
        """The data columns of this item (several for a multiple-choice item)."""
        if self.kind == "multi":
            return tuple(f"{self.code}_{option.code}" for option in self.options)
        return (self.code,)


@dataclass(frozen=True)
class Block:
    code: str
    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class ScaleDef:
    """A multi-item construct: score = mean of the answered items (reversed items recoded as
    max + min − x), missing when fewer than ``min_items`` were answered."""

    code: str
    title: str
    items: tuple[str, ...]
    reversed: tuple[str, ...] = ()
    min_items: int = 1


@dataclass(frozen=True)
class Questionnaire:
    code: str
    version: int
    title: str
    response_scales: Mapping[str, ResponseScale]
    blocks: tuple[Block, ...]
    scales: tuple[ScaleDef, ...] = ()
    source: str = ""
    _index: Mapping[str, Item] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        index = {item.code: item for block in self.blocks for item in block.items}
        object.__setattr__(self, "_index", index)

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for block in self.blocks for item in block.items)

    def item(self, code: str) -> Item:
        return self._index[code]

    def has_item(self, code: str) -> bool:
        return code in self._index

    def scale_of(self, item: Item) -> ResponseScale | None:
        return self.response_scales.get(item.scale) if item.scale else None
