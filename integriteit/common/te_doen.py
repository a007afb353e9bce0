""" "Te doen" on the start page: things waiting for this user personally (a custodian's share,
a decision on an identity request, access to recover). Each app contributes a function
``voor(gebruiker) -> list[Taak]``, named in :data:`BRONNEN`; common imports none of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Taak:
    tekst: str
    url: str
    link: str


#: Dotted paths of the apps' ``voor`` functions, in the order their items appear.
BRONNEN: tuple[str, ...] = (
    "integriteit.kluis.te_doen.voor",
    "integriteit.meldingen.te_doen.voor",
    "integriteit.vertrouwenspersonen.te_doen.voor",
)


def te_doen(gebruiker: Any) -> list[Taak]:
    taken: list[Taak] = []
    for bron in BRONNEN:
        functie: Callable[[Any], list[Taak]] = import_string(bron)
        taken.extend(functie(gebruiker))
    return taken
