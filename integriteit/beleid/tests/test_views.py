"""The pages: who reads and who edits, scope (FIN gives 404 for an OCW user), bad input on
the forms (Dutch message at the field, nothing saved), the overview's query count, and the
samenhang page's content."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from integriteit.accounts.models import Gebruiker
from integriteit.beleid import services
from integriteit.beleid.models import Doel, Evaluatie, Instrument
from integriteit.beleid.tests.helpers import vandaag, volledig_beleid
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World, login_verified


@pytest.fixture
def coordinator(world: World, make_user: MakeUser) -> Gebruiker:
    return make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw)


def test_coordinator_reads_and_edits(world: World, coordinator: Gebruiker, client: Client) -> None:
    volledig_beleid(world.ocw)
    login_verified(client, coordinator)
    pagina = client.get(reverse("beleid:detail", kwargs={"code": "OCW"}))
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert "Integriteit is een gedeelde verantwoordelijkheid." in html
    assert reverse("beleid:doel_nieuw", kwargs={"code": "OCW"}) in html
    assert "Training leidinggevenden vernieuwen" in html
    samenhang = client.get(reverse("beleid:samenhang", kwargs={"code": "OCW"}))
    assert samenhang.status_code == 200
    assert 'data-code="doel_zonder_waarde"' in samenhang.content.decode()


def test_auditor_reads_without_edit_links(
    world: World, make_user: MakeUser, client: Client
) -> None:
    volledig_beleid(world.ocw)
    login_verified(client, make_user(Rol.AUDITOR, world.ocw))
    html = client.get(reverse("beleid:detail", kwargs={"code": "OCW"})).content.decode()
    assert "Integriteit is een gedeelde verantwoordelijkheid." in html
    assert reverse("beleid:doel_nieuw", kwargs={"code": "OCW"}) not in html
    assert client.get(reverse("beleid:visie", kwargs={"code": "OCW"})).status_code == 403


def test_other_organisation_is_404(world: World, coordinator: Gebruiker, client: Client) -> None:
    volledig_beleid(world.fin)
    login_verified(client, coordinator)
    for naam in ("beleid:detail", "beleid:samenhang", "beleid:visie", "beleid:doel_nieuw"):
        assert client.get(reverse(naam, kwargs={"code": "FIN"})).status_code == 404
    doel = Doel.objects.get(beleid__organisatie=world.fin)
    url = reverse("beleid:doel_verwijderen", kwargs={"code": "OCW", "pk": doel.pk})
    assert client.post(url).status_code == 404  # FIN's goal through OCW's address
    assert Doel.objects.filter(pk=doel.pk).exists()
    overzicht = client.get(reverse("beleid:overzicht")).content.decode()
    assert "FIN" not in overzicht


def test_goal_without_indicator_on_the_form(
    world: World, coordinator: Gebruiker, client: Client
) -> None:
    login_verified(client, coordinator)
    antwoord = client.post(
        reverse("beleid:doel_nieuw", kwargs={"code": "OCW"}),
        {
            "omschrijving": "Meer vertrouwen in het melden",
            "indicator": "",
            "bron": "enquete_item",
            "bron_code": "mel_veilig_bestaat_niet",
            "richting": "hoger",
            "streefwaarde": "70",
        },
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "Een doel zonder indicator is niet meetbaar" in html
    assert "Onbekende vraagcode ‘mel_veilig_bestaat_niet’" in html
    assert not Doel.objects.exists()


def test_goal_saved_from_the_form(world: World, coordinator: Gebruiker, client: Client) -> None:
    login_verified(client, coordinator)
    antwoord = client.post(
        reverse("beleid:doel_nieuw", kwargs={"code": "OCW"}),
        {
            "omschrijving": "Leidinggevenden geven het goede voorbeeld",
            "indicator": "% eens",
            "bron": "enquete_item",
            "bron_code": "vb_goed_voorbeeld",
            "richting": "hoger",
            "streefwaarde": "80",
        },
    )
    assert antwoord.status_code == 302
    assert antwoord["Location"].endswith("/beleid/OCW/#doelen")
    assert Doel.objects.get().bron_code == "vb_goed_voorbeeld"


def test_future_dates_on_the_forms(world: World, coordinator: Gebruiker, client: Client) -> None:
    login_verified(client, coordinator)
    morgen = (vandaag() + timedelta(days=1)).isoformat()
    evaluatie = client.post(
        reverse("beleid:evaluatie_nieuw", kwargs={"code": "OCW"}),
        {"datum": morgen, "reikwijdte": "Het hele beleid", "bevindingen": "Nog niet gedaan"},
    )
    assert evaluatie.status_code == 400
    assert "ligt in de toekomst" in evaluatie.content.decode()
    instrument = client.post(
        reverse("beleid:instrument_nieuw", kwargs={"code": "OCW"}),
        {"soort": "gedragscode", "naam": "Gedragscode", "eigenaar": "SG", "herzien_op": morgen},
    )
    assert instrument.status_code == 400
    assert "mag niet in de toekomst liggen" in instrument.content.decode()
    assert not Evaluatie.objects.exists()
    assert not Instrument.objects.exists()


def test_position_form(world: World, coordinator: Gebruiker, client: Client) -> None:
    login_verified(client, coordinator)
    url = reverse("beleid:positie", kwargs={"code": "OCW"})
    assert client.get(url).status_code == 200
    antwoord = client.post(
        url,
        {
            "coordinator_fte": "1,5",
            "taken_vastgelegd_op": "2024-02-01",
            "directe_toegang_top": "nee",
            "rapporteert_aan": "hoofd_po",
        },
    )
    assert antwoord.status_code == 302
    html = client.get(reverse("beleid:detail", kwargs={"code": "OCW"})).content.decode()
    assert "Hoofd P&amp;O/HR" in html
    assert "via P&O/HR" in html  # the warning beside it, in words
    assert "1,50 fte" in html


def test_overview_query_count_does_not_grow(
    world: World,
    make_user: MakeUser,
    client: Client,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    volledig_beleid(world.ocw)
    volledig_beleid(world.fin)
    login_verified(client, make_user(Rol.AUDITOR, world.rijk))
    url = reverse("beleid:overzicht")
    client.get(url)  # warm the session
    # framework (session, user, device, memberships, its update) and the page: organisations,
    # records, goals, instruments, evaluations, actions — whatever the number of rows
    with django_assert_num_queries(13):
        antwoord = client.get(url)
    html = antwoord.content.decode()
    assert html.count(reverse("beleid:samenhang", kwargs={"code": "OCW"})) == 1
    assert reverse("beleid:samenhang", kwargs={"code": "FIN"}) in html
    volledig_beleid(world.ocw)  # twice the goals, instruments, evaluations and actions
    services.beleid_opslaan(
        acting_user=None,
        organisatie=world.ocw_unit,
        gegevens=services.BeleidGegevens(visie="Eigen visie van het DG"),
    )  # a unit with a record joins the list
    with django_assert_num_queries(13):
        html = client.get(url).content.decode()
    assert reverse("beleid:detail", kwargs={"code": "OCW-DGCM"}) in html


def test_samenhang_links_to_the_risk_analysis(
    world: World, coordinator: Gebruiker, client: Client
) -> None:
    from integriteit.risicos.services import AnalyseOpzet, analyse_create

    login_verified(client, coordinator)
    url = reverse("beleid:samenhang", kwargs={"code": "OCW"})
    html = client.get(url).content.decode()
    assert 'data-code="geen_risicoanalyse"' in html
    assert reverse("risicos:lijst") in html
    analyse = analyse_create(
        organisatie=world.ocw,
        opzet=AnalyseOpzet(titel="Risicoanalyse 2026", datum=vandaag(), methoden=["interviews"]),
        acting_user=coordinator,
    )
    html = client.get(url).content.decode()
    assert 'data-code="geen_risicoanalyse"' not in html
    assert reverse("risicos:detail", kwargs={"pk": analyse.pk}) in html
    assert "Risicoanalyse 2026" in html


def test_edit_flows(world: World, coordinator: Gebruiker, client: Client) -> None:
    volledig_beleid(world.ocw)
    login_verified(client, coordinator)
    instrument = Instrument.objects.get(beleid__organisatie=world.ocw, soort="gedragscode")
    url = reverse("beleid:instrument", kwargs={"code": "OCW", "pk": instrument.pk})
    assert "Instrument gedragscode" in client.get(url).content.decode()  # filled in
    antwoord = client.post(
        url,
        {
            "soort": "gedragscode",
            "naam": "Gedragscode 2026",
            "eigenaar": "SG",
            "herzien_op": vandaag().isoformat(),
        },
    )
    assert antwoord.status_code == 302
    instrument.refresh_from_db()
    assert (instrument.naam, instrument.herzien_op) == ("Gedragscode 2026", vandaag())
    weg = reverse("beleid:instrument_verwijderen", kwargs={"code": "OCW", "pk": instrument.pk})
    assert client.get(weg).status_code == 405
    assert client.post(weg).status_code == 302
    assert not Instrument.objects.filter(pk=instrument.pk).exists()
    actie = Evaluatie.objects.get(beleid__organisatie=world.ocw).acties.get()
    antwoord = client.post(
        reverse("beleid:actie", kwargs={"code": "OCW", "pk": actie.pk}),
        {
            "omschrijving": actie.omschrijving,
            "eigenaar": actie.eigenaar,
            "deadline": actie.deadline.isoformat(),
            "status": "afgerond",
        },
    )
    assert antwoord.status_code == 302
    actie.refresh_from_db()
    assert actie.status == "afgerond"
    antwoord = client.post(
        reverse("beleid:visie", kwargs={"code": "OCW"}),
        {"visie": "Nieuwe visie", "actualiteit_maanden": "24"},
    )
    assert antwoord.status_code == 302
    html = client.get(reverse("beleid:detail", kwargs={"code": "OCW"})).content.decode()
    assert "Nieuwe visie" in html
    assert "24 maanden" in html
