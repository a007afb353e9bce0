"""How the generated permission tests fill the URL parameters of this app's views.

``side`` is "eigen" (a case of OCW, inside the test user's scope) or "ander" (of FIN). The
test user (made before this is called, holding one role on OCW) takes part in the OCW case
when it is a bevoegd gezag or an investigator: those see only the cases they take part in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from integriteit.accounts.models import Gebruiker, Lidmaatschap
from integriteit.accounts.tests.factories import (
    TEST_PASSWORD,
    GebruikerFactory,
    LidmaatschapFactory,
)
from integriteit.common.roles import Rol
from integriteit.conftest import World
from integriteit.kluis import services as kluis
from integriteit.onderzoeken import services
from integriteit.onderzoeken.constants import Zaakrol
from integriteit.onderzoeken.models import Deelnemer, Onderzoek, Protocol
from integriteit.onderzoeken.protocol import SHIPPED_DIR
from integriteit.onderzoeken.protocollen import protocol_laden
from integriteit.organisaties.models import Organisatie


def _met_sleutel(organisatie: Organisatie, rol: str) -> tuple[Gebruiker, bytes]:
    gebruiker = GebruikerFactory.create()
    LidmaatschapFactory.create(gebruiker=gebruiker, organisatie=organisatie, rol=rol)
    return gebruiker, kluis.gebruikersleutel_openen(gebruiker=gebruiker, wachtwoord=TEST_PASSWORD)


def onderzoek(world: World, side: str, *, met_bewijs: bool = False) -> Onderzoek:
    """A case of OCW ("eigen") or FIN, opened on own initiative by a coordinator there; with
    ``met_bewijs`` an investigator logs one evidence item with a file."""
    organisatie = world.ocw if side == "eigen" else world.fin
    deelnemers = list(
        Lidmaatschap.objects.filter(
            organisatie=organisatie, rol__in=[Rol.BEVOEGD_GEZAG, Rol.ONDERZOEKER]
        ).values_list("gebruiker_id", "rol")
    )
    coordinator, sleutel = _met_sleutel(organisatie, Rol.INTEGRITEITSCOORDINATOR)
    gezag, _ = _met_sleutel(organisatie, Rol.BEVOEGD_GEZAG)
    zaak = services.onderzoek_openen(
        organisatie=organisatie,
        door=coordinator,
        bevoegd_gezag=gezag,
        eigen_initiatief_reden="Signalen uit de lijn",
    )
    zaakrol = {Rol.BEVOEGD_GEZAG: Zaakrol.BEVOEGD_GEZAG, Rol.ONDERZOEKER: Zaakrol.ONDERZOEKER}
    for pk, rol in deelnemers:
        Deelnemer.objects.create(onderzoek=zaak, rol=zaakrol[Rol(rol)], gebruiker_id=pk)
    if met_bewijs:
        onderzoeker, _ = _met_sleutel(organisatie, Rol.ONDERZOEKER)
        services.deelnemer_toevoegen(
            onderzoek=zaak,
            door=coordinator,
            door_private=sleutel,
            rol=Zaakrol.ONDERZOEKER,
            gebruiker=onderzoeker,
        )
        services.bewijs_vastleggen(
            onderzoek=zaak,
            door=onderzoeker,
            omschrijving="Declaraties",
            verkregen_op=timezone.localdate(),
            bestand=SimpleUploadedFile("a.txt", b"bewijs", "text/plain"),
        )
    return zaak


def protocol(world: World, side: str) -> Protocol:
    """The example tightened protocol, loaded for OCW or FIN."""
    organisatie = world.ocw if side == "eigen" else world.fin
    pad = SHIPPED_DIR / "voorbeeld-aangescherpt.yaml"
    geladen, _nieuw = protocol_laden(
        organisatie=organisatie, data=pad.read_bytes(), filename=pad.name
    )
    return geladen


OBJECT_KWARGS: dict[str, Callable[[World, str], dict[str, Any]]] = {
    # One case's page: a participant without a key in the session sees the metadata and
    # "log in again"; a coordinator of OCW sees it as metadata; FIN → 404.
    "onderzoeken:detail": lambda w, s: {"pk": onderzoek(w, s).pk},
    # The steps (POST, no data) send back to the case with a message.
    "onderzoeken:actie": lambda w, s: {"pk": onderzoek(w, s).pk},
    # A download without a key in the session sends back to the case with a message.
    "onderzoeken:bestand": lambda w, s: {
        "pk": onderzoek(w, s, met_bewijs=True).pk,
        "soort": "bewijs",
        "nummer": 1,
    },
    # The case file (views_dossier.py): without a key in the session back to the case.
    "onderzoeken:dossier": lambda w, s: {"pk": onderzoek(w, s).pk},
    "onderzoeken:protocol": lambda w, s: {"pk": protocol(w, s).pk},
}

NOT_SCOPED: frozenset[str] = frozenset()
