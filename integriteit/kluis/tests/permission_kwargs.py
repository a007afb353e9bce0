"""How the generated permission tests fill the URL parameters of the recovery views.

``side`` is "eigen" (OCW, inside the test user's scope) or "ander" (FIN). On "eigen" the test
user (``test.<rol>``, made before this is called; absent in the anonymous test) is the one
the object belongs to: a custodian of the request's key, the user of the request. Without the
key in the session those views answer with a message, not a refusal; on "ander" the object
belongs to others, so every role gets 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from integriteit.accounts.models import Gebruiker
from integriteit.accounts.tests.factories import (
    TEST_PASSWORD,
    GebruikerFactory,
    LidmaatschapFactory,
)
from integriteit.common.roles import Rol
from integriteit.conftest import World
from integriteit.kluis import herstel, services
from integriteit.kluis.models import Herstelverzoek, KluisDoel
from integriteit.organisaties.models import Organisatie


def _org(world: World, side: str) -> Organisatie:
    return world.ocw if side == "eigen" else world.fin


def _testgebruiker(side: str) -> Gebruiker | None:
    if side != "eigen":
        return None
    return Gebruiker.objects.filter(username__startswith="test.").order_by("-pk").first()


def _met_sleutel(gebruiker: Gebruiker | None = None) -> Gebruiker:
    gebruiker = gebruiker or GebruikerFactory.create()
    services.gebruikersleutel_openen(gebruiker=gebruiker, wachtwoord=TEST_PASSWORD)
    return gebruiker


def _verzoek(
    world: World, side: str, *, bewaarder: Gebruiker | None = None, voor: Gebruiker | None = None
) -> Herstelverzoek:
    """An open request on a 2-of-2 recovery key of the side's ministry, for one vault."""
    organisatie = _org(world, side)
    bewaarders = [_met_sleutel(bewaarder), _met_sleutel()]
    sleutel = herstel.herstelsleutel_maken(
        organisatie=organisatie, bewaarders=bewaarders, drempel=2, door=None
    )
    voor = _met_sleutel(voor)
    LidmaatschapFactory.create(gebruiker=voor, organisatie=organisatie, rol=Rol.MEDEWERKER)
    kluis = services.kluis_maken(doel=KluisDoel.MELDING, organisatie=organisatie).kluis
    return herstel.herstelverzoek_maken(
        herstelsleutel=sleutel, gebruiker=voor, kluizen=[kluis], reden="Test", door=None
    )


def _gebruiker(world: World, side: str) -> dict[str, Any]:
    lid = LidmaatschapFactory.create(
        organisatie=world.ocw_unit if side == "eigen" else world.fin_unit, rol=Rol.MEDEWERKER
    )
    return {"pk": lid.gebruiker.pk}


OBJECT_KWARGS: dict[str, Callable[[World, str], dict[str, Any]]] = {
    # The coordinator asks for a user of OCW (no data: the reason is missing, the page says
    # so); a user of FIN → 404.
    "kluis:herstel_aanvragen": _gebruiker,
    "kluis:herstel_intrekken": lambda w, s: {"pk": _verzoek(w, s).pk},
    "kluis:herstel_bijdragen": lambda w, s: {"pk": _verzoek(w, s, bewaarder=_testgebruiker(s)).pk},
    "kluis:herstel_uitvoeren": lambda w, s: {"pk": _verzoek(w, s, voor=_testgebruiker(s)).pk},
}

NOT_SCOPED: frozenset[str] = frozenset()
