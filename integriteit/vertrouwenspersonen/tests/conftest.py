"""Fixtures of the advisers' module: an adviser of OCW with a profile and a key, a second
adviser, the coordinator, the competent authority, and helpers to fill a log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.conf import settings
from django.test import Client, RequestFactory

from integriteit.accounts.models import Gebruiker
from integriteit.accounts.tests.factories import (
    TEST_PASSWORD,
    GebruikerFactory,
    LidmaatschapFactory,
)
from integriteit.common.roles import Rol
from integriteit.conftest import World, login_verified
from integriteit.kluis import services as kluis
from integriteit.kluis import sessie
from integriteit.organisaties.models import Organisatie
from integriteit.vertrouwenspersonen.constants import Soort
from integriteit.vertrouwenspersonen.models import Contact, Vertrouwenspersoon


def gebruiker(rol: str, organisatie: Organisatie, username: str) -> Gebruiker:
    g = GebruikerFactory.create(username=username)
    LidmaatschapFactory.create(gebruiker=g, organisatie=organisatie, rol=rol, recursief=True)
    return g


def profiel_voor(
    organisatie: Organisatie,
    g: Gebruiker | None,
    naam: str,
    *,
    soort: str = Soort.INTERN,
    van: date = date(2020, 1, 1),
    tot: date | None = None,
) -> Vertrouwenspersoon:
    return Vertrouwenspersoon.objects.create(
        organisatie=organisatie,
        gebruiker=g,
        publieke_naam=naam,
        soort=soort,
        extern_bureau="Bureau X" if soort == Soort.EXTERN else "",
        termijn_van=van,
        termijn_tot=tot,
        bereikbaarheid=f"Bel {naam} via 070 000 00 00",
    )


def contacten(profiel: Vertrouwenspersoon, jaar: int, **per_categorie: int) -> None:
    """``n`` contacts of ``jaar`` per category (keyword), 30 minutes each, follow-up advice."""
    for categorie, n in per_categorie.items():
        for i in range(n):
            Contact.objects.create(
                vertrouwenspersoon=profiel,
                datum=date(jaar, 1 + i % 12, 1 + i % 28),
                duur_minuten=30,
                categorie=categorie,
                vervolg="advies",
            )


def login_met_sleutel(client: Client, g: Gebruiker) -> Client:
    """Logged in verified, with the user's vault key in session and cookie (as after the
    password step of the real log-in)."""
    login_verified(client, g)
    request = RequestFactory().get("/")
    request.user = g
    request.session = client.session
    sessie.sleutel_in_sessie(request, g, TEST_PASSWORD)
    request.session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = str(request.session.session_key)
    client.cookies[sessie.COOKIE] = getattr(request, sessie._NIEUW)
    return client


@dataclass
class Vp:
    world: World
    adviseur: Gebruiker
    profiel: Vertrouwenspersoon
    ander: Gebruiker
    ander_profiel: Vertrouwenspersoon
    coordinator: Gebruiker
    gezag: Gebruiker
    fin_adviseur: Gebruiker
    fin_profiel: Vertrouwenspersoon


@pytest.fixture
def vp(world: World) -> Vp:
    adviseur = gebruiker(Rol.VERTROUWENSPERSOON, world.ocw, "vp.een")
    kluis.gebruikersleutel_openen(gebruiker=adviseur, wachtwoord=TEST_PASSWORD)
    ander = gebruiker(Rol.VERTROUWENSPERSOON, world.ocw, "vp.twee")
    fin_adviseur = gebruiker(Rol.VERTROUWENSPERSOON, world.fin, "vp.fin")
    return Vp(
        world=world,
        adviseur=adviseur,
        profiel=profiel_voor(world.ocw, adviseur, "Vera Een"),
        ander=ander,
        ander_profiel=profiel_voor(world.ocw, ander, "Tom Twee"),
        coordinator=gebruiker(Rol.INTEGRITEITSCOORDINATOR, world.ocw, "coord.ocw"),
        gezag=gebruiker(Rol.BEVOEGD_GEZAG, world.ocw, "sg.ocw"),
        fin_adviseur=fin_adviseur,
        fin_profiel=profiel_voor(world.fin, fin_adviseur, "Fien Fin"),
    )
