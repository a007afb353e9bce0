"""Survey input for the risk analysis: per unit the share of respondents who saw each type of
violation as a risk in their work (block ``risicos`` of ``ark-2023``, items
``ris_<schending>``, scale ``frequentie4``).

"Seen" is every answer but "nooit": 2 (een enkele keer), 3 (soms) and 4 (vaak). Code 9
(weet niet) and an empty answer are left out of the denominator. Units with fewer responses
than the wave's minimum group size are suppressed, with the same secondary suppression among
sibling units as the wave's response page (``medewerkersonderzoek.selectors.suppress``); the
wave total is shown only when it reaches the minimum itself.

This module reads the survey's models read-only; the survey app has no selector for raw
answers per unit and is not changed for this (ADR 0014).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count

from integriteit.common.schendingen import Schending
from integriteit.medewerkersonderzoek.constants import GolfStatus
from integriteit.medewerkersonderzoek.models import Golf, GolfEenheid, Respons
from integriteit.medewerkersonderzoek.selectors import suppress
from integriteit.risicos.models import Risico, Risicoanalyse

VRAGENLIJST = "ark-2023"
GEZIEN: frozenset[int] = frozenset({2, 3, 4})
NOOIT = 1


def item_code(schending: str) -> str:
    return f"ris_{schending}"


@dataclass(frozen=True)
class Aandeel:
    """Share (0-100) of those who answered the item; None when nobody answered it."""

    gezien: int
    beantwoord: int

    @property
    def procent(self) -> float | None:
        return 100.0 * self.gezien / self.beantwoord if self.beantwoord else None


@dataclass(frozen=True)
class Eenheid:
    code: str
    naam: str
    n: int | None  # None when suppressed
    onderdrukt: bool
    aandelen: dict[str, Aandeel]  # per Schending code; empty when suppressed


@dataclass(frozen=True)
class EnqueteInvoer:
    golf: Golf
    min_group_size: int
    eenheden: list[Eenheid]
    totaal: Eenheid | None
    #: Register risks per Schending code, to set beside the survey's shares.
    register: dict[str, list[Risico]]

    def rijen(self) -> list[Rij]:
        """One row per type of violation: the wave's share, each unit's (None when
        suppressed, "" when nobody answered) and the register's risks of that type."""
        return [
            Rij(
                code=str(code),
                label=str(label),
                totaal=_procent(self.totaal.aandelen[code]) if self.totaal else "",
                waarden=[
                    None if e.onderdrukt else _procent(e.aandelen[code]) for e in self.eenheden
                ],
                register=self.register.get(code, []),
            )
            for code, label in Schending.choices
        ]


@dataclass(frozen=True)
class Rij:
    code: str
    label: str
    totaal: str
    waarden: list[str | None]
    register: list[Risico]


def _procent(aandeel: Aandeel) -> str:
    procent = aandeel.procent
    return "" if procent is None else f"{procent:.0f} %"


def golf_voor(analyse: Risicoanalyse) -> Golf | None:
    """The linked wave, or else the newest closed ``ark-2023`` wave of the organisation or of
    one above it (a government-wide wave covers the ministry's units too)."""
    if analyse.golf_id is not None:
        return analyse.golf
    return (
        Golf.objects.filter(
            organisatie_id__in=analyse.organisatie.ancestor_ids,
            status=GolfStatus.GESLOTEN,
            vragenlijst__code=VRAGENLIJST,
        )
        .select_related("vragenlijst", "organisatie")
        .order_by("-eind", "-pk")
        .first()
    )


def _aandelen(rijen: list[dict[str, object]]) -> dict[str, Aandeel]:
    uit: dict[str, Aandeel] = {}
    for code in Schending.values:
        waarden = [r.get(item_code(code)) for r in rijen]
        geldig = [w for w in waarden if isinstance(w, int | float) and int(w) in GEZIEN | {NOOIT}]
        uit[code] = Aandeel(
            gezien=sum(1 for w in geldig if int(w) in GEZIEN), beantwoord=len(geldig)
        )
    return uit


def _verborgen(golf: Golf, eenheden: list[GolfEenheid]) -> set[int]:
    """Units of the whole wave whose results are not shown (primary and secondary
    suppression among siblings), decided before the analysis's part is taken."""
    aantallen = dict(
        Respons.objects.filter(golf=golf)
        .order_by()
        .values("golf_eenheid_id")
        .annotate(n=Count("pk"))
        .values_list("golf_eenheid_id", "n")
    )
    broers: dict[int | None, dict[int, int]] = defaultdict(dict)
    for e in eenheden:
        broers[e.organisatie.parent_id][e.pk] = aantallen.get(e.pk, 0)
    verborgen: set[int] = set()
    for groottes in broers.values():
        verborgen |= suppress(groottes, golf.min_group_size)
    return verborgen


def enquete_invoer(*, analyse: Risicoanalyse, risicos: list[Risico]) -> EnqueteInvoer | None:
    """The survey's risk block per unit of the analysis's organisation (None without a
    wave). Units of the wave outside the organisation are not shown."""
    golf = golf_voor(analyse)
    if golf is None:
        return None
    alle = list(golf.eenheden.select_related("organisatie").order_by("organisatie__pad"))
    verborgen = _verborgen(golf, alle)
    top = analyse.organisatie
    eenheden = [e for e in alle if e.organisatie.pad.startswith(top.pad)]
    per_eenheid: dict[int, list[dict[str, object]]] = defaultdict(list)
    for eenheid_id, antwoorden in Respons.objects.filter(
        golf=golf, golf_eenheid__in=[e.pk for e in eenheden]
    ).values_list("golf_eenheid_id", "antwoorden"):
        per_eenheid[eenheid_id].append(antwoorden)
    rijen = [
        Eenheid(
            code=e.organisatie.code,
            naam=e.organisatie.naam,
            n=None if e.pk in verborgen else len(per_eenheid[e.pk]),
            onderdrukt=e.pk in verborgen,
            aandelen={} if e.pk in verborgen else _aandelen(per_eenheid[e.pk]),
        )
        for e in eenheden
    ]
    samen = [a for lijst in per_eenheid.values() for a in lijst]
    totaal = None
    if len(samen) >= golf.min_group_size:
        totaal = Eenheid(top.code, top.naam, len(samen), False, _aandelen(samen))
    register: dict[str, list[Risico]] = defaultdict(list)
    for risico in risicos:
        register[risico.schending].append(risico)
    return EnqueteInvoer(golf, golf.min_group_size, rijen, totaal, dict(register))
