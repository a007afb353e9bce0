from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from integriteit.accounts.models import Gebruiker
from integriteit.common.models import AuditEvent
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.organisaties.csv_io import HEADER
from integriteit.organisaties.models import Organisatie
from integriteit.organisaties.tests.factories import OrganisatieFactory

Login = Callable[[Client, Gebruiker], Client]
HEADER_LINE = ",".join(HEADER)


@pytest.fixture
def beheerder(world: World, make_user: MakeUser, client: Client, login: Login) -> Client:
    """A client logged in as the functional administrator of OCW."""
    return login(client, make_user(Rol.BEHEERDER, world.ocw))


def _form(node: Organisatie, **changes: str) -> dict[str, str]:
    data = {
        "code": node.code,
        "naam": node.naam,
        "soort": node.soort,
        "parent": str(node.parent_id or ""),
        "fte": "" if node.fte is None else str(node.fte),
        "aantal_medewerkers": ""
        if node.aantal_medewerkers is None
        else str(node.aantal_medewerkers),
        "geldig_van": "",
        "geldig_tot": "",
    }
    data.update(changes)
    return data


def _upload(text: str) -> dict[str, SimpleUploadedFile]:
    return {"bestand": SimpleUploadedFile("org.csv", text.encode(), content_type="text/csv")}


# --- tree ----------------------------------------------------------------------------


def test_tree_shows_the_visible_subtree_with_totals(world: World, beheerder: Client) -> None:
    OrganisatieFactory.create(
        code="OCW-DGCM-ERF", naam="Directie Erfgoed", parent=world.ocw_unit, aantal_medewerkers=30
    )
    response = beheerder.get(reverse("organisaties:tree"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Directie Erfgoed" in content and "DG Cultuur en Media" in content
    assert "Financiën" not in content
    assert "totaal 150 met onderliggende onderdelen" in content
    assert reverse("organisaties:import") in content and reverse("organisaties:export") in content


def test_tree_query_count_does_not_grow_with_the_tree(
    world: World, beheerder: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for n in range(15):
        OrganisatieFactory.create(code=f"OCW-DGCM-{n}", parent=world.ocw_unit)
    # session, user, OTP device, memberships, nodes; then the session is saved (3 queries)
    with django_assert_num_queries(8):
        response = beheerder.get(reverse("organisaties:tree"))
    assert response.content.decode().count('class="igt-tree__item') == 2 + 15


def test_tree_on_a_peildatum_explains_what_is_shown(world: World, beheerder: Client) -> None:
    OrganisatieFactory.create(
        code="OCW-OUD", naam="Opgeheven directie", parent=world.ocw, geldig_tot="2020-12-31"
    )
    every = beheerder.get(reverse("organisaties:tree")).content.decode()
    assert "Opgeheven directie" in every and "opgeheven" in every
    assert "U ziet alle organisaties" in every

    on_day = beheerder.get(
        reverse("organisaties:tree"), {"peildatum": "2024-01-01"}
    ).content.decode()
    assert "Opgeheven directie" not in on_day
    assert "U ziet de organisaties die op 1 januari 2024 bestonden." in on_day


def test_tree_with_a_bad_peildatum_says_so_and_shows_all(world: World, beheerder: Client) -> None:
    response = beheerder.get(reverse("organisaties:tree"), {"peildatum": "morgen"})
    assert response.status_code == 200
    [error] = response.context["form"].errors["peildatum"]
    assert error in response.content.decode()
    assert response.context["peildatum"] is None


# --- detail ----------------------------------------------------------------------------


def test_detail_outside_the_scope_is_404(world: World, beheerder: Client) -> None:
    response = beheerder.get(reverse("organisaties:detail", args=["FIN"]))
    assert response.status_code == 404


def test_detail_offers_changes_only_to_who_manages_the_node(
    world: World, beheerder: Client, make_user: MakeUser, login: Login
) -> None:
    url = reverse("organisaties:detail", args=["OCW"])
    edit = reverse("organisaties:edit", args=["OCW"])
    content = beheerder.get(url).content.decode()
    assert edit in content and reverse("organisaties:create", args=["OCW"]) in content
    assert "DG Cultuur en Media" in content  # the child, in the table

    manager = login(Client(), make_user(Rol.LEIDINGGEVENDE, world.ocw))
    content = manager.get(url).content.decode()
    assert manager.get(url).status_code == 200
    assert edit not in content


def test_detail_query_count_does_not_grow_with_the_children(
    world: World, beheerder: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for n in range(10):
        OrganisatieFactory.create(code=f"OCW-DGCM-{n}", parent=world.ocw_unit)
    # session, user, OTP device, memberships, node, ancestors, children; session save (3)
    with django_assert_num_queries(10):
        response = beheerder.get(reverse("organisaties:detail", args=["OCW-DGCM"]))
    assert response.content.decode().count('<th scope="row"') == 10


def test_edit_offers_no_empty_parent_except_for_the_root(
    world: World, beheerder: Client, make_user: MakeUser, login: Login
) -> None:
    content = beheerder.get(reverse("organisaties:edit", args=["OCW-DGCM"])).content.decode()
    assert "geen (hoogste niveau)" not in content
    rijk = login(Client(), make_user(Rol.BEHEERDER, world.rijk))
    content = rijk.get(reverse("organisaties:edit", args=["RIJK"])).content.decode()
    assert "geen (hoogste niveau)" in content


# --- create and edit -------------------------------------------------------------------


def test_create_under_a_managed_node(world: World, beheerder: Client) -> None:
    response = beheerder.post(
        reverse("organisaties:create", args=["OCW-DGCM"]),
        {
            "code": "OCW-DGCM-ERF",
            "naam": "Directie Erfgoed",
            "soort": "onderdeel",
            "aantal_medewerkers": "40",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("organisaties:detail", args=["OCW-DGCM-ERF"])
    node = Organisatie.objects.get(code="OCW-DGCM-ERF")
    assert node.parent == world.ocw_unit and node.pad.startswith(world.ocw_unit.pad)
    assert AuditEvent.objects.filter(
        action="organisatie.aangemaakt", object_id="OCW-DGCM-ERF"
    ).exists()


def test_create_shows_service_errors_on_the_fields(world: World, beheerder: Client) -> None:
    url = reverse("organisaties:create", args=["OCW"])
    response = beheerder.post(url, {"code": "FIN-DGFZ", "naam": "Dubbel", "soort": "onderdeel"})
    assert response.status_code == 200
    assert response.context["form"].errors["code"] == ["Code ‘FIN-DGFZ’ bestaat al."]
    assert "Code ‘FIN-DGFZ’ bestaat al." in response.content.decode()

    dates = {"geldig_van": "2024-02-01", "geldig_tot": "2024-01-01"}
    response = beheerder.post(url, {"code": "OCW-X", "naam": "X", "soort": "onderdeel", **dates})
    assert response.context["form"].errors["geldig_tot"] == ["‘Geldig tot’ ligt vóór ‘geldig van’."]
    assert not Organisatie.objects.filter(naam__in=["Dubbel", "X"]).exists()


def test_create_under_a_node_outside_the_scope_is_404(world: World, beheerder: Client) -> None:
    response = beheerder.post(
        reverse("organisaties:create", args=["FIN"]),
        {"code": "FIN-X", "naam": "X", "soort": "onderdeel"},
    )
    assert response.status_code == 404
    assert not Organisatie.objects.filter(code="FIN-X").exists()


def test_edit_changes_a_managed_node(world: World, beheerder: Client) -> None:
    url = reverse("organisaties:edit", args=["OCW-DGCM"])
    assert beheerder.get(url).status_code == 200
    response = beheerder.post(
        url, _form(world.ocw_unit, naam="DG Cultuur, Media en Erfgoed", fte="110.5")
    )
    assert response.status_code == 302
    world.ocw_unit.refresh_from_db()
    assert (world.ocw_unit.naam, str(world.ocw_unit.fte)) == (
        "DG Cultuur, Media en Erfgoed",
        "110.5",
    )


def test_edit_cannot_move_a_node_outside_the_scope(world: World, beheerder: Client) -> None:
    response = beheerder.post(
        reverse("organisaties:edit", args=["OCW-DGCM"]),
        _form(world.ocw_unit, parent=str(world.fin.pk)),
    )
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    world.ocw_unit.refresh_from_db()
    assert world.ocw_unit.parent == world.ocw


def test_edit_maps_the_service_error_of_a_wrong_kind(world: World, beheerder: Client) -> None:
    response = beheerder.post(
        reverse("organisaties:edit", args=["OCW-DGCM"]), _form(world.ocw_unit, soort="rijk")
    )
    assert response.context["form"].errors["parent"] == [
        "Een rijk kan niet onder ministerie hangen."
    ]


def test_edit_outside_the_scope_is_404(world: World, beheerder: Client) -> None:
    assert beheerder.get(reverse("organisaties:edit", args=["FIN-DGFZ"])).status_code == 404


# --- import and export -----------------------------------------------------------------


def test_import_page_explains_the_format(world: World, beheerder: Client) -> None:
    content = beheerder.get(reverse("organisaties:import")).content.decode()
    assert HEADER_LINE in content
    assert "OCW-DGHO,Directoraat-generaal Hoger Onderwijs,OCW" in content


def test_import_applies_a_good_file(world: World, beheerder: Client) -> None:
    data = _upload(f"{HEADER_LINE}\nOCW-A,Directie A,OCW,onderdeel,,10,,\n")
    response = beheerder.post(reverse("organisaties:import"), data)
    assert response.status_code == 302 and response["Location"] == reverse("organisaties:tree")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Import geslaagd: 1 aangemaakt, 0 gewijzigd, 0 ongewijzigd."
    ]
    assert Organisatie.objects.filter(code="OCW-A", parent=world.ocw).exists()


def test_import_touching_fin_is_refused_and_keeps_nothing(world: World, beheerder: Client) -> None:
    count, events = Organisatie.objects.count(), AuditEvent.objects.count()
    data = _upload(
        f"{HEADER_LINE}\nOCW-A,Directie A,OCW,onderdeel,,10,,\n"
        "FIN-DGFZ,DG Fiscale Zaken,FIN,onderdeel,,81,,\n"
    )
    response = beheerder.post(reverse("organisaties:import"), data)
    assert response.status_code == 200
    assert response.context["fouten"] == ["Regel 3: u mag ‘FIN-DGFZ’ niet wijzigen."]
    assert "Regel 3: u mag ‘FIN-DGFZ’ niet wijzigen." in response.content.decode()
    assert (Organisatie.objects.count(), AuditEvent.objects.count()) == (count, events)


def test_import_without_a_file_asks_for_one(world: World, beheerder: Client) -> None:
    response = beheerder.post(reverse("organisaties:import"), {})
    assert response.status_code == 200
    assert "bestand" in response.context["form"].errors


def test_export_downloads_the_scope_as_csv(world: World, beheerder: Client) -> None:
    response = beheerder.get(reverse("organisaties:export"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="organisaties.csv"'
    lines = response.content.decode().splitlines()
    assert lines[0] == HEADER_LINE
    assert [line.split(",")[0] for line in lines[1:]] == ["OCW", "OCW-DGCM"]
