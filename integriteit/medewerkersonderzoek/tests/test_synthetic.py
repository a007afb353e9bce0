"""Synthetic survey data: calibration against the report, determinism, validity, routing."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from django.core.management import call_command
from numpy.typing import NDArray

from integriteit.medewerkersonderzoek.analysis.data import column_codes, responses_read_csv
from integriteit.medewerkersonderzoek.analysis.report import survey_analyze
from integriteit.medewerkersonderzoek.questionnaire import shipped_questionnaire
from integriteit.medewerkersonderzoek.spec import Questionnaire
from integriteit.medewerkersonderzoek.synthetic import (
    PROFILES,
    data_columns,
    demo_units,
    generate_survey,
    latent_correlation,
    survey_response_data,
    survey_write_csv,
)

Data = dict[str, NDArray[np.generic]]
N = 20_000


@pytest.fixture(scope="module")
def questionnaire() -> Questionnaire:
    return shipped_questionnaire("ark-2023")


@pytest.fixture(scope="module")
def data(questionnaire: Questionnaire) -> Data:
    return generate_survey(questionnaire=questionnaire, n=N, seed=1, units=None)


@pytest.fixture(scope="module")
def result(questionnaire: Questionnaire, data: Data) -> dict[str, Any]:
    return survey_analyze(questionnaire, survey_response_data(questionnaire, data))


@pytest.fixture(scope="module")
def managers(questionnaire: Questionnaire, data: Data) -> dict[str, Any]:
    subset = {name: values[data["role"] == "leidinggevende"] for name, values in data.items()}
    return survey_analyze(questionnaire, survey_response_data(questionnaire, subset))


def _percent(result: dict[str, Any], item: str, code: int) -> float:
    return float(result["items"][item]["percent"][str(code)])


def _correlation(result: dict[str, Any], x: str, y: str) -> float:
    for corr in result["correlations"]:
        if {corr["x"], corr["y"]} == {x, y}:
            return float(corr["r"])
    raise AssertionError(f"no correlation {x}-{y}")


# --- calibration (report, sections 4.3-4.5) -------------------------------------------------


def test_good_example_76_percent(result: dict[str, Any]) -> None:
    assert result["items"]["vb_goed_voorbeeld"]["agree_pct"] == pytest.approx(76, abs=2.5)


def test_two_in_three_enough_opportunity_for_a_dilemma(result: dict[str, Any]) -> None:
    assert result["items"]["cul_dilemma"]["agree_pct"] == pytest.approx(100 * 2 / 3, abs=3)


@pytest.mark.parametrize("item", ["vb_open_bespreken", "vb_aanspreken", "vb_steunen"])
def test_about_half_neutral_or_dont_know_on_visible_efforts(
    result: dict[str, Any], item: str
) -> None:
    assert _percent(result, item, 3) + _percent(result, item, 9) == pytest.approx(50, abs=5)


def test_integrity_hardly_ever_in_meetings_and_progress_talks(result: dict[str, Any]) -> None:
    assert _percent(result, "cul_werkoverleg", 1) == pytest.approx(33, abs=3)
    assert _percent(result, "cul_voortgangsgesprek", 1) == pytest.approx(40, abs=3)


def test_managers_support(managers: dict[str, Any]) -> None:
    assert managers["items"]["lg_ondersteuning"]["n"] == managers["n_responses"]
    assert _percent(managers, "lg_ondersteuning", 1) == pytest.approx(15, abs=4)
    assert 50 < _percent(managers, "lg_ondersteuning", 2) <= 50 + 4
    assert _percent(managers, "lg_ondersteuning", 3) == pytest.approx(18, abs=4)


def test_managers_are_about_15_percent(data: Data) -> None:
    assert float(np.mean(data["role"] == "leidinggevende")) == pytest.approx(0.15, abs=0.01)


def test_reporting_climate_11_3_8(result: dict[str, Any]) -> None:
    counts = result["items"]["mel_gemeld"]["counts"]
    assert _percent(result, "mel_vermoeden", 1) == pytest.approx(11, abs=1)
    assert 100 * counts["1"] / N == pytest.approx(3, abs=0.5)
    assert 100 * counts["2"] / N == pytest.approx(8, abs=1)


def test_scale_correlations(result: dict[str, Any]) -> None:
    assert _correlation(result, "voorbeeldgedrag", "cultuur") == pytest.approx(0.6, abs=0.06)
    assert _correlation(result, "communicatie", "cultuur") == pytest.approx(0.7, abs=0.06)


def test_latent_correlation_is_positive_definite() -> None:
    assert np.linalg.eigvalsh(latent_correlation()).min() > 0


# --- determinism, validity, routing ---------------------------------------------------------


def test_same_seed_same_data_other_seed_other_data(questionnaire: Questionnaire) -> None:
    first = generate_survey(questionnaire=questionnaire, n=2000, seed=7, units=None)
    again = generate_survey(questionnaire=questionnaire, n=2000, seed=7, units=None)
    other = generate_survey(questionnaire=questionnaire, n=2000, seed=8, units=None)
    assert first.keys() == again.keys() == other.keys()
    for name in first:
        np.testing.assert_array_equal(first[name], again[name])
    assert any(
        not np.array_equal(first[name], other[name], equal_nan=first[name].dtype.kind == "f")
        for name in first
    )


def test_every_value_is_valid(questionnaire: Questionnaire, data: Data) -> None:
    assert list(data) == data_columns(questionnaire)
    for name, codes in column_codes(questionnaire).items():
        values = np.asarray(data[name], dtype=np.float64)
        answered = values[~np.isnan(values)]
        assert np.isin(answered, np.asarray(codes, dtype=np.float64)).all(), name
    assert (data["opmerkingen"] == "").all()


def test_routing(questionnaire: Questionnaire, data: Data) -> None:
    manager = np.asarray(data["leidinggevende"]) == 1
    assert np.array_equal(data["role"] == "leidinggevende", manager)
    for item in questionnaire.items:
        if item.ask_if is None or item.kind == "text":
            continue
        asked = np.isin(data[item.ask_if.item], np.asarray(item.ask_if.values, dtype=float))
        assert asked.any()
        for name in item.columns():
            answered = ~np.isnan(np.asarray(data[name], dtype=np.float64))
            assert np.array_equal(answered, asked), name
    reasons = np.column_stack([data[name] for name in questionnaire.item("mel_reden").columns()])
    given = reasons[data["mel_gemeld"] == 2]
    assert (np.nansum(given, axis=1) >= 1).all()


def test_units_over_the_demo_tree_in_proportion_to_headcount(data: Data) -> None:
    units = demo_units()
    ministry = {unit.code: unit.ministry for unit in units}
    assert len(set(ministry.values())) == 12
    assert set(data["unit"].tolist()) <= set(ministry)
    drawn = np.asarray([ministry[code] for code in data["unit"].tolist()])
    total = sum(unit.headcount for unit in units)
    for name in set(ministry.values()):
        expected = sum(unit.headcount for unit in units if unit.ministry == name) / total
        assert float(np.mean(drawn == name)) == pytest.approx(expected, abs=0.01), name


def test_profile_ark_2023() -> None:
    profile = PROFILES["ark-2023"]
    assert profile.default_n == 4492
    per_ministry = profile.invitations_per_ministry(demo_units())
    assert len(per_ministry) == profile.ministries == 12
    assert sum(per_ministry.values()) == 20_144


# --- CSV and command ------------------------------------------------------------------------


def test_csv_round_trip(questionnaire: Questionnaire, tmp_path: Path) -> None:
    data = generate_survey(questionnaire=questionnaire, n=300, seed=3, units=None)
    path = tmp_path / "antwoorden.csv"
    assert survey_write_csv(path, questionnaire, data) == 300
    header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header == data_columns(questionnaire)
    assert header[-2:] == ["unit", "role"]
    read = responses_read_csv(path, questionnaire, group_by="unit")
    assert read.n_rows == 300
    for name, values in read.columns.items():
        np.testing.assert_array_equal(values, np.asarray(data[name], dtype=np.float64))
    assert read.groups is not None
    np.testing.assert_array_equal(read.groups, data["unit"])


def test_command_writes_csv_and_one_line(tmp_path: Path) -> None:
    out = tmp_path / "synthetisch.csv"
    stdout = io.StringIO()
    call_command(
        "generate_survey",
        "--profile",
        "ark-2023",
        "--n",
        "250",
        "--seed",
        "5",
        "--out",
        str(out),
        stdout=stdout,
    )
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 251
    summary = stdout.getvalue().strip()
    assert "\n" not in summary
    assert summary.startswith("250 synthetische antwoorden (ark-2023, seed 5")
    again = tmp_path / "opnieuw.csv"
    call_command(
        "generate_survey",
        "--n",
        "250",
        "--seed",
        "5",
        "--out",
        str(again),
        stdout=io.StringIO(),
    )
    assert again.read_bytes() == out.read_bytes()


def test_command_defaults_to_the_profiles_response(tmp_path: Path) -> None:
    out = tmp_path / "standaard.csv"
    stdout = io.StringIO()
    call_command("generate_survey", "--out", str(out), stdout=stdout)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 4492 + 1
    assert "12 ministeries" in stdout.getvalue()
