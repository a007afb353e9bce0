"""Owns the reads of frameworks and assessments, always limited to what the asker may see.

Two kinds of visibility (ADR 0006):
- *in scope* (BEOORDELING_LEZEN on the organisation): every version and status, with
  findings, evidence and actions;
- *government-wide* (HEATMAP_RIJKSBREED): the levels of **final** assessments of every
  organisation, without findings — so ministries can learn from each other, as the report asks.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404

from integriteit.accounts.selectors import Scope, gebruiker_has_capability, scope_for
from integriteit.common.permissions import Capability
from integriteit.normenkader.constants import ONBEKEND, AppliesTo, Soort, Status
from integriteit.normenkader.models import (
    Beoordeling,
    Cyclus,
    Niveau,
    Norm,
    Normenkader,
    Normgroep,
    Oordeel,
    Verbeteractie,
)
from integriteit.organisaties.constants import Soort as OrgSoort
from integriteit.organisaties.models import Organisatie

SOORT_CAPABILITY: dict[str, Capability] = {
    Soort.ZELFEVALUATIE: Capability.BEOORDELING_ZELFEVALUATIE,
    Soort.AUDITOR: Capability.BEOORDELING_AUDIT,
    Soort.COORDINATOR: Capability.BEOORDELING_COORDINATIE,
}


def read_scope(*, gebruiker: Any) -> Scope:
    return scope_for(gebruiker=gebruiker, capability=Capability.BEOORDELING_LEZEN)


def may_author(*, gebruiker: Any, soort: str, organisatie: Organisatie) -> bool:
    """May this user write an assessment of ``soort`` for ``organisatie``?"""
    scope = scope_for(gebruiker=gebruiker, capability=SOORT_CAPABILITY[soort])
    return scope.covers(pad=organisatie.pad, node_id=organisatie.pk)


def authorable_soorten(*, gebruiker: Any) -> list[str]:
    return [
        soort
        for soort, capability in SOORT_CAPABILITY.items()
        if gebruiker_has_capability(gebruiker=gebruiker, capability=capability)
    ]


def normenkader_list() -> QuerySet[Normenkader]:
    return Normenkader.objects.annotate(aantal_normen=Count("normen")).order_by("code", "-versie")


def cyclus_list() -> QuerySet[Cyclus]:
    return Cyclus.objects.select_related("normenkader", "vorige").order_by(
        "-jaar", "normenkader__code"
    )


def cyclus_get(*, pk: int) -> Cyclus:
    cyclus = cyclus_list().filter(pk=pk).first()
    if cyclus is None:
        raise Http404
    return cyclus


def cyclus_default() -> Cyclus | None:
    """The newest cycle that has any assessment, else the newest cycle."""
    with_data = cyclus_list().filter(beoordelingen__isnull=False).distinct().first()
    return with_data or cyclus_list().first()


def soort_default(*, cyclus: Cyclus) -> str:
    """The kind with the most assessed organisations in the cycle (self-assessment if none)."""
    first = (
        Beoordeling.objects.filter(cyclus=cyclus)
        .values("soort")
        .annotate(n=Count("organisatie", distinct=True))
        .order_by("-n", "soort")
        .first()
    )
    return str(first["soort"]) if first else str(Soort.ZELFEVALUATIE)


def rated_organisaties(*, cyclus: Cyclus, applies_to: str) -> QuerySet[Organisatie]:
    """The organisations a cycle is about: the ministries that existed at the end of its
    year, or the root for the coordinating-role norms."""
    if applies_to == AppliesTo.COORDINATOR:
        return Organisatie.objects.filter(soort=OrgSoort.RIJK)
    end = date(cyclus.jaar, 12, 31)
    return Organisatie.objects.filter(soort=OrgSoort.MINISTERIE).geldig_op(end).order_by("code")


def _current(beoordelingen: list[Beoordeling], *, in_scope: bool) -> Beoordeling | None:
    """The assessment to show: in scope the newest version whatever its status; outside the
    scope the newest *final* version only."""
    candidates = beoordelingen if in_scope else [b for b in beoordelingen if b.is_definitief]
    return max(candidates, key=lambda b: b.versie, default=None)


def current_beoordelingen(
    *, gebruiker: Any, cyclus: Cyclus, soort: str, organisaties: list[Organisatie]
) -> dict[int, tuple[Beoordeling, bool]]:
    """Per organisation id: the assessment to show and whether it is in the read scope."""
    scope = read_scope(gebruiker=gebruiker)
    wide = gebruiker_has_capability(gebruiker=gebruiker, capability=Capability.HEATMAP_RIJKSBREED)
    by_org: dict[int, list[Beoordeling]] = defaultdict(list)
    for b in Beoordeling.objects.filter(
        cyclus=cyclus, soort=soort, organisatie__in=[o.pk for o in organisaties]
    ):
        by_org[b.organisatie_id].append(b)
    result: dict[int, tuple[Beoordeling, bool]] = {}
    for org in organisaties:
        in_scope = scope.covers(pad=org.pad, node_id=org.pk)
        if not (in_scope or wide):
            continue
        current = _current(by_org[org.pk], in_scope=in_scope)
        if current is not None:
            result[org.pk] = (current, in_scope)
    return result


@dataclass
class Cell:
    niveau: Niveau | None
    oordeel_id: int | None
    in_scope: bool
    status: str


@dataclass
class Row:
    organisatie: Organisatie
    beoordeling: Beoordeling | None
    in_scope: bool
    cells: dict[int, Cell] = field(default_factory=dict)


@dataclass
class Column:
    norm: Norm
    voldoet: int = 0
    beoordeeld: int = 0
    totaal: int = 0
    per_niveau: Counter[str] = field(default_factory=Counter)


@dataclass
class Heatmap:
    cyclus: Cyclus
    soort: str
    applies_to: str
    niveaus: list[Niveau]
    groepen: list[tuple[Normgroep, list[Column]]]
    rows: list[Row]

    @property
    def columns(self) -> list[Column]:
        return [column for _groep, columns in self.groepen for column in columns]


def _columns(
    cyclus: Cyclus, applies_to: str, groep_code: str
) -> list[tuple[Normgroep, list[Column]]]:
    groepen = Normgroep.objects.filter(normenkader=cyclus.normenkader, applies_to=applies_to)
    if groep_code:
        groepen = groepen.filter(code=groep_code)
    norms = Norm.objects.filter(groep__in=groepen).order_by("volgorde")
    by_groep: dict[int, list[Column]] = defaultdict(list)
    for norm in norms:
        by_groep[norm.groep_id].append(Column(norm=norm))
    return [(groep, by_groep[groep.pk]) for groep in groepen.order_by("volgorde")]


def _visible_organisaties(gebruiker: Any, cyclus: Cyclus, applies_to: str) -> list[Organisatie]:
    orgs = list(rated_organisaties(cyclus=cyclus, applies_to=applies_to))
    if gebruiker_has_capability(gebruiker=gebruiker, capability=Capability.HEATMAP_RIJKSBREED):
        return orgs
    scope = read_scope(gebruiker=gebruiker)
    return [org for org in orgs if scope.covers(pad=org.pad, node_id=org.pk)]


def heatmap(
    *,
    gebruiker: Any,
    cyclus: Cyclus,
    soort: str,
    applies_to: str = AppliesTo.ORGANISATION,
    groep_code: str = "",
) -> Heatmap:
    """Organisations × norms for one cycle and kind of assessment, in a fixed number of
    queries whatever the number of organisations."""
    niveaus = list(Niveau.objects.filter(normenkader=cyclus.normenkader).order_by("-rang"))
    by_id = {n.pk: n for n in niveaus}
    top_rank = max((n.rang for n in niveaus), default=0)
    groepen = _columns(cyclus, applies_to, groep_code)
    columns = {c.norm.pk: c for _g, cols in groepen for c in cols}
    orgs = _visible_organisaties(gebruiker, cyclus, applies_to)
    current = current_beoordelingen(
        gebruiker=gebruiker, cyclus=cyclus, soort=soort, organisaties=orgs
    )
    rows = [
        Row(
            organisatie=o,
            beoordeling=current.get(o.pk, (None, False))[0],
            in_scope=current.get(o.pk, (None, False))[1],
        )
        for o in orgs
    ]
    row_by_beoordeling = {r.beoordeling.pk: r for r in rows if r.beoordeling is not None}
    oordelen = Oordeel.objects.filter(
        beoordeling_id__in=list(row_by_beoordeling), norm_id__in=list(columns)
    ).values_list("pk", "beoordeling_id", "norm_id", "niveau_id")
    for pk, beoordeling_id, norm_id, niveau_id in oordelen:
        row = row_by_beoordeling[beoordeling_id]
        niveau = by_id.get(niveau_id) if niveau_id else None
        row.cells[norm_id] = Cell(
            niveau, pk, row.in_scope, row.beoordeling.status if row.beoordeling else ""
        )
        _count(columns[norm_id], niveau, top_rank)
    for column in columns.values():
        column.totaal = len(rows)
    return Heatmap(
        cyclus=cyclus,
        soort=soort,
        applies_to=applies_to,
        niveaus=niveaus,
        groepen=groepen,
        rows=rows,
    )


def _count(column: Column, niveau: Niveau | None, top_rank: int) -> None:
    if niveau is None:
        return
    column.per_niveau[niveau.code] += 1
    if niveau.code != ONBEKEND:
        column.beoordeeld += 1
    if niveau.rang == top_rank and niveau.code != ONBEKEND:
        column.voldoet += 1


def beoordeling_get(*, gebruiker: Any, pk: int) -> Beoordeling:
    """One assessment in the user's read scope (404 otherwise)."""
    scope = read_scope(gebruiker=gebruiker)
    beoordeling = (
        Beoordeling.objects.filter(scope.q(prefix="organisatie__"), pk=pk)
        .select_related("cyclus__normenkader", "organisatie", "vervangt")
        .first()
    )
    if beoordeling is None:
        raise Http404
    return beoordeling


def oordeel_get(*, gebruiker: Any, pk: int) -> Oordeel:
    """One rating with its assessment, in the user's read scope (404 otherwise)."""
    scope = read_scope(gebruiker=gebruiker)
    oordeel = (
        Oordeel.objects.filter(scope.q(prefix="beoordeling__organisatie__"), pk=pk)
        .select_related(
            "beoordeling__cyclus__normenkader", "beoordeling__organisatie", "norm__groep", "niveau"
        )
        .first()
    )
    if oordeel is None:
        raise Http404
    return oordeel


def oordelen_of(*, beoordeling: Beoordeling) -> QuerySet[Oordeel]:
    return (
        beoordeling.oordelen.select_related("norm__groep", "niveau")
        .prefetch_related("bewijzen", "verbeteracties")
        .order_by("norm__volgorde")
    )


def vorige_niveaus(*, beoordeling: Beoordeling) -> dict[str, tuple[Niveau, Beoordeling]]:
    """Per norm code: the level in the previous cycle (its final assessment of the same kind,
    else any final one) — shown as "previous" while everything is assessed anew."""
    vorige = beoordeling.cyclus.vorige
    if vorige is None:
        return {}
    finals = list(
        Beoordeling.objects.filter(
            cyclus=vorige, organisatie=beoordeling.organisatie, status=Status.DEFINITIEF
        ).order_by("-versie")
    )
    finals.sort(key=lambda b: (b.soort != beoordeling.soort, -b.versie))
    if not finals:
        return {}
    chosen = finals[0]
    return {
        o.norm.code: (o.niveau, chosen)
        for o in chosen.oordelen.select_related("norm", "niveau")
        if o.niveau is not None
    }


def verbeteractie_list(*, gebruiker: Any, open_only: bool = False) -> QuerySet[Verbeteractie]:
    scope = read_scope(gebruiker=gebruiker)
    acties = Verbeteractie.objects.filter(scope.q(prefix="organisatie__")).select_related(
        "organisatie", "norm"
    )
    if open_only:
        acties = acties.filter(status__in=["open", "in_uitvoering"])
    return acties.order_by("deadline", "pk")
