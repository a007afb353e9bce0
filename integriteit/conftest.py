"""Root fixtures: a small organisation tree and users in different organisations.

``world`` gives two ministries (OCW with a unit, FIN with a unit) under Rijk. ``make_user``
creates a user holding a role on a node; ``login`` logs a test client in *with* a verified
second factor, as the real log-in flow would.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from integriteit.accounts.middleware import LOGIN_TIME_KEY
from integriteit.accounts.models import Gebruiker
from integriteit.accounts.tests.factories import GebruikerFactory, LidmaatschapFactory
from integriteit.organisaties.constants import Soort
from integriteit.organisaties.models import Organisatie
from integriteit.organisaties.services import OrganisatieGegevens, organisatie_create


@dataclass
class World:
    rijk: Organisatie
    ocw: Organisatie
    ocw_unit: Organisatie
    fin: Organisatie
    fin_unit: Organisatie


def _node(code: str, naam: str, soort: str, parent: Organisatie | None, n: int = 0) -> Organisatie:
    return organisatie_create(
        acting_user=None,
        gegevens=OrganisatieGegevens(
            code=code, naam=naam, soort=soort, parent=parent, aantal_medewerkers=n or None
        ),
    )


@pytest.fixture
def world(db: None) -> World:
    rijk = _node("RIJK", "Rijksoverheid", Soort.RIJK, None)
    ocw = _node("OCW", "Ministerie van Onderwijs, Cultuur en Wetenschap", Soort.MINISTERIE, rijk)
    fin = _node("FIN", "Ministerie van Financiën", Soort.MINISTERIE, rijk)
    return World(
        rijk=rijk,
        ocw=ocw,
        ocw_unit=_node("OCW-DGCM", "DG Cultuur en Media", Soort.ONDERDEEL, ocw, 120),
        fin=fin,
        fin_unit=_node("FIN-DGFZ", "DG Fiscale Zaken", Soort.ONDERDEEL, fin, 80),
    )


MakeUser = Callable[..., Gebruiker]


@pytest.fixture
def make_user(db: None) -> MakeUser:
    def make(
        rol: str, organisatie: Organisatie, *, recursief: bool = True, **kwargs: str
    ) -> Gebruiker:
        gebruiker = GebruikerFactory.create(**kwargs)
        LidmaatschapFactory.create(
            gebruiker=gebruiker, organisatie=organisatie, rol=rol, recursief=recursief
        )
        return gebruiker

    return make


def login_verified(client: Client, gebruiker: Gebruiker) -> Client:
    """Log ``client`` in as after password + TOTP: session carries the verified device."""
    device = TOTPDevice.objects.filter(user=gebruiker, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=gebruiker, name="test", confirmed=True)
    client.force_login(gebruiker)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[LOGIN_TIME_KEY] = time.time()
    session.save()
    return client


@pytest.fixture
def login() -> Callable[[Client, Gebruiker], Client]:
    return login_verified
