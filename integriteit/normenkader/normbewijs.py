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

from integriteit.normenkader.constants import AppliesTo
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


def peildatum_van(*, jaar: int, vandaag: date) -> date:
    """The date the modules are read on for an assessment of ``jaar``: the last day of that
    year, or today while the year is still running."""
    return min(date(jaar, 12, 31), vandaag)


@dataclass(frozen=True)
class NormSuggestie:
    """A suggestion ready for the page: the level as the framework's own :class:`Niveau`."""

    bewijs: Normbewijs
    niveau: Any  # normenkader.models.Niveau | None (None: the framework lacks the code)


def suggesties_voor_beoordeling(
    *, beoordeling: Any, gebruiker: Any, vandaag: date
) -> dict[str, list[NormSuggestie]]:
    """What the modules hold for each norm of ``beoordeling`` (a ``Beoordeling``), per norm
    code; empty for frameworks other than the Court of Audit's (codes ``ark-…``), which number
    their norms freely, and for the coordinating-role norms."""
    normenkader = beoordeling.cyclus.normenkader
    if not normenkader.code.startswith("ark-"):
        return {}
    per_norm = normbewijs_voor(
        organisatie=beoordeling.organisatie,
        peildatum=peildatum_van(jaar=beoordeling.cyclus.jaar, vandaag=vandaag),
        gebruiker=gebruiker,
    )
    organisatienormen = set(
        normenkader.normen.filter(groep__applies_to=AppliesTo.ORGANISATION).values_list(
            "code", flat=True
        )
    )
    niveaus = {n.code: n for n in normenkader.niveaus.all()}
    return {
        code: [NormSuggestie(bewijs=b, niveau=niveaus.get(b.niveau)) for b in bewijzen]
        for code, bewijzen in per_norm.items()
        if code in organisatienormen
    }


def normbewijs_voor_oordeel(*, oordeel: Any, gebruiker: Any, vandaag: date) -> list[NormSuggestie]:
    """What the modules hold for the norm of ``oordeel`` (an ``Oordeel``)."""
    if oordeel.norm.groep.applies_to != AppliesTo.ORGANISATION:
        return []
    alle = suggesties_voor_beoordeling(
        beoordeling=oordeel.beoordeling, gebruiker=gebruiker, vandaag=vandaag
    )
    return alle.get(oordeel.norm.code, [])
