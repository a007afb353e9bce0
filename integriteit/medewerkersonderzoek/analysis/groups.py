"""Groups of respondents (rows sorted by group once) and small-group suppression."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray

from integriteit.medewerkersonderzoek.analysis.data import FloatArray

MIN_GROUP_SIZE = 10
MIN_GROUP_SIZE_FLOOR = 5
IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class Grouping:
    """Rows sorted by group: group ``g`` holds rows ``bounds[g]:bounds[g + 1]``.

    ``order`` is the permutation that sorts the original rows (``None``: already in order);
    ``index`` is the group number of every sorted row, ``row_groups`` that of every row in
    the original order (statistics that only count need no sorting).
    """

    labels: tuple[str, ...]
    bounds: IntArray
    order: IntArray | None
    codes: NDArray[np.integer[Any]] | None = None

    @property
    def n_groups(self) -> int:
        return len(self.labels)

    @property
    def sizes(self) -> IntArray:
        return np.diff(self.bounds)

    @cached_property
    def index(self) -> IntArray:
        return np.repeat(np.arange(self.n_groups, dtype=np.int64), self.sizes)

    @cached_property
    def row_groups(self) -> NDArray[np.intp]:
        """The group number of every row in the original order."""
        if self.codes is not None:
            return self.codes.astype(np.intp, copy=False)
        if self.order is None:
            return self.index.astype(np.intp, copy=False)
        groups = np.empty(len(self.order), dtype=np.intp)
        groups[self.order] = self.index
        return groups

    def apply(self, values: FloatArray) -> FloatArray:
        """The rows of ``values`` in group order."""
        return values if self.order is None else values[self.order]

    def total(self, values: NDArray[Any]) -> FloatArray:
        """Per-group sum of a 1-d array of sorted rows (empty groups give 0)."""
        return np.bincount(self.index, weights=values, minlength=self.n_groups).astype(np.float64)


def grouping_single(n_rows: int) -> Grouping:
    """All rows as one group (the overall results)."""
    return Grouping(labels=("",), bounds=np.array([0, n_rows], dtype=np.int64), order=None)


def grouping_by(values: NDArray[np.str_]) -> Grouping:
    """Group rows by a label column; an empty label is a group of its own (named "")."""
    labels, inverse = np.unique(values, return_inverse=True)
    return grouping_from_codes(inverse.ravel(), tuple(str(label) for label in labels))


def grouping_from_codes(codes: NDArray[np.integer[Any]], labels: tuple[str, ...]) -> Grouping:
    """Group rows by group number (``codes[row]`` indexes ``labels``, sorted labels)."""
    small = np.uint16 if len(labels) <= np.iinfo(np.uint16).max else np.int64
    codes = codes.astype(small, copy=False)
    order = np.argsort(codes, kind="stable").astype(np.int64)  # radix sort for uint16
    sizes = np.bincount(codes, minlength=len(labels))
    bounds = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    return Grouping(labels=labels, bounds=bounds, order=order, codes=codes)


def min_group_size_clamp(size: int) -> tuple[int, str | None]:
    """Never below 5: returns the size to use and a Dutch warning when it was raised."""
    if size < MIN_GROUP_SIZE_FLOOR:
        return MIN_GROUP_SIZE_FLOOR, (
            f"Minimale groepsgrootte {size} is te klein; {MIN_GROUP_SIZE_FLOOR} wordt gebruikt."
        )
    return size, None


def groups_suppress(sizes: Mapping[str, int], min_size: int) -> set[str]:
    """The groups whose results must not be shown.

    Primary: every group with fewer than ``min_size`` respondents. Secondary: while the
    suppressed groups together hold fewer than ``min_size`` respondents (so the total minus
    the visible groups would reveal them), also suppress the smallest visible group.
    """
    min_size = max(min_size, MIN_GROUP_SIZE_FLOOR)
    suppressed = {label for label, n in sizes.items() if n < min_size}
    hidden = sum(sizes[label] for label in suppressed)
    visible = sorted((n, label) for label, n in sizes.items() if label not in suppressed)
    while 0 < hidden < min_size and visible:
        n, label = visible.pop(0)
        suppressed.add(label)
        hidden += n
    return suppressed


def groups_suppress_tree(
    sizes: Mapping[str, int], parent: Mapping[str, str | None], min_size: int
) -> set[str]:
    """Suppression over a tree of nested groups (units inside directorates inside ministries).

    ``sizes`` holds every node (leaf units and the aggregates above them); ``parent`` maps a
    node to the node it lies in (``None`` or absent for the top). Among the children of every
    node the rule of :func:`groups_suppress` applies, so no hidden child can be derived from
    its parent minus its visible siblings; and every node below a hidden node is hidden too,
    or the hidden node could be rebuilt from its visible children.
    """
    children: dict[str | None, list[str]] = {}
    for node in sizes:
        children.setdefault(parent.get(node), []).append(node)
    hidden: set[str] = set()
    for siblings in children.values():
        hidden |= groups_suppress({node: sizes[node] for node in siblings}, min_size)
    changed = True
    while changed:
        changed = False
        for node in sizes:
            up = parent.get(node)
            if node not in hidden and up is not None and up in hidden:
                hidden.add(node)
                changed = True
    return hidden
