"""Statistics of reports over the API: exact for the own organisation, "<5" (value null)
for the government-wide audience where the page shows it, and the page's 404/400 rules."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache

from integriteit.api.tests.helpers import api_client
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.meldingen import services
from integriteit.meldingen.constants import Kanaal, Status
from integriteit.meldingen.models import Melding
from integriteit.meldingen.services import Inhoud, Invoer
from integriteit.organisaties.models import Organisatie

MARKER = "API-STAT-geheim"
URL = "/api/v1/meldingen/statistiek/"


@pytest.fixture(autouse=True)
def _geen_tellers() -> None:
    cache.clear()


def _melding(organisatie: Organisatie, ontvangen: date, **velden: Any) -> None:
    melding = services.melding_ontvangen(
        invoer=Invoer(
            organisatie=organisatie,
            soort=velden.pop("soort", "belangen"),
            inhoud=Inhoud(wat=f"Omschrijving {MARKER}"),
            kanaal=Kanaal.TELEFOON,
            ontvangen_op=ontvangen,
        )
    ).melding
    if velden:
        Melding.objects.filter(pk=melding.pk).update(**velden)


@pytest.fixture
def gegevens(world: World) -> World:
    """OCW: 7 reports of 2025 (6 about interests, 1 financial); FIN: 2 of 2025."""
    Organisatie.objects.filter(pk=world.ocw.pk).update(fte=Decimal("350"))
    d = date(2025, 3, 3)
    for i in range(6):
        _melding(world.ocw, d, bevestigd_op=d + timedelta(days=i + 2), status=Status.BEVESTIGD)
    _melding(world.ocw, d, soort="financieel")
    _melding(world.fin, d)
    _melding(world.fin, d)
    return world


def _aantallen(body: dict[str, Any], titel_begin: str) -> dict[str, Any]:
    verdeling = next(v for v in body["verdelingen"] if v["titel"].startswith(titel_begin))
    return {a["code"]: a for a in verdeling["aantallen"]}


def test_coordinator_reads_exact_counts(gegevens: World, make_user: MakeUser) -> None:
    client = api_client(make_user(Rol.INTEGRITEITSCOORDINATOR, gegevens.ocw))
    response = client.get(URL, {"jaar": 2025})
    assert response.status_code == 200
    body = response.json()
    assert body["organisatie"]["code"] == "OCW" and not body["afgeschermd"]
    assert body["totaal"] == {
        "code": "totaal",
        "label": "Totaal",
        "waarde": 7,
        "tekst": "7",
        "stand": "getoond",
    }
    soorten = _aantallen(body, "Per soort")
    assert soorten["financieel"]["waarde"] == 1 and soorten["financieel"]["tekst"] == "1"
    assert body["kengetallen"]["per_100_fte"]["waarde"] == pytest.approx(2.0)
    assert body["per_ministerie"] == []
    assert MARKER not in response.content.decode()
    assert client.get(URL, {"organisatie": "FIN"}).status_code == 404


def test_government_wide_roles_see_small_cells_as_lt5(gegevens: World, make_user: MakeUser) -> None:
    client = api_client(make_user(Rol.RIJKSCOORDINATOR, gegevens.rijk))
    body = client.get(URL, {"jaar": 2025}).json()
    assert body["afgeschermd"] and body["totaal"]["waarde"] == 9
    ministeries = {m["organisatie"]["code"]: m["totaal"] for m in body["per_ministerie"]}
    assert ministeries["FIN"]["tekst"] == "<5" and ministeries["FIN"]["waarde"] is None
    assert ministeries["OCW"]["stand"] == "afgeschermd" and ministeries["OCW"]["waarde"] is None
    fin = client.get(URL, {"jaar": "2025", "organisatie": "FIN"}).json()
    assert fin["totaal"]["tekst"] == "<5" and fin["totaal"]["waarde"] is None
    kengetal = fin["kengetallen"]["bevestigd_op_tijd"]
    assert kengetal["verborgen"] and kengetal["waarde"] is None and kengetal["n"] is None
    ocw = client.get(URL, {"jaar": "2025", "organisatie": "OCW"}).json()
    assert ocw["kengetallen"]["mediaan_bevestigen"]["waarde"] == pytest.approx(4.5)
    assert _aantallen(ocw, "Per soort")["financieel"]["tekst"] == "<5"


@pytest.mark.parametrize("jaar", ["1999", "3000", "abc", ""])
def test_bad_year_is_400(jaar: str, world: World, make_user: MakeUser) -> None:
    client = api_client(make_user(Rol.AUDITOR, world.rijk))
    response = client.get(URL, {"jaar": jaar})
    assert response.status_code == 400 and "jaar" in response.json()["velden"]


def test_beheerder_has_no_statistics(world: World, make_user: MakeUser) -> None:
    assert api_client(make_user(Rol.BEHEERDER, world.rijk)).get(URL).status_code == 403
