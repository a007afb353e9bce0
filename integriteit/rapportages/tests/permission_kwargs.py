"""How the generated permission tests fill the URL parameters of this app's views.

``side`` is "eigen" (OCW, inside the test user's scope) or "ander" (FIN).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from integriteit.conftest import World
from integriteit.rapportages import jaarverslag_services


def _concept(world: World, side: str) -> dict[str, Any]:
    """The annual report is government-wide: the side does not matter (see NOT_SCOPED)."""
    from django.utils import timezone

    jaar = timezone.localdate().year - 1
    jaarverslag_services.jaarverslag_create(acting_user=None, jaar=jaar)
    return {"jaar": jaar}


def _gepubliceerd(world: World, side: str) -> dict[str, Any]:
    from integriteit.rapportages.models import Jaarverslag

    jaar = _concept(world, side)["jaar"]
    jaarverslag_services.jaarverslag_publiceren(
        acting_user=None, jaarverslag=Jaarverslag.objects.get(jaar=jaar)
    )
    return {"jaar": jaar}


def _ministerie(world: World, side: str) -> dict[str, Any]:
    return {"code": (world.ocw if side == "eigen" else world.fin).code}


OBJECT_KWARGS: dict[str, Callable[[World, str], dict[str, Any]]] = {
    "rapportages:ministerie": _ministerie,
    "rapportages:gesprekspunten": _ministerie,
    "rapportages:gesprekspunten_pdf": _ministerie,
    "rapportages:jaarverslag": _gepubliceerd,
    "rapportages:jaarverslag_download": lambda w, s: {**_gepubliceerd(w, s), "soort": "xlsx"},
    "rapportages:jaarverslag_concept": _concept,
    "rapportages:jaarverslag_concept_download": lambda w, s: {**_concept(w, s), "soort": "xlsx"},
    "rapportages:jaarverslag_bewerken": _concept,
    "rapportages:jaarverslag_publiceren": _concept,
    "rapportages:jaarverslag_corrigeren": _gepubliceerd,
}

#: The annual report is government-wide (BZK-5): there is no object of OCW or of FIN, so an
#: "outside the scope" request makes no sense. Published versions are public; the concept
#: views need JAARVERSLAG_BEHEREN held on any node (the report covers all ministries).
NOT_SCOPED: frozenset[str] = frozenset(
    {
        "rapportages:jaarverslag",
        "rapportages:jaarverslag_download",
        "rapportages:jaarverslag_concept",
        "rapportages:jaarverslag_concept_download",
        "rapportages:jaarverslag_bewerken",
        "rapportages:jaarverslag_publiceren",
        "rapportages:jaarverslag_corrigeren",
    }
)
