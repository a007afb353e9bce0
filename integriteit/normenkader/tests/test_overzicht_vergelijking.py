"""Comparing two cycles: better, equal, worse or not comparable, per organisation × norm
matched by norm code; first as a pure function on a small constructed example, then the page."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.normenkader.models import Cyclus, Niveau, Norm, Normgroep
from integriteit.normenkader.selectors import Cell, Column, Heatmap, Row
from integriteit.normenkader.tests.test_overzicht import Login, assess, cycli
from integriteit.normenkader.views.overzicht_vergelijking import (
    Verandering,
    verandering,
    vergelijking,
)
from integriteit.organisaties.models import Organisatie

V = Verandering
NIVEAUS = {
    code: Niveau(pk=pk, code=code, label=code, rang=rang, kleur="#000000")
    for pk, code, rang in [
        (1, "voldoet", 3),
        (2, "kleine-stap", 2),
        (3, "stap", 1),
        (4, "onbekend", 0),
    ]
}
ORGS = {
    code: Organisatie(pk=pk, code=code, naam=code) for pk, code in [(1, "A"), (2, "B"), (3, "C")]
}


def _heatmap(codes: list[str], levels: dict[str, dict[str, str | None]]) -> Heatmap:
    """A heatmap built by hand: norms by code (new pks per side), organisation → levels."""
    norms = {code: Norm(pk=100 + i + 10 * len(codes), code=code) for i, code in enumerate(codes)}
    rows = []
    for org_code, per_norm in levels.items():
        cells = {
            norms[code].pk: Cell(NIVEAUS[level] if level else None, None, True, "definitief")
            for code, level in per_norm.items()
        }
        rows.append(Row(organisatie=ORGS[org_code], beoordeling=None, in_scope=True, cells=cells))
    return Heatmap(
        cyclus=Cyclus(jaar=2000),
        soort="zelfevaluatie",
        applies_to="organisation",
        niveaus=list(NIVEAUS.values()),
        groepen=[(Normgroep(code="g"), [Column(norm=n) for n in norms.values()])],
        rows=rows,
    )


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("stap", "voldoet", V.BETER),
        ("kleine-stap", "stap", V.SLECHTER),
        ("voldoet", "voldoet", V.GELIJK),
        ("onbekend", "voldoet", V.ONVERGELIJKBAAR),
        ("stap", "onbekend", V.ONVERGELIJKBAAR),
        (None, "stap", V.ONVERGELIJKBAAR),
        ("stap", None, V.ONVERGELIJKBAAR),
    ],
)
def test_verandering(a: str | None, b: str | None, expected: Verandering) -> None:
    assert verandering(NIVEAUS[a] if a else None, NIVEAUS[b] if b else None) == expected


def test_vergelijking_counts_a_small_example() -> None:
    a = _heatmap(
        ["1", "2", "3"],
        {"A": {"1": "stap", "2": "voldoet", "3": "voldoet"}, "B": {"1": "onbekend", "2": "stap"}},
    )
    b = _heatmap(
        ["1", "2", "4"],
        {
            "A": {"1": "voldoet", "2": "kleine-stap", "4": "voldoet"},
            "B": {"1": "voldoet", "2": "stap", "4": None},
            "C": {"1": "voldoet"},
        },
    )
    result = vergelijking(a=a, b=b)
    assert result.codes == ["1", "2", "4", "3"]  # the later cycle's order, then dropped norms
    per_org = {r.organisatie.code: [c.verandering for c in r.cellen] for r in result.rijen}
    assert per_org == {
        "A": [V.BETER, V.SLECHTER, V.ONVERGELIJKBAAR, V.ONVERGELIJKBAAR],
        "B": [V.ONVERGELIJKBAAR, V.GELIJK, V.ONVERGELIJKBAAR, V.ONVERGELIJKBAAR],
        "C": [V.ONVERGELIJKBAAR] * 4,
    }
    assert dict(result.rijen[0].tellingen) == {
        V.BETER: 1,
        V.GELIJK: 0,
        V.SLECHTER: 1,
        V.ONVERGELIJKBAAR: 2,
    }
    assert dict(result.tellingen) == {V.BETER: 1, V.GELIJK: 1, V.SLECHTER: 1, V.ONVERGELIJKBAAR: 9}
    assert (result.rijen[0].cellen[0].kort_a, result.rijen[0].cellen[0].kort_b) == (
        "stap",
        "voldoet",
    )


# --- the page -----------------------------------------------------------------------------


@pytest.fixture
def twee_jaar(world: World) -> tuple[Cyclus, Cyclus]:
    c2023, c2024 = cycli()
    assess(world.ocw, c2023, {"9": "stap", "1": "voldoet"})
    assess(world.ocw, c2024, {"9": "voldoet", "1": "stap", "8": "voldoet"}, final=False)
    assess(world.fin, c2024, {"9": "voldoet"})
    return c2023, c2024


def _summary_row(html: str, naam: str) -> list[str]:
    row = re.search(rf"{naam}.*?</tr>", html, re.S)
    assert row, naam
    return re.findall(r'numeric-data[^"]*">(\d+)</td>', row.group(0))


def test_page_compares_the_newest_cycle_with_its_previous_by_default(
    twee_jaar: tuple[Cyclus, Cyclus], world: World, make_user: MakeUser, login: Login
) -> None:
    client = login(Client(), make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))
    response = client.get(reverse("normenkader:vergelijking"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Van 2023 naar 2024" in html
    # OCW: 9 better, 1 worse, the rest unknown on one side; FIN has no 2023 at all
    assert _summary_row(html, "Onderwijs, Cultuur en Wetenschap") == ["1", "0", "1", "13"]
    assert _summary_row(html, "Financiën") == ["0", "0", "0", "15"]
    assert _summary_row(html, "Totaal") == ["1", "0", "1", "28"]
    for woord in ("verbeterd", "verslechterd", "niet vergelijkbaar"):
        assert f'igt-change__word">{woord}<' in html
    assert "stap → voldoet" in html


def test_page_with_explicit_choices_and_same_cycle(
    twee_jaar: tuple[Cyclus, Cyclus], world: World, make_user: MakeUser, login: Login
) -> None:
    c2023, _c2024 = twee_jaar
    client = login(Client(), make_user(Rol.RIJKSCOORDINATOR, world.rijk))
    query = {
        "a": str(c2023.pk),
        "b": str(c2023.pk),
        "soort_a": "zelfevaluatie",
        "soort_b": "zelfevaluatie",
    }
    html = client.get(reverse("normenkader:vergelijking"), query).content.decode()
    assert "U vergelijkt een cyclus met zichzelf" in html
    assert _summary_row(html, "Onderwijs, Cultuur en Wetenschap") == ["0", "2", "0", "13"]


def test_page_without_cycles(world: World, make_user: MakeUser, login: Login) -> None:
    client = login(Client(), make_user(Rol.RIJKSCOORDINATOR, world.rijk))
    html = client.get(reverse("normenkader:vergelijking")).content.decode()
    assert "Er is nog geen beoordelingscyclus om te vergelijken." in html
