"""The annual report's pages: the public list and published pages, the concept preview, the
narrative, publishing with its confirmation, and corrections."""

from __future__ import annotations

import hashlib

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from integriteit.accounts.tests.factories import GebruikerFactory, LidmaatschapFactory
from integriteit.common.roles import Rol
from integriteit.conftest import World, login_verified
from integriteit.rapportages import jaarverslag_services as svc
from integriteit.rapportages.models import Jaarverslag
from integriteit.rapportages.tests.conftest import RijkData
from integriteit.rapportages.tests.helpers import JAAR

pytestmark = pytest.mark.django_db


def _bzk(client: Client, world: World) -> None:
    user = GebruikerFactory.create(username="bzk.jaarverslag")
    LidmaatschapFactory.create(
        gebruiker=user, organisatie=world.rijk, rol=Rol.RIJKSCOORDINATOR, recursief=True
    )
    login_verified(client, user)


def test_list_is_public_and_hides_concepts(
    world: World, client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    svc.jaarverslag_create(acting_user=None, jaar=JAAR)
    with django_assert_num_queries(1):
        response = client.get(reverse("rapportages:jaarverslagen"))
    assert response.status_code == 200
    assert f'data-jaar="{JAAR}"' not in response.content.decode()
    assert client.get(reverse("rapportages:jaarverslag", args=[JAAR])).status_code == 404


def test_list_shows_concepts_to_bzk(world: World, client: Client) -> None:
    svc.jaarverslag_create(acting_user=None, jaar=JAAR)
    _bzk(client, world)
    html = client.get(reverse("rapportages:jaarverslagen")).content.decode()
    assert f'data-jaar="{JAAR}"' in html and "Concept maken" in html


def test_create_edit_preview_publish(rijk_data: RijkData, client: Client) -> None:
    _bzk(client, rijk_data.world)
    response = client.post(reverse("rapportages:jaarverslag_nieuw"), {"jaar": JAAR})
    assert response.status_code == 302
    bewerken = reverse("rapportages:jaarverslag_bewerken", args=[JAAR])
    client.post(bewerken, {"structuur": "Het gaat <b>beter</b>.", "cultuur": "", "melden": ""})
    assert Jaarverslag.objects.get(jaar=JAAR).tekst("structuur") == "Het gaat <b>beter</b>."
    preview = client.get(reverse("rapportages:jaarverslag_concept", args=[JAAR]))
    assert "Het gaat &lt;b&gt;beter&lt;/b&gt;." in preview.content.decode()
    publiceren = reverse("rapportages:jaarverslag_publiceren", args=[JAAR])
    assert "definitief" in client.get(publiceren).content.decode()
    response = client.post(publiceren, {})  # not confirmed: nothing happens
    assert response.status_code == 200 and not Jaarverslag.objects.get(jaar=JAAR).gepubliceerd
    assert client.post(publiceren, {"bevestig": "on"}).status_code == 302
    verslag = Jaarverslag.objects.get(jaar=JAAR)
    assert verslag.gepubliceerd
    assert client.post(bewerken, {"structuur": "Anders."}).status_code == 404
    assert Jaarverslag.objects.get(jaar=JAAR).tekst("structuur") == "Het gaat <b>beter</b>."


def test_published_pages_are_public_and_match_the_hashes(rijk_data: RijkData) -> None:
    verslag = svc.jaarverslag_publiceren(
        acting_user=None, jaarverslag=svc.jaarverslag_create(acting_user=None, jaar=JAAR)
    )
    client = Client()
    pagina = client.get(reverse("rapportages:jaarverslag", args=[JAAR]))
    assert pagina.status_code == 200 and verslag.sha256_pdf in pagina.content.decode()
    for soort in ("html", "pdf", "xlsx"):
        response = client.get(reverse("rapportages:jaarverslag_download", args=[JAAR, soort]))
        assert response.status_code == 200
        assert hashlib.sha256(response.content).hexdigest() == getattr(verslag, f"sha256_{soort}")
    assert client.get(reverse("rapportages:jaarverslag_concept", args=[JAAR])).status_code == 302


def test_correction_page_makes_a_new_concept(rijk_data: RijkData, client: Client) -> None:
    svc.jaarverslag_publiceren(
        acting_user=None, jaarverslag=svc.jaarverslag_create(acting_user=None, jaar=JAAR)
    )
    _bzk(client, rijk_data.world)
    url = reverse("rapportages:jaarverslag_corrigeren", args=[JAAR])
    assert client.post(url, {"reden": ""}).status_code == 200
    assert Jaarverslag.objects.filter(jaar=JAAR).count() == 1
    assert client.post(url, {"reden": "Cijfer FIN hersteld."}).status_code == 302
    assert Jaarverslag.objects.get(jaar=JAAR, versie=2).correctie_reden == "Cijfer FIN hersteld."
    # the public page still shows version 1 until version 2 is published
    assert Client().get(reverse("rapportages:jaarverslag", args=[JAAR])).status_code == 200
