"""What the matrix page, the XLSX export and the PDF report show of one analysis: the two
grids (inherent and residual) with their counts, and the workbook (ADR 0007: openpyxl)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from integriteit.risicos.constants import FunctieMaatregel, Methode
from integriteit.risicos.matrix import BAND_KLEUREN, BAND_LABELS, Band, Cel, tel_cellen
from integriteit.risicos.models import Beheersmaatregel, KwetsbareFunctie, Risico, Risicoanalyse

CEL = 56  # size of a cell in the SVG grid, in px
KANTLIJN = 40  # room for the axis numbers


@dataclass(frozen=True)
class SvgCel:
    x: int
    y: int
    kleur: str
    cel: Cel
    band_label: str
    codes: tuple[str, ...]


@dataclass(frozen=True)
class Grid:
    soort: str  # "bruto" or "rest"
    titel: str
    rijen: list[list[Cel]]
    svg_cellen: list[SvgCel]
    breedte: int
    hoogte: int
    #: (value, y) of the likelihood labels: the highest likelihood on the top row.
    assen_kans: list[tuple[int, int]]
    #: (value, x) of the impact labels: the highest impact in the right column.
    assen_impact: list[tuple[int, int]]
    totaal: int
    per_band: list[tuple[str, int]]
    codes: dict[int, str]


def _grid(soort: str, titel: str, analyse: Risicoanalyse, risicos: list[Risico]) -> Grid:
    matrix = analyse.matrix
    if soort == "bruto":
        punten = [(r.pk, r.kans or 0, r.impact or 0) for r in risicos if r.is_beoordeeld]
    else:
        punten = [(r.pk, r.rest_kans or 0, r.rest_impact or 0) for r in risicos if r.heeft_rest]
    rijen = tel_cellen(matrix, punten)
    codes = {r.pk: r.code for r in risicos}
    svg = [
        SvgCel(
            x=KANTLIJN + (cel.impact - 1) * CEL,
            y=i * CEL,
            kleur=BAND_KLEUREN[cel.band],
            cel=cel,
            band_label=str(BAND_LABELS[cel.band]),
            codes=tuple(codes[pk] for pk in cel.risicos),
        )
        for i, rij in enumerate(rijen)
        for cel in rij
    ]
    per_band = [
        (str(BAND_LABELS[band]), sum(c.aantal for rij in rijen for c in rij if c.band == band))
        for band in (Band.HOOG, Band.MIDDEN, Band.LAAG)
    ]
    n = matrix.grootte
    return Grid(
        soort=soort,
        titel=titel,
        rijen=rijen,
        svg_cellen=svg,
        breedte=KANTLIJN + n * CEL,
        hoogte=n * CEL + KANTLIJN,
        assen_kans=[(w, (n - w) * CEL) for w in matrix.waarden],
        assen_impact=[(w, (w - 1) * CEL) for w in matrix.waarden],
        totaal=len(punten),
        per_band=per_band,
        codes=codes,
    )


def grids(analyse: Risicoanalyse, risicos: list[Risico]) -> list[Grid]:
    return [
        _grid("bruto", _("Bruto risico (zonder de bestaande beheersing)"), analyse, risicos),
        _grid("rest", _("Restrisico (met de bestaande beheersing)"), analyse, risicos),
    ]


def methoden_labels(analyse: Risicoanalyse) -> list[str]:
    labels = dict(Methode.choices)
    return [str(labels[m]) for m in analyse.methoden if m in labels]


def functie_maatregelen(functie: KwetsbareFunctie) -> list[str]:
    labels = dict(FunctieMaatregel.choices)
    return [str(labels[m]) for m in functie.maatregelen if m in labels]


# --- XLSX ----------------------------------------------------------------------------------

_KOP = Font(bold=True)


def _kop(ws: Worksheet, koppen: list[str]) -> None:
    ws.append(koppen)
    for cell in ws[1]:
        cell.font = _KOP
    ws.freeze_panes = "A2"


def _band(band: Band | None) -> str:
    return str(BAND_LABELS[band]) if band else ""


def _sheet_register(ws: Worksheet, risicos: list[Risico]) -> None:
    ws.title = _("Register")
    _kop(
        ws,
        [
            _("Code"),
            _("Titel"),
            _("Gebied, proces of functie"),
            _("Kwetsbaar gebied"),
            _("Soort schending"),
            _("Omschrijving"),
            _("Kans"),
            _("Impact"),
            _("Score"),
            _("Band"),
            _("Bestaande beheersmaatregelen"),
            _("Restkans"),
            _("Restimpact"),
            _("Restscore"),
            _("Restband"),
            _("Eigenaar"),
            _("Catalogus-code"),
        ],
    )
    for r in risicos:
        ws.append(
            [
                r.code,
                r.titel,
                r.gebied,
                r.get_kwetsbaar_gebied_display(),
                r.get_schending_display(),
                r.omschrijving,
                r.kans,
                r.impact,
                r.score,
                _band(r.band),
                r.bestaande_beheersing,
                r.rest_kans,
                r.rest_impact,
                r.rest_score,
                _band(r.rest_band),
                r.eigenaar,
                r.catalogus_code,
            ]
        )


def _sheet_maatregelen(ws: Worksheet, risicos: list[Risico]) -> None:
    _kop(
        ws,
        [_("Risico"), _("Maatregel"), _("Eigenaar"), _("Uiterlijk"), _("Status"), _("Te laat")],
    )
    for r in risicos:
        m: Beheersmaatregel
        for m in r.maatregelen.all():
            ws.append(
                [
                    r.code,
                    m.omschrijving,
                    m.eigenaar,
                    m.uiterlijk,
                    m.get_status_display(),
                    _("ja") if m.te_laat else _("nee"),
                ]
            )
            ws.cell(row=ws.max_row, column=4).number_format = "dd-mm-yyyy"


def _sheet_functies(ws: Worksheet, functies: list[KwetsbareFunctie]) -> None:
    _kop(
        ws,
        [_("Functie"), _("Onderdeel"), _("Waarom kwetsbaar"), _("Maatregelen"), _("Toelichting")],
    )
    for f in functies:
        ws.append(
            [f.functie, f.eenheid, f.waarom, "; ".join(functie_maatregelen(f)), f.toelichting]
        )


def _sheet_matrix(ws: Worksheet, grid: Grid, analyse: Risicoanalyse) -> None:
    matrix = analyse.matrix
    ws.append([grid.titel])
    ws["A1"].font = _KOP
    ws.append([_("Kans \\ impact"), *[f"{w} {matrix.impact_label(w)}" for w in matrix.waarden]])
    for rij in grid.rijen:
        kans = rij[0].kans
        ws.append([f"{kans} {matrix.kans_label(kans)}", *[c.aantal for c in rij]])
        for cel in rij:
            cell = ws.cell(row=ws.max_row, column=cel.impact + 1)
            kleur = BAND_KLEUREN[cel.band].lstrip("#").upper()
            cell.fill = PatternFill("solid", start_color=kleur, end_color=kleur)
            cell.alignment = Alignment(horizontal="center")
    ws.append([])
    ws.append([_("Band"), _("Aantal risico's")])
    for label, aantal in grid.per_band:
        ws.append([label, aantal])


def analyse_xlsx(
    analyse: Risicoanalyse, risicos: list[Risico], functies: list[KwetsbareFunctie]
) -> bytes:
    """A workbook: Register, Maatregelen, Kwetsbare functies, Matrix bruto, Matrix rest."""
    workbook = Workbook()
    _sheet_register(workbook.active, risicos)  # type: ignore[arg-type]
    _sheet_maatregelen(workbook.create_sheet(_("Maatregelen")), risicos)
    _sheet_functies(workbook.create_sheet(_("Kwetsbare functies")), functies)
    bruto, rest = grids(analyse, risicos)
    _sheet_matrix(workbook.create_sheet(_("Matrix bruto")), bruto, analyse)
    _sheet_matrix(workbook.create_sheet(_("Matrix rest")), rest, analyse)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rapport_context(
    analyse: Risicoanalyse, risicos: list[Risico], functies: list[KwetsbareFunctie]
) -> dict[str, Any]:
    maatregelen = [(r, m) for r in risicos for m in r.maatregelen.all()]
    return {
        "analyse": analyse,
        "risicos": risicos,
        "functies": [(f, functie_maatregelen(f)) for f in functies],
        "maatregelen": maatregelen,
        "grids": grids(analyse, risicos),
        "methoden": methoden_labels(analyse),
        "matrix": analyse.matrix,
    }
