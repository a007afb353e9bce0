"""Comparing two cycles: per organisation × norm (matched by norm code) whether the level
went up, stayed or went down. Pure: works on two :class:`selectors.Heatmap` objects, so each
side shows only what the user may see there (final levels outside the read scope)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from integriteit.normenkader.constants import ONBEKEND
from integriteit.normenkader.models import Niveau
from integriteit.normenkader.selectors import Heatmap
from integriteit.normenkader.selectors_overzicht import kort_label
from integriteit.organisaties.models import Organisatie


class Verandering(models.TextChoices):
    BETER = "beter", _("verbeterd")
    GELIJK = "gelijk", _("gelijk gebleven")
    SLECHTER = "slechter", _("verslechterd")
    ONVERGELIJKBAAR = "onvergelijkbaar", _("niet vergelijkbaar")


VERANDERINGEN: tuple[Verandering, ...] = tuple(Verandering)


def verandering(a: Niveau | None, b: Niveau | None) -> Verandering:
    """From level ``a`` (earlier) to ``b`` (later), by rank; unknown or missing on either
    side cannot be compared."""
    if a is None or b is None or ONBEKEND in (a.code, b.code):
        return Verandering.ONVERGELIJKBAAR
    if b.rang > a.rang:
        return Verandering.BETER
    if b.rang < a.rang:
        return Verandering.SLECHTER
    return Verandering.GELIJK


@dataclass
class VergelijkCel:
    code: str
    a: Niveau | None
    b: Niveau | None
    verandering: Verandering

    @property
    def kort_a(self) -> str:
        return kort_label(self.a)

    @property
    def kort_b(self) -> str:
        return kort_label(self.b)


@dataclass
class VergelijkRij:
    organisatie: Organisatie
    cellen: list[VergelijkCel]

    @property
    def tellingen(self) -> list[tuple[Verandering, int]]:
        return _tel(self.cellen)


@dataclass
class Vergelijking:
    codes: list[str]
    rijen: list[VergelijkRij]

    @property
    def tellingen(self) -> list[tuple[Verandering, int]]:
        return _tel([c for r in self.rijen for c in r.cellen])


def _tel(cellen: list[VergelijkCel]) -> list[tuple[Verandering, int]]:
    return [(v, sum(1 for c in cellen if c.verandering == v)) for v in VERANDERINGEN]


def _per_code(
    hm: Heatmap,
) -> tuple[list[str], dict[int, Organisatie], dict[int, dict[str, Niveau | None]]]:
    code_of = {c.norm.pk: c.norm.code for c in hm.columns}
    orgs = {r.organisatie.pk: r.organisatie for r in hm.rows}
    levels = {
        r.organisatie.pk: {code_of[norm_id]: cell.niveau for norm_id, cell in r.cells.items()}
        for r in hm.rows
    }
    return list(code_of.values()), orgs, levels


def vergelijking(*, a: Heatmap, b: Heatmap) -> Vergelijking:
    """Per organisation × norm (matched by code): did the level go up, stay or go down from
    ``a`` to ``b``? Both heatmaps come from :func:`selectors.heatmap`, so each side shows
    only what the user may see."""
    codes_a, orgs_a, levels_a = _per_code(a)
    codes_b, orgs_b, levels_b = _per_code(b)
    codes = codes_b + [c for c in codes_a if c not in codes_b]
    orgs = {**orgs_a, **orgs_b}
    rijen = [
        VergelijkRij(
            org,
            [
                VergelijkCel(
                    code,
                    levels_a.get(pk, {}).get(code),
                    levels_b.get(pk, {}).get(code),
                    verandering(levels_a.get(pk, {}).get(code), levels_b.get(pk, {}).get(code)),
                )
                for code in codes
            ],
        )
        for pk, org in sorted(orgs.items(), key=lambda item: item[1].code)
    ]
    return Vergelijking(codes=codes, rijen=rijen)
