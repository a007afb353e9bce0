"""The ratings of one cycle and kind of assessment as rows, and those rows as CSV, JSON or
an XLSX workbook (openpyxl, ADR 0007).

What a user may see is decided by :func:`selectors.current_beoordelingen` (ADR 0006): in the
read scope the newest version whatever its status, with findings and sources; elsewhere, with
the government-wide capability, the newest *final* version and its levels only. Without a
user (the CLI, run by whoever runs the server) every organisation's newest final version,
with findings: that is what the report publishes.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any, cast

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from integriteit.normenkader.constants import ONBEKEND, Soort, Status
from integriteit.normenkader.models import Beoordeling, Cyclus, Niveau, Norm, Oordeel
from integriteit.normenkader.selectors import current_beoordelingen, soort_default
from integriteit.organisaties.models import Organisatie

#: The contract of the CSV export and import (DESIGN.md).
CSV_HEADER: tuple[str, str, str] = ("organisation", "norm", "level")
#: Format → (file extension, content type).
FORMATS: dict[str, tuple[str, str]] = {
    "csv": ("csv", "text/csv; charset=utf-8"),
    "json": ("json", "application/json; charset=utf-8"),
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


@dataclass(frozen=True)
class Row:
    """One rated norm of one organisation. ``finding`` and ``source`` are empty outside the
    user's read scope (government-wide view: levels only)."""

    organisation: str
    norm: str
    level: str
    level_label: str
    colour: str
    cycle: int
    kind: str
    status: str
    version: int
    source: str
    finding: str
    in_scope: bool
    norm_order: int


def _newest_final(cyclus: Cyclus, soort: str) -> dict[int, tuple[Beoordeling, bool]]:
    """Per organisation id: its newest final assessment (no user: everything, in scope)."""
    result: dict[int, tuple[Beoordeling, bool]] = {}
    finals = Beoordeling.objects.filter(cyclus=cyclus, soort=soort, status=Status.DEFINITIEF)
    for beoordeling in finals.order_by("versie"):
        result[beoordeling.organisatie_id] = (beoordeling, True)
    return result


def _current(gebruiker: Any, cyclus: Cyclus, soort: str) -> dict[int, tuple[Beoordeling, bool]]:
    if gebruiker is None:
        return _newest_final(cyclus, soort)
    organisaties = list(
        Organisatie.objects.filter(beoordelingen__cyclus=cyclus, beoordelingen__soort=soort)
        .distinct()
        .order_by("code")
    )
    return current_beoordelingen(
        gebruiker=gebruiker, cyclus=cyclus, soort=soort, organisaties=organisaties
    )


def assessments_rows(*, gebruiker: Any | None, cyclus: Cyclus, soort: str | None) -> list[Row]:
    """Every rated norm (a level set; ``onbekend`` counts) of the assessments ``gebruiker``
    may see, sorted by organisation code and then by the norm's place in the framework.
    ``soort`` None means the cycle's default kind; ``gebruiker`` None means the CLI."""
    soort = soort or soort_default(cyclus=cyclus)
    current = _current(gebruiker, cyclus, soort)
    by_id = {b.pk: (b, in_scope) for b, in_scope in current.values()}
    oordelen = (
        Oordeel.objects.filter(beoordeling_id__in=list(by_id), niveau__isnull=False)
        .select_related("norm", "niveau", "beoordeling__organisatie")
        .order_by()
    )
    rows = [
        _row(oordeel, cyclus, in_scope=by_id[oordeel.beoordeling_id][1]) for oordeel in oordelen
    ]
    rows.sort(key=lambda row: (row.organisation, row.norm_order))
    return rows


def _row(oordeel: Oordeel, cyclus: Cyclus, *, in_scope: bool) -> Row:
    beoordeling = oordeel.beoordeling
    niveau = oordeel.niveau
    if niveau is None:  # pragma: no cover - filtered out in the query
        raise ValueError(oordeel.pk)
    return Row(
        organisation=beoordeling.organisatie.code,
        norm=oordeel.norm.code,
        level=niveau.code,
        level_label=niveau.label,
        colour=niveau.kleur,
        cycle=cyclus.jaar,
        kind=beoordeling.soort,
        status=beoordeling.status,
        version=beoordeling.versie,
        source=oordeel.bron if in_scope else "",
        finding=oordeel.bevinding if in_scope else "",
        in_scope=in_scope,
        norm_order=oordeel.norm.volgorde,
    )


def assessments_csv(rows: list[Row]) -> str:
    """``organisation,norm,level``, one line per row; codes only, so nothing for a
    spreadsheet to run as a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows((row.organisation, row.norm, row.level) for row in rows)
    return buffer.getvalue()


def assessments_json(rows: list[Row]) -> str:
    objects = [
        {
            "organisation": row.organisation,
            "norm": row.norm,
            "level": row.level,
            "cycle": row.cycle,
            "kind": row.kind,
            "status": row.status,
            "version": row.version,
            "source": row.source,
        }
        for row in rows
    ]
    return json.dumps(objects, ensure_ascii=False, indent=2) + "\n"


def export_filename(*, cyclus: Cyclus, soort: str, extension: str) -> str:
    return f"beoordelingen-{cyclus.jaar}-{soort}.{extension}"


# --- XLSX ---------------------------------------------------------------------------------

XLSX_COLUMNS: tuple[str, ...] = (*CSV_HEADER, "kind", "status", "version", "finding")
_BOLD = Font(bold=True)


def _put(sheet: Worksheet, row: int, column: int, value: str | int) -> Cell:
    """Write a value as data: never as a formula, without characters XML cannot hold."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell: Cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # openpyxl would otherwise store it as a formula
    return cell


def _fill(cell: Cell, colour: str) -> None:
    """The level's colour, with black or white text, whichever reads better on it."""
    hex_colour = colour.lstrip("#").upper()
    if len(hex_colour) != 6:
        return
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    light = 0.299 * red + 0.587 * green + 0.114 * blue > 150
    cell.fill = PatternFill(fill_type="solid", start_color=hex_colour, end_color=hex_colour)
    cell.font = Font(color="000000" if light else "FFFFFF")


def _header(sheet: Worksheet, values: list[str], row: int = 1) -> None:
    for column, value in enumerate(values, start=1):
        _put(sheet, row, column, value).font = _BOLD
        sheet.column_dimensions[get_column_letter(column)].width = max(12, len(value) + 2)


def _sheet_oordelen(sheet: Worksheet, rows: list[Row]) -> None:
    sheet.title = "Oordelen"
    _header(sheet, list(XLSX_COLUMNS))
    for index, row in enumerate(rows, start=2):
        values: tuple[str | int, ...] = (
            row.organisation,
            row.norm,
            row.level,
            row.kind,
            row.status,
            row.version,
        )
        for column, value in enumerate(values, start=1):
            _put(sheet, index, column, value)
        if row.in_scope and row.finding:
            _put(sheet, index, len(XLSX_COLUMNS), row.finding)
    sheet.column_dimensions[get_column_letter(len(XLSX_COLUMNS))].width = 80
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def _heatmap_norms(cyclus: Cyclus, rows: list[Row]) -> list[str]:
    """The framework's norms in its order, for the kinds of organisation in ``rows``."""
    present = {row.norm for row in rows}
    applies = set(
        Norm.objects.filter(normenkader=cyclus.normenkader, code__in=present).values_list(
            "groep__applies_to", flat=True
        )
    )
    norms = Norm.objects.filter(normenkader=cyclus.normenkader, groep__applies_to__in=applies)
    return list(norms.order_by("volgorde").values_list("code", flat=True))


def _sheet_heatmap(
    sheet: Worksheet, rows: list[Row], cyclus: Cyclus, niveaus: list[Niveau]
) -> None:
    norms = _heatmap_norms(cyclus, rows)
    _header(sheet, [str(_("Organisatie")), *norms])
    cells: dict[str, dict[str, Row]] = {}
    for row in rows:
        cells.setdefault(row.organisation, {})[row.norm] = row
    for line, (organisation, by_norm) in enumerate(cells.items(), start=2):
        _put(sheet, line, 1, organisation).font = _BOLD
        for column, norm in enumerate(norms, start=2):
            if norm in by_norm:
                _fill(_put(sheet, line, column, by_norm[norm].level_label), by_norm[norm].colour)
    # The numbers beside the picture: per level, how many organisations per norm.
    first = len(cells) + 3
    for offset, niveau in enumerate(niveaus):
        _fill(_put(sheet, first + offset, 1, niveau.label), niveau.kleur)
        for column, norm in enumerate(norms, start=2):
            count = sum(1 for by_norm in cells.values() if _level(by_norm, norm) == niveau.code)
            _put(sheet, first + offset, column, count)
    sheet.column_dimensions["A"].width = 40
    for column in range(2, len(norms) + 2):
        sheet.column_dimensions[get_column_letter(column)].width = 22
    sheet.freeze_panes = "B2"


def _level(by_norm: dict[str, Row], norm: str) -> str:
    row = by_norm.get(norm)
    return row.level if row else ""


def _sheet_legenda(
    sheet: Worksheet, cyclus: Cyclus, soort: str, niveaus: list[Niveau], rows: list[Row]
) -> None:
    about: list[tuple[str, str | int]] = [
        (str(_("Cyclus")), f"{cyclus.jaar} — {cyclus.titel}"),
        (str(_("Normenkader")), str(cyclus.normenkader)),
        (str(_("Soort beoordeling")), str(Soort(soort).label)),
        (str(_("Oordelen")), len(rows)),
    ]
    for line, (label, value) in enumerate(about, start=1):
        _put(sheet, line, 1, label).font = _BOLD
        _put(sheet, line, 2, value)
    top = max((n.rang for n in niveaus), default=0)
    _header(sheet, [str(_("Code")), str(_("Label")), str(_("Rang")), str(_("Betekenis"))], 6)
    for line, niveau in enumerate(niveaus, start=7):
        _put(sheet, line, 1, niveau.code)
        _fill(_put(sheet, line, 2, niveau.label), niveau.kleur)
        _put(sheet, line, 3, niveau.rang)
        _put(sheet, line, 4, _meaning(niveau, top))
    note = _(
        "Alleen normen met een oordeel staan erin. Bevindingen staan alleen bij organisaties "
        "binnen uw leesbereik; van andere organisaties ziet u alleen definitieve niveaus."
    )
    _put(sheet, len(niveaus) + 8, 1, str(note))
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 45
    sheet.column_dimensions["D"].width = 50


def _meaning(niveau: Niveau, top: int) -> str:
    if niveau.code == ONBEKEND:
        return str(_("Niet beoordeeld of niet gerapporteerd; telt niet als voldoen."))
    if niveau.rang == top:
        return str(_("Voldoet aan de norm."))
    return str(_("Voldoet nog niet: er is nog een stap te zetten."))


def assessments_xlsx(rows: list[Row], *, cyclus: Cyclus, soort: str) -> bytes:
    """A workbook: sheet "Oordelen" (the rows), "Heatmap" (organisations × norms, coloured,
    with the counts per level beneath) and "Legenda" (the scale and what the file holds)."""
    niveaus = list(Niveau.objects.filter(normenkader=cyclus.normenkader).order_by("-rang"))
    workbook = Workbook()
    _sheet_oordelen(cast(Worksheet, workbook.active), rows)
    _sheet_heatmap(workbook.create_sheet("Heatmap"), rows, cyclus, niveaus)
    _sheet_legenda(workbook.create_sheet("Legenda"), cyclus, soort, niveaus, rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
