"""Groups of respondents (rows sorted by group once) and small-group suppression."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
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
    ``index`` is the group number of every sorted row.
    """

    labels: tuple[str, ...]
    bounds: IntArray
    order: IntArray | None

    @property
    def n_groups(self) -> int:
        return len(self.labels)

    @property
    def sizes(self) -> IntArray:
        return np.diff(self.bounds)

    @property
    def index(self) -> IntArray:
        return np.repeat(np.arange(self.n_groups, dtype=np.int64), self.sizes)

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
    inverse = inverse.astype(np.int64).ravel()
    order = np.argsort(inverse, kind="stable").astype(np.int64)
    sizes = np.bincount(inverse, minlength=len(labels))
    bounds = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    return Grouping(labels=tuple(str(label) for label in labels), bounds=bounds, order=order)


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
