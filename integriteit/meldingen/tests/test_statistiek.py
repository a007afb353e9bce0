"""Statistics of reports: the figures on known data (in-time shares, medians, per 100 fte),
the shielding of small cells for the government-wide audience, and the page for each role."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World, login_verified
from integriteit.meldingen import services
from integriteit.meldingen import statistiek as stat
from integriteit.meldingen.constants import Afloop, Kanaal, Status, Triage
from integriteit.meldingen.models import Melding
from integriteit.meldingen.services import Inhoud, Invoer
from integriteit.organisaties.models import Organisatie

MARKER = "STAT-geheim-7f3a"
VANDAAG = date(2025, 12, 31)


def _rij(ontvangen: date, **extra: Any) -> stat.Rij:
    values: dict[str, Any] = {
        "soort": "belangen",
        "kanaal": Kanaal.WEB,
        "triage": "",
        "afloop": "",
        "ontvangen_op": ontvangen,
        "bevestiging_uiterlijk": ontvangen + timedelta(days=7),
        "bevestigd_op": None,
        "terugkoppeling_uiterlijk": ontvangen + timedelta(days=91),
        "teruggekoppeld_op": None,
        "afgesloten_op": None,
    }
    values.update(extra)
    return stat.Rij(**values)


def _bekend() -> list[stat.Rij]:
    """Six reports of 2025: acknowledged after 2, 3, 10 and 5 days (three in time); fed back
    after 30 and 100 days; closed after 40 and 120 days; one not yet due; one import."""
    d = date(2025, 1, 6)
    return [
        _rij(d, bevestigd_op=d + timedelta(2), teruggekoppeld_op=d + timedelta(30),
             afgesloten_op=d + timedelta(40), afloop=Afloop.GEGROND, triage=Triage.ONDERZOEK),
        _rij(d, bevestigd_op=d + timedelta(3), teruggekoppeld_op=d + timedelta(100),
             afgesloten_op=d + timedelta(120), afloop=Afloop.ONGEGROND, triage=Triage.ADVIES),
        _rij(d, bevestigd_op=d + timedelta(10), soort="financieel"),
        _rij(d, bevestigd_op=d + timedelta(5), kanaal=Kanaal.TELEFOON),
        _rij(VANDAAG - timedelta(1)),  # acknowledgement not yet due: not in the basis
        _rij(d, kanaal=Kanaal.IMPORT, bevestigd_op=d, afgesloten_op=d,
             afloop=Afloop.GEEN_OPVOLGING),  # an import: counted, not on the clock
    ]  # fmt: skip


def test_known_data_exact() -> None:
    cijfers = stat.bereken(_bekend(), fte=Decimal("300"), afschermen_klein=False, vandaag=VANDAAG)
    assert cijfers.totaal.tekst == "6"
    assert cijfers.per_100_fte.waarde == pytest.approx(2.0)
    # acknowledged: 4 of the 4 due/done clock reports, 3 of them within 7 days
    assert cijfers.bevestigd_op_tijd.n == 4
    assert cijfers.bevestigd_op_tijd.waarde == pytest.approx(75.0)
    assert cijfers.bevestigd_op_tijd.tekst == "75"
    # feedback due for the four of 6 January (1 in time), the recent one not yet
    assert cijfers.teruggekoppeld_op_tijd.n == 4
    assert cijfers.teruggekoppeld_op_tijd.waarde == pytest.approx(25.0)
    assert cijfers.mediaan_bevestigen.waarde == pytest.approx(4.0)  # 2, 3, 5, 10
    assert cijfers.mediaan_terugkoppelen.waarde == pytest.approx(65.0)  # 30, 100
    assert cijfers.mediaan_afsluiten.waarde == pytest.approx(80.0)  # 40, 120 (not the import)
    soorten = {a.code: a.tekst for a in cijfers.per_soort.aantallen}
    assert soorten["belangen"] == "5" and soorten["financieel"] == "1" and soorten["prive"] == "0"
    kanalen = {a.code: a.waarde for a in cijfers.per_kanaal.aantallen}
    assert kanalen == {"web": 4, "telefoon": 1, "post": 0, "persoonlijk": 0, "import": 1}
    afloop = {a.code: a.waarde for a in cijfers.per_afloop.aantallen}
    assert afloop[""] == 3 and afloop["gegrond"] == 1 and afloop["geen_opvolging"] == 1
    triage = {a.code: a.waarde for a in cijfers.per_triage.aantallen}
    assert triage[""] == 4 and triage["onderzoek"] == 1


def test_known_data_shielded_hides_small_cells_and_small_bases() -> None:
    cijfers = stat.bereken(_bekend(), fte=Decimal("300"), afschermen_klein=True, vandaag=VANDAAG)
    assert cijfers.totaal.tekst == "6"
    soorten = {a.code: a.tekst for a in cijfers.per_soort.aantallen}
    assert soorten["financieel"] == "<5" and soorten["prive"] == "<5"
    assert soorten["belangen"] == "5"  # several small cells: none derivable, 5 stays
    # shares and medians on fewer than 5 reports are not shown
    for kengetal in (
        cijfers.bevestigd_op_tijd,
        cijfers.teruggekoppeld_op_tijd,
        cijfers.mediaan_bevestigen,
        cijfers.mediaan_afsluiten,
    ):
        assert kengetal.verborgen and kengetal.waarde is None
        assert "niet getoond" in kengetal.tekst
    assert cijfers.per_100_fte.tekst == "2"  # on 6 reports
    klein = stat.bereken(_bekend()[:3], fte=Decimal("300"), afschermen_klein=True, vandaag=VANDAAG)
    assert klein.totaal.tekst == "<5" and klein.per_100_fte.verborgen


def test_secondary_suppression_when_one_cell_is_small() -> None:
    assert stat.afschermen([12, 3, 7]) == [stat.GETOOND, stat.KLEIN, stat.AFGESCHERMD]
    assert stat.afschermen([12, 3, 2, 7]) == [stat.GETOOND, stat.KLEIN, stat.KLEIN, stat.GETOOND]
    assert stat.afschermen([12, 0, 7]) == [stat.GETOOND, stat.KLEIN, stat.GETOOND]  # 0 = 0
    assert stat.afschermen([3]) == [stat.KLEIN]


def test_chart_is_an_accessible_svg_without_bars_for_shielded_cells() -> None:
    verdeling = stat.Verdeling(
        "Per soort",
        (
            stat.Aantal("a", "Belangen <&>", 9),
            stat.Aantal("b", "Financieel", 2, stat.KLEIN),
        ),
    )
    svg = str(stat.balken_svg(verdeling, aria_label="Per soort"))
    assert 'role="img"' in svg and 'aria-label="Per soort"' in svg
    assert "Belangen &lt;&amp;&gt;" in svg and "&lt;5" in svg
    assert svg.count("<rect") == 1 and "style=" not in svg


# --- the page ---------------------------------------------------------------------------------


def _melding(organisatie: Organisatie, ontvangen: date, **velden: Any) -> Melding:
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
    return melding


@pytest.fixture
def gegevens(world: World) -> World:
    """OCW: 7 reports of 2025 (6 about interests, 1 financial), 1 of 2024; FIN: 2 of 2025.
    OCW has 350 fte (300 + 50 in its unit)."""
    Organisatie.objects.filter(pk=world.ocw.pk).update(fte=Decimal("300"))
    Organisatie.objects.filter(pk=world.ocw_unit.pk).update(fte=Decimal("50"))
    Organisatie.objects.filter(pk=world.fin.pk).update(fte=Decimal("400"))
    d = date(2025, 3, 3)
    for i in range(6):
        _melding(
            world.ocw,
            d,
            bevestigd_op=d + timedelta(days=i + 2),  # 2..7 days: all in time
            status=Status.BEVESTIGD,
        )
    _melding(world.ocw, d, soort="financieel")
    _melding(world.ocw, date(2024, 5, 1))
    _melding(world.fin, d)
    _melding(world.fin, d)
    return world


def _kengetal(html: str, naam: str) -> str:
    start = html.index(f'data-kengetal="{naam}">') + len(f'data-kengetal="{naam}">')
    return html[start : html.index("</td>", start)]


def test_coordinator_sees_exact_counts_of_the_own_organisation(
    client: Client, gegevens: World, make_user: MakeUser
) -> None:
    login_verified(client, make_user(Rol.INTEGRITEITSCOORDINATOR, gegevens.ocw))
    response = client.get(reverse("meldingen:statistiek"), {"jaar": 2025})
    assert response.status_code == 200
    html = response.content.decode()
    assert _kengetal(html, "totaal") == "7"
    assert _kengetal(html, "per_100_fte") == "2"  # 7 / 350 * 100
    assert "&lt;5" not in html
    # 4 distributions of reports + 2 in "Onderzoeken en maatregelen" (outcomes, measures)
    assert html.count('role="img"') == 6 and html.count("<table") >= 5
    assert MARKER not in html
    assert "Per ministerie" not in html
    # FIN is not an option, and asking for it is a 404
    assert client.get(reverse("meldingen:statistiek"), {"organisatie": "FIN"}).status_code == 404
    vorig = client.get(reverse("meldingen:statistiek"), {"jaar": 2024}).content.decode()
    assert _kengetal(vorig, "totaal") == "1"


def test_bevoegd_gezag_reads_exact_counts_too(
    client: Client, gegevens: World, make_user: MakeUser
) -> None:
    login_verified(client, make_user(Rol.BEVOEGD_GEZAG, gegevens.ocw))
    html = client.get(reverse("meldingen:statistiek"), {"jaar": 2025}).content.decode()
    assert _kengetal(html, "totaal") == "7"


@pytest.mark.parametrize("rol", [Rol.RIJKSCOORDINATOR, Rol.AUDITOR])
def test_government_wide_roles_see_small_cells_shielded(
    client: Client, gegevens: World, make_user: MakeUser, rol: str
) -> None:
    login_verified(client, make_user(rol, gegevens.rijk))
    html = client.get(reverse("meldingen:statistiek"), {"jaar": 2025}).content.decode()
    assert _kengetal(html, "totaal") == "9"  # government-wide
    assert "&lt;5" in html and "Per ministerie" in html
    assert "afgeschermd" in html  # FIN has 2: the other ministry's total is shielded too
    assert MARKER not in html
    ocw = client.get(
        reverse("meldingen:statistiek"), {"organisatie": "OCW", "jaar": "2025"}
    ).content.decode()
    assert _kengetal(ocw, "totaal") == "7"
    # 6 of the 7 acknowledged in time (the seventh's deadline passed): on 7, so shown
    assert _kengetal(ocw, "bevestigd_op_tijd") == "85,7"
    assert _kengetal(ocw, "mediaan_bevestigen") == "4,5"  # 2..7 days
    assert _kengetal(ocw, "teruggekoppeld_op_tijd") == "0"  # 7 due, none fed back
    fin = client.get(
        reverse("meldingen:statistiek"), {"organisatie": "FIN", "jaar": "2025"}
    ).content.decode()
    assert _kengetal(fin, "totaal") == "&lt;5"
    assert "niet getoond" in _kengetal(fin, "per_100_fte")
    assert "niet getoond" in _kengetal(fin, "bevestigd_op_tijd")  # on 2 reports


def test_beheerder_has_no_statistics(client: Client, world: World, make_user: MakeUser) -> None:
    login_verified(client, make_user(Rol.BEHEERDER, world.rijk))
    assert client.get(reverse("meldingen:statistiek")).status_code == 403
