"""The start page's "Wacht op u": a custodian sees a recovery request waiting for the share,
the user whose key was renewed sees the lost access, the identity custodian sees an open
identity request — and nobody else sees any of it."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from integriteit.accounts.tests.factories import TEST_PASSWORD
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World, login_verified
from integriteit.kluis import herstel
from integriteit.kluis import services as kluis
from integriteit.kluis.models import KluisDoel
from integriteit.meldingen import services
from integriteit.meldingen.constants import Kanaal
from integriteit.meldingen.models import Identiteitsverzoek, Meldregeling


def _home(user: object) -> str:
    client = Client()
    login_verified(client, user)  # type: ignore[arg-type]
    return client.get(reverse("home")).content.decode()


def test_waiting_items_reach_only_the_person_they_wait_for(
    world: World, make_user: MakeUser
) -> None:
    bewaarders = [make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw) for _ in range(3)]
    for b in bewaarders:
        kluis.gebruikersleutel_openen(gebruiker=b, wachtwoord=TEST_PASSWORD)
    sleutel = herstel.herstelsleutel_maken(
        organisatie=world.ocw, bewaarders=bewaarders, drempel=2, door=bewaarders[0]
    )
    gebruiker = make_user(Rol.BEVOEGD_GEZAG, world.ocw)
    kluis.gebruikersleutel_openen(gebruiker=gebruiker, wachtwoord=TEST_PASSWORD)
    vault = kluis.kluis_maken(
        doel=KluisDoel.MELDING, organisatie=world.ocw, gebruikers=[gebruiker]
    ).kluis
    kluis.gebruikersleutel_maken(gebruiker=gebruiker, wachtwoord="een-nieuw-wachtwoord-1")
    buitenstaander = make_user(Rol.INTEGRITEITSCOORDINATOR, world.fin)

    assert "geen toegang meer tot 1 kluis" in _home(gebruiker)
    verzoek = herstel.herstelverzoek_maken(
        herstelsleutel=sleutel, gebruiker=gebruiker, kluizen=[vault], reden="Reset", door=None
    )
    assert "Een herstelverzoek wacht op uw deel" in _home(bewaarders[0])
    assert "Wacht op u" not in _home(buitenstaander)
    for b in bewaarders[:2]:
        herstel.herstel_bijdragen(
            verzoek=verzoek,
            bewaarder=b,
            private=kluis.gebruikersleutel_openen(gebruiker=b, wachtwoord=TEST_PASSWORD),
        )
    assert "Wacht op u" not in _home(bewaarders[0])  # contributed
    assert "Wacht op u" not in _home(bewaarders[2])  # enough shares are in already
    assert "u kunt uw toegang nu herstellen" in _home(gebruiker)


def test_identity_custodian_sees_open_requests(world: World, make_user: MakeUser) -> None:
    bewaarder = make_user(Rol.VERTROUWENSPERSOON, world.ocw)
    coordinator = make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    Meldregeling.objects.create(organisatie=world.ocw, identiteitsbewaarder=bewaarder)
    melding = services.melding_ontvangen(
        invoer=services.Invoer(
            organisatie=world.ocw,
            soort="belangen",
            kanaal=Kanaal.TELEFOON,
            inhoud=services.Inhoud(wat="Iets"),
            identiteit=services.Identiteit(naam="Piet", contact="piet@example.org"),
        )
    ).melding
    assert "Wacht op u" not in _home(bewaarder)
    Identiteitsverzoek.objects.create(
        melding=melding, aangevraagd_door=coordinator, reden="Nodig voor hoor en wederhoor"
    )
    assert "Een verzoek om de identiteit van een melder wacht" in _home(bewaarder)
    assert "Wacht op u" not in _home(coordinator)
