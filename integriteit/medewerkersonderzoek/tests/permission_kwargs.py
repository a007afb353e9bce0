"""How the generated permission tests fill the URL parameters of this app's views.

``side`` is "eigen" (a wave of OCW, inside the test user's scope) or "ander" (of FIN).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from integriteit.conftest import World
from integriteit.medewerkersonderzoek.models import Golf
from integriteit.medewerkersonderzoek.questionnaire import SHIPPED_DIR
from integriteit.medewerkersonderzoek.services import golf_create, vragenlijst_load


def golf(world: World, side: str) -> Golf:
    """A wave in preparation on OCW ("eigen") or FIN, with the shipped ark-2023."""
    path = SHIPPED_DIR / "ark-2023.yaml"
    vragenlijst = vragenlijst_load(acting_user=None, data=path.read_bytes(), filename=path.name)
    return golf_create(
        acting_user=None,
        vragenlijst=vragenlijst,
        organisatie=world.ocw if side == "eigen" else world.fin,
        titel="Medewerkersonderzoek 2025",
        start=date(2025, 10, 1),
        eind=date(2025, 10, 31),
    )


def _praatplaat(world: World, side: str) -> dict[str, Any]:
    return {"pk": golf(world, side).pk, "code": (world.ocw if side == "eigen" else world.fin).code}


OBJECT_KWARGS: dict[str, Callable[[World, str], dict[str, Any]]] = {
    "medewerkersonderzoek:golf_detail": lambda w, s: {"pk": golf(w, s).pk},
    "medewerkersonderzoek:golf_transition": lambda w, s: {"pk": golf(w, s).pk},
    "medewerkersonderzoek:uitnodigingen": lambda w, s: {"pk": golf(w, s).pk},
    "medewerkersonderzoek:mailen": lambda w, s: {"pk": golf(w, s).pk},
    "medewerkersonderzoek:importeren": lambda w, s: {"pk": golf(w, s).pk},
    # Talk sheets: the wave's top node (the test user's own organisation, also for a manager,
    # who may only ask for the own node); the FIN side is a wave out of scope (404).
    "medewerkersonderzoek:praatplaten": lambda w, s: {"pk": golf(w, s).pk},
    "medewerkersonderzoek:praatplaten_zip": lambda w, s: {"pk": golf(w, s).pk},
    "medewerkersonderzoek:praatplaat": lambda w, s: _praatplaat(w, s),
    "medewerkersonderzoek:praatplaat_pdf": lambda w, s: _praatplaat(w, s),
    # Results pages: an OCW wave without responses renders "no results yet"; FIN → 404.
    "medewerkersonderzoek:resultaten": lambda w, s: {"pk": golf(w, s).pk},
    "medewerkersonderzoek:resultaten_schalen": lambda w, s: {"pk": golf(w, s).pk},
    "medewerkersonderzoek:resultaten_eenheden": lambda w, s: {"pk": golf(w, s).pk},
    # Public: without a code in the session the block page sends the visitor to the start.
    "medewerkersonderzoek:invullen_blok": lambda w, s: {"stap": 1},
}

#: Public pages are the same for everyone: no out-of-scope variant.
NOT_SCOPED: frozenset[str] = frozenset({"medewerkersonderzoek:invullen_blok"})
