"""How the generated permission tests fill the URL parameters of this app's views.

``side`` is "eigen" (an object of OCW, inside the test user's scope) or "ander" (FIN).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.files.base import ContentFile

from integriteit.conftest import World
from integriteit.normenkader.models import Bewijs
from integriteit.normenkader.services import bewijs_add
from integriteit.normenkader.tests import world as data
from integriteit.organisaties.models import Organisatie


def _org(world: World, side: str) -> Organisatie:
    return world.ocw if side == "eigen" else world.fin


def _bewijs(world: World, side: str) -> Bewijs:
    return bewijs_add(
        acting_user=None,
        oordeel=data.oordeel(_org(world, side)),
        omschrijving="Protocol",
        peildatum=date(2024, 1, 1),
        bestand=ContentFile(b"%PDF-1.4 test", name="protocol.pdf"),
    )


OBJECT_KWARGS: dict[str, Callable[[World, str], dict[str, Any]]] = {
    "normenkader:organisatie": lambda w, s: {"code": _org(w, s).code},
    "normenkader:norm": lambda w, s: {"kader": data.ark_2024().pk, "code": "9"},
    "normenkader:oordeel": lambda w, s: {"pk": data.oordeel(_org(w, s)).pk},
    "normenkader:kader_detail": lambda w, s: {"pk": data.ark_2024().pk},
    "normenkader:beoordeling": lambda w, s: {"pk": data.beoordeling(_org(w, s)).pk},
    "normenkader:beoordeling_transition": lambda w, s: {"pk": data.beoordeling(_org(w, s)).pk},
    "normenkader:beoordeling_correct": lambda w, s: {"pk": data.beoordeling(_org(w, s)).pk},
    "normenkader:oordeel_edit": lambda w, s: {"pk": data.oordeel(_org(w, s)).pk},
    "normenkader:bewijs_add": lambda w, s: {"pk": data.oordeel(_org(w, s)).pk},
    "normenkader:bewijs_download": lambda w, s: {"pk": _bewijs(w, s).pk},
    "normenkader:actie_add": lambda w, s: {"pk": data.oordeel(_org(w, s)).pk},
    "normenkader:actie_edit": lambda w, s: {"pk": data.actie(_org(w, s)).pk},
}

#: Views that are not about one organisation's object: the "ander" side is the same object,
#: so the out-of-scope test does not apply to them (they show public reference data).
NOT_SCOPED: frozenset[str] = frozenset({"normenkader:norm", "normenkader:kader_detail"})
