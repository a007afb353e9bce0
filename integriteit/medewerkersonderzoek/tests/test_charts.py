"""The SVG builders of the results pages (charts.py) and the report's figures 6-10
(rapportfiguren.py): escaping, shares summing to 100 %, colours, and the synthetic demo
wave reproducing the report's published percentages within sampling error."""

from __future__ import annotations

import re
from typing import Any

import pytest

from integriteit.medewerkersonderzoek import charts, rapportfiguren
from integriteit.medewerkersonderzoek.analysis.report import survey_analyze
from integriteit.medewerkersonderzoek.questionnaire import shipped_questionnaire
from integriteit.medewerkersonderzoek.synthetic import generate_survey, survey_response_data

LABELS = {1: "Oneens", 2: "<script>alert('x')</script>", 3: "Eens & meer", 9: "Weet niet"}


def _segs() -> tuple[charts.Segment, ...]:
    kleur = charts.kleuren([1, 2, 3, 9], geordend=[1, 2, 3], weet_niet=[9])
    percent = {"1": 10.0, "2": 25.5, "3": 60.0, "9": 4.5}
    return charts.segmenten(percent, LABELS, kleur, [9])


def test_stapel_svg_escapes_every_label_and_is_an_image() -> None:
    svg = str(charts.stapel_svg(_segs(), aria_label='Vraag "a" <b>', rechts="60,0 %"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "Eens &amp; meer" in svg
    assert 'aria-label="Vraag &quot;a&quot; &lt;b&gt;"' in svg
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "style=" not in svg  # the CSP forbids inline styles


def test_stapel_svg_segments_fill_the_bar_exactly() -> None:
    segs = _segs()
    assert sum(s.pct for s in segs) == pytest.approx(100.0)
    svg = str(charts.stapel_svg(segs, aria_label="x"))
    widths = [float(w) for w in re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"', svg)]
    assert len(widths) == 4
    assert sum(widths) == pytest.approx(charts.BALK_BREEDTE, abs=0.05)
    # each segment in proportion to its share
    assert widths[2] / charts.BALK_BREEDTE == pytest.approx(0.60, abs=0.001)


def test_weet_niet_is_grey_and_the_scale_diverges() -> None:
    kleur = charts.kleuren([1, 2, 3, 4, 5, 9], geordend=[1, 2, 3, 4, 5], weet_niet=[9])
    assert kleur[9] == charts.WEET_NIET
    assert kleur[1] != kleur[5] and len({kleur[c] for c in (1, 2, 3, 4, 5, 9)}) == 6
    assert charts.tekstkleur(kleur[1]) == charts.LICHT  # white on dark red
    assert charts.tekstkleur(kleur[3]) == charts.DONKER  # dark on the light middle


def test_balken_svg_escapes_and_clamps() -> None:
    svg = str(
        charts.balken_svg(
            [charts.Balk("A <i>", 40.0), charts.Balk("B", 140.0), charts.Balk("C", None)],
            aria_label="Redenen",
        )
    )
    assert "A &lt;i&gt;" in svg and "<i>" not in svg
    assert "40,0 %" in svg and "–" in svg
    widths = [float(w) for w in re.findall(r'width="([\d.]+)" height', svg)]
    assert max(widths) <= charts.BALK_BREEDTE


def test_numbers_and_heat_classes() -> None:
    assert charts.procent(75.84) == "75,8 %"
    assert charts.procent(None) == "–"
    assert charts.verschil_tekst(0.123) == "+0,12"
    assert charts.verschil_tekst(-0.3) == "−0,30"
    assert charts.verschil_tekst(-0.001) == "0,00"
    assert charts.heat_klasse(None) == "igt-resheat--geen"
    assert charts.heat_klasse(-0.5) == "igt-resheat--m2"
    assert charts.heat_klasse(0.0) == "igt-resheat--0"
    assert charts.heat_klasse(0.2) == "igt-resheat--p1"
    assert charts.heat_klasse(0.3) == "igt-resheat--p2"


def test_rapport_waarde_uses_the_right_denominator() -> None:
    ref_alle = rapportfiguren.Referentie("x", "mel_gemeld", (1,), 3.0, "3 %", noemer="alle")
    ref_gevraagd = rapportfiguren.Referentie("x", "mel_gemeld", (1,), 3.0, "3 %")
    result: dict[str, Any] = {
        "n_responses": 200,
        "items": {"mel_gemeld": {"n": 20, "counts": {"1": 6, "2": 14}}},
    }
    assert rapportfiguren.waarde(ref_alle, result) == (3.0, 200)
    assert rapportfiguren.waarde(ref_gevraagd, result) == (30.0, 20)
    assert rapportfiguren.waarde(
        rapportfiguren.Referentie("x", "ontbreekt", (1,), None, ""), result
    ) == (None, 0)


def test_every_figure_item_is_in_the_shipped_questionnaire() -> None:
    questionnaire = shipped_questionnaire("ark-2023")
    numbers = [f.nummer for f in rapportfiguren.FIGUREN]
    assert numbers == [6, 7, 8, 9, 10]
    for figuur in rapportfiguren.FIGUREN:
        for ref in figuur.referenties:
            item = questionnaire.item(ref.item)
            valid = {o.code for o in item.options} or set(
                questionnaire.response_scales[item.scale or ""].valid_codes
            )
            assert set(ref.codes) <= valid, ref


def test_demo_wave_reproduces_the_report_figures_within_sampling_error() -> None:
    """The demo wave's draw (profile ark-2023, seed 1, n = 4,492) against figures 6-10."""
    questionnaire = shipped_questionnaire("ark-2023")
    data = generate_survey(questionnaire=questionnaire, n=4492, seed=1, units=None)
    result = survey_analyze(questionnaire, survey_response_data(questionnaire, data))
    checked = 0
    for figuur, rows in rapportfiguren.vergelijk(result):
        for row in rows:
            assert row.waarde is not None, (figuur.nummer, row.referentie.label)
            if row.binnen_marge is not None:
                assert row.binnen_marge, (figuur.nummer, row.referentie.label, row.waarde)
                checked += 1
    assert checked == 14  # every published figure and every verbal one
    assert rapportfiguren.marge(76.0, 4492) == pytest.approx(1.91, abs=0.01)
