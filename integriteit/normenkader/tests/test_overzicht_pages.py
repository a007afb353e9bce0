"""The pages behind the heatmap: one rating, one organisation across cycles, one norm
across organisations, and the frameworks."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.normenkader.constants import ActieStatus
from integriteit.normenkader.models import Beoordeling, Cyclus, Normenkader, Oordeel
from integriteit.normenkader.services import (
    bewijs_add,
    verbeteractie_create,
    verbeteractie_update,
)
from integriteit.normenkader.tests import world as data
from integriteit.normenkader.tests.test_overzicht import (
    Login,
    assess,
    cycli,
    demo,
    demo_client,
    ministries_with_final_assessments,
    oordeel_of,
)

__all__ = ["demo"]  # the fixture, imported for these tests


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def evidence_and_actions(negen: Oordeel) -> None:
    """A file and a link as evidence; an overdue, an open and a closed action."""
    bewijs_add(
        acting_user=None,
        oordeel=negen,
        omschrijving="Onderzoeksprotocol 2024",
        peildatum=date(2024, 3, 1),
        bestand=ContentFile(b"%PDF-1.4 test", name="protocol.pdf"),
    )
    bewijs_add(
        acting_user=None,
        oordeel=negen,
        omschrijving="Intranetpagina",
        peildatum=date(2024, 4, 2),
        url="https://intranet.example/protocol",
    )
    for omschrijving, deadline in (
        ("Oefenen met het protocol", date(2020, 1, 1)),
        ("Protocol evalueren", date(2031, 6, 30)),
    ):
        verbeteractie_create(
            acting_user=None,
            oordeel=negen,
            omschrijving=omschrijving,
            eigenaar="Integriteitscoördinator",
            deadline=deadline,
        )
    klaar = verbeteractie_create(
        acting_user=None,
        oordeel=negen,
        omschrijving="Afgeronde actie",
        eigenaar="SG",
        deadline=date(2020, 1, 1),
    )
    verbeteractie_update(
        acting_user=None, actie=klaar, status=ActieStatus.AFGEROND, afsluitend_bewijs="Gedaan"
    )


@pytest.fixture
def ocw_twee_cycli(world: World) -> dict[str, Beoordeling]:
    """OCW: final self-assessment 2023 (norm 9 "stap"), concept 2024 (norm 9 "voldoet", with
    evidence and actions); FIN: final 2024 (norm 9 "voldoet")."""
    c2023, c2024 = cycli()
    oud = assess(world.ocw, c2023, {"9": "stap", "1": "voldoet"})
    nieuw = assess(
        world.ocw, c2024, {"9": "voldoet", "1": "stap"}, final=False, bevinding="Protocol getest"
    )
    fin = assess(world.fin, c2024, {"9": "voldoet"}, bevinding="FIN-geheim")
    evidence_and_actions(oordeel_of(nieuw, "9"))
    return {"oud": oud, "nieuw": nieuw, "fin": fin}


@pytest.fixture
def ocw_client(world: World, make_user: MakeUser, login: Login) -> Client:
    return login(Client(), make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))


# --- one rating ---------------------------------------------------------------------------


def test_oordeel_shows_finding_evidence_actions_and_previous_level(
    ocw_twee_cycli: dict[str, Beoordeling], ocw_client: Client
) -> None:
    negen = oordeel_of(ocw_twee_cycli["nieuw"], "9")
    response = ocw_client.get(reverse("normenkader:oordeel", args=[negen.pk]))
    html = response.content.decode()
    plain = text(html)
    assert response.status_code == 200
    assert "Is er een actueel, operationeel en ingeoefend onderzoeksprotocol?" in plain
    assert "Protocol getest (norm 9)" in plain
    assert "Vorige cyclus" in plain and "Nog een stap te zetten" in plain
    bewijs = negen.bewijzen.get(soort="bestand")
    assert reverse("normenkader:bewijs_download", args=[bewijs.pk]) in html
    assert "protocol" in plain and "1 maart 2024" in plain and "2 april 2024" in plain
    assert 'href="https://intranet.example/protocol"' in html
    assert "Oefenen met het protocol" in plain and "te laat" in plain
    assert plain.count("te laat") == 1  # only the open action past its deadline
    assert reverse("normenkader:beoordeling", args=[ocw_twee_cycli["nieuw"].pk]) in html
    assert reverse("normenkader:heatmap") in html
    assert reverse("normenkader:oordeel_edit", args=[negen.pk]) in html  # concept, own kind


def test_oordeel_of_a_final_assessment_has_no_edit_link(
    ocw_twee_cycli: dict[str, Beoordeling], ocw_client: Client
) -> None:
    negen = oordeel_of(ocw_twee_cycli["oud"], "9")
    html = ocw_client.get(reverse("normenkader:oordeel", args=[negen.pk])).content.decode()
    assert reverse("normenkader:oordeel_edit", args=[negen.pk]) not in html
    assert "geen oordeel in een vorige cyclus" in html


def test_oordeel_of_another_ministry_is_404(
    ocw_twee_cycli: dict[str, Beoordeling], ocw_client: Client
) -> None:
    negen = oordeel_of(ocw_twee_cycli["fin"], "9")
    assert ocw_client.get(reverse("normenkader:oordeel", args=[negen.pk])).status_code == 404


# --- one organisation ---------------------------------------------------------------------


def test_organisatie_shows_the_trend_counts_findings_and_actions(
    ocw_twee_cycli: dict[str, Beoordeling], ocw_client: Client
) -> None:
    response = ocw_client.get(reverse("normenkader:organisatie", args=["OCW"]))
    html = response.content.decode()
    plain = text(html)
    assert response.status_code == 200
    header = re.search(r"<thead.*?</thead>", html, re.S)
    assert header and header.group(0).index("2023") < header.group(0).index("2024")
    row_9 = re.search(r"9\. Is er een actueel.*?</tr>", html, re.S)
    assert row_9
    assert re.findall(r'aria-hidden="true">([^<]+)</span>', row_9.group(0)) == ["stap", "voldoet"]
    # counts per level: 2023 has 1 voldoet + 1 stap + 13 onbekend; 2024 the same numbers
    assert re.search(
        r"\(zelfevaluatie\)\s*</th>\s*(<td[^>]*>1</td>\s*<td[^>]*>0</td>\s*"
        r"<td[^>]*>1</td>\s*<td[^>]*>13</td>\s*<td[^>]*>0</td>\s*<td[^>]*>15</td>)",
        html,
    )
    assert "Protocol getest (norm 9)" in plain
    assert "Oefenen met het protocol" in plain and "Protocol evalueren" in plain
    assert "Afgeronde actie" not in plain
    for b in ocw_twee_cycli["oud"], ocw_twee_cycli["nieuw"]:
        assert reverse("normenkader:beoordeling", args=[b.pk]) in html
    assert "concept" in plain


def test_organisatie_outside_the_scope_is_404(
    ocw_twee_cycli: dict[str, Beoordeling], ocw_client: Client
) -> None:
    assert ocw_client.get(reverse("normenkader:organisatie", args=["FIN"])).status_code == 404
    assert ocw_client.get(reverse("normenkader:organisatie", args=["NIETS"])).status_code == 404


def test_organisatie_without_assessments_explains(world: World, ocw_client: Client) -> None:
    response = ocw_client.get(reverse("normenkader:organisatie", args=["OCW-DGCM"]))
    assert response.status_code == 200
    assert "nog geen beoordelingen" in response.content.decode()


# --- one norm -----------------------------------------------------------------------------


def test_norm_page_quotes_the_report_once_and_names_who_meets_it(demo: None) -> None:
    kader = Normenkader.objects.get(code="ark-2024")
    client = demo_client("rijkscoordinator.bzk")
    html = client.get(reverse("normenkader:norm", args=[kader.pk, "9"])).content.decode()
    plain = text(html)
    assert plain.count("Bij de helft van de ministeries is dat in orde.") == 1
    goed = re.search(r"Wie doet het goed</h2>(.*?)<h2", html, re.S)
    assert goed
    codes = re.findall(r'igt-mono">\((\w+)\)</span>', goed.group(1))
    assert codes == ["BZ", "DEF", "FIN", "IenW", "JenV", "SZW"]
    assert "Ministerie van Volksgezondheid, Welzijn en Sport" in plain  # every ministry's row


def test_norm_page_links_only_cells_in_scope(
    ocw_twee_cycli: dict[str, Beoordeling], ocw_client: Client
) -> None:
    norm = oordeel_of(ocw_twee_cycli["nieuw"], "9").norm
    html = ocw_client.get(reverse("normenkader:norm", args=[norm.normenkader_id, "9"])).content
    page = html.decode()
    ocw_9 = oordeel_of(ocw_twee_cycli["nieuw"], "9")
    fin_9 = oordeel_of(ocw_twee_cycli["fin"], "9")
    assert reverse("normenkader:oordeel", args=[ocw_9.pk]) in page
    assert reverse("normenkader:oordeel", args=[fin_9.pk]) not in page
    assert "FIN-geheim" not in page
    goed = re.search(r"Wie doet het goed</h2>(.*?)<h2", page, re.S)
    assert goed and "(FIN)" in goed.group(1)
    assert "(OCW)" not in goed.group(1)  # OCW's "voldoet" is a concept: not yet to learn from


def test_unknown_norm_is_404(world: World, ocw_client: Client) -> None:
    kader = data.ark_2024()
    assert ocw_client.get(reverse("normenkader:norm", args=[kader.pk, "99"])).status_code == 404


def test_coordinating_norm_page(demo: None) -> None:
    kader = Normenkader.objects.get(code="ark-2024")
    client = demo_client("coordinator.ocw")
    html = client.get(reverse("normenkader:norm", args=[kader.pk, "BZK-1"])).content.decode()
    assert "beoordeeld op het niveau van het Rijk" in html
    assert "Rijksoverheid" in html and "Ministerie van Financiën" not in html


# --- frameworks ---------------------------------------------------------------------------


@pytest.mark.parametrize("rol", [Rol.BEHEERDER, Rol.LEIDINGGEVENDE])
def test_kader_pages(world: World, make_user: MakeUser, login: Login, rol: Rol) -> None:
    kader = data.ark_2024()
    Cyclus.objects.all().delete()
    data.cyclus(2024)
    client = login(Client(), make_user(rol, world.ocw))
    lijst = text(client.get(reverse("normenkader:kader_list")).content.decode())
    assert "Normenkader integriteitsbeleid (Algemene Rekenkamer, 2024)" in lijst
    assert "ark-2024 1 Algemene Rekenkamer (2024). Integriteit als basis" in lijst
    assert " 20 2024 " in lijst  # 15 + 5 norms, used by cycle 2024
    html = client.get(reverse("normenkader:kader_detail", args=[kader.pk])).content.decode()
    plain = text(html)
    assert 'fill="#39870c"' in html and "In mindere mate nog een stap te zetten" in plain
    for titel in ("Preventie", "Detectie", "Respons", "Coördinerende rol"):
        assert f">{titel}" in html
    assert "Is er een goede meldprocedure?" in plain and "3.5.1, 3.5.2" in plain
    assert "Beoordeling 2024" in plain
    # neither role reads assessments: the cycle is named, not linked to the heatmap
    assert f'href="{reverse("normenkader:heatmap")}?cyclus=' not in html


def test_kader_detail_unknown_is_404(world: World, make_user: MakeUser, login: Login) -> None:
    client = login(Client(), make_user(Rol.BEHEERDER, world.rijk))
    assert client.get(reverse("normenkader:kader_detail", args=[9999])).status_code == 404


def test_kader_detail_links_cycles_for_readers(
    world: World, make_user: MakeUser, login: Login
) -> None:
    kader = data.ark_2024()
    cyclus = data.cyclus(2024)
    client = login(Client(), make_user(Rol.RIJKSCOORDINATOR, world.rijk))
    html = client.get(reverse("normenkader:kader_detail", args=[kader.pk])).content.decode()
    assert f"{reverse('normenkader:heatmap')}?cyclus={cyclus.pk}" in html
    assert reverse("normenkader:norm", args=[kader.pk, "9"]) in html


# --- query counts -------------------------------------------------------------------------


@pytest.mark.parametrize("n", [3, 12])
@pytest.mark.parametrize(
    ("name", "bound"),
    [("normenkader:norm", 14), ("normenkader:vergelijking", 23)],
)
def test_query_count_does_not_grow_with_the_organisations(
    n: int,
    name: str,
    bound: int,
    world: World,
    make_user: MakeUser,
    login: Login,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    ministries_with_final_assessments(world, n)
    client = login(Client(), make_user(Rol.RIJKSCOORDINATOR, world.rijk))
    url = reverse(name, args=[data.ark_2024().pk, "9"] if name == "normenkader:norm" else [])
    with django_assert_max_num_queries(bound):
        assert client.get(url).status_code == 200
