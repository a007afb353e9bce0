"""The screens: list (query count), scope (FIN's analysis is 404 for OCW), forms that refuse
bad input with a Dutch message and save nothing, the matrix counts, XLSX and PDF."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World, login_verified
from integriteit.risicos.models import Risico, Risicoanalyse
from integriteit.risicos.rapport import grids
from integriteit.risicos.tests.helpers import analyse, functie, maatregel, risico, volledig


def _coordinator(client: Client, world: World, make_user: MakeUser) -> Client:
    return login_verified(client, make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))


def test_list_shows_own_scope_in_fixed_queries(
    world: World, make_user: MakeUser, client: Client, django_assert_num_queries: Any
) -> None:
    for _ in range(5):
        volledig(world, "eigen")
    fin = volledig(world, "ander")
    user = make_user(Rol.AUDITOR, world.ocw)
    login_verified(client, user)
    client.get(reverse("risicos:lijst"))  # warm the session
    # Session, user, memberships (decorator and selectors), the list with its counts, and
    # the check whether the user may create analyses: the same for 5 analyses as for 1.
    with django_assert_num_queries(8):
        response = client.get(reverse("risicos:lijst"))
    assert response.status_code == 200
    assert len(response.context["analyses"]) == 5
    assert fin.pk not in {a.pk for a in response.context["analyses"]}
    assert not response.context["may_beheren"]


def test_other_organisation_is_404(world: World, make_user: MakeUser, client: Client) -> None:
    fin = volledig(world, "ander")
    _coordinator(client, world, make_user)
    assert client.get(reverse("risicos:detail", args=[fin.pk])).status_code == 404
    r = Risico.objects.get(analyse=fin)
    response = client.post(reverse("risicos:risico_bewerken", args=[r.pk]), {"titel": "x"})
    assert response.status_code == 404


def test_create_analysis_through_the_form(
    world: World, make_user: MakeUser, client: Client
) -> None:
    _coordinator(client, world, make_user)
    response = client.post(
        reverse("risicos:nieuw"),
        {
            "organisatie": world.ocw.pk,
            "titel": "IRA 2026",
            "datum": "2026-01-15",
            "matrix_grootte": "4",
            "methoden": ["workshop", "interviews"],
            "deelnemers_aantal": "12",
        },
    )
    analyse_ = Risicoanalyse.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/risicos/{analyse_.pk}/"
    assert analyse_.matrix_grootte == 4 and analyse_.methoden == ["workshop", "interviews"]
    # FIN is not offered to an OCW coordinator.
    response = client.post(reverse("risicos:nieuw"), {"organisatie": world.fin.pk, "titel": "x"})
    assert response.status_code == 200 and Risicoanalyse.objects.count() == 1


def _risico_post(**extra: str) -> dict[str, str]:
    data = {
        "titel": "Lekken",
        "gebied": "Beleid",
        "kwetsbaar_gebied": "informatie",
        "schending": "informatie",
        "omschrijving": "Stukken lekken uit.",
        "eigenaar": "Directeur",
        "kans": "3",
        "impact": "3",
    }
    data.update(extra)
    return data


def test_likelihood_off_a_4x4_matrix_gives_a_dutch_message(
    world: World, make_user: MakeUser, client: Client
) -> None:
    a = analyse(world.ocw, grootte=4)
    _coordinator(client, world, make_user)
    url = reverse("risicos:risico_nieuw", args=[a.pk])
    response = client.post(url, _risico_post(kans="5"))
    assert response.status_code == 200
    assert "Kans: kies een waarde van 1 tot en met 4." in response.content.decode()
    assert not Risico.objects.exists()
    response = client.post(url, _risico_post(rest_kans="4", rest_impact="1"))
    assert "Restkans: mag niet hoger zijn dan de kans (3)." in response.content.decode()
    assert not Risico.objects.exists()
    response = client.post(url, _risico_post(rest_kans="2", rest_impact="1"))
    assert response.status_code == 302
    assert Risico.objects.get().rest_score == 2


def test_detail_shows_steps_and_register(world: World, make_user: MakeUser, client: Client) -> None:
    a = analyse(world.ocw)
    risico(a, kans=5, impact=5)
    _coordinator(client, world, make_user)
    response = client.get(reverse("risicos:detail", args=[a.pk]))
    tekst = response.content.decode()
    assert "R1" in tekst and "Hoog" in tekst
    assert "geef deze risico&#x27;s met een hoog bruto risico een maatregel: R1." in tekst
    assert "benoem de kwetsbare functies" in tekst


def test_matrix_counts_per_cell(world: World, make_user: MakeUser, client: Client) -> None:
    a = analyse(world.ocw, grootte=4)
    risico(a, kans=4, impact=4, rest_kans=2, rest_impact=2)
    risico(a, kans=4, impact=4, rest_kans=1, rest_impact=1)
    risico(a, kans=1, impact=2, rest_kans=None, rest_impact=None)
    _coordinator(client, world, make_user)
    response = client.get(reverse("risicos:matrix", args=[a.pk]))
    bruto, rest = response.context["grids"]
    assert bruto.rijen[0][3].aantal == 2 and bruto.totaal == 3
    assert dict(bruto.per_band) == {"Hoog": 2, "Midden": 0, "Laag": 1}
    assert rest.totaal == 2 and dict(rest.per_band) == {"Hoog": 0, "Midden": 1, "Laag": 1}
    tekst = response.content.decode()
    assert 'id="bruto-4-4"' in tekst and "R1, R2" in tekst and "<svg" in tekst


def test_xlsx_has_the_sheets_and_rows(world: World, make_user: MakeUser, client: Client) -> None:
    a = analyse(world.ocw)
    r = risico(a, titel="Valse facturen")
    maatregel(r)
    functie(a)
    _coordinator(client, world, make_user)
    response = client.get(reverse("risicos:xlsx", args=[a.pk]))
    boek = openpyxl.load_workbook(io.BytesIO(response.content))
    assert boek.sheetnames == [
        "Register",
        "Maatregelen",
        "Kwetsbare functies",
        "Matrix bruto",
        "Matrix rest",
    ]
    register = list(boek["Register"].iter_rows(values_only=True))
    assert register[1][:2] == ("R1", "Valse facturen") and register[1][8] == 16
    assert list(boek["Maatregelen"].iter_rows(values_only=True))[1][0] == "R1"
    assert list(boek["Kwetsbare functies"].iter_rows(values_only=True))[1][0] == "Inkoper"
    bruto = list(boek["Matrix bruto"].iter_rows(values_only=True))
    assert str(bruto[2][0]).startswith("5") and bruto[3][4] == 1  # kans 4, impact 4


def test_pdf_report_has_the_risk_text(world: World, make_user: MakeUser, client: Client) -> None:
    a = analyse(world.ocw)
    risico(a, titel="Bevoordeling leverancier")
    _coordinator(client, world, make_user)
    response = client.get(reverse("risicos:pdf", args=[a.pk]))
    assert response.content.startswith(b"%PDF")
    tekst = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Bevoordeling" in tekst and "leverancier" in tekst and "Kwetsbare functies" in tekst


def test_adopt_from_catalogue_page(world: World, make_user: MakeUser, client: Client) -> None:
    a = analyse(world.ocw)
    _coordinator(client, world, make_user)
    response = client.post(
        reverse("risicos:overnemen", args=[a.pk]), {"codes": ["SUB-01", "PE-02"]}
    )
    assert response.status_code == 302
    assert sorted(Risico.objects.values_list("catalogus_code", flat=True)) == ["PE-02", "SUB-01"]
    response = client.get(reverse("risicos:overnemen", args=[a.pk]))
    assert "al overgenomen" in response.content.decode()


def test_catalogue_filters(world: World, make_user: MakeUser, client: Client) -> None:
    login_verified(client, make_user(Rol.BEVOEGD_GEZAG, world.ocw))
    response = client.get(reverse("risicos:catalogus"), {"schending": "geweld"})
    assert {i.schending for i in response.context["items"]} == {"geweld"}
    response = client.get(reverse("risicos:catalogus"), {"gebied": "subsidies"})
    assert len(response.context["items"]) == 6


def test_survey_page_without_wave(world: World, make_user: MakeUser, client: Client) -> None:
    a = analyse(world.ocw)
    _coordinator(client, world, make_user)
    response = client.get(reverse("risicos:enquete", args=[a.pk]))
    assert "geen onderzoeksgolf" in response.content.decode()


def test_reader_sees_no_edit_links(world: World, make_user: MakeUser, client: Client) -> None:
    a = volledig(world, "eigen")
    login_verified(client, make_user(Rol.AUDITOR, world.ocw))
    response = client.get(reverse("risicos:detail", args=[a.pk]))
    assert reverse("risicos:bewerken", args=[a.pk]) not in response.content.decode()
    assert client.get(reverse("risicos:bewerken", args=[a.pk])).status_code == 403


def test_survey_page_shows_shares_and_suppression(
    world: World, make_user: MakeUser, client: Client
) -> None:
    from integriteit.risicos.tests.test_enquete import _antwoorden, golf_met_antwoorden

    golf = golf_met_antwoorden(
        world,
        {
            "OCW-DGCM": _antwoorden([1, 2, 2, 2, 2, 2]),
            "OCW-DGHO": _antwoorden([1, 1, 1, 1, 1, 2]),
            "OCW-DGOO": _antwoorden([2, 2, 2, 2, 2, 2]),
        },
    )
    a = analyse(world.ocw, golf=golf)
    risico(a, schending="belangen")
    login_verified(client, make_user(Rol.AUDITOR, world.ocw))
    response = client.get(reverse("risicos:enquete", args=[a.pk]))
    tekst = response.content.decode()
    assert "83 %" in tekst and "17 %" in tekst and "100 %" in tekst
    assert "geen risico in het register" in tekst  # e.g. geweld: seen by nobody, not registered
    assert 'href="/risicos/risico/' in tekst


def test_matrix_axis_puts_the_highest_likelihood_on_top(world: World) -> None:
    """The rows run from the highest likelihood down, and so must the axis labels."""
    a = analyse(world.ocw)
    bruto = grids(a, [])[0]
    y_van = dict(bruto.assen_kans)
    assert y_van[a.matrix_grootte] < y_van[1]  # the highest likelihood above 1
    bovenste = bruto.svg_cellen[0]
    assert bovenste.cel.kans == a.matrix_grootte and bovenste.y == y_van[a.matrix_grootte]
    x_van = dict(bruto.assen_impact)
    assert x_van[1] < x_van[a.matrix_grootte]
