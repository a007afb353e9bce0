"""Item statistics per group: n, missing, counts and percentages per code, mean, agree %."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray

from integriteit.medewerkersonderzoek.analysis.data import FloatArray
from integriteit.medewerkersonderzoek.analysis.groups import Grouping, IntArray
from integriteit.medewerkersonderzoek.spec import Item, Questionnaire

MAX_DIRECT_CODE = 1000


@dataclass(frozen=True)
class ItemStats:
    """Arrays with one row per group. ``counts[g, c]`` counts answer ``codes[c]`` (for a
    multiple-choice item: option ``codes[c]`` chosen). ``mean`` and ``agree_pct`` are NaN
    where they do not apply (choice items, a scale without agree codes, n = 0)."""

    code: str
    codes: tuple[int, ...]
    n: IntArray
    missing: IntArray
    counts: IntArray
    mean: FloatArray
    agree_pct: FloatArray

    @cached_property
    def percent(self) -> FloatArray:
        """Share of each code among the valid answers, 0-100 (NaN when n = 0)."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.asarray(100.0 * self.counts / self.n[:, None], dtype=np.float64)


def _code_counts(values: FloatArray, codes: tuple[int, ...], grouping: Grouping) -> IntArray:
    """counts[g, c]: rows of group g answering codes[c] (one bincount over all groups, rows
    in the original order). Values must be among ``codes`` (the reader checks this)."""
    if min(codes) >= 0 and max(codes) <= MAX_DIRECT_CODE:  # the code itself is the bin
        width, columns = max(codes) + 2, list(codes)  # the last bin takes NaN
        position = np.nan_to_num(values, nan=width - 1.0).astype(np.intp)
    else:
        ordered = np.asarray(sorted(codes), dtype=np.float64)
        width = len(codes) + 1
        position = np.searchsorted(ordered, values)  # NaN sorts last: bin len(codes)
        columns = np.argsort(np.argsort(np.asarray(codes))).tolist()
    bins = grouping.row_groups * width
    bins += position
    flat = np.bincount(bins, minlength=grouping.n_groups * width)
    return flat.reshape(grouping.n_groups, width)[:, columns].astype(np.int64)


def _share(part: NDArray[Any], whole: NDArray[Any]) -> FloatArray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(part / whole, dtype=np.float64)


def _single_stats(
    item: Item, questionnaire: Questionnaire, values: FloatArray, grouping: Grouping
) -> ItemStats:
    scale = questionnaire.scale_of(item)
    codes = scale.valid_codes if scale else tuple(option.code for option in item.options)
    counts = _code_counts(values, codes, grouping)
    n = counts.sum(axis=1)
    mean = agree = np.full(grouping.n_groups, np.nan)
    if scale is not None:
        substantive = np.isin(codes, scale.substantive)
        weights = np.asarray(codes, dtype=np.float64) * substantive
        mean = _share(counts @ weights, counts[:, substantive].sum(axis=1))
        if scale.agree:
            agree = 100.0 * _share(counts[:, np.isin(codes, scale.agree)].sum(axis=1), n)
    missing = grouping.sizes - n
    return ItemStats(item.code, codes, n, missing, counts, mean, agree)


def _multi_stats(item: Item, columns: dict[str, FloatArray], grouping: Grouping) -> ItemStats:
    groups = grouping.row_groups
    asked = np.zeros(len(groups), dtype=bool)
    chosen = []
    for name in item.columns():
        asked |= ~np.isnan(columns[name])
        picked = groups[columns[name] == 1]
        chosen.append(np.bincount(picked, minlength=grouping.n_groups))
    n = np.bincount(groups[asked], minlength=grouping.n_groups).astype(np.int64)
    counts = np.column_stack(chosen).astype(np.int64)
    nan = np.full(grouping.n_groups, np.nan)
    codes = tuple(option.code for option in item.options)
    return ItemStats(item.code, codes, n, grouping.sizes - n, counts, nan, nan)


def item_stats(
    item: Item, questionnaire: Questionnaire, columns: dict[str, FloatArray], grouping: Grouping
) -> ItemStats | None:
    """Statistics of one item per group (``None`` for free text). Columns in original row
    order (counting needs no sorting)."""
    if item.kind == "text":
        return None
    if item.kind == "multi":
        return _multi_stats(item, columns, grouping)
    return _single_stats(item, questionnaire, columns[item.code], grouping)
