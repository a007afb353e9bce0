"""The pages: who may see them, what they show, that no case content ever appears, and that
the dashboard costs the same number of queries whatever the number of ministries."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World, login_verified
from integriteit.organisaties.constants import Soort
from integriteit.organisaties.services import OrganisatieGegevens, organisatie_create
from integriteit.rapportages.tests import helpers as h
from integriteit.rapportages.tests.conftest import RijkData

JAAR = {"jaar": h.JAAR}


@pytest.fixture
def bzk(rijk_data: RijkData, make_user: MakeUser, client: Client) -> Client:
    return login_verified(client, make_user(Rol.RIJKSCOORDINATOR, rijk_data.world.rijk))


def _pagina(client: Client, naam: str, *args: str) -> str:
    response = client.get(reverse(f"rapportages:{naam}", args=args), JAAR)
    assert response.status_code == 200
    return response.content.decode()


def _rij(html: str, code: str) -> str:
    start = html.index(f'data-ministerie="{code}"')
    return html[start : html.index("</tr>", start)]


def test_dashboard_table_of_ministries_and_key_figures(bzk: Client) -> None:
    html = _pagina(bzk, "dashboard")
    ocw = _rij(html, "OCW")
    assert "13 van 15" in ocw
    assert "significant lager" in ocw  # culture 2.5 against 3.5
    assert reverse("rapportages:ministerie", args=["OCW"]) + "?jaar=2025#normen" in ocw
    assert ">3</a>" in ocw  # 9 reports on 300 fte
    assert "&lt;5" in ocw  # 2 adviser contacts
    assert "14 van 15" in _rij(html, "FIN")
    assert html.count("<svg") >= 1 and "<table" in html


def test_ministry_page_has_every_section_with_chart_and_table(bzk: Client) -> None:
    html = _pagina(bzk, "ministerie", "OCW")
    for sectie in (
        "normen",
        "enquete",
        "meldingen",
        "onderzoeken",
        "vertrouwenspersonen",
        "cyclus",
    ):
        assert f'id="{sectie}"' in html
    # norms per level, 2 survey charts, reports by type, 3 investigation charts, advisers
    assert html.count('role="img"') == 8
    assert html.count("<table") >= 10
    negen = html[html.index('data-norm="9"') :]
    assert "slechter" in negen[: negen.index("</tr>")]
    cultuur = html[html.index('data-indicator="cultuur"') :]
    assert "▼" in cultuur[: cultuur.index("</tr>")]
    assert 'data-kengetal="totaal">9<' in html
    assert "geen_risicoanalyse" in html


def test_talking_points_page(bzk: Client, rijk_data: RijkData) -> None:
    html = _pagina(bzk, "gesprekspunten", "OCW")
    negen = html[html.index('data-norm="9"') :]
    negen = negen[: negen.index("</tr>")]
    assert reverse("rapportages:ministerie", args=["FIN"]) in negen  # learn from FIN
    assert "Ministerie van Financiën" in negen
    assert f'data-actie="{rijk_data.actie_te_laat.pk}"' in html
    assert f'data-actie="{rijk_data.actie_op_tijd.pk}"' not in html  # not overdue
    assert 'data-indicator="cultuur"' in html
    assert 'data-indicator="vb_goed_voorbeeld"' not in html  # not significantly lower
    assert 'data-signaal="geen_risicoanalyse"' in html
    assert "Afdrukken" in html


def test_talking_points_pdf(bzk: Client) -> None:
    response = bzk.get(reverse("rapportages:gesprekspunten_pdf", args=["OCW"]), JAAR)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_no_case_content_on_any_page(bzk: Client) -> None:
    for naam, args in (
        ("dashboard", ()),
        ("ministerie", ("OCW",)),
        ("gesprekspunten", ("OCW",)),
        ("ministerie", ("FIN",)),
    ):
        html = _pagina(bzk, naam, *args)
        assert h.MARKER not in html
        # the page itself (not the navigation) links into no registry, case or log
        main = html[html.index("<main") : html.index("</main>")]
        assert not re.search(r'href="/(meldingen|onderzoeken|vertrouwenspersonen)/', main)


@pytest.mark.parametrize("rol", [Rol.INTEGRITEITSCOORDINATOR, Rol.BEVOEGD_GEZAG, Rol.BEHEERDER])
def test_other_roles_are_refused(
    world: World, make_user: MakeUser, client: Client, rol: Rol
) -> None:
    login_verified(client, make_user(rol, world.rijk))
    assert client.get(reverse("rapportages:dashboard")).status_code == 403
    assert client.get(reverse("rapportages:ministerie", args=["OCW"])).status_code == 403


def test_auditor_sees_the_same_aggregates(
    rijk_data: RijkData, make_user: MakeUser, client: Client
) -> None:
    login_verified(client, make_user(Rol.AUDITOR, rijk_data.world.rijk))
    assert "13 van 15" in _rij(_pagina(client, "dashboard"), "OCW")


def test_scope_limits_the_ministries(
    rijk_data: RijkData, make_user: MakeUser, client: Client
) -> None:
    login_verified(client, make_user(Rol.RIJKSCOORDINATOR, rijk_data.world.ocw))
    html = _pagina(client, "dashboard")
    assert 'data-ministerie="OCW"' in html and 'data-ministerie="FIN"' not in html
    assert client.get(reverse("rapportages:ministerie", args=["FIN"])).status_code == 404
    # a unit or an unknown code is no ministry
    for code in ("OCW-DGCM", "XYZ"):
        assert client.get(reverse("rapportages:ministerie", args=[code])).status_code == 404
    # FIN meets norm 9 but lies outside this reader's scope: not named
    punten = _pagina(client, "gesprekspunten", "OCW")
    assert "Ministerie van Financiën" not in punten


@pytest.mark.parametrize("jaar", ["abc", "1999", "2999"])
def test_bad_year_is_404(bzk: Client, jaar: str) -> None:
    assert bzk.get(reverse("rapportages:dashboard"), {"jaar": jaar}).status_code == 404


def _queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("rapportages:dashboard"), JAAR).status_code == 200
    return len(ctx.captured_queries)


def test_dashboard_queries_do_not_grow_with_the_number_of_ministries(
    bzk: Client, rijk_data: RijkData, django_assert_max_num_queries: object
) -> None:
    _queries(bzk)  # warm the survey cache
    twee = _queries(bzk)
    for code in ("AZ", "BZ", "DEF"):
        m = organisatie_create(
            acting_user=None,
            gegevens=OrganisatieGegevens(
                code=code, naam=f"Ministerie {code}", soort=Soort.MINISTERIE,
                parent=rijk_data.world.rijk,
            ),
        )  # fmt: skip
        h.melding(m, h.JAAR_DATUM)
    assert _queries(bzk) == twee
    with django_assert_max_num_queries(20):  # type: ignore[operator]
        bzk.get(reverse("rapportages:dashboard"), JAAR)
