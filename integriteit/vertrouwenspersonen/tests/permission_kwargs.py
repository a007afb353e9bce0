"""How the generated permission tests fill the URL parameters of this app's views.

``side`` is "eigen" (OCW, inside the test user's scope) or "ander" (FIN). The test user is
made before these are called; when it holds the adviser role on OCW, the OCW profile is linked
to it, so that the adviser's own pages open (an adviser never reaches another's log).

The annual-report views take a year, not an object: they always show the asker's own profile,
so there is nothing of FIN to reach (``NOT_SCOPED``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from integriteit.accounts.models import Lidmaatschap
from integriteit.common.roles import Rol
from integriteit.conftest import World
from integriteit.vertrouwenspersonen.constants import JaarverslagStatus, Soort
from integriteit.vertrouwenspersonen.models import (
    Aanbeveling,
    Contact,
    Jaarverslag,
    Vertrouwenspersoon,
)


def profiel(world: World, side: str) -> Vertrouwenspersoon:
    """An active internal adviser of OCW (linked to the test adviser, if any) or of FIN."""
    organisatie = world.ocw if side == "eigen" else world.fin
    adviseur = (
        Lidmaatschap.objects.filter(organisatie=organisatie, rol=Rol.VERTROUWENSPERSOON)
        .order_by("-pk")
        .values_list("gebruiker_id", flat=True)
        .first()
    )
    bestaand = Vertrouwenspersoon.objects.filter(organisatie=organisatie).first()
    if bestaand is not None:
        return bestaand
    return Vertrouwenspersoon.objects.create(
        organisatie=organisatie,
        gebruiker_id=adviseur,
        publieke_naam=f"Vertrouwenspersoon {organisatie.code}",
        soort=Soort.INTERN,
        termijn_van=date(2020, 1, 1),
        bereikbaarheid="vertrouwenspersoon@example.org",
    )


def contact(world: World, side: str) -> Contact:
    return Contact.objects.create(
        vertrouwenspersoon=profiel(world, side),
        datum=timezone.localdate() - timedelta(days=3),
        duur_minuten=30,
        categorie="pesten",
        vervolg="advies",
    )


def verslag(world: World, side: str) -> Jaarverslag:
    jaar = timezone.localdate().year - 1
    return Jaarverslag.objects.create(
        vertrouwenspersoon=profiel(world, side),
        jaar=jaar,
        waarnemingen="Veel vragen over de omgang in teams.",
        status=JaarverslagStatus.UITGEBRACHT,
        uitgebracht_op=date(jaar + 1, 1, 15),
        cijfers={"jaar": jaar, "categorie": {"pesten": 7}, "vervolg": {"advies": 7}},
    )


def aanbeveling(world: World, side: str) -> Aanbeveling:
    return Aanbeveling.objects.create(
        vertrouwenspersoon=profiel(world, side),
        datum=timezone.localdate(),
        tekst="Zorg voor een tweede externe vertrouwenspersoon.",
    )


def _jaar(world: World, side: str) -> dict[str, Any]:
    profiel(world, side)
    return {"jaar": timezone.localdate().year}


OBJECT_KWARGS: dict[str, Callable[[World, str], dict[str, Any]]] = {
    "vertrouwenspersonen:contact_notitie": lambda w, s: {"pk": contact(w, s).pk},
    "vertrouwenspersonen:jaarverslag": _jaar,
    "vertrouwenspersonen:jaarverslag_pdf": _jaar,
    "vertrouwenspersonen:profiel_bewerken": lambda w, s: {"pk": profiel(w, s).pk},
    # POST without data: the form is refused and the coordinator is sent back (302).
    "vertrouwenspersonen:profiel_beeindigen": lambda w, s: {"pk": profiel(w, s).pk},
    "vertrouwenspersonen:aanbeveling": lambda w, s: {"pk": aanbeveling(w, s).pk},
    "vertrouwenspersonen:verslag": lambda w, s: {"pk": verslag(w, s).pk},
    "vertrouwenspersonen:verslag_pdf": lambda w, s: {"pk": verslag(w, s).pk},
    "vertrouwenspersonen:publiek": lambda w, s: {"code": profiel(w, s).organisatie.code},
}

NOT_SCOPED: frozenset[str] = frozenset(
    {"vertrouwenspersonen:jaarverslag", "vertrouwenspersonen:jaarverslag_pdf"}
)
