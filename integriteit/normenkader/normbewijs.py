"""What the other modules hold for a norm, and the level they suggest (issue 7, part 4).

For norms 1, 2, 3, 10-12 and 15 of ``ark-2024`` the rating page shows, beside the form, what
the risk analysis, the policy record and the confidential advisers' module hold for the
organisation, and a suggested level with its reasons. The assessor decides: a suggestion is
never saved as a rating (ADR 0015).

Each app contributes a function ``normbewijs(*, organisatie, peildatum, gebruiker)`` that
returns one :class:`Normbewijs` per norm it knows about, named in :data:`BRONNEN`; this
module imports none of them directly, so normenkader does not depend on the later apps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.module_loading import import_string

from integriteit.organisaties.models import Organisatie

#: Level codes of the ark-2024 scale a suggestion may carry.
SUGGESTIE_NIVEAUS: frozenset[str] = frozenset({"voldoet", "kleine-stap", "stap", "onbekend"})


@dataclass(frozen=True)
class Aanwijzing:
    """One fact from a module, e.g. "Risicoanalyse van 12-03-2026 (workshop), 14 deelnemers".

    ``voldaan`` is True where the fact supports "voldoet", False where it shows a gap and
    None where it is information only. ``url`` links to the module's page, and is empty when
    the reader may not open that page.
    """

    tekst: str
    voldaan: bool | None = None
    url: str = ""


@dataclass(frozen=True)
class Normbewijs:
    norm_code: str
    #: Suggested level: one of :data:`SUGGESTIE_NIVEAUS`.
    niveau: str
    #: Why this level, one Dutch sentence each.
    redenen: tuple[str, ...]
    aanwijzingen: tuple[Aanwijzing, ...] = field(default_factory=tuple)
    #: The module the evidence comes from, shown as its heading ("Risicoanalyse").
    bron: str = ""

    def __post_init__(self) -> None:
        if self.niveau not in SUGGESTIE_NIVEAUS:
            raise ValueError(f"Onbekend niveau in suggestie: {self.niveau!r}")


Bron = Callable[..., list[Normbewijs]]

#: Dotted paths of the apps' ``normbewijs`` functions.
BRONNEN: tuple[str, ...] = (
    "integriteit.risicos.normbewijs.normbewijs",
    "integriteit.beleid.normbewijs.normbewijs",
    "integriteit.vertrouwenspersonen.normbewijs.normbewijs",
)


def normbewijs_voor(
    *, organisatie: Organisatie, peildatum: date, gebruiker: Any
) -> dict[str, list[Normbewijs]]:
    """Everything the modules hold for ``organisatie`` on ``peildatum``, per norm code."""
    per_norm: dict[str, list[Normbewijs]] = {}
    for pad in BRONNEN:
        bron: Bron = import_string(pad)
        for bewijs in bron(organisatie=organisatie, peildatum=peildatum, gebruiker=gebruiker):
            per_norm.setdefault(bewijs.norm_code, []).append(bewijs)
    return per_norm
