"""Owns the reads of the overview pages that ``selectors.py`` does not have: one
organisation's levels across cycles and one norm across organisations and cycles.

The visibility rules are those of ``selectors`` (ADR 0006): inside the read scope the newest
version of an assessment whatever its status; outside it, with the government-wide
capability, only the newest *final* version, and only its levels. Every function runs a
fixed number of queries, whatever the number of organisations or cycles.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from integriteit.accounts.selectors import gebruiker_has_capability
from integriteit.common.permissions import Capability
from integriteit.normenkader.constants import ONBEKEND, Soort, Status
from integriteit.normenkader.models import (
    Beoordeling,
    Cyclus,
    Niveau,
    Norm,
    Normenkader,
    Normgroep,
    Oordeel,
)
from integriteit.normenkader.selectors import rated_organisaties, read_scope
from integriteit.organisaties.models import Organisatie

#: The assessor whose final ratings are the report's conclusions (rekenkamer.py).
REKENKAMER = "Algemene Rekenkamer"
SOORT_VOLGORDE: dict[str, int] = {value: i for i, value in enumerate(Soort.values)}


def kort_label(niveau: Niveau | None) -> str:
    """The short text beside a colour: the level's code in words ("kleine stap"), or a dash
    when there is no rating."""
    return niveau.code.replace("-", " ") if niveau is not None else "—"


@dataclass(frozen=True)
class Spoor:
    """One column of a table across cycles: a cycle and a kind of assessment."""

    cyclus: Cyclus
    soort: str

    @property
    def soort_label(self) -> str:
        return str(Soort(self.soort).label)

    @property
    def sleutel(self) -> tuple[int, int]:
        return (self.cyclus.jaar, SOORT_VOLGORDE.get(self.soort, 99))


@dataclass
class Stand:
    """The level one assessment gives one norm (``niveau`` None: not rated yet)."""

    niveau: Niveau | None
    oordeel_id: int
    beoordeling: Beoordeling
    in_scope: bool

    @property
    def kort(self) -> str:
        return kort_label(self.niveau)

    @property
    def voldoet_zeker(self) -> bool:
        """Meets the norm by a final assessment (what others may learn from)."""
        return (
            self.niveau is not None
            and self.niveau.code != ONBEKEND
            and self.beoordeling.status == Status.DEFINITIEF
        )


def _kies(
    beoordelingen: Iterable[Beoordeling], *, in_scope: Callable[[Organisatie], bool]
) -> list[tuple[Beoordeling, bool]]:
    """Per cycle, kind and organisation the assessment to show, with whether it is in scope."""
    groepen: dict[tuple[int, str, int], list[Beoordeling]] = defaultdict(list)
    for b in beoordelingen:
        groepen[(b.cyclus_id, b.soort, b.organisatie_id)].append(b)
    gekozen: list[tuple[Beoordeling, bool]] = []
    for versies in groepen.values():
        scope = in_scope(versies[0].organisatie)
        kandidaten = versies if scope else [b for b in versies if b.is_definitief]
        if kandidaten:
            gekozen.append((max(kandidaten, key=lambda b: b.versie), scope))
    return gekozen


def _niveaus(kader_ids: Iterable[int]) -> dict[int, Niveau]:
    return {n.pk: n for n in Niveau.objects.filter(normenkader_id__in=set(kader_ids))}


# --- frameworks ---------------------------------------------------------------------


def normenkader_get(*, pk: int) -> Normenkader:
    """A framework version (reference data: not scoped); 404 if there is none."""
    kader = Normenkader.objects.filter(pk=pk).first()
    if kader is None:
        raise Http404
    return kader


def normgroepen_met_normen(*, normenkader: Normenkader) -> QuerySet[Normgroep]:
    return normenkader.groepen.prefetch_related("normen").order_by("volgorde")


# --- one organisation across cycles ---------------------------------------------------


@dataclass
class Segment:
    """A part of a stacked bar: a level, its count and where it sits (in % of the bar)."""

    niveau: Niveau | None
    aantal: int
    x: float
    breedte: float


@dataclass
class Telling:
    """How many norms one assessment rates at each level."""

    spoor: Spoor
    beoordeling: Beoordeling
    per_niveau: list[tuple[Niveau, int]]
    niet_beoordeeld: int
    #: Counts aligned with :attr:`OrganisatieOverzicht.niveau_kolommen` (by level code).
    aantallen: list[int] = field(default_factory=list)

    @property
    def totaal(self) -> int:
        return sum(n for _niveau, n in self.per_niveau) + self.niet_beoordeeld

    @property
    def segmenten(self) -> list[Segment]:
        totaal = self.totaal or 1
        parts: list[tuple[Niveau | None, int]] = [*self.per_niveau, (None, self.niet_beoordeeld)]
        segmenten, x = [], 0.0
        for niveau, aantal in parts:
            if aantal:
                breedte = round(100 * aantal / totaal, 2)
                segmenten.append(Segment(niveau, aantal, round(x, 2), breedte))
                x += breedte
        return segmenten


@dataclass
class TrendRij:
    code: str
    norm: Norm
    standen: list[Stand | None]


@dataclass
class OrganisatieOverzicht:
    organisatie: Organisatie
    sporen: list[Spoor]
    rijen: list[TrendRij]
    tellingen: list[Telling]
    nieuwste: Cyclus | None
    bevindingen: list[Oordeel]
    beoordelingen: list[Beoordeling]
    #: One level per code across the frameworks of the columns, best first.
    niveau_kolommen: list[Niveau]


def _trend_rijen(
    gekozen: list[Beoordeling], sporen: list[Spoor], oordelen: list[Oordeel]
) -> list[TrendRij]:
    """Norms × columns, matched by norm code; the newest cycle's norms first, in its order."""
    kolom = {b.pk: i for i, b in enumerate(gekozen)}
    rijen: dict[str, TrendRij] = {}
    for o in sorted(oordelen, key=lambda o: (-sporen[kolom[o.beoordeling_id]].sleutel[0],)):
        rij = rijen.get(o.norm.code)
        if rij is None:
            rij = rijen[o.norm.code] = TrendRij(o.norm.code, o.norm, [None] * len(gekozen))
        b = gekozen[kolom[o.beoordeling_id]]
        rij.standen[kolom[o.beoordeling_id]] = Stand(o.niveau, o.pk, b, True)
    return list(rijen.values())


def _tellingen(
    gekozen: list[Beoordeling], sporen: list[Spoor], oordelen: list[Oordeel]
) -> tuple[list[Niveau], list[Telling]]:
    niveaus = sorted(_niveaus(b.cyclus.normenkader_id for b in gekozen).values(), key=_rang)
    tellingen = []
    for spoor, b in zip(sporen, gekozen, strict=True):
        eigen = [o for o in oordelen if o.beoordeling_id == b.pk]
        per_niveau = [
            (n, sum(1 for o in eigen if o.niveau_id == n.pk))
            for n in niveaus
            if n.normenkader_id == b.cyclus.normenkader_id
        ]
        niet = sum(1 for o in eigen if o.niveau_id is None)
        tellingen.append(Telling(spoor, b, per_niveau, niet))
    kolommen = list({n.code: n for n in reversed(niveaus)}.values())
    kolommen.sort(key=_rang)
    for telling in tellingen:
        by_code = {n.code: aantal for n, aantal in telling.per_niveau}
        telling.aantallen = [by_code.get(n.code, 0) for n in kolommen]
    return kolommen, tellingen


def _rang(niveau: Niveau) -> tuple[int, int]:
    return (-niveau.rang, niveau.pk)


def organisatie_overzicht(*, gebruiker: Any, organisatie: Organisatie) -> OrganisatieOverzicht:
    """Every norm of ``organisatie`` with its level per cycle and kind (oldest cycle first),
    the counts per level, the findings of the newest cycle and all its assessments."""
    scope = read_scope(gebruiker=gebruiker)
    alle = list(
        Beoordeling.objects.filter(organisatie=organisatie)
        .select_related("cyclus__normenkader", "organisatie")
        .order_by("-cyclus__jaar", "soort", "-versie")
    )
    covered = scope.covers(pad=organisatie.pad, node_id=organisatie.pk)
    keuze = _kies(alle, in_scope=lambda _org: covered)
    keuze.sort(key=lambda bs: Spoor(bs[0].cyclus, bs[0].soort).sleutel)
    gekozen = [b for b, _scope in keuze]
    sporen = [Spoor(b.cyclus, b.soort) for b in gekozen]
    oordelen = list(
        Oordeel.objects.filter(beoordeling__in=[b.pk for b in gekozen])
        .select_related("norm", "niveau")
        .order_by("norm__volgorde")
    )
    nieuwste = sporen[-1].cyclus if sporen else None
    nieuwste_ids = {b.pk for b in gekozen if nieuwste and b.cyclus_id == nieuwste.pk}
    kolommen, tellingen = _tellingen(gekozen, sporen, oordelen)
    return OrganisatieOverzicht(
        organisatie=organisatie,
        sporen=sporen,
        rijen=_trend_rijen(gekozen, sporen, oordelen),
        tellingen=tellingen,
        nieuwste=nieuwste,
        bevindingen=[
            o
            for o in oordelen
            if o.beoordeling_id in nieuwste_ids and (o.bevinding.strip() or o.bron.strip())
        ],
        beoordelingen=alle,
        niveau_kolommen=kolommen,
    )


# --- one norm across organisations and cycles ---------------------------------------


def norm_get(*, kader: int, code: str) -> Norm:
    """A norm of a framework version (reference data: not scoped); 404 if there is none."""
    norm = (
        Norm.objects.filter(normenkader_id=kader, code=code)
        .select_related("normenkader", "groep")
        .first()
    )
    if norm is None:
        raise Http404
    return norm


@dataclass
class NormRij:
    organisatie: Organisatie
    standen: list[Stand | None]


@dataclass
class NormOverzicht:
    norm: Norm
    conclusies: list[tuple[int, str]]
    sporen: list[Spoor]
    rijen: list[NormRij]
    goed_spoor: Spoor | None
    goed: list[Stand]


def _verwante_normen(norm: Norm) -> list[Norm]:
    """The same norm (by code) in every version of its framework."""
    return list(
        Norm.objects.filter(normenkader__code=norm.normenkader.code, code=norm.code).only(
            "pk", "normenkader_id"
        )
    )


def norm_conclusies(*, norm: Norm) -> list[tuple[int, str]]:
    """The report's text on this norm per cycle year: the source of the Court of Audit's
    final ratings, each distinct text once."""
    rows = (
        Oordeel.objects.filter(
            norm__normenkader__code=norm.normenkader.code,
            norm__code=norm.code,
            beoordeling__soort=Soort.AUDITOR,
            beoordeling__beoordelaar=REKENKAMER,
            beoordeling__status=Status.DEFINITIEF,
        )
        .exclude(bron="")
        .order_by("-beoordeling__cyclus__jaar", "pk")
        .values_list("beoordeling__cyclus__jaar", "bron")
    )
    seen: dict[tuple[int, str], None] = {}
    for jaar, bron in rows:
        seen.setdefault((jaar, bron), None)
    return list(seen)


def _zichtbaar(gebruiker: Any) -> Callable[[Organisatie], bool | None]:
    """True in the read scope, False for government-wide only, None when not visible."""
    scope = read_scope(gebruiker=gebruiker)
    wide = gebruiker_has_capability(gebruiker=gebruiker, capability=Capability.HEATMAP_RIJKSBREED)

    def check(org: Organisatie) -> bool | None:
        if scope.covers(pad=org.pad, node_id=org.pk):
            return True
        return False if wide else None

    return check


def _norm_standen(
    gebruiker: Any, verwant: list[Norm]
) -> tuple[list[tuple[Beoordeling, bool]], dict[int, tuple[int, int | None]]]:
    zichtbaar = _zichtbaar(gebruiker)
    norm_ids = [n.pk for n in verwant]
    beoordelingen = [
        b
        for b in Beoordeling.objects.filter(oordelen__norm_id__in=norm_ids)
        .select_related("cyclus__normenkader", "organisatie")
        .distinct()
        if zichtbaar(b.organisatie) is not None
    ]
    gekozen = _kies(beoordelingen, in_scope=lambda org: bool(zichtbaar(org)))
    oordelen = Oordeel.objects.filter(
        beoordeling_id__in=[b.pk for b, _s in gekozen], norm_id__in=norm_ids
    ).values_list("beoordeling_id", "pk", "niveau_id")
    return gekozen, {b_id: (pk, niveau_id) for b_id, pk, niveau_id in oordelen}


def _goed(sporen: list[Spoor], rijen: list[NormRij]) -> tuple[Spoor | None, list[Stand]]:
    """Who meets the norm by a final assessment in the newest cycle (the kind there with the
    most ratings), so ministries know whom to ask."""
    if not sporen:
        return None, []
    jaar = sporen[-1].cyclus.jaar
    kandidaten = [i for i, s in enumerate(sporen) if s.cyclus.jaar == jaar]

    def rated(i: int) -> int:
        return sum(1 for r in rijen if r.standen[i] is not None)

    kolom = max(kandidaten, key=rated)
    standen = [r.standen[kolom] for r in rijen]
    top = max((s.niveau.rang for s in standen if s and s.niveau), default=None)
    goed = [s for s in standen if s and s.voldoet_zeker and s.niveau and s.niveau.rang == top]
    return sporen[kolom], goed


def norm_overzicht(*, gebruiker: Any, norm: Norm) -> NormOverzicht:
    """One norm: every visible organisation's level per cycle and kind, and who meets it."""
    verwant = _verwante_normen(norm)
    gekozen, per_beoordeling = _norm_standen(gebruiker, verwant)
    gekozen = [(b, s) for b, s in gekozen if b.pk in per_beoordeling]
    niveaus = _niveaus(n.normenkader_id for n in verwant)
    sporen = sorted({Spoor(b.cyclus, b.soort) for b, _s in gekozen}, key=lambda s: s.sleutel)
    kolom = {(s.cyclus.pk, s.soort): i for i, s in enumerate(sporen)}
    orgs: dict[int, NormRij] = {}
    if sporen:
        zichtbaar = _zichtbaar(gebruiker)
        nieuwste = sporen[-1].cyclus
        for org in rated_organisaties(cyclus=nieuwste, applies_to=norm.groep.applies_to):
            if zichtbaar(org) is not None:
                orgs[org.pk] = NormRij(org, [None] * len(sporen))
    for b, in_scope in gekozen:
        rij = orgs.setdefault(b.organisatie_id, NormRij(b.organisatie, [None] * len(sporen)))
        oordeel_id, niveau_id = per_beoordeling[b.pk]
        niveau = niveaus.get(niveau_id) if niveau_id else None
        rij.standen[kolom[(b.cyclus_id, b.soort)]] = Stand(niveau, oordeel_id, b, in_scope)
    rijen = sorted(orgs.values(), key=lambda r: r.organisatie.code)
    goed_spoor, goed = _goed(sporen, rijen)
    return NormOverzicht(
        norm=norm,
        conclusies=norm_conclusies(norm=norm),
        sporen=sporen,
        rijen=rijen,
        goed_spoor=goed_spoor,
        goed=goed,
    )
