"""Non-response weighting: post-stratification, raking, weighted percentages, Kish's n."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given, settings
from hypothesis import strategies as st

from integriteit.medewerkersonderzoek.analysis.data import responses_from_arrays
from integriteit.medewerkersonderzoek.analysis.report import survey_analyze
from integriteit.medewerkersonderzoek.analysis.weights import (
    WeightsError,
    kish_n_effective,
    margins_read_csv,
    weights_compute,
)
from integriteit.medewerkersonderzoek.management.commands import analyze_survey
from integriteit.medewerkersonderzoek.tests import reference as ref
from integriteit.medewerkersonderzoek.tests.test_analysis_engine import (
    small_columns,
    small_questionnaire,
)

UNITS = {"a": 400.0, "b": 150.0, "c": 90.0, "d": 30.0, "e": 80.0}


def _roles(n: int) -> np.ndarray:
    return np.array([("leiding", "medewerker", "medewerker")[i % 3] for i in range(n)])


def test_post_stratification_gives_population_over_respondents() -> None:
    _, groups = small_columns()
    weights, info = weights_compute({"unit": groups}, {"unit": UNITS})
    expected = ref.rake([{"unit": str(g)} for g in groups], {"unit": UNITS})
    assert weights == pytest.approx(expected, rel=1e-12)
    for unit, population in UNITS.items():
        assert weights[groups == unit] == pytest.approx(population / (groups == unit).sum())
    assert info.variables == ("unit",) and info.converged and info.iterations <= 2
    assert info.n_effective == pytest.approx(weights.sum() ** 2 / (weights**2).sum())
    assert info.n_effective < len(groups)


def test_raking_matches_the_reference_and_reproduces_both_margins() -> None:
    _, groups = small_columns()
    roles = _roles(len(groups))
    margins = {"unit": UNITS, "rol": {"leiding": 150.0, "medewerker": 600.0}}
    weights, info = weights_compute({"unit": groups, "rol": roles}, margins)
    rows = [{"unit": str(u), "rol": str(r)} for u, r in zip(groups, roles, strict=True)]
    assert weights == pytest.approx(ref.rake(rows, margins), rel=1e-9)
    assert info.converged and info.iterations > 1
    for unit, population in UNITS.items():
        assert weights[groups == unit].sum() == pytest.approx(population, rel=1e-5)
    for role, population in margins["rol"].items():
        assert weights[roles == role].sum() == pytest.approx(population * 750 / 750, rel=1e-5)


def test_weighted_item_statistics_match_the_reference() -> None:
    columns, groups = small_columns()
    weights, info = weights_compute({"unit": groups}, {"unit": UNITS})
    data = responses_from_arrays(columns, groups)
    result = survey_analyze(small_questionnaire(), data, weighting=(weights, info))
    unweighted = survey_analyze(small_questionnaire(), data)
    assert result["weights"] == {
        "variables": ["unit"],
        "n_effective": pytest.approx(kish_n_effective(weights)),
        "iterations": info.iterations,
        "converged": True,
    }
    for code in ("a1", "a3", "b2"):
        expected = ref.weighted_item(columns[code], list(weights), [1, 2, 3, 4, 5, 9], [9], [4, 5])
        got = result["items"][code]["weighted"]
        assert got["percent"] == pytest.approx(expected["percent"], rel=1e-12)
        assert got["agree_pct"] == pytest.approx(expected["agree_pct"], rel=1e-12)
        assert got["mean"] == pytest.approx(expected["mean"], rel=1e-12)
        for unit, section in result["groups"].items():
            if section["suppressed"]:
                continue
            inside = groups == unit
            local = ref.weighted_item(
                columns[code][inside], list(weights[inside]), [1, 2, 3, 4, 5, 9], [9], [4, 5]
            )
            assert section["items"][code]["weighted"]["percent"] == pytest.approx(
                local["percent"], rel=1e-12
            )
            # Within one unit the post-stratification weight is constant: as unweighted.
            assert local["percent"] == pytest.approx(
                {k: v for k, v in unweighted["groups"][unit]["items"][code]["percent"].items()}
            )
    # Every existing key is unchanged.
    assert _strip(result) == unweighted
    assert all(
        section == {"suppressed": True, "n": None}
        for section in result["groups"].values()
        if section["suppressed"]
    )


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in ("weighted", "weights")}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def test_multiple_choice_items_get_weighted_shares() -> None:
    columns, groups = small_columns()
    weights, info = weights_compute({"unit": groups}, {"unit": UNITS})
    result = survey_analyze(
        small_questionnaire(), responses_from_arrays(columns, groups), weighting=(weights, info)
    )
    asked = ~np.isnan(np.column_stack([columns[f"reden_{i}"] for i in (1, 2, 3)])).all(axis=1)
    chosen = (columns["reden_2"] == 1) * weights
    expected = 100 * chosen.sum() / weights[asked].sum()
    assert result["items"]["reden"]["weighted"]["percent"]["2"] == pytest.approx(expected)
    assert result["items"]["reden"]["weighted"]["mean"] is None


def test_unknown_variable_is_refused() -> None:
    with pytest.raises(WeightsError, match="Wegingsvariabele 'afdeling' is onbekend"):
        weights_compute({"unit": np.array(["a"])}, {"afdeling": {"x": 1.0}})


def test_value_without_population_row_names_value_and_row() -> None:
    units = np.array(["a", "b", "z", "a"])
    with pytest.raises(WeightsError, match="Antwoordregel 4: waarde 'z' van wegingsvariabele"):
        weights_compute({"unit": units}, {"unit": {"a": 10.0, "b": 5.0}})


@pytest.mark.parametrize("population", ["0", "-3", "nan"])
def test_population_must_be_positive(tmp_path: Path, population: str) -> None:
    path = tmp_path / "w.csv"
    path.write_text(f"variable,value,population\nunit,a,10\nunit,b,{population}\n")
    with pytest.raises(WeightsError, match=r"Populatie voor unit = b moet groter dan 0.*regel 3"):
        margins_read_csv(path)
    with pytest.raises(WeightsError, match="Populatie voor unit = b moet groter dan 0"):
        weights_compute({"unit": np.array(["a", "b"])}, {"unit": {"a": 1.0, "b": 0.0}})


def test_margins_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "w.csv"
    path.write_text("\ufeffvariable,value,population\nunit,OCW-DGCM,120\n\nrol,leiding,7.5\n")
    assert margins_read_csv(path) == {"unit": {"OCW-DGCM": 120.0}, "rol": {"leiding": 7.5}}
    path.write_text("unit,value,population\n")
    with pytest.raises(WeightsError, match="kopregel"):
        margins_read_csv(path)


@st.composite
def samples(draw: st.DrawFn) -> tuple[dict[str, np.ndarray], dict[str, dict[str, float]]]:
    """Respondents with one or two variables; the margins are the totals of some positive
    "true" weights, so a solution exists."""
    n = draw(st.integers(min_value=1, max_value=60))
    true = np.array(draw(st.lists(st.floats(0.1, 50), min_size=n, max_size=n)))
    columns: dict[str, np.ndarray] = {}
    margins: dict[str, dict[str, float]] = {}
    for variable in ("unit", "rol")[: draw(st.integers(min_value=1, max_value=2))]:
        values = np.array(
            draw(st.lists(st.sampled_from("pqrs"), min_size=n, max_size=n)), dtype=np.str_
        )
        columns[variable] = values
        margins[variable] = {str(v): float(true[values == v].sum()) for v in sorted(set(values))}
    return columns, margins


@settings(max_examples=150, deadline=None)
@given(sample=samples())
def test_weights_are_positive_reproduce_the_margins_and_shrink_n(
    sample: tuple[dict[str, np.ndarray], dict[str, dict[str, float]]],
) -> None:
    columns, margins = sample
    weights, info = weights_compute(columns, margins)
    n = len(next(iter(columns.values())))
    assert (weights > 0).all()
    # Not always converged within the sweeps: with an empty cell in the cross table of the
    # variables IPF approaches its (boundary) solution only slowly.
    assert info.n_effective <= n * (1 + 1e-12)
    assert info.n_effective == pytest.approx(kish_n_effective(weights))
    total = sum(next(iter(margins.values())).values())
    last = list(margins)[-1]
    for variable, margin in margins.items():
        scale = total / sum(margin.values())
        # The variable raked last holds exactly, the others up to the tolerance once the
        # sweeps converged.
        if variable == last or info.converged:
            for value, population in margin.items():
                reached = weights[columns[variable] == value].sum()
                tolerance = 1e-9 if variable == last else 1e-4
                assert reached == pytest.approx(population * scale, rel=tolerance)


def _csv(tmp_path: Path) -> Path:
    columns, groups = small_columns()
    names = ["a1", "a2", "a3", "a4", "b1", "b2", "b3", "rol", "reden_1", "reden_2", "reden_3"]
    lines = [",".join([*names, "unit"])]
    for i in range(len(groups)):
        cells = ["" if np.isnan(columns[c][i]) else str(int(columns[c][i])) for c in names]
        lines.append(",".join([*cells, str(groups[i])]))
    path = tmp_path / "antwoorden.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture
def _questionnaire(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analyze_survey, "_questionnaire_load", lambda path: small_questionnaire())


@pytest.mark.usefixtures("_questionnaire")
def test_command_weights_option(tmp_path: Path) -> None:
    weights = tmp_path / "w.csv"
    rows = "".join(f"unit,{unit},{int(p)}\n" for unit, p in UNITS.items())
    weights.write_text("variable,value,population\n" + rows)
    out, plain = io.StringIO(), io.StringIO()
    args = ["--questionnaire=q.yaml", f"--responses={_csv(tmp_path)}", "--group-by=unit"]
    call_command("analyze_survey", *args, f"--weights={weights}", stdout=out)
    call_command("analyze_survey", *args, stdout=plain)
    result, unweighted = json.loads(out.getvalue()), json.loads(plain.getvalue())
    assert result["weights"]["variables"] == ["unit"] and result["weights"]["converged"]
    assert 0 < result["weights"]["n_effective"] < result["n_responses"]
    assert set(result["items"]["a1"]["weighted"]) == {"percent", "agree_pct", "mean"}
    assert _strip(result) == unweighted


@pytest.mark.usefixtures("_questionnaire")
def test_command_weights_errors_are_dutch(tmp_path: Path) -> None:
    weights = tmp_path / "w.csv"
    weights.write_text("variable,value,population\nafdeling,x,10\n")
    args = ["--questionnaire=q.yaml", f"--responses={_csv(tmp_path)}"]
    with pytest.raises(CommandError, match="Wegingsvariabele 'afdeling' is onbekend"):
        call_command("analyze_survey", *args, f"--weights={weights}", stdout=io.StringIO())
    weights.write_text("variable,value,population\nunit,a,10\nunit,b,5\n")
    with pytest.raises(CommandError, match="waarde 'c' van wegingsvariabele 'unit'"):
        call_command("analyze_survey", *args, f"--weights={weights}", stdout=io.StringIO())


def test_raking_without_solution_is_reported_as_not_converged() -> None:
    """Both variables split the respondents alike but with different margins."""
    split = np.array(["p", "p", "p", "q"])
    margins = {"unit": {"p": 1.0, "q": 1.0}, "rol": {"p": 1.0, "q": 3.0}}
    _, info = weights_compute({"unit": split, "rol": split}, margins)
    assert not info.converged
