"""The analysis engine against the plain reference implementation (tests/reference.py) on a
small dataset with reversed items, "weet niet" codes, empty cells, min_items and groups."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

from integriteit.medewerkersonderzoek.analysis.correlations import (
    betainc,
    fisher_ci,
    group_ranks,
    t_pvalue,
)
from integriteit.medewerkersonderzoek.analysis.data import FloatArray, responses_from_arrays
from integriteit.medewerkersonderzoek.analysis.groups import grouping_single
from integriteit.medewerkersonderzoek.analysis.report import survey_analyze
from integriteit.medewerkersonderzoek.analysis.scales import alpha_from_cov, omega_total
from integriteit.medewerkersonderzoek.spec import (
    Block,
    Item,
    Option,
    Questionnaire,
    ResponseScale,
    ScaleDef,
)
from integriteit.medewerkersonderzoek.tests import reference as ref

EENS = ResponseScale(
    code="eens5",
    values=(1, 2, 3, 4, 5, 9),
    labels={1: "Helemaal oneens", 2: "Oneens", 3: "Neutraal", 4: "Eens", 5: "Helemaal eens"},
    agree=(4, 5),
    missing=(9,),
)
Labels = NDArray[np.str_]
Analysed = tuple[dict[str, Any], dict[str, FloatArray], Labels]
GROUP_SIZES = {"a": 120, "b": 100, "c": 60, "d": 12, "e": 8}


def _scale_item(code: str) -> Item:
    return Item(code=code, text=code, kind="scale", block="b1", scale="eens5")


def small_questionnaire() -> Questionnaire:
    items = (
        *(_scale_item(f"a{i}") for i in range(1, 5)),
        *(_scale_item(f"b{i}") for i in range(1, 4)),
        Item("rol", "Rol", "single", "b1", options=(Option(1, "mw"), Option(2, "lg"))),
        Item("reden", "Reden", "multi", "b1", options=tuple(Option(i, str(i)) for i in (1, 2, 3))),
        Item("toelichting", "Toelichting", "text", "b1"),
    )
    return Questionnaire(
        code="test",
        version=1,
        title="Test",
        response_scales={"eens5": EENS},
        blocks=(Block("b1", "Blok", items),),
        scales=(
            ScaleDef("sa", "A", ("a1", "a2", "a3", "a4"), reversed=("a3",), min_items=3),
            ScaleDef("sb", "B", ("b1", "b2", "b3"), min_items=2),
        ),
    )


def small_columns(seed: int = 7) -> tuple[dict[str, FloatArray], Labels]:
    rng = np.random.default_rng(seed)
    groups = np.array([g for g, n in GROUP_SIZES.items() for _ in range(n)])
    rng.shuffle(groups)
    n = len(groups)
    latent = rng.normal(size=n)
    columns: dict[str, FloatArray] = {}
    for code, weight in [("a1", 1), ("a2", 1), ("a3", -1), ("a4", 1), ("b1", 1), ("b2", 1)]:
        raw = np.clip(np.round(3 + weight * latent + rng.normal(size=n)), 1, 5)
        raw[rng.random(n) < 0.08] = 9
        raw[rng.random(n) < 0.08] = np.nan
        columns[code] = raw
    columns["b3"] = np.clip(np.round(3 + 0.5 * latent + rng.normal(size=n)), 1, 5)
    columns["rol"] = rng.choice([1.0, 2.0, np.nan], size=n)
    asked = rng.random(n) < 0.6
    for option in (1, 2, 3):
        columns[f"reden_{option}"] = np.where(asked, (rng.random(n) < 0.4) * 1.0, np.nan)
    return columns, groups


@pytest.fixture(scope="module")
def analysed() -> Analysed:
    columns, groups = small_columns()
    data = responses_from_arrays(columns, groups)
    return survey_analyze(small_questionnaire(), data, spearman=True), columns, groups


def _subsets(
    columns: dict[str, FloatArray], groups: Labels, result: dict[str, Any]
) -> Iterator[tuple[dict[str, Any], dict[str, FloatArray]]]:
    yield result, columns
    for label, section in result["groups"].items():
        if not section["suppressed"]:
            yield section, {k: v[groups == label] for k, v in columns.items()}


def test_items_match_reference(analysed: Analysed) -> None:
    result, columns, groups = analysed
    for section, cols in _subsets(columns, groups, result):
        for code in ("a1", "a3", "b3"):
            expected = ref.item_reference(cols[code], [1, 2, 3, 4, 5, 9], [9], [4, 5])
            got = section["items"][code]
            assert got["n"] == expected["n"] and got["missing"] == expected["missing"]
            assert got["counts"] == expected["counts"]
            assert got["percent"] == pytest.approx(expected["percent"])
            assert got["mean"] == pytest.approx(expected["mean"])
            assert got["agree_pct"] == pytest.approx(expected["agree_pct"])
        rol = ref.item_reference(cols["rol"], [1, 2], [], [])
        assert section["items"]["rol"]["counts"] == rol["counts"]
        assert section["items"]["rol"]["mean"] is None
        assert section["items"]["rol"]["agree_pct"] is None
        assert "toelichting" not in section["items"]


def test_multi_item_counts_chosen_options_among_asked(analysed: Analysed) -> None:
    result, columns, _ = analysed
    asked = ~np.isnan(columns["reden_1"])
    reden = result["items"]["reden"]
    assert reden["n"] == asked.sum()
    assert reden["missing"] == (~asked).sum()
    for option in ("1", "2", "3"):
        chosen = int((columns[f"reden_{option}"] == 1).sum())
        assert reden["counts"][option] == chosen
        assert reden["percent"][option] == pytest.approx(100 * chosen / asked.sum())


def _reference_matrix(cols: dict[str, FloatArray], items: list[str], rev: list[str]) -> FloatArray:
    return np.column_stack([ref.recode(cols[c], [9], 1, 5, c in rev) for c in items])


@pytest.mark.parametrize(
    ("code", "items", "rev", "min_items"),
    [("sa", ["a1", "a2", "a3", "a4"], ["a3"], 3), ("sb", ["b1", "b2", "b3"], [], 2)],
)
def test_scales_match_reference(
    analysed: Analysed, code: str, items: list[str], rev: list[str], min_items: int
) -> None:
    result, columns, groups = analysed
    for section, cols in _subsets(columns, groups, result):
        got = section["scales"][code]
        matrix = _reference_matrix(cols, items, rev)
        cov = ref.pairwise_cov(matrix)
        complete = matrix[~np.isnan(matrix).any(axis=1)]
        assert got["n_complete"] == len(complete)
        assert got["alpha"] == pytest.approx(ref.alpha(cov), rel=1e-10)
        assert got["alpha_std"] == pytest.approx(ref.alpha(ref.to_corr(cov)), rel=1e-10)
        assert got["alpha_listwise"] == pytest.approx(ref.alpha(np.cov(complete.T)), rel=1e-10)
        assert got["omega"] == pytest.approx(ref.omega(ref.to_corr(cov)), rel=1e-7)
        mean, sd = ref.mean_sd(ref.scores(matrix, min_items))
        assert got["mean"] == pytest.approx(mean, rel=1e-12)
        assert got["sd"] == pytest.approx(sd, rel=1e-10)
        for i, item in enumerate(items):
            assert got["item_rest"][item] == pytest.approx(ref.r_drop(cov, i), rel=1e-10)
            dropped = ref.alpha(ref.without(cov, i))
            assert got["alpha_if_deleted"][item] == pytest.approx(dropped, rel=1e-10)


def test_correlations_match_reference(analysed: Analysed) -> None:
    result, columns, groups = analysed
    q = small_questionnaire()
    for section, cols in _subsets(columns, groups, result):
        sa = ref.scores(_reference_matrix(cols, list(q.scales[0].items), ["a3"]), 3)
        sb = ref.scores(_reference_matrix(cols, list(q.scales[1].items), []), 2)
        pearson, spearman = section["correlations"]
        for got, (r, n) in [(pearson, ref.pearson(sa, sb)), (spearman, ref.spearman(sa, sb))]:
            assert (got["x"], got["y"], got["n"]) == ("sa", "sb", n)
            assert got["r"] == pytest.approx(r, rel=1e-10)
            assert got["ci95"] == pytest.approx(list(ref.fisher_ci(r, n)), rel=1e-6)
            assert got["p"] == pytest.approx(ref.t_two_sided_p(r, n), rel=1e-6, abs=1e-12)
        assert (pearson["method"], spearman["method"]) == ("pearson", "spearman")


def test_output_keys_and_suppressed_groups(analysed: Analysed) -> None:
    result, _, _ = analysed
    assert set(result) == {"n_responses", "items", "scales", "correlations", "groups"}
    assert result["n_responses"] == sum(GROUP_SIZES.values())
    assert set(result["items"]["a1"]) == {"n", "missing", "counts", "percent", "mean", "agree_pct"}
    assert set(result["scales"]["sa"]) == {
        "items", "reversed", "n_complete", "alpha", "alpha_std", "alpha_listwise", "omega",
        "mean", "sd", "item_rest", "alpha_if_deleted",
    }  # fmt: skip
    assert set(result["correlations"][0]) == {"x", "y", "method", "r", "n", "ci95", "p"}
    # e (8) is below 10; d (12) is suppressed as well, otherwise total − visible = e.
    assert result["groups"]["e"] == {"suppressed": True, "n": None}
    assert result["groups"]["d"] == {"suppressed": True, "n": None}
    assert result["groups"]["c"]["n"] == 60 and not result["groups"]["c"]["suppressed"]


def test_alpha_textbook_example() -> None:
    # Covariance matrix with variances 1 and covariances 0.5 for 4 items:
    # alpha = 4/3 · (1 − 4/10) = 0.8; the same for alpha_std.
    cov = np.full((4, 4), 0.5) + 0.5 * np.eye(4)
    assert alpha_from_cov(cov) == pytest.approx(0.8)
    # Parallel items with loadings 0.7: omega = (2.8)² / (2.8² + 4·0.51).
    corr = np.full((4, 4), 0.49) + 0.51 * np.eye(4)
    assert omega_total(corr) == pytest.approx(2.8**2 / (2.8**2 + 4 * 0.51), rel=1e-9)


def test_alpha_of_raw_data_textbook() -> None:
    # Five respondents, three items; alpha computed by hand: item variances 1.3, 1.7, 1.3
    # (sum 4.3), total-score variance 11.2 → alpha = 1.5 · (1 − 4.3/11.2) = 0.9241.
    matrix = np.array([[1, 2, 2], [2, 1, 3], [3, 3, 3], [4, 4, 5], [3, 4, 4]], dtype=float)
    assert alpha_from_cov(np.cov(matrix.T)) == pytest.approx(1.5 * (1 - 4.3 / 11.2))


def test_item_rest_equals_correlation_with_rest_score_on_complete_data() -> None:
    columns, _ = small_columns(seed=3)
    for code in ("b1", "b2", "b3"):
        columns[code] = np.where(np.isnan(columns[code]) | (columns[code] == 9), 3.0, columns[code])
    result = survey_analyze(small_questionnaire(), responses_from_arrays(columns))
    b = np.column_stack([columns[c] for c in ("b1", "b2", "b3")])
    rest = b[:, 1:].sum(axis=1)
    assert result["scales"]["sb"]["item_rest"]["b1"] == pytest.approx(
        np.corrcoef(b[:, 0], rest)[0, 1], rel=1e-10
    )


def test_perfect_correlation_has_degenerate_ci_and_zero_p() -> None:
    r, n = np.array([1.0, -1.0]), np.array([50.0, 50.0])
    low, high = fisher_ci(r, n)
    assert list(low) == [1.0, -1.0] and list(high) == [1.0, -1.0]
    assert list(t_pvalue(r, n)) == [0.0, 0.0]


def test_small_n_gives_no_ci_or_p() -> None:
    low, high = fisher_ci(np.array([0.5]), np.array([3.0]))
    assert math.isnan(low[0]) and math.isnan(high[0])
    assert math.isnan(t_pvalue(np.array([0.5]), np.array([2.0]))[0])
    assert t_pvalue(np.array([0.0]), np.array([10.0]))[0] == pytest.approx(1.0)


@pytest.mark.parametrize(("r", "n"), [(0.3, 10), (0.05, 400), (0.9, 5), (0.01, 30), (0.2, 101)])
def test_p_value_matches_numerical_integration(r: float, n: int) -> None:
    expected = ref.t_two_sided_p(r, n)
    assert t_pvalue(np.array([r]), np.array([float(n)]))[0] == pytest.approx(expected, rel=1e-7)


def test_betainc_known_values() -> None:
    a, b = np.array([1.0, 2.0, 0.5]), np.array([1.0, 1.0, 0.5])
    x = np.array([0.3, 0.5, 0.5])
    # I_x(1,1) = x; I_x(2,1) = x²; I_½(½,½) = ½ (symmetry).
    assert betainc(a, b, x) == pytest.approx([0.3, 0.25, 0.5], rel=1e-12)


def test_group_ranks_average_ties_within_groups() -> None:
    values = np.array([3.0, 1.0, 3.0, 2.0, 5.0, 5.0, 4.0])
    group = np.array([0, 0, 0, 0, 1, 1, 1])
    assert list(group_ranks(values, group)) == [3.5, 1.0, 3.5, 2.0, 2.5, 2.5, 1.0]


def test_empty_data_gives_nulls_not_errors() -> None:
    q = small_questionnaire()
    columns = {name: np.array([], dtype=float) for name in small_columns()[0]}
    result = survey_analyze(q, responses_from_arrays(columns, np.array([], dtype=str)))
    assert result["n_responses"] == 0 and result["groups"] == {}
    assert result["scales"]["sa"]["alpha"] is None
    assert result["items"]["a1"]["percent"]["1"] is None
    assert grouping_single(0).n_groups == 1


def test_item_counts_with_large_or_negative_codes() -> None:
    item = Item("x", "X", "single", "b", options=(Option(2000, "a"), Option(-3, "b")))
    q = Questionnaire("t", 1, "T", {}, (Block("b", "B", (item,)),))
    values = np.array([2000.0, -3.0, np.nan, 2000.0])
    result = survey_analyze(q, responses_from_arrays({"x": values}))
    assert result["items"]["x"]["counts"] == {"2000": 2, "-3": 1}
    assert result["items"]["x"]["missing"] == 1


def test_missing_code_outside_values_counts_in_shares_not_in_means() -> None:
    """DESIGN.md's scale: values 1-5 and missing [9] outside them; 9 is a valid answer."""
    from integriteit.medewerkersonderzoek.analysis.data import ResponseData
    from integriteit.medewerkersonderzoek.analysis.report import survey_analyze
    from integriteit.medewerkersonderzoek.spec import Block, Item, Questionnaire, ResponseScale

    scale = ResponseScale(
        code="agree5",
        values=(1, 2, 3, 4, 5),
        labels={1: "1", 2: "2", 3: "3", 4: "4", 5: "5"},
        agree=(4, 5),
        missing=(9,),
    )
    item = Item(code="vb1", text="Goed voorbeeld", kind="scale", block="b", scale="agree5")
    questionnaire = Questionnaire(
        code="q",
        version=1,
        title="q",
        response_scales={"agree5": scale},
        blocks=(Block(code="b", title="b", items=(item,)),),
    )
    data = ResponseData(columns={"vb1": np.array([5.0, 4.0, 9.0, 2.0])}, n_rows=4)
    result = survey_analyze(questionnaire, data)["items"]["vb1"]
    assert result["counts"]["9"] == 1
    assert result["agree_pct"] == 50.0
    assert result["mean"] == pytest.approx((5 + 4 + 2) / 3)
