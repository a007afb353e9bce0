"""Turns the selector's :class:`~integriteit.normenkader.selectors.Heatmap` into what the
template draws: cells in column order with their short and full label and link, the legend
with its counts, and the totals per norm group."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from integriteit.normenkader.constants import Status
from integriteit.normenkader.models import Niveau, Norm, Normgroep
from integriteit.normenkader.selectors import Cell, Heatmap, Row
from integriteit.normenkader.selectors_overzicht import kort_label


@dataclass
class CelWeergave:
    norm: Norm
    niveau: Niveau | None
    kort: str
    label: str
    url: str


@dataclass
class RijWeergave:
    row: Row
    cellen: list[CelWeergave]
    #: "concept" or "ingediend" while the assessment is not final; empty otherwise.
    status: str
    url: str


@dataclass
class LegendaRegel:
    niveau: Niveau | None
    kort: str
    label: str
    aantal: int


@dataclass
class GroepTotaal:
    groep: Normgroep
    span: int
    voldoet: int
    totaal: int


@dataclass
class HeatmapTabel:
    heatmap: Heatmap
    rijen: list[RijWeergave]
    legenda: list[LegendaRegel]
    groep_totalen: list[GroepTotaal]

    @property
    def aantal_kolommen(self) -> int:
        return len(self.heatmap.columns)


def _cel(norm: Norm, cell: Cell | None) -> CelWeergave:
    niveau = cell.niveau if cell else None
    url = reverse("normenkader:oordeel", args=[cell.oordeel_id]) if cell and cell.in_scope else ""
    return CelWeergave(
        norm=norm,
        niveau=niveau,
        kort=kort_label(niveau),
        label=niveau.label if niveau else _("geen oordeel"),
        url=url if cell and cell.oordeel_id else "",
    )


def _rij(row: Row, norms: list[Norm]) -> RijWeergave:
    b = row.beoordeling
    status = b.get_status_display().lower() if b and b.status != Status.DEFINITIEF else ""
    return RijWeergave(
        row=row,
        cellen=[_cel(norm, row.cells.get(norm.pk)) for norm in norms],
        status=status,
        url=reverse("normenkader:organisatie", args=[row.organisatie.code]) if row.in_scope else "",
    )


def _legenda(hm: Heatmap, rijen: list[RijWeergave]) -> list[LegendaRegel]:
    cellen = [c for r in rijen for c in r.cellen]
    regels = [
        LegendaRegel(n, kort_label(n), n.label, sum(1 for c in cellen if c.niveau == n))
        for n in hm.niveaus
    ]
    leeg = sum(1 for c in cellen if c.niveau is None)
    regels.append(LegendaRegel(None, kort_label(None), _("geen oordeel"), leeg))
    return regels


def heatmap_tabel(hm: Heatmap) -> HeatmapTabel:
    norms = [c.norm for c in hm.columns]
    rijen = [_rij(row, norms) for row in hm.rows]
    return HeatmapTabel(
        heatmap=hm,
        rijen=rijen,
        legenda=_legenda(hm, rijen),
        groep_totalen=[
            GroepTotaal(
                groep=groep,
                span=len(columns),
                voldoet=sum(c.voldoet for c in columns),
                totaal=sum(c.totaal for c in columns),
            )
            for groep, columns in hm.groepen
            if columns
        ],
    )
