"""Per-group moments over pairwise-complete observations, shared by scales and correlations."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from integriteit.medewerkersonderzoek.analysis.data import FloatArray
from integriteit.medewerkersonderzoek.analysis.groups import Grouping

SHIFT_SAMPLE = 10_000


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


def pair_moments(matrix: FloatArray, grouping: Grouping) -> PairMoments:
    """Moments of the columns of ``matrix`` (rows in group order, NaN = missing) per group."""
    valid = ~np.isnan(matrix)
    z = np.where(valid, matrix - _shift(matrix), 0.0)
    v = valid.astype(np.float64)
    k, groups = matrix.shape[1], grouping.n_groups
    n, s, q, p = (np.zeros((groups, k, k)) for _ in range(4))
    for g in range(groups):
        lo, hi = grouping.bounds[g], grouping.bounds[g + 1]
        zg, vg = z[lo:hi], v[lo:hi]
        n[g] = vg.T @ vg  # rows with i and j
        s[g] = zg.T @ vg  # sum of z_i where j is present
        q[g] = (zg * zg).T @ vg  # sum of z_i² where j is present
        p[g] = zg.T @ zg  # sum of z_i z_j
    with np.errstate(divide="ignore", invalid="ignore"):
        cov = (p - s * np.swapaxes(s, -1, -2) / n) / (n - 1)
        var = (q - s * s / n) / (n - 1)
    cov[n < 2] = np.nan
    var[n < 2] = np.nan
    return PairMoments(n=n, cov=cov, var=var)


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
