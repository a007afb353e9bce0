"""Correlations between scale scores per group: Pearson on pairwise-complete scores (and
Spearman on request: average ranks within the group, then Pearson), with n, a 95 % CI by
Fisher's z and a two-sided p-value from Student's t with n − 2 degrees of freedom.

The p-value is the regularized incomplete beta function I_x(df/2, 1/2) at
x = df / (df + t²), evaluated with the continued fraction of Numerical Recipes (modified
Lentz), vectorised over all groups; ``math.lgamma`` supplies the beta function.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from integriteit.medewerkersonderzoek.analysis.data import FloatArray
from integriteit.medewerkersonderzoek.analysis.groups import Grouping, IntArray
from integriteit.medewerkersonderzoek.analysis.moments import pair_moments

Z_975 = 1.959963984540054
_TINY = 1e-300
_EPS = 1e-15
_MAX_TERMS = 100_000


@dataclass(frozen=True)
class Correlation:
    """One pair of scales; arrays with one value per group."""

    x: str
    y: str
    method: str
    r: FloatArray
    n: IntArray
    low: FloatArray
    high: FloatArray
    p: FloatArray


def fisher_ci(r: FloatArray, n: FloatArray) -> tuple[FloatArray, FloatArray]:
    """95 % interval tanh(atanh(r) ± 1.96/√(n − 3)); NaN for n ≤ 3, [r, r] for |r| = 1."""
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.arctanh(np.clip(r, -1.0, 1.0))
        half = Z_975 / np.sqrt(n - 3.0)
        low, high = np.tanh(z - half), np.tanh(z + half)
    bad = n <= 3
    return np.where(bad, np.nan, low), np.where(bad, np.nan, high)


def _lentz_step(value: FloatArray) -> FloatArray:
    return np.where(np.abs(value) < _TINY, _TINY, value)


def _beta_fraction(a: FloatArray, b: FloatArray, x: FloatArray) -> FloatArray:
    """Continued fraction of the incomplete beta function (Numerical Recipes ``betacf``)."""
    c = np.ones_like(x)
    d = 1.0 / _lentz_step(1.0 - (a + b) * x / (a + 1.0))
    h = d.copy()
    active = np.ones(x.shape, dtype=bool)
    for m in range(1, _MAX_TERMS):
        m2 = 2.0 * m
        for aa in (
            m * (b - m) * x / ((a - 1.0 + m2) * (a + m2)),
            -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1.0 + m2)),
        ):
            d = 1.0 / _lentz_step(1.0 + aa * d)
            c = _lentz_step(1.0 + aa / c)
            delta = np.where(active, d * c, 1.0)
            h *= delta
        active &= np.abs(delta - 1.0) > _EPS
        if not active.any():
            break
    return h


def _stirling_rest(x: FloatArray) -> FloatArray:
    """lgamma(x) − ((x − ½)·ln x − x + ½·ln 2π) for x ≥ 10 (asymptotic series)."""
    inv, inv2 = 1.0 / x, 1.0 / (x * x)
    series = 1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680 - inv2 / 1188)))
    return np.asarray(inv * series, dtype=np.float64)


def _lbeta(a: FloatArray, b: FloatArray) -> FloatArray:
    """ln B(a, b). For a large argument the difference lgamma(big) − lgamma(big + small) is
    taken from Stirling's series, which keeps full precision where plain lgamma values of
    ~10⁷ would cancel."""
    small, big = np.minimum(a, b), np.maximum(a, b)
    plain = np.array(
        [
            math.lgamma(p) + math.lgamma(q) - math.lgamma(p + q)
            for p, q in zip(small, big, strict=True)
        ]
    )
    safe = np.maximum(big, 10.0)
    stirling = (
        np.array([math.lgamma(p) for p in small])
        - (safe - 0.5) * np.log1p(small / safe)
        - small * np.log(safe + small)
        + small
        + _stirling_rest(safe)
        - _stirling_rest(safe + small)
    )
    return np.where(big >= 10.0, stirling, plain)


def betainc(a: FloatArray, b: FloatArray, x: FloatArray, y: FloatArray | None = None) -> FloatArray:
    """Regularized incomplete beta I_x(a, b) for 0 ≤ x ≤ 1, a, b > 0 (1-d arrays); pass
    ``y = 1 − x`` when it is known more precisely than ``1 - x``."""
    x = np.clip(x, 0.0, 1.0)
    y = 1.0 - x if y is None else np.clip(y, 0.0, 1.0)
    direct = x < (a + 1.0) / (a + b + 2.0)
    pa, pb = np.where(direct, a, b), np.where(direct, b, a)
    px, py = np.where(direct, x, y), np.where(direct, y, x)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore", under="ignore"):
        front = np.exp(pa * np.log(px) + pb * np.log(py) - _lbeta(pa, pb)) / pa
        part = front * _beta_fraction(pa, pb, px)
    part = np.where(px == 0.0, 0.0, part)
    return np.where(direct, part, 1.0 - part)


def t_pvalue(r: FloatArray, n: FloatArray) -> FloatArray:
    """Two-sided p of H0: ρ = 0, t = r·√((n − 2)/(1 − r²)) with n − 2 df; NaN for n < 3."""
    r = np.asarray(r, dtype=np.float64).ravel()
    df = np.asarray(n, dtype=np.float64).ravel() - 2.0
    ok = (df >= 1) & np.isfinite(r)
    p = np.full(r.shape, np.nan)
    if ok.any():
        rr, dd = np.clip(r[ok], -1.0, 1.0), df[ok]
        x, y = 1.0 - rr * rr, rr * rr  # x = df / (df + t²)
        p[ok] = np.clip(betainc(dd / 2.0, np.full_like(dd, 0.5), x, y), 0.0, 1.0)
    return p


def group_ranks(values: FloatArray, group: IntArray) -> FloatArray:
    """Ranks 1..n within each group, ties get their average rank (values without NaN)."""
    order = np.lexsort((values, group))
    v, g = values[order], group[order]
    size = len(v)
    starts_run = np.ones(size, dtype=bool)
    starts_run[1:] = (v[1:] != v[:-1]) | (g[1:] != g[:-1])
    starts_group = np.ones(size, dtype=bool)
    starts_group[1:] = g[1:] != g[:-1]
    position = np.arange(size, dtype=np.float64)
    run_start = np.flatnonzero(starts_run)
    run_end = np.append(run_start[1:], size) - 1
    run_mid = (run_start + run_end) / 2.0
    group_first = np.maximum.accumulate(np.where(starts_group, position, 0.0))
    ranks = np.empty(size)
    ranks[order] = run_mid[np.cumsum(starts_run) - 1] - group_first + 1.0
    return ranks


def _spearman_pair(x: FloatArray, y: FloatArray, grouping: Grouping) -> tuple[FloatArray, ...]:
    both = ~np.isnan(x) & ~np.isnan(y)
    index = grouping.index[both]
    matrix = np.column_stack([group_ranks(x[both], index), group_ranks(y[both], index)])
    sizes = np.bincount(index, minlength=grouping.n_groups)
    bounds = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    sub = Grouping(labels=grouping.labels, bounds=bounds, order=None)
    moments = pair_moments(matrix, sub)
    return moments.corr()[:, 0, 1], moments.n[:, 0, 1]


def _correlation(x: str, y: str, method: str, r: FloatArray, n: FloatArray) -> Correlation:
    low, high = fisher_ci(r, n)
    return Correlation(x, y, method, r, n.astype(np.int64), low, high, t_pvalue(r, n))


def score_correlations(
    scores: dict[str, FloatArray], grouping: Grouping, spearman: bool = False
) -> list[Correlation]:
    """Every pair of scale scores (rows in group order), Pearson then Spearman."""
    names = list(scores)
    if len(names) < 2:
        return []
    moments = pair_moments(np.column_stack([scores[name] for name in names]), grouping)
    r_all = moments.corr()
    pairs = [(i, j) for i in range(len(names)) for j in range(i + 1, len(names))]
    result = [
        _correlation(names[i], names[j], "pearson", r_all[:, i, j], moments.n[:, i, j])
        for i, j in pairs
    ]
    if spearman:
        for i, j in pairs:
            r, n = _spearman_pair(scores[names[i]], scores[names[j]], grouping)
            result.append(_correlation(names[i], names[j], "spearman", r, n))
    return result
