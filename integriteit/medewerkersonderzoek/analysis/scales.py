"""Multi-item scales per group: Cronbach's alpha (raw, standardized, listwise), McDonald's
omega, score mean and sd, item-rest correlations and alpha if an item is deleted.

Conventions of R's ``psych::alpha``: the item covariance matrix is pairwise-complete
(``cov(use = "pairwise")``); ``alpha_std`` uses that matrix rescaled to correlations;
``item_rest`` is psych's ``r.drop``, computed from the same pairwise covariance matrix as
the correlation of the item with the sum of the other items.

Omega total comes from a one-factor model fitted to the pairwise correlation matrix by
iterated principal axes (communalities start at the largest absolute correlation of each item
and are re-estimated until they change less than 1e-10, at most 2,000 iterations, clipped to
[0, 1]). At convergence this is the unweighted least-squares (minres) solution that
``psych::omega(nfactors = 1)`` fits. ``omega = (Σλ)² / ((Σλ)² + Σ(1 − λ²))`` — the
model-implied total variance; psych divides by the observed ``sum(R)`` instead, which differs
only as far as the one-factor model misfits.

With missing values a pairwise-complete covariance matrix need not be positive
semi-definite; alpha can then exceed 1 and item_rest leave [−1, 1], exactly as in psych.
``alpha_listwise`` (complete cases only) is always ≤ 1.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from integriteit.medewerkersonderzoek.analysis.data import FloatArray
from integriteit.medewerkersonderzoek.analysis.groups import Grouping, IntArray
from integriteit.medewerkersonderzoek.analysis.moments import group_mean_sd, pair_moments_many
from integriteit.medewerkersonderzoek.spec import Questionnaire, ScaleDef

OMEGA_TOLERANCE = 1e-10
OMEGA_MAX_ITERATIONS = 2000
POWER_STEPS = 3
_TINY = 1e-300


@dataclass(frozen=True)
class ScaleStats:
    """Arrays with one row per group; ``item_rest`` and ``alpha_if_deleted`` are (groups, k)."""

    code: str
    items: tuple[str, ...]
    reversed: tuple[str, ...]
    n_complete: IntArray
    alpha: FloatArray
    alpha_std: FloatArray
    alpha_listwise: FloatArray
    omega: FloatArray
    mean: FloatArray
    sd: FloatArray
    item_rest: FloatArray
    alpha_if_deleted: FloatArray
    scores: FloatArray  # per row, in group order


def scale_matrix(
    scale: ScaleDef,
    questionnaire: Questionnaire,
    columns: dict[str, FloatArray],
    order: IntArray | None = None,
) -> FloatArray:
    """(rows, k), column-major: "weet niet" and other missing codes as NaN, reversed items
    as max + min − x; rows taken in ``order`` when given (a grouping's sort order)."""
    rows = len(next(iter(columns.values()))) if columns else 0
    if order is not None:
        rows = len(order)
    matrix = np.empty((rows, len(scale.items)), order="F")  # columns contiguous
    for j, code in enumerate(scale.items):
        target = matrix[:, j]
        if order is None:
            target[:] = columns[code]
        else:
            np.take(columns[code], order, out=target)
        response = questionnaire.scale_of(questionnaire.item(code))
        if response is not None:
            if response.missing:
                np.copyto(target, np.nan, where=np.isin(target, response.missing))
            if code in scale.reversed:
                low, high = min(response.substantive), max(response.substantive)
                np.subtract(float(high + low), target, out=target)
    return matrix


def scale_scores(matrix: FloatArray, min_items: int) -> FloatArray:
    """Mean of the answered items; NaN when fewer than ``min_items`` were answered."""
    valid = ~np.isnan(matrix)
    answered = valid.sum(axis=1)
    total = np.where(valid, matrix, 0.0).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        scores = np.asarray(total / answered, dtype=np.float64)
    scores[answered < max(min_items, 1)] = np.nan
    return scores


def alpha_from_cov(cov: FloatArray) -> FloatArray:
    """Cronbach's alpha k/(k−1)·(1 − trace(C)/sum(C)) for a stack of (k, k) matrices."""
    k = cov.shape[-1]
    if k < 2:
        return np.full(cov.shape[:-2], np.nan)
    trace = np.trace(cov, axis1=-2, axis2=-1)
    total = cov.sum(axis=(-2, -1))
    with np.errstate(divide="ignore", invalid="ignore"):
        alpha = k / (k - 1) * (1.0 - trace / total)
    # A total variance that is zero up to rounding (constant answers) gives no alpha, not
    # a huge number from dividing by 1e-17.
    return np.asarray(np.where(_is_zero(total, trace), np.nan, alpha))


def _is_zero(value: FloatArray, scale: FloatArray) -> FloatArray:
    """True where ``value`` is zero up to floating-point rounding relative to ``scale``."""
    return np.asarray(np.abs(value) <= _RELATIVE_ZERO * np.maximum(np.abs(scale), 1.0))


_RELATIVE_ZERO = 1e-10


def cov_to_corr(cov: FloatArray) -> FloatArray:
    variances = np.diagonal(cov, axis1=-2, axis2=-1)
    # Items without variance (up to rounding) have no correlation with anything.
    sd = np.where(_is_zero(variances, variances), np.nan, np.sqrt(np.abs(variances)))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(cov / (sd[..., :, None] * sd[..., None, :]))


def alpha_if_deleted(cov: FloatArray) -> FloatArray:
    """(…, k): raw alpha of the covariance matrix without item i."""
    k = cov.shape[-1]
    columns = []
    for i in range(k):
        keep = [j for j in range(k) if j != i]
        columns.append(alpha_from_cov(cov[..., keep, :][..., :, keep]))
    return np.stack(columns, axis=-1)


def item_rest(cov: FloatArray) -> FloatArray:
    """(…, k): psych's r.drop — correlation of item i with the sum of the other items."""
    total = cov.sum(axis=(-2, -1))[..., None]
    own = np.diagonal(cov, axis1=-2, axis2=-1)
    with_rest = cov.sum(axis=-1) - own
    rest_var = total - 2.0 * cov.sum(axis=-1) + own
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(with_rest / np.sqrt(own * rest_var))


def _top_eigenpair(matrices: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Largest eigenvalue and its unit eigenvector of a stack of symmetric matrices."""
    values, vectors = np.linalg.eigh(matrices)
    return values[..., -1], vectors[..., -1]


def _power_steps(reduced: FloatArray, vector: FloatArray) -> tuple[FloatArray, FloatArray]:
    """A few steps of the power method from ``vector`` (the previous iteration's eigenvector,
    so already close): Rayleigh quotient and vector. The matrices are shifted by their
    Gershgorin lower bound, so the dominant eigenvalue is the largest, as ``eigh``'s."""
    k = reduced.shape[-1]
    diagonal = np.arange(k)
    centre = reduced[..., diagonal, diagonal]
    radius = np.abs(reduced).sum(axis=-1) - np.abs(centre)
    shift = np.maximum(0.0, -(centre - radius).min(axis=-1))[..., None]
    for _ in range(POWER_STEPS):
        vector = np.einsum("gij,gj->gi", reduced, vector) + shift * vector
        vector /= np.maximum(np.sqrt((vector * vector).sum(axis=-1)), _TINY)[..., None]
    value = np.einsum("gi,gij,gj->g", vector, reduced, vector)
    return value, vector


def _paf_step(
    reduced: FloatArray, value: FloatArray, vector: FloatArray
) -> tuple[FloatArray, FloatArray]:
    fitted = vector * np.sqrt(np.maximum(value, 0.0))[..., None]
    return np.clip(fitted * fitted, 0.0, 1.0), fitted


def one_factor_loadings(corr: FloatArray) -> FloatArray:
    """(…, k) loadings of a one-factor model by iterated principal axes, oriented to a
    positive sum; NaN where the correlation matrix is incomplete.

    Each iteration needs the top eigenpair of the reduced correlation matrix. It moves
    little from one iteration to the next, so a few power steps from the previous vector
    find it (much cheaper than ``eigh`` on thousands of small matrices); a group counts as
    converged only when an exact ``eigh`` step confirms it."""
    k = corr.shape[-1]
    shape = corr.shape[:-1]
    corr = corr.reshape(-1, k, k)
    ok = np.asarray(np.isfinite(corr).all(axis=(-2, -1)))
    work = np.where(ok[..., None, None], corr, np.eye(k))
    communality = np.abs(work - np.eye(k)).max(axis=-1)
    diagonal = np.arange(k)
    start = work.copy()
    start[..., diagonal, diagonal] = communality
    _, vector = _top_eigenpair(start)
    loadings = np.zeros(work.shape[:-1])
    active = np.ones(work.shape[:-2], dtype=bool)
    for _ in range(OMEGA_MAX_ITERATIONS):
        rows = np.flatnonzero(active)
        reduced = work[rows]
        reduced[..., diagonal, diagonal] = communality[rows]
        new, fitted = _paf_step(reduced, *_power_steps(reduced, vector[rows]))
        done = np.abs(new - communality[rows]).max(axis=-1) < OMEGA_TOLERANCE
        if done.any():  # confirm with the exact eigenpair
            exact_value, exact_vector = _top_eigenpair(reduced[done])
            exact, exact_fitted = _paf_step(reduced[done], exact_value, exact_vector)
            new[done], fitted[done] = exact, exact_fitted
            done[done] = np.abs(exact - communality[rows[done]]).max(axis=-1) < OMEGA_TOLERANCE
        communality[rows] = new
        vector[rows] = fitted / np.maximum(np.sqrt((fitted * fitted).sum(-1)), _TINY)[..., None]
        loadings[rows] = np.sign(fitted) * np.sqrt(new)
        active[rows[done]] = False
        if not active.any():
            break
    loadings *= np.where(loadings.sum(axis=-1) < 0, -1.0, 1.0)[..., None]
    return np.where(ok[..., None], loadings, np.nan).reshape(shape)


def omega_total(corr: FloatArray) -> FloatArray:
    """McDonald's omega total of a one-factor model, (Σλ)² / ((Σλ)² + Σ(1 − λ²))."""
    if corr.shape[-1] < 2:
        return np.full(corr.shape[:-2], np.nan)
    loadings = one_factor_loadings(corr)
    common = loadings.sum(axis=-1) ** 2
    unique = (1.0 - loadings**2).sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(common / (common + unique))


def scale_stats(
    scale: ScaleDef,
    questionnaire: Questionnaire,
    columns: dict[str, FloatArray],
    grouping: Grouping,
) -> ScaleStats:
    """All statistics of one scale for every group of ``grouping``."""
    matrix = scale_matrix(
        scale, questionnaire, {c: columns[c] for c in scale.items}, grouping.order
    )
    complete = np.asarray(~np.isnan(matrix).any(axis=1))
    pairwise_moments, listwise_moments = pair_moments_many(
        [matrix, matrix], grouping, listwise=[False, True]
    )
    cov, listwise = pairwise_moments.cov, listwise_moments.cov
    scores = scale_scores(matrix, scale.min_items)
    _, mean, sd = group_mean_sd(scores, grouping)
    return ScaleStats(
        code=scale.code,
        items=scale.items,
        reversed=scale.reversed,
        n_complete=grouping.total(complete.astype(np.float64)).astype(np.int64),
        alpha=alpha_from_cov(cov),
        alpha_std=alpha_from_cov(cov_to_corr(cov)),
        alpha_listwise=alpha_from_cov(listwise),
        omega=omega_total(cov_to_corr(cov)),
        mean=mean,
        sd=sd,
        item_rest=item_rest(cov),
        alpha_if_deleted=alpha_if_deleted(cov),
        scores=scores,
    )
