"""The heatmap: the Court of Audit's 2023 ratings read as the report does, what each role
sees of other ministries, filters, and a query count that does not grow with the rows.

The builders here are shared with the other ``test_overzicht_*`` modules."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from integriteit.accounts.demo import demo_load
from integriteit.accounts.models import Gebruiker
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World, login_verified
from integriteit.normenkader.constants import Soort, Status
from integriteit.normenkader.models import Beoordeling, Cyclus, Oordeel
from integriteit.normenkader.services import (
    beoordeling_correct,
    beoordeling_start,
    beoordeling_transition,
    cyclus_create,
    oordeel_update,
)
from integriteit.normenkader.tests import world as data
from integriteit.organisaties.constants import Soort as OrgSoort
from integriteit.organisaties.models import Organisatie
from integriteit.organisaties.services import OrganisatieGegevens, organisatie_create

Login = Callable[[Client, Gebruiker], Client]
HEATMAP = reverse("normenkader:heatmap")


# --- builders -------------------------------------------------------------------------


def cycli() -> tuple[Cyclus, Cyclus]:
    """Cycle 2023 and cycle 2024, whose "previous" is 2023."""
    kader = data.ark_2024()
    c2023 = cyclus_create(acting_user=None, jaar=2023, normenkader=kader, vorige=None)
    c2024 = cyclus_create(acting_user=None, jaar=2024, normenkader=kader, vorige=c2023)
    return c2023, c2024


def finalise(beoordeling: Beoordeling) -> Beoordeling:
    for naar in (Status.INGEDIEND, Status.DEFINITIEF):
        beoordeling = beoordeling_transition(acting_user=None, beoordeling=beoordeling, naar=naar)
    return beoordeling


def assess(
    organisatie: Organisatie,
    cyclus: Cyclus,
    levels: dict[str, str],
    *,
    soort: str = Soort.ZELFEVALUATIE,
    final: bool = True,
    bevinding: str = "",
) -> Beoordeling:
    """An assessment with ``levels`` (norm code → level code), the rest ``onbekend``."""
    b = beoordeling_start(acting_user=None, cyclus=cyclus, organisatie=organisatie, soort=soort)
    niveaus = {n.code: n for n in cyclus.normenkader.niveaus.all()}
    for o in b.oordelen.select_related("norm", "beoordeling__cyclus"):
        oordeel_update(
            acting_user=None,
            oordeel=o,
            niveau=niveaus[levels.get(o.norm.code, "onbekend")],
            bevinding=f"{bevinding} (norm {o.norm.code})" if bevinding else "",
        )
    return finalise(b) if final else b


def oordeel_of(beoordeling: Beoordeling, code: str) -> Oordeel:
    return beoordeling.oordelen.get(norm__code=code)


def ministry(code: str, parent: Organisatie) -> Organisatie:
    return organisatie_create(
        acting_user=None,
        gegevens=OrganisatieGegevens(
            code=code, naam=f"Ministerie {code}", soort=OrgSoort.MINISTERIE, parent=parent
        ),
    )


def cells_of_row(html: str, org_code: str) -> str:
    """The HTML of the table row of ``org_code`` in the heatmap body."""
    for row in re.findall(r"<tr class=\"utrecht-table__row\">(.*?)</tr>", html, re.S):
        if f'igt-mono">{org_code}</span>' in row:
            return str(row)
    raise AssertionError(f"geen rij voor {org_code}")


def footer_cells(html: str) -> list[str]:
    tfoot = re.search(r"<tfoot.*?</tfoot>", html, re.S)
    assert tfoot
    first_row = re.search(r"<tr.*?</tr>", tfoot.group(0), re.S)
    assert first_row
    return [c.strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", first_row.group(0), re.S)]


# --- the Court of Audit's 2023 ratings --------------------------------------------------


@pytest.fixture
def demo(db: None) -> None:
    demo_load()


def demo_client(username: str) -> Client:
    return login_verified(Client(), Gebruiker.objects.get(username=username))


def test_norm_9_in_2023_reads_six_of_twelve(demo: None) -> None:
    """DONE criterion of issue 3: the footer of norm 9 says what §3.5.2 says."""
    c2023 = Cyclus.objects.get(jaar=2023)
    response = demo_client("rijkscoordinator.bzk").get(
        HEATMAP, {"cyclus": str(c2023.pk), "soort": Soort.AUDITOR}
    )
    html = response.content.decode()
    assert response.status_code == 200
    footer = footer_cells(html)
    assert len(footer) == 15
    assert footer[8] == "6 van 12 voldoen"  # the ninth norm column is norm 9
    assert footer[3] == "0 van 12 voldoen"  # norm 4: not reported per ministry


def test_the_default_view_is_the_2023_audit(demo: None) -> None:
    """The 2024 cycle has no assessments yet: the page opens on 2023, auditor."""
    html = demo_client("auditor.ar").get(HEATMAP).content.decode()
    assert footer_cells(html)[8] == "6 van 12 voldoen"
    assert "Detectie: 43 van 60 oordelen voldoen" in html
    assert re.search(r'<option value="auditor" selected>', html)


def test_legend_counts_the_cells_in_view(demo: None) -> None:
    html = demo_client("rijkscoordinator.bzk").get(HEATMAP).content.decode()
    legend = re.search(r'<ul class="igt-legend">(.*?)</ul>', html, re.S)
    assert legend
    text = re.sub(r"<[^>]+>|\s+", " ", legend.group(1))
    counts = dict(re.findall(r"(voldoet|kleine stap|stap|onbekend|—) .*? (\d+) cel", text))
    # 12 ministries × 15 norms; five norms are not reported per ministry (60 × onbekend)
    assert counts["onbekend"] == "60"
    assert counts["—"] == "0"
    assert sum(int(n) for n in counts.values()) == 180


def test_coordinating_role_row(demo: None) -> None:
    html = demo_client("rijkscoordinator.bzk").get(HEATMAP, {"rol": "coordinator"}).content
    text = html.decode()
    assert "BZK-1" in text and "Norm 9" not in text
    row = cells_of_row(text, "RIJK")
    assert row.count("igt-heat__kort") == 5
    assert footer_cells(text)[0] == "1 van 1 voldoet"


# --- what each role sees ------------------------------------------------------------------


@pytest.fixture
def ocw_fin(world: World) -> dict[str, Beoordeling]:
    """OCW: a concept self-assessment. FIN: a final one (norm 9 meets it) and a concept
    correction of it (norm 9 does not)."""
    cyclus = data.cyclus(2024)
    ocw = assess(world.ocw, cyclus, {"9": "stap"}, final=False, bevinding="OCW-bevinding")
    fin = assess(world.fin, cyclus, {"9": "voldoet"}, bevinding="FIN-bevinding")
    correctie = beoordeling_correct(acting_user=None, beoordeling=fin, reden="Herzien")
    niveau = cyclus.normenkader.niveaus.get(code="stap")
    oordeel_update(
        acting_user=None, oordeel=oordeel_of(correctie, "9"), niveau=niveau, bevinding="Herzien"
    )
    return {"ocw": ocw, "fin": fin, "fin_v2": correctie}


def test_ocw_coordinator_sees_own_cells_as_links_and_fin_as_final_levels(
    world: World, ocw_fin: dict[str, Beoordeling], make_user: MakeUser, login: Login
) -> None:
    client = login(Client(), make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))
    html = client.get(HEATMAP, {"soort": Soort.ZELFEVALUATIE}).content.decode()
    ocw_row, fin_row = cells_of_row(html, "OCW"), cells_of_row(html, "FIN")
    ocw_9 = oordeel_of(ocw_fin["ocw"], "9")
    assert reverse("normenkader:oordeel", args=[ocw_9.pk]) in ocw_row
    assert ocw_row.count('<a class="igt-heat__link"') == 15
    assert "concept" in ocw_row
    assert reverse("normenkader:organisatie", args=["OCW"]) in ocw_row
    # FIN: the final version 1 (norm 9 meets it), no links, no findings, no concept v2
    assert "igt-heat__link--plain" in fin_row and "<a " not in fin_row
    assert "FIN-bevinding" not in html and "Herzien" not in html
    assert "voldoet" in fin_row and "concept" not in fin_row


def test_fin_coordinator_sees_its_own_correction(
    world: World, ocw_fin: dict[str, Beoordeling], make_user: MakeUser, login: Login
) -> None:
    client = login(Client(), make_user(Rol.INTEGRITEITSCOORDINATOR, world.fin))
    html = client.get(HEATMAP, {"soort": Soort.ZELFEVALUATIE}).content.decode()
    fin_row = cells_of_row(html, "FIN")
    assert reverse("normenkader:oordeel", args=[oordeel_of(ocw_fin["fin_v2"], "9").pk]) in fin_row
    assert "concept" in fin_row
    # OCW only has a concept: outside FIN's scope there is nothing final to show
    ocw_row = cells_of_row(html, "OCW")
    assert "geen beoordeling" in ocw_row and "<a " not in ocw_row


def test_beheerder_gets_403(world: World, make_user: MakeUser, login: Login) -> None:
    client = login(Client(), make_user(Rol.BEHEERDER, world.rijk))
    assert client.get(HEATMAP).status_code == 403


def test_without_a_cycle_the_page_says_so(world: World, make_user: MakeUser, login: Login) -> None:
    client = login(Client(), make_user(Rol.RIJKSCOORDINATOR, world.rijk))
    response = client.get(HEATMAP)
    assert response.status_code == 200
    assert "Er is nog geen beoordelingscyclus" in response.content.decode()


def test_invalid_filter_shows_the_error_and_the_defaults(
    world: World, ocw_fin: dict[str, Beoordeling], make_user: MakeUser, login: Login
) -> None:
    client = login(Client(), make_user(Rol.RIJKSCOORDINATOR, world.rijk))
    html = client.get(HEATMAP, {"cyclus": "999999", "soort": "onzin"}).content.decode()
    assert 'aria-invalid="true"' in html
    assert "Het formulier bevat fouten" in html
    assert "<table" in html  # the default cycle and kind are shown meanwhile


def test_group_filter_shows_only_that_group(
    world: World, ocw_fin: dict[str, Beoordeling], make_user: MakeUser, login: Login
) -> None:
    client = login(Client(), make_user(Rol.RIJKSCOORDINATOR, world.rijk))
    html = client.get(HEATMAP, {"groep": "respons"}).content.decode()
    assert len(footer_cells(html)) == 3
    assert ">Respons</th>" in html and ">Preventie</th>" not in html


def test_export_and_compare_links_carry_the_choice(
    world: World, ocw_fin: dict[str, Beoordeling], make_user: MakeUser, login: Login
) -> None:
    client = login(Client(), make_user(Rol.RIJKSCOORDINATOR, world.rijk))
    cyclus = data.cyclus(2024)
    html = client.get(HEATMAP).content.decode()
    assert f"{reverse('normenkader:export')}?cyclus={cyclus.pk}&amp;soort=zelfevaluatie" in html
    assert f"{reverse('normenkader:vergelijking')}?b={cyclus.pk}" in html
    csv_link = re.search(r'href="([^"]+format=csv)"', html)
    assert csv_link
    download = client.get(csv_link.group(1).replace("&amp;", "&"))
    assert download.status_code == 200
    assert download["Content-Type"].startswith("text/csv")


# --- query count ----------------------------------------------------------------------------


def ministries_with_final_assessments(world: World, n: int) -> None:
    cyclus = data.cyclus(2024)
    voldoet = cyclus.normenkader.niveaus.get(code="voldoet")
    orgs = [world.ocw, world.fin] + [ministry(f"M{i}", world.rijk) for i in range(n - 2)]
    for org in orgs:
        b = beoordeling_start(
            acting_user=None, cyclus=cyclus, organisatie=org, soort=Soort.ZELFEVALUATIE
        )
        Oordeel.objects.filter(beoordeling=b).update(niveau=voldoet)  # fast set-up
        finalise(b)


@pytest.mark.parametrize("n", [3, 12])
def test_heatmap_query_count_does_not_grow_with_the_organisations(
    n: int,
    world: World,
    make_user: MakeUser,
    login: Login,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    ministries_with_final_assessments(world, n)
    client = login(Client(), make_user(Rol.RIJKSCOORDINATOR, world.rijk))
    with django_assert_max_num_queries(17):
        response = client.get(HEATMAP)
    assert footer_cells(response.content.decode())[0] == f"{n} van {n} voldoen"
