"""The risk matrix: its size, the labels of each step and the bands of a score.

Pure: no database, no Django models. An analysis chooses its size (5×5 by default, 4×4
possible) when it is created; every likelihood and impact of its risks lies on that matrix.
A risk's score is likelihood × impact; the band follows from thresholds per size
(ADR 0014):

* 5×5 (scores 1-25): laag 1-4, midden 5-9, hoog 10-25;
* 4×4 (scores 1-16): laag 1-3, midden 4-7, hoog 8-16.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Band(StrEnum):
    LAAG = "laag"
    MIDDEN = "midden"
    HOOG = "hoog"


BAND_LABELS: dict[Band, Promise] = {
    Band.LAAG: _("Laag"),
    Band.MIDDEN: _("Midden"),
    Band.HOOG: _("Hoog"),
}

#: SVG fill per band (light tints, dark text on top meets WCAG contrast), with the band's
#: name always written in the cell too, so colour is never the only sign.
BAND_KLEUREN: dict[Band, str] = {
    Band.LAAG: "#d5ecd4",
    Band.MIDDEN: "#fde7a9",
    Band.HOOG: "#f6c1bc",
}


@dataclass(frozen=True)
class Matrix:
    grootte: int
    kans_labels: tuple[Promise, ...]
    impact_labels: tuple[Promise, ...]
    #: Lowest score of the band "midden" and of the band "hoog".
    midden_vanaf: int
    hoog_vanaf: int

    @property
    def waarden(self) -> range:
        return range(1, self.grootte + 1)

    def bevat(self, waarde: int | None) -> bool:
        return waarde is not None and 1 <= waarde <= self.grootte

    def band(self, kans: int, impact: int) -> Band:
        score = kans * impact
        if score >= self.hoog_vanaf:
            return Band.HOOG
        if score >= self.midden_vanaf:
            return Band.MIDDEN
        return Band.LAAG

    def kans_label(self, kans: int) -> str:
        return str(self.kans_labels[kans - 1])

    def impact_label(self, impact: int) -> str:
        return str(self.impact_labels[impact - 1])


MATRICES: dict[int, Matrix] = {
    5: Matrix(
        grootte=5,
        kans_labels=(
            _("Zeer klein"),
            _("Klein"),
            _("Mogelijk"),
            _("Waarschijnlijk"),
            _("Zeer waarschijnlijk"),
        ),
        impact_labels=(
            _("Zeer gering"),
            _("Gering"),
            _("Aanzienlijk"),
            _("Ernstig"),
            _("Zeer ernstig"),
        ),
        midden_vanaf=5,
        hoog_vanaf=10,
    ),
    4: Matrix(
        grootte=4,
        kans_labels=(_("Klein"), _("Mogelijk"), _("Waarschijnlijk"), _("Zeer waarschijnlijk")),
        impact_labels=(_("Gering"), _("Aanzienlijk"), _("Ernstig"), _("Zeer ernstig")),
        midden_vanaf=4,
        hoog_vanaf=8,
    ),
}

STANDAARD_GROOTTE = 5


def matrix_van(grootte: int) -> Matrix:
    """The matrix of that size; a KeyError for a size we do not offer."""
    return MATRICES[grootte]


@dataclass(frozen=True)
class Cel:
    kans: int
    impact: int
    band: Band
    aantal: int
    #: Keys (e.g. primary keys) of the risks in this cell, in the order given.
    risicos: tuple[int, ...]


def tel_cellen(matrix: Matrix, punten: list[tuple[int, int, int]]) -> list[list[Cel]]:
    """The grid as rows from the highest likelihood down, each cell from impact 1 up, with the
    risks ``(key, kans, impact)`` that fall in it. Points off the matrix are left out."""
    per_cel: dict[tuple[int, int], list[int]] = {}
    for key, kans, impact in punten:
        if matrix.bevat(kans) and matrix.bevat(impact):
            per_cel.setdefault((kans, impact), []).append(key)
    return [
        [
            Cel(
                kans=kans,
                impact=impact,
                band=matrix.band(kans, impact),
                aantal=len(per_cel.get((kans, impact), [])),
                risicos=tuple(per_cel.get((kans, impact), [])),
            )
            for impact in matrix.waarden
        ]
        for kans in reversed(matrix.waarden)
    ]
