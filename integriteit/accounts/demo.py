"""The demo world: the organisation tree with units and headcounts, and one user per role.

Idempotent: running it again changes nothing that is already there. Demo users get a fixed
TOTP secret derived from their name, so ``integriteit totp <name>`` can show the current code.
Never for production: the passwords and secrets are public.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from integriteit.accounts import services
from integriteit.accounts.models import Gebruiker, Lidmaatschap
from integriteit.accounts.totp import DEVICE_NAME
from integriteit.common.roles import Rol
from integriteit.organisaties.models import Organisatie

DEMO_PASSWORD = "demo-integriteit-2026"  # noqa: S105 - public by design, demo only
DEMO_CSV = Path(__file__).resolve().parent.parent / "organisaties/fixtures/demo_organisaties.csv"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    rol: str
    organisatie: str
    recursief: bool = True


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    rol: str
    organisatie: str
    needs_otp: bool


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("medewerker.ocw", "Mila", "de Vries", Rol.MEDEWERKER, "OCW"),
    DemoUser("leidinggevende.ocw", "Lars", "Jansen", Rol.LEIDINGGEVENDE, "OCW-DGCM"),
    DemoUser("coordinator.ocw", "Carla", "Bakker", Rol.INTEGRITEITSCOORDINATOR, "OCW"),
    DemoUser("coordinator.fin", "Frank", "Visser", Rol.INTEGRITEITSCOORDINATOR, "FIN"),
    DemoUser("onderzoeker.ocw", "Olaf", "Smit", Rol.ONDERZOEKER, "OCW"),
    DemoUser("bevoegdgezag.ocw", "Bea", "Mulder", Rol.BEVOEGD_GEZAG, "OCW"),
    DemoUser("vertrouwenspersoon.ocw", "Vera", "de Boer", Rol.VERTROUWENSPERSOON, "OCW"),
    DemoUser("rijkscoordinator.bzk", "Ruben", "Dekker", Rol.RIJKSCOORDINATOR, "RIJK"),
    DemoUser("auditor.ar", "Anouk", "Meijer", Rol.AUDITOR, "RIJK"),
    DemoUser("beheerder", "Bram", "Bos", Rol.BEHEERDER, "RIJK"),
)


def demo_secret(username: str) -> str:
    """A fixed 20-byte TOTP key (hex) per demo user: reproducible, and public."""
    return hashlib.sha256(f"integriteit-demo:{username}".encode()).hexdigest()[:40]


def _ensure_tree() -> int:
    from integriteit.organisaties.csv_io import organisaties_import_csv

    if Organisatie.objects.exists():
        return 0
    result = organisaties_import_csv(acting_user=None, data=DEMO_CSV.read_bytes(), system=True)
    return result.created


def _ensure_user(spec: DemoUser) -> Gebruiker:
    gebruiker = Gebruiker.objects.filter(username=spec.username).first()
    if gebruiker is None:
        gebruiker = services.gebruiker_create(
            acting_user=None,
            username=spec.username,
            password=DEMO_PASSWORD,
            first_name=spec.first_name,
            last_name=spec.last_name,
            email=f"{spec.username}@demo.invalid",
        )
    organisatie = Organisatie.objects.get(code=spec.organisatie)
    has_role = Lidmaatschap.objects.actief().filter(
        gebruiker=gebruiker, organisatie=organisatie, rol=spec.rol
    )
    if not has_role.exists():
        services.lidmaatschap_create(
            acting_user=None,
            gebruiker=gebruiker,
            organisatie=organisatie,
            rol=spec.rol,
            recursief=spec.recursief,
        )
    if spec.rol != Rol.MEDEWERKER and not TOTPDevice.objects.filter(user=gebruiker).exists():
        TOTPDevice.objects.create(
            user=gebruiker, name=DEVICE_NAME, key=demo_secret(spec.username), confirmed=True
        )
    return gebruiker


@transaction.atomic
def demo_load() -> list[DemoLogin]:
    """Create what is missing of the demo world; return one login per demo user."""
    from integriteit.beleid.demo import beleid_demo_load
    from integriteit.medewerkersonderzoek.demo import enquete_demo_load
    from integriteit.meldingen.demo import meldingen_demo_load
    from integriteit.normenkader.demo import normenkader_demo_load
    from integriteit.onderzoeken.demo import onderzoeken_demo_load
    from integriteit.rapportages.demo import rapportages_demo_load
    from integriteit.risicos.demo import risicos_demo_load
    from integriteit.vertrouwenspersonen.demo import vertrouwenspersonen_demo_load

    _ensure_tree()
    normenkader_demo_load()
    enquete_demo_load()
    logins = []
    for spec in DEMO_USERS:
        _ensure_user(spec)
        logins.append(
            DemoLogin(
                username=spec.username,
                password=DEMO_PASSWORD,
                rol=spec.rol,
                organisatie=spec.organisatie,
                needs_otp=spec.rol != Rol.MEDEWERKER,
            )
        )
    meldingen_demo_load()  # needs the users: their keys and OCW's recovery key
    onderzoeken_demo_load()  # needs the reports and the users' keys
    vertrouwenspersonen_demo_load()  # needs the adviser's user and key
    risicos_demo_load()  # needs the survey wave
    beleid_demo_load()  # needs the survey, the reports, the assessments and the risk analysis
    rapportages_demo_load()  # a concept annual report over 2023, by the rijkscoördinator
    return logins
