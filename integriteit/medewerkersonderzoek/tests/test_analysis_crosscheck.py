"""Optional cross-checks against scipy and pingouin (not dependencies of the project; the
tests are skipped where they are not installed)."""

from __future__ import annotations

import numpy as np
import pytest

from integriteit.medewerkersonderzoek.analysis.correlations import betainc, t_pvalue
from integriteit.medewerkersonderzoek.analysis.data import FloatArray, responses_from_arrays
from integriteit.medewerkersonderzoek.analysis.report import survey_analyze
from integriteit.medewerkersonderzoek.analysis.scales import one_factor_loadings
from integriteit.medewerkersonderzoek.tests.test_analysis_engine import (
    small_columns,
    small_questionnaire,
)

REASON = "scipy/pandas/pingouin are only used for optional local cross-checks"


def test_p_values_match_scipy() -> None:
    stats = pytest.importorskip("scipy.stats", reason=REASON)
    rng = np.random.default_rng(1)
    n = np.concatenate([rng.integers(3, 60, 300), rng.integers(60, 2_000_000, 300)])
    r = rng.uniform(-1, 1, 600) * np.where(rng.random(600) < 0.5, 1.0, 0.01)
    t = r * np.sqrt((n - 2) / (1 - r * r))
    expected = 2 * stats.t.sf(np.abs(t), n - 2)
    got = t_pvalue(r, n.astype(float))
    assert np.allclose(got, expected, rtol=1e-9, atol=1e-300)


def test_betainc_matches_scipy() -> None:
    special = pytest.importorskip("scipy.special", reason=REASON)
    rng = np.random.default_rng(2)
    a, b, x = rng.uniform(0.1, 50, 500), rng.uniform(0.1, 50, 500), rng.uniform(0, 1, 500)
    assert np.allclose(betainc(a, b, x), special.betainc(a, b, x), rtol=1e-10, atol=1e-14)


def test_spearman_and_pearson_match_scipy() -> None:
    stats = pytest.importorskip("scipy.stats", reason=REASON)
    columns, groups = small_columns()
    result = survey_analyze(
        small_questionnaire(), responses_from_arrays(columns, groups), spearman=True
    )
    pearson, spearman = result["correlations"]
    sa = _score(columns, ["a1", "a2", "a3", "a4"], "a3", 3)
    sb = _score(columns, ["b1", "b2", "b3"], None, 2)
    both = ~np.isnan(sa) & ~np.isnan(sb)
    expected = stats.pearsonr(sa[both], sb[both])
    assert pearson["r"] == pytest.approx(expected.statistic, rel=1e-12)
    assert pearson["p"] == pytest.approx(expected.pvalue, rel=1e-8)
    rho = stats.spearmanr(sa[both], sb[both])
    assert spearman["r"] == pytest.approx(rho.statistic, rel=1e-12)


def _score(
    columns: dict[str, FloatArray], items: list[str], reversed_item: str | None, min_items: int
) -> FloatArray:
    matrix = np.column_stack([np.where(columns[c] == 9, np.nan, columns[c]) for c in items])
    if reversed_item:
        j = items.index(reversed_item)
        matrix[:, j] = 6 - matrix[:, j]
    answered = (~np.isnan(matrix)).sum(axis=1)
    with np.errstate(invalid="ignore"):
        score = np.nansum(matrix, axis=1) / answered
    return np.where(answered >= min_items, score, np.nan)


def test_alpha_matches_pingouin() -> None:
    pingouin = pytest.importorskip("pingouin", reason=REASON)
    pandas = pytest.importorskip("pandas", reason=REASON)
    columns, groups = small_columns()
    result = survey_analyze(small_questionnaire(), responses_from_arrays(columns, groups))
    frame = pandas.DataFrame(
        {c: np.where(columns[c] == 9, np.nan, columns[c]) for c in ["a1", "a2", "a4"]}
    )
    frame["a3"] = 6 - np.where(columns["a3"] == 9, np.nan, columns["a3"])
    alpha, _ = pingouin.cronbach_alpha(frame[["a1", "a2", "a3", "a4"]], nan_policy="pairwise")
    assert result["scales"]["sa"]["alpha"] == pytest.approx(alpha, rel=1e-10)
    listwise, _ = pingouin.cronbach_alpha(frame[["a1", "a2", "a3", "a4"]], nan_policy="listwise")
    assert result["scales"]["sa"]["alpha_listwise"] == pytest.approx(listwise, rel=1e-10)


def test_one_factor_fit_is_the_minres_minimum() -> None:
    optimize = pytest.importorskip("scipy.optimize", reason=REASON)
    rng = np.random.default_rng(4)
    loadings = np.array([0.8, 0.7, 0.6, 0.5, 0.4])
    sample = rng.normal(size=(400, 1)) * loadings + rng.normal(size=(400, 5)) * np.sqrt(
        1 - loadings**2
    )
    corr = np.corrcoef(sample.T)
    off = ~np.eye(5, dtype=bool)

    def residual(lam: np.ndarray) -> float:
        return float((((corr - np.outer(lam, lam)) ** 2)[off]).sum())

    best = optimize.minimize(residual, np.full(5, 0.5), method="BFGS", options={"gtol": 1e-12})
    assert one_factor_loadings(corr) == pytest.approx(np.abs(best.x), abs=1e-6)
