"""Per-group moments over pairwise-complete observations, shared by scales and correlations."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from integriteit.medewerkersonderzoek.analysis.data import FloatArray
from integriteit.medewerkersonderzoek.analysis.groups import Grouping

SHIFT_SAMPLE = 10_000
CHUNK_ROWS = 1 << 15


@dataclass(frozen=True)
class PairMoments:
    """For every group and column pair (i, j), over the rows where both are present:

    ``n[g, i, j]`` rows; ``cov[g, i, j]`` the sample covariance (R's
    ``cov(use = "pairwise")``: means taken over those rows); ``var[g, i, j]`` the sample
    variance of column i over those rows (so ``var[g, i, i]`` is i's own variance).
    """

    n: FloatArray
    cov: FloatArray
    var: FloatArray

    def corr(self) -> FloatArray:
        """Pearson correlation on pairwise-complete rows."""
        with np.errstate(divide="ignore", invalid="ignore"):
            r = self.cov / np.sqrt(self.var * np.swapaxes(self.var, -1, -2))
        return np.clip(r, -1.0, 1.0)


def _shift(matrix: FloatArray) -> FloatArray:
    """A per-column integer near the mean (of the first rows); subtracting it keeps the sums
    of squares small (and exact for integer codes)."""
    matrix = matrix[:SHIFT_SAMPLE]
    valid = ~np.isnan(matrix)
    counts = valid.sum(axis=0)
    sums = np.where(valid, matrix, 0.0).sum(axis=0)
    mean = np.divide(sums, counts, out=np.zeros(matrix.shape[1]), where=counts > 0)
    return np.asarray(np.round(mean), dtype=np.float64)


def _fill(chunk: FloatArray, shift: FloatArray, complete_only: bool, left: FloatArray) -> None:
    """Pairwise: ``left`` = [z; v; z²] (3k rows); listwise: [c·z; c] (k + 1 rows), with z
    the shifted values (0 where missing), v the presence and c the complete-row flag; one
    column per data row. ``chunk`` is a (k, rows) view."""
    k = chunk.shape[0]
    valid = ~np.isnan(chunk)
    z = left[:k]
    np.subtract(chunk, shift[:, None], out=z)
    if complete_only:
        complete = valid.all(axis=0)
        np.copyto(z, 0.0, where=~complete)
        left[k] = complete
    else:
        np.copyto(z, 0.0, where=~valid)
        left[k : 2 * k] = valid
        np.multiply(z, z, out=left[2 * k :])


def _height(k: int, complete_only: bool) -> int:
    return k + 1 if complete_only else 3 * k


def pair_moments_many(
    matrices: list[FloatArray], grouping: Grouping, listwise: list[bool] | None = None
) -> list[PairMoments]:
    """:func:`pair_moments` of several matrices with the same rows in one pass over the
    groups (``listwise[i]``: only the complete rows of matrix i, e.g. the pairwise and the
    listwise moments of a scale from one matrix).

    The rows are taken in chunks of ``CHUNK_ROWS`` into reused buffers (no copies of the
    whole data); per group and chunk one matrix product per matrix gives every sum:
    pairwise [z; v; z²] @ [z; v].T (Σ z_i z_j, Σ z_i v_j, n_ij, Σ z_i² v_j), listwise
    [c·z; c] @ [c·z; c].T. Column-major (``order="F"``) matrices are read fastest."""
    flags = listwise or [False] * len(matrices)
    shifts = []
    for matrix, complete_only in zip(matrices, flags, strict=True):
        head = matrix[:SHIFT_SAMPLE]
        if complete_only:
            incomplete = np.asarray(np.isnan(head).any(axis=1))
            head = np.where(incomplete[:, None], np.nan, head)
        shifts.append(_shift(head))
    heights = [_height(m.shape[1], f) for m, f in zip(matrices, flags, strict=True)]
    widths = [m.shape[1] + 1 if f else 2 * m.shape[1] for m, f in zip(matrices, flags, strict=True)]
    outs = [np.zeros((grouping.n_groups, h, w)) for h, w in zip(heights, widths, strict=True)]
    bounds = grouping.bounds
    n_rows = int(bounds[-1])
    size = min(CHUNK_ROWS, n_rows)
    buffers = [np.empty((h, size)) for h in heights]
    for first in range(0, n_rows, CHUNK_ROWS):
        last = min(first + CHUNK_ROWS, n_rows)
        lefts = [buffer[:, : last - first] for buffer in buffers]
        for matrix, flag, shift, left in zip(matrices, flags, shifts, lefts, strict=True):
            _fill(matrix[first:last].T, shift, flag, left)
        g_first = int(np.searchsorted(bounds, first, side="right")) - 1
        g_last = int(np.searchsorted(bounds, last, side="left"))
        edges = (np.clip(bounds[g_first : g_last + 1], first, last) - first).tolist()
        for out, left, width in zip(outs, lefts, widths, strict=True):
            for g, lo, hi in zip(range(g_first, g_last), edges[:-1], edges[1:], strict=True):
                if hi > lo:
                    out[g] += left[:, lo:hi] @ left[:width, lo:hi].T
    return [
        _unpack(out, matrix.shape[1], flag)
        for out, matrix, flag in zip(outs, matrices, flags, strict=True)
    ]


def _unpack(out: FloatArray, k: int, complete_only: bool) -> PairMoments:
    groups = out.shape[0]
    if complete_only:
        p = out[:, :k, :k]
        s = np.broadcast_to(out[:, :k, k : k + 1], (groups, k, k))
        n = np.broadcast_to(out[:, k : k + 1, k : k + 1], (groups, k, k))
        diagonal = np.arange(k)
        q = np.broadcast_to(p[:, diagonal, diagonal][:, :, None], (groups, k, k))
        return _moments(n, s, q, p)
    p, s = out[:, :k, :k], out[:, :k, k:]  # Σ z_i z_j; Σ z_i where j present
    n, q = out[:, k : 2 * k, k:], out[:, 2 * k :, k:]  # rows with i and j; Σ z_i² where j
    return _moments(n, s, q, p)


def _moments(n: FloatArray, s: FloatArray, q: FloatArray, p: FloatArray) -> PairMoments:
    n, s, q, p = (np.ascontiguousarray(x) for x in (n, s, q, p))
    with np.errstate(divide="ignore", invalid="ignore"):
        cov = (p - s * np.swapaxes(s, -1, -2) / n) / (n - 1)
        var = (q - s * s / n) / (n - 1)
    cov[n < 2] = np.nan
    var[n < 2] = np.nan
    return PairMoments(n=n, cov=cov, var=var)


def pair_moments(matrix: FloatArray, grouping: Grouping) -> PairMoments:
    """Moments of the columns of ``matrix`` (rows in group order, NaN = missing) per group."""
    return pair_moments_many([matrix], grouping)[0]


def group_mean_sd(values: FloatArray, grouping: Grouping) -> tuple[FloatArray, ...]:
    """Per group: n, mean and sample sd (ddof = 1) of a 1-d array, ignoring NaN (two-pass)."""
    valid = ~np.isnan(values)
    n = grouping.total(valid.astype(np.float64))
    filled = np.where(valid, values, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = grouping.total(filled) / n
        deviation = np.where(valid, values - mean[grouping.index], 0.0)
        sd = np.sqrt(grouping.total(deviation * deviation) / (n - 1))
    sd[n < 2] = np.nan
    return n, mean, sd
