"""The section "Onderzoeken en maatregelen" on the statistics page (issue 6, norm 14): cases
opened and closed, outcomes, measures by kind and by violation type × kind for the chosen
organisation and year; exact for the own organisation, 1–4 as "<5" (and a derivable cell
shielded) for the government-wide audience; absent without MAATREGEL_STATISTIEK."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from integriteit.accounts.models import Gebruiker
from integriteit.accounts.tests.factories import GebruikerFactory, LidmaatschapFactory
from integriteit.common import permissions
from integriteit.common.permissions import Capability
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World, login_verified
from integriteit.onderzoeken.constants import Status
from integriteit.onderzoeken.models import Maatregel, Onderzoek, Registratie
from integriteit.onderzoeken.tests.helpers import (
    Team,
    maak_team,
    maatregelsoort,
    met_sleutel,
    openen,
)

VANDAAG = timezone.localdate()
VORIG_JAAR = VANDAAG.year - 1


def _besloten(
    onderzoek: Onderzoek, team: Team, uitkomst: str, *, gesloten: bool, vorig_jaar: bool = False
) -> None:
    """Mark a case decided (the outcome registration, dated in the year) and closed: the
    statistics read only this metadata, so it is set directly."""
    dag = VANDAAG.replace(year=VORIG_JAAR) if vorig_jaar else VANDAAG
    Registratie.objects.create(
        onderzoek=onderzoek,
        fase="besluit",
        vereiste="uitkomst",
        keuze=uitkomst,
        geregistreerd_door=team.gezag,
        geregistreerd_op=timezone.make_aware(datetime.combine(dag, time(12))),
    )
    Onderzoek.objects.filter(pk=onderzoek.pk).update(
        uitkomst=uitkomst,
        status=Status.AFGESLOTEN if gesloten else Status.LOPEND,
        afgesloten_op=dag if gesloten else None,
        geopend_op=dag - timedelta(days=1) if vorig_jaar else VANDAAG,
    )


def _maatregel(onderzoek: Onderzoek, team: Team, code: str, *, vorig_jaar: bool = False) -> None:
    Maatregel.objects.create(
        onderzoek=onderzoek,
        soort=maatregelsoort(code),
        datum=VANDAAG.replace(year=VORIG_JAAR) if vorig_jaar else VANDAAG,
        motivering=b"versleuteld",
        geregistreerd_door=team.gezag,
    )


@pytest.fixture
def team(world: World, make_user: MakeUser) -> Team:
    return maak_team(world, make_user)


@pytest.fixture
def cijfers(world: World, team: Team) -> None:
    """OCW this year: 7 cases opened, 5 closed; 6 established, 1 not established; fines: 5
    for conflicts of interest, 1 financial; 2 written reprimands. Last year: one more case
    with a fine. FIN: one case with a fine (never in OCW's figures)."""
    zaken = [openen(world, team) for _ in range(6)]
    zaken.append(openen(world, team, soort="financieel"))
    for i, zaak in enumerate(zaken):
        uitkomst = "niet_vastgesteld" if i == 5 else "vastgesteld"
        _besloten(zaak, team, uitkomst, gesloten=i < 5)
    for zaak in zaken[:5]:
        _maatregel(zaak, team, "geldboete")
    _maatregel(zaken[6], team, "geldboete")
    _maatregel(zaken[0], team, "schriftelijke_berisping")
    _maatregel(zaken[1], team, "schriftelijke_berisping")
    oud = openen(world, team)
    _besloten(oud, team, "vastgesteld", gesloten=True, vorig_jaar=True)
    _maatregel(oud, team, "geldboete", vorig_jaar=True)
    fin = openen(world, team, organisatie=world.fin, door=team.fin, bevoegd_gezag=_gezag(world))
    _besloten(fin, team, "vastgesteld", gesloten=True)
    _maatregel(fin, team, "geldboete")


def _gezag(world: World) -> Gebruiker:
    gebruiker = GebruikerFactory.create()
    LidmaatschapFactory.create(gebruiker=gebruiker, organisatie=world.fin, rol=Rol.BEVOEGD_GEZAG)
    met_sleutel(gebruiker)
    return gebruiker


def _pagina(gebruiker: Gebruiker, **params: str | int) -> str:
    client = login_verified(Client(), gebruiker)
    response = client.get(reverse("meldingen:statistiek"), params)
    assert response.status_code == 200
    return response.content.decode()


def _cel(html: str, attribuut: str, waarde: str) -> str:
    m = re.search(rf'{attribuut}="{waarde}">([^<]*)<', html)
    assert m, f"{attribuut}={waarde} niet gevonden"
    return m.group(1).replace("&lt;", "<")


def _kruis(html: str) -> list[tuple[str, str, str]]:
    tabel = html[html.index('id="maatregelen-per-schending"') :]
    tabel = tabel[: tabel.index("</table>")]
    rijen = []
    for rij in re.findall(r"<tr class=\"utrecht-table__row\">(.*?)</tr>", tabel, re.S):
        cellen = [
            re.sub(r"<[^>]+>", "", c).replace("&lt;", "<")
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", rij, re.S)
        ]
        if cellen and cellen[0] != "Soort schending":
            rijen.append((cellen[0], cellen[1], cellen[3]))
    return rijen


@pytest.mark.usefixtures("cijfers")
def test_exact_for_the_own_organisation(team: Team) -> None:
    html = _pagina(team.coordinator)
    assert "Onderzoeken en maatregelen" in html
    assert _cel(html, "data-kengetal", "onderzoeken_geopend") == "7"
    assert _cel(html, "data-kengetal", "onderzoeken_afgesloten") == "5"
    assert _cel(html, "data-uitkomst", "vastgesteld") == "6"
    assert _cel(html, "data-uitkomst", "niet_vastgesteld") == "1"
    assert _cel(html, "data-uitkomst", "niet_vast_te_stellen") == "0"
    assert _cel(html, "data-maatregel", "geldboete") == "6"
    assert _cel(html, "data-maatregel", "schriftelijke_berisping") == "2"
    assert _cel(html, "data-maatregel", "ontslag") == "0"
    assert _kruis(html) == [
        ("Financiële schendingen (in de zakelijke sfeer)", "Geldboete", "1"),
        ("Misbruik positie en belangenverstrengeling", "Geldboete", "5"),
        ("Misbruik positie en belangenverstrengeling", "Schriftelijke berisping", "2"),
    ]


@pytest.mark.usefixtures("cijfers")
def test_the_year_filter(team: Team) -> None:
    html = _pagina(team.coordinator, jaar=VORIG_JAAR)
    assert _cel(html, "data-kengetal", "onderzoeken_geopend") == "1"
    assert _cel(html, "data-kengetal", "onderzoeken_afgesloten") == "1"
    assert _cel(html, "data-uitkomst", "vastgesteld") == "1"
    assert _cel(html, "data-maatregel", "geldboete") == "1"
    assert _cel(html, "data-maatregel", "schriftelijke_berisping") == "0"


@pytest.mark.usefixtures("cijfers")
def test_small_counts_are_shielded_government_wide(world: World, make_user: MakeUser) -> None:
    rijk = make_user(Rol.RIJKSCOORDINATOR, world.rijk)
    html = _pagina(rijk, organisatie="OCW")
    assert _cel(html, "data-kengetal", "onderzoeken_geopend") == "7"
    assert _cel(html, "data-uitkomst", "vastgesteld") == "6"
    assert _cel(html, "data-uitkomst", "niet_vastgesteld") == "<5"
    assert _cel(html, "data-uitkomst", "niet_vast_te_stellen") == "0"
    assert _cel(html, "data-maatregel", "geldboete") == "6"
    assert _cel(html, "data-maatregel", "schriftelijke_berisping") == "<5"
    # The fines' total (6) is shown: with the financial "<5" the 5 would give it away.
    assert _kruis(html) == [
        ("Financiële schendingen (in de zakelijke sfeer)", "Geldboete", "<5"),
        ("Misbruik positie en belangenverstrengeling", "Geldboete", "afgeschermd"),
        ("Misbruik positie en belangenverstrengeling", "Schriftelijke berisping", "<5"),
    ]
    # The whole government: OCW and FIN together, every cell still shielded under 5.
    html = _pagina(rijk, organisatie="RIJK")
    assert _cel(html, "data-kengetal", "onderzoeken_geopend") == "8"
    assert _cel(html, "data-maatregel", "geldboete") == "7"


@pytest.mark.usefixtures("cijfers")
def test_absent_without_the_capability(team: Team, monkeypatch: pytest.MonkeyPatch) -> None:
    zonder = dict(permissions.MATRIX)
    zonder[Rol.INTEGRITEITSCOORDINATOR] = zonder[Rol.INTEGRITEITSCOORDINATOR] - {
        Capability.MAATREGEL_STATISTIEK
    }
    monkeypatch.setattr(permissions, "MATRIX", zonder)
    html = _pagina(team.coordinator)
    assert "Statistiek van meldingen" in html
    assert "Onderzoeken en maatregelen" not in html
    assert "onderzoeken_geopend" not in html
