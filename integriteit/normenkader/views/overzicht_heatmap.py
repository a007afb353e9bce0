"""Turns the selector's :class:`~integriteit.normenkader.selectors.Heatmap` into what the
template draws: cells in column order with their short and full label and link, the legend
with its counts, and the totals per norm group.

The table has a cell per organisation per norm (1,000 at 50 ministries), so everything a cell
shows is worked out here, once per level rather than once per cell: the swatch (the swatch
include rendered once per level), the short and the full label (translated once), and the
link (one ``reverse()`` for all ratings). The template only prints these values."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from integriteit.normenkader.constants import Status
from integriteit.normenkader.models import Niveau, Normgroep
from integriteit.normenkader.selectors import Cell, Heatmap, Row
from integriteit.normenkader.selectors_overzicht import kort_label

SWATCH = "normenkader/includes/overzicht_swatch.html"


@dataclass(frozen=True)
class NiveauWeergave:
    """How a level (``niveau`` None: no rating) looks in a cell; one per level per page."""

    niveau: Niveau | None
    kort: str
    label: str
    #: The cell's colour swatch, rendered from ``SWATCH`` (autoescaped, so safe).
    swatch: SafeString


@dataclass(slots=True)
class CelWeergave:
    niveau: Niveau | None
    kort: str
    label: str
    swatch: SafeString
    url: str
    #: "OCW, norm 9: oordeel openen" for a cell that links to its rating; empty otherwise.
    link_tekst: str


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


def pk_url(viewname: str) -> Callable[[int], str]:
    """``reverse(viewname, args=[pk])`` for many pks at the cost of one ``reverse()``: the URL
    of a placeholder pk, split around it. For URLs whose only argument is an ``<int:pk>``."""
    placeholder = "9876543210"
    prefix, found, suffix = reverse(viewname, args=[int(placeholder)]).rpartition(placeholder)
    if not found:
        raise ValueError(f"{viewname}: the pk is not in the URL")
    return lambda pk: f"{prefix}{pk}{suffix}"


def _weergave(niveau: Niveau | None) -> NiveauWeergave:
    return NiveauWeergave(
        niveau=niveau,
        kort=kort_label(niveau),
        label=niveau.label if niveau else _("geen oordeel"),
        swatch=render_to_string(SWATCH, {"kleur": niveau.kleur if niveau else "", "cel": True}),
    )


class _Cellen:
    """Makes the cells of all rows; what many cells share is made once, in ``__init__``."""

    def __init__(self, hm: Heatmap) -> None:
        self.norms = [(c.norm.pk, c.norm.code) for c in hm.columns]
        self.weergaven: dict[int | None, NiveauWeergave] = {n.pk: _weergave(n) for n in hm.niveaus}
        self.weergaven[None] = _weergave(None)
        self.oordeel_url = pk_url("normenkader:oordeel")
        self.link_tekst = _("%(org)s, norm %(code)s: oordeel openen")

    def weergave_van(self, niveau: Niveau | None) -> NiveauWeergave:
        weergave = self.weergaven.get(niveau.pk if niveau else None)
        return weergave if weergave is not None else _weergave(niveau)  # not on the scale

    def cel(self, org_code: str, norm_code: str, cell: Cell | None) -> CelWeergave:
        w = self.weergave_van(cell.niveau if cell else None)
        oordeel_id = cell.oordeel_id if cell and cell.in_scope else None
        return CelWeergave(
            niveau=w.niveau,
            kort=w.kort,
            label=w.label,
            swatch=w.swatch,
            url=self.oordeel_url(oordeel_id) if oordeel_id else "",
            link_tekst=self.link_tekst % {"org": org_code, "code": norm_code} if oordeel_id else "",
        )

    def rij(self, row: Row) -> list[CelWeergave]:
        code = row.organisatie.code
        return [self.cel(code, norm_code, row.cells.get(pk)) for pk, norm_code in self.norms]


def _rij(row: Row, cellen: _Cellen) -> RijWeergave:
    b = row.beoordeling
    status = b.get_status_display().lower() if b and b.status != Status.DEFINITIEF else ""
    return RijWeergave(
        row=row,
        cellen=cellen.rij(row),
        status=status,
        url=reverse("normenkader:organisatie", args=[row.organisatie.code]) if row.in_scope else "",
    )


def _legenda(hm: Heatmap, rijen: list[RijWeergave]) -> list[LegendaRegel]:
    aantallen = Counter(c.niveau.pk if c.niveau else None for r in rijen for c in r.cellen)
    regels = [LegendaRegel(n, kort_label(n), n.label, aantallen[n.pk]) for n in hm.niveaus]
    regels.append(LegendaRegel(None, kort_label(None), _("geen oordeel"), aantallen[None]))
    return regels


def heatmap_tabel(hm: Heatmap) -> HeatmapTabel:
    cellen = _Cellen(hm)
    rijen = [_rij(row, cellen) for row in hm.rows]
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
