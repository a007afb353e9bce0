"""Counting the contact log, with small counts shielded (ADR 0013). Pure: no database.

Every count from 1 to 4 is shown as "<5"; 0 stays 0 (no conversation is no person). Within
one distribution (the categories of one year, the follow-ups, the advisers of a ministry)
a second cell is shielded ("afgeschermd") when the shown total would otherwise reveal the
hidden ones: when one cell is hidden, or the hidden cells add up to less than 5, the smallest
shown cell is hidden too. A table of ministries × categories is shielded along its rows and
its columns until neither pass changes anything.

The trend compares a category with the year before: "meer", "minder" or "gelijk", and the
difference only when both years' counts are shown (so it never is a small exact number that
was hidden in one of the years).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from integriteit.vertrouwenspersonen.constants import KLEINE_AANTALLEN, Categorie, Vervolg

GETOOND, KLEIN, AFGESCHERMD = "getoond", "klein", "afgeschermd"


def _tekst(waarde: int, stand: str) -> str:
    if stand == KLEIN:
        return f"<{KLEINE_AANTALLEN}"
    if stand == AFGESCHERMD:
        return _("afgeschermd")
    return str(waarde)


@dataclass(frozen=True)
class Cel:
    code: str
    label: str
    waarde: int
    stand: str = GETOOND

    @property
    def getoond(self) -> bool:
        return self.stand == GETOOND

    @property
    def tekst(self) -> str:
        return _tekst(self.waarde, self.stand)


def stand_van(waarde: int) -> str:
    return KLEIN if 0 < waarde < KLEINE_AANTALLEN else GETOOND


def afschermen(waarden: Sequence[int], standen: Sequence[str] | None = None) -> list[str]:
    """The state of each count of one distribution (primary and secondary shielding)."""
    uit = list(standen) if standen is not None else [stand_van(w) for w in waarden]
    while True:
        verborgen = [i for i, s in enumerate(uit) if s != GETOOND]
        if not verborgen:
            return uit
        som = sum(waarden[i] for i in verborgen)
        if len(verborgen) > 1 and som >= KLEINE_AANTALLEN:
            return uit
        zichtbaar = [i for i, s in enumerate(uit) if s == GETOOND and waarden[i] > 0]
        if not zichtbaar:
            return uit
        uit[min(zichtbaar, key=lambda i: (waarden[i], i))] = AFGESCHERMD


def verdeling(keuzes: Iterable[tuple[str, Any]], tellingen: Mapping[str, int]) -> list[Cel]:
    paren = [(str(code), str(label)) for code, label in keuzes]
    waarden = [tellingen.get(code, 0) for code, _label in paren]
    standen = afschermen(waarden)
    return [
        Cel(code=code, label=label, waarde=w, stand=s)
        for (code, label), w, s in zip(paren, waarden, standen, strict=True)
    ]


def totaal(waarde: int) -> Cel:
    return Cel("totaal", _("Totaal"), waarde, stand_van(waarde))


@dataclass(frozen=True)
class Trendregel:
    code: str
    label: str
    dit_jaar: Cel
    vorig_jaar: Cel

    @property
    def richting(self) -> str:
        verschil = self.dit_jaar.waarde - self.vorig_jaar.waarde
        if verschil > 0:
            return _("meer")
        if verschil < 0:
            return _("minder")
        return _("gelijk")

    @property
    def pijl(self) -> str:
        verschil = self.dit_jaar.waarde - self.vorig_jaar.waarde
        return "↑" if verschil > 0 else "↓" if verschil < 0 else "="

    @property
    def verschil_tekst(self) -> str:
        """The exact difference only when both counts are shown; otherwise a dash."""
        if not (self.dit_jaar.getoond and self.vorig_jaar.getoond):
            return "–"
        verschil = self.dit_jaar.waarde - self.vorig_jaar.waarde
        return f"{verschil:+d}" if verschil else "0"


def trend(dit_jaar: Sequence[Cel], vorig_jaar: Sequence[Cel]) -> list[Trendregel]:
    return [
        Trendregel(code=a.code, label=a.label, dit_jaar=a, vorig_jaar=b)
        for a, b in zip(dit_jaar, vorig_jaar, strict=True)
    ]


@dataclass(frozen=True)
class Verslagcijfers:
    """Everything the annual report shows, computed from the raw counts in :func:`ruwe_cijfers`."""

    jaar: int
    totaal: Cel
    totaal_vorig_jaar: Cel
    uren: str
    per_categorie: list[Trendregel]
    per_vervolg: list[Cel]
    overleggen: int
    tussentijdse_overleggen: int

    @property
    def vaker_dan_eens_overleg(self) -> bool:
        return self.overleggen > 1


def tel(waarden: Iterable[str]) -> dict[str, int]:
    uit: dict[str, int] = {}
    for waarde in waarden:
        uit[waarde] = uit.get(waarde, 0) + 1
    return uit


def ruwe_cijfers(
    *,
    jaar: int,
    contacten: Iterable[tuple[int, str, str, int]],
    overleggen: Iterable[tuple[int, bool]],
) -> dict[str, Any]:
    """The exact counts of ``jaar`` and the year before, from (year, category, follow-up,
    minutes) per contact and (year, interim) per meeting. This dict is what an issued report
    keeps (``Jaarverslag.cijfers``); it is shown only through :func:`verslagcijfers`."""
    rijen = list(contacten)
    dit = [r for r in rijen if r[0] == jaar]
    vorig = [r for r in rijen if r[0] == jaar - 1]
    ov = [o for o in overleggen if o[0] == jaar]
    return {
        "jaar": jaar,
        "categorie": tel(r[1] for r in dit),
        "categorie_vorig_jaar": tel(r[1] for r in vorig),
        "vervolg": tel(r[2] for r in dit),
        "minuten": sum(r[3] for r in dit),
        "overleggen": len(ov),
        "tussentijds": sum(1 for o in ov if o[1]),
    }


def verslagcijfers(ruw: Mapping[str, Any]) -> Verslagcijfers:
    """The shielded figures of an annual report (see the module docstring)."""
    dit = verdeling(Categorie.choices, ruw.get("categorie", {}))
    vorig = verdeling(Categorie.choices, ruw.get("categorie_vorig_jaar", {}))
    n = sum(ruw.get("categorie", {}).values())
    n_vorig = sum(ruw.get("categorie_vorig_jaar", {}).values())
    minuten = int(ruw.get("minuten", 0))
    uren = (
        f"{minuten / 60:.1f}".replace(".", ",")
        if n == 0 or n >= KLEINE_AANTALLEN
        else _("niet getoond")
    )
    return Verslagcijfers(
        jaar=int(ruw["jaar"]),
        totaal=totaal(n),
        totaal_vorig_jaar=totaal(n_vorig),
        uren=uren,
        per_categorie=trend(dit, vorig),
        per_vervolg=verdeling(Vervolg.choices, ruw.get("vervolg", {})),
        overleggen=int(ruw.get("overleggen", 0)),
        tussentijdse_overleggen=int(ruw.get("tussentijds", 0)),
    )


# --- tables (ministries × categories) ---------------------------------------------------------


@dataclass(frozen=True)
class Tabelrij:
    code: str
    label: str
    cellen: list[Cel]
    totaal: Cel


def afschermen_tabel(matrix: Sequence[Sequence[int]]) -> list[list[str]]:
    """States of a table whose row and column totals are shown: rows and columns are shielded
    in turn until neither changes anything."""
    standen = [[stand_van(w) for w in rij] for rij in matrix]
    if not matrix:
        return standen
    for _ronde in range(len(matrix) + len(matrix[0]) + 2):
        voor = [list(r) for r in standen]
        for i, rij in enumerate(matrix):
            standen[i] = afschermen(list(rij), standen[i])
        for j in range(len(matrix[0])):
            kolom = [matrix[i][j] for i in range(len(matrix))]
            nieuw = afschermen(kolom, [standen[i][j] for i in range(len(matrix))])
            for i, stand in enumerate(nieuw):
                standen[i][j] = stand
        if standen == voor:
            break
    return standen


def tabel(
    rijen: Sequence[tuple[str, str]],
    kolommen: Sequence[tuple[str, str]],
    tellingen: Mapping[tuple[str, str], int],
) -> tuple[list[Tabelrij], list[Cel], Cel]:
    """Shielded table: its rows, the column totals and the grand total."""
    matrix = [[tellingen.get((r, k), 0) for k, _l in kolommen] for r, _rl in rijen]
    standen = afschermen_tabel(matrix)
    rijsommen = [sum(rij) for rij in matrix]
    kolomsommen = [sum(matrix[i][j] for i in range(len(rijen))) for j in range(len(kolommen))]
    rijstanden = afschermen(rijsommen)
    kolomstanden = afschermen(kolomsommen)
    uit = [
        Tabelrij(
            code=r,
            label=rl,
            cellen=[Cel(k, kl, matrix[i][j], standen[i][j]) for j, (k, kl) in enumerate(kolommen)],
            totaal=Cel("totaal", _("Totaal"), rijsommen[i], rijstanden[i]),
        )
        for i, (r, rl) in enumerate(rijen)
    ]
    kolomtotalen = [
        Cel(k, kl, kolomsommen[j], kolomstanden[j]) for j, (k, kl) in enumerate(kolommen)
    ]
    return uit, kolomtotalen, totaal(sum(rijsommen))
