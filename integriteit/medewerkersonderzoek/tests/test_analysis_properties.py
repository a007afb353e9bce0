"""Property tests on random data: alpha ≤ 1, |r| ≤ 1, the CI contains r, p in [0, 1].

alpha ≤ 1 holds for a positive semi-definite covariance matrix: always for
``alpha_listwise``, and for the pairwise statistics when the data are complete. With missing
values the pairwise-complete matrix (psych's convention) need not be PSD, and then alpha,
alpha_std, alpha_if_deleted and item_rest are unbounded, exactly as in psych::alpha.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from integriteit.medewerkersonderzoek.analysis.correlations import fisher_ci, t_pvalue
from integriteit.medewerkersonderzoek.analysis.data import responses_from_arrays
from integriteit.medewerkersonderzoek.analysis.report import survey_analyze
from integriteit.medewerkersonderzoek.tests.test_analysis_engine import small_questionnaire

CODES = [1.0, 2.0, 3.0, 4.0, 5.0, 9.0, math.nan]
SCALE_COLUMNS = ["a1", "a2", "a3", "a4", "b1", "b2", "b3"]


@st.composite
def datasets(draw: st.DrawFn, complete: bool) -> dict[str, np.ndarray]:
    n = draw(st.integers(min_value=0, max_value=60))
    codes = CODES[:5] if complete else CODES
    columns = {
        code: draw(arrays(np.float64, n, elements=st.sampled_from(codes))) for code in SCALE_COLUMNS
    }
    columns["rol"] = draw(arrays(np.float64, n, elements=st.sampled_from([1.0, 2.0, math.nan])))
    for option in (1, 2, 3):
        columns[f"reden_{option}"] = draw(
            arrays(np.float64, n, elements=st.sampled_from([0.0, 1.0, math.nan]))
        )
    return columns


def _check_scale(scale: dict[str, Any], complete: bool) -> None:
    bounded = ("alpha", "alpha_std", "alpha_listwise", "omega") if complete else ()
    for key in (*bounded, "alpha_listwise", "omega"):
        assert scale[key] is None or scale[key] <= 1 + 1e-9
    if complete:
        assert all(v is None or v <= 1 + 1e-9 for v in scale["alpha_if_deleted"].values())
        assert all(v is None or abs(v) <= 1 + 1e-9 for v in scale["item_rest"].values())


def _check_correlation(corr: dict[str, Any]) -> None:
    r, (low, high), p = corr["r"], corr["ci95"], corr["p"]
    assert r is None or -1 <= r <= 1
    assert low is None or low <= r <= high
    assert p is None or 0 <= p <= 1


def _check_section(section: dict[str, Any], complete: bool) -> None:
    for scale in section["scales"].values():
        _check_scale(scale, complete)
    for corr in section["correlations"]:
        _check_correlation(corr)
    for item in section["items"].values():
        for pct in (*item["percent"].values(), item["agree_pct"]):
            assert pct is None or 0 <= pct <= 100


@settings(max_examples=150, deadline=None)
@given(data=st.data(), complete=st.booleans(), spearman=st.booleans())
def test_statistics_stay_in_range(data: st.DataObject, complete: bool, spearman: bool) -> None:
    columns = data.draw(datasets(complete))
    n = len(columns["a1"])
    groups = np.array([("x", "y")[i % 2] for i in range(n)])
    result = survey_analyze(
        small_questionnaire(), responses_from_arrays(columns, groups), spearman=spearman
    )
    _check_section(result, complete)
    for section in result["groups"].values():
        if not section["suppressed"]:
            _check_section(section, complete)


@settings(max_examples=300, deadline=None)
@given(
    r=st.floats(min_value=-1, max_value=1, allow_nan=False),
    n=st.integers(min_value=4, max_value=2_000_000),
)
def test_ci_contains_r_and_p_is_a_probability(r: float, n: int) -> None:
    low, high = fisher_ci(np.array([r]), np.array([float(n)]))
    assert low[0] <= r <= high[0]
    assert -1 <= low[0] <= high[0] <= 1
    p = t_pvalue(np.array([r]), np.array([float(n)]))[0]
    assert 0 <= p <= 1
