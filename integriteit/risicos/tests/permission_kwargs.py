"""How the generated permission tests fill the URL parameters of this app's views.

``side`` is "eigen" (OCW, inside the test user's scope) or "ander" (FIN). Every object
belongs to a draft analysis of that organisation with one risk, one measure and one
vulnerable position, so the forms open (a draft can still be changed).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from integriteit.conftest import World
from integriteit.risicos.models import Beheersmaatregel, KwetsbareFunctie, Risico
from integriteit.risicos.tests.helpers import volledig


def _analyse(w: World, s: str) -> dict[str, Any]:
    return {"pk": volledig(w, s).pk}


def _risico(w: World, s: str) -> dict[str, Any]:
    return {"pk": Risico.objects.get(analyse=volledig(w, s)).pk}


def _maatregel(w: World, s: str) -> dict[str, Any]:
    return {"pk": Beheersmaatregel.objects.get(risico__analyse=volledig(w, s)).pk}


def _functie(w: World, s: str) -> dict[str, Any]:
    return {"pk": KwetsbareFunctie.objects.get(analyse=volledig(w, s)).pk}


OBJECT_KWARGS: dict[str, Callable[[World, str], dict[str, Any]]] = {
    "risicos:detail": _analyse,
    "risicos:bewerken": _analyse,
    # POST without data: the draft lacks nothing, so it is established; FIN → 404.
    "risicos:vaststellen": _analyse,
    "risicos:risico_nieuw": _analyse,
    "risicos:overnemen": _analyse,
    "risicos:functie_nieuw": _analyse,
    "risicos:matrix": _analyse,
    "risicos:enquete": _analyse,
    "risicos:xlsx": _analyse,
    "risicos:pdf": _analyse,
    "risicos:risico": _risico,
    "risicos:risico_bewerken": _risico,
    "risicos:risico_verwijderen": _risico,
    "risicos:maatregel_nieuw": _risico,
    "risicos:maatregel_bewerken": _maatregel,
    "risicos:functie_bewerken": _functie,
}

NOT_SCOPED: frozenset[str] = frozenset()
