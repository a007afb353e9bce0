"""How the generated permission tests fill the URL parameters of this app's views.

``side`` is "eigen" (OCW, inside the test user's scope) or "ander" (FIN).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from integriteit.beleid import services
from integriteit.beleid.constants import Bron, InstrumentSoort
from integriteit.beleid.models import Evaluatie
from integriteit.conftest import World
from integriteit.organisaties.models import Organisatie


def _org(world: World, side: str) -> Organisatie:
    return world.ocw if side == "eigen" else world.fin


def _code(world: World, side: str) -> dict[str, Any]:
    return {"code": _org(world, side).code}


def _doel(world: World, side: str) -> dict[str, Any]:
    doel = services.doel_opslaan(
        acting_user=None,
        organisatie=_org(world, side),
        gegevens=services.DoelGegevens(
            omschrijving="Minder meldingen van ongewenste omgangsvormen",
            indicator="Aantal meldingen",
            bron=Bron.MELDINGEN,
            streefwaarde=Decimal(10),
        ),
    )
    return {"code": _org(world, side).code, "pk": doel.pk}


def _instrument(world: World, side: str) -> dict[str, Any]:
    instrument = services.instrument_opslaan(
        acting_user=None,
        organisatie=_org(world, side),
        gegevens=services.InstrumentGegevens(
            soort=InstrumentSoort.GEDRAGSCODE,
            naam="Gedragscode",
            eigenaar="Directeur bedrijfsvoering",
            herzien_op=date(2024, 1, 1),
        ),
    )
    return {"code": _org(world, side).code, "pk": instrument.pk}


def _evaluatie(world: World, side: str) -> Evaluatie:
    return services.evaluatie_opslaan(
        acting_user=None,
        organisatie=_org(world, side),
        gegevens=services.EvaluatieGegevens(
            datum=date(2024, 6, 1), reikwijdte="Het hele beleid", bevindingen="Bevindingen"
        ),
    )


def _actie(world: World, side: str) -> dict[str, Any]:
    actie = services.actie_opslaan(
        acting_user=None,
        evaluatie=_evaluatie(world, side),
        gegevens=services.ActieGegevens(
            omschrijving="Gedragscode herzien", eigenaar="Coördinator", deadline=date(2025, 1, 1)
        ),
    )
    return {"code": _org(world, side).code, "pk": actie.pk}


OBJECT_KWARGS: dict[str, Callable[[World, str], dict[str, Any]]] = {
    "beleid:detail": _code,
    "beleid:samenhang": _code,
    "beleid:visie": _code,
    "beleid:positie": _code,
    "beleid:doel_nieuw": _code,
    "beleid:instrument_nieuw": _code,
    "beleid:evaluatie_nieuw": _code,
    "beleid:doel": _doel,
    "beleid:doel_verwijderen": _doel,
    "beleid:instrument": _instrument,
    "beleid:instrument_verwijderen": _instrument,
    "beleid:evaluatie": lambda w, s: {"code": _org(w, s).code, "pk": _evaluatie(w, s).pk},
    "beleid:actie_nieuw": lambda w, s: {
        "code": _org(w, s).code,
        "evaluatie_pk": _evaluatie(w, s).pk,
    },
    "beleid:actie": _actie,
}

NOT_SCOPED: frozenset[str] = frozenset()
