"""Reading a file of ratings (CSV or XLSX) into records, before anything is checked against
the database.

Problems are collected in :class:`Errors`, each a Dutch message naming its line: the CSV
line (the header is line 1) or, in a workbook, the row of the first sheet. A problem that
makes the rest of the file unreadable (not UTF-8, no header, too big) is raised at once.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

#: The columns a file may have; the first three are required (the export's CSV header).
IMPORT_COLUMNS: tuple[str, ...] = ("organisation", "norm", "level", "finding")
REQUIRED_COLUMNS: tuple[str, ...] = IMPORT_COLUMNS[:3]
#: Columns of the XLSX export that say where a rating comes from: they may stay in a file
#: that is imported again, and are ignored (the form says which cycle and kind it is for).
IGNORED_COLUMNS: tuple[str, ...] = ("kind", "status", "version")
#: Twelve ministries × fifteen norms is 180 rows; a file a hundred times that is a mistake.
MAX_ROWS = 10_000
MAX_BYTES = 5 * 1024 * 1024
#: A workbook is a zip file: refuse one that unpacks to far more than any real sheet of
#: ratings (a "zip bomb"), before openpyxl unpacks it.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
_ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Record:
    line: int
    organisation: str
    norm: str
    level: str
    finding: str


class Errors:
    """Every problem of a file, raised together and ordered by line. ``unit`` is the word for
    a line: "Regel" in a CSV file, "Rij" in a workbook."""

    def __init__(self, *, workbook: bool = False) -> None:
        self.workbook = workbook
        self._items: list[tuple[int, str]] = []

    def line_word(self, *, capital: bool) -> str:
        if self.workbook:
            return str(_("Rij")) if capital else str(_("rij"))
        return str(_("Regel")) if capital else str(_("regel"))

    def add(self, line: int, message: str) -> None:
        text = f"{self.line_word(capital=True)} {line}: {message}"
        self._items.append((line, text))

    def raise_if_any(self) -> None:
        if self._items:
            ordered = sorted(self._items, key=lambda item: item[0])
            raise ValidationError([text for _line, text in ordered])


def is_workbook(*, data: bytes, filename: str) -> bool:
    """By the name, or by the bytes (a file renamed without its extension)."""
    return PurePath(filename).suffix.lower() == ".xlsx" or data.startswith(_ZIP_MAGIC)


def _decode(data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        message = _(
            "Regel %(regel)d: het bestand is geen UTF-8. Sla het op als ‘CSV UTF-8 (door "
            "komma's gescheiden)’ of kies een .xlsx-bestand."
        )
        raise ValidationError(message % {"regel": line}) from exc
    return text


def _delimiter(text: str) -> str:
    """',' by the contract; ';' when the header uses it (a spreadsheet with Dutch settings)."""
    first_line = text.lstrip().split("\n", 1)[0]
    return ";" if ";" in first_line and "," not in first_line else ","


def _too_many_rows() -> ValidationError:
    return ValidationError(
        _("Het bestand heeft meer dan %(max)d regels; splits het op.") % {"max": MAX_ROWS}
    )


def _csv_table(data: bytes) -> list[tuple[int, list[str]]]:
    """The non-blank records of a CSV file, each with the line it starts on."""
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    table: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for values in reader:
            if any(value.strip() for value in values):
                table.append((start, [value.strip() for value in values]))
            if len(table) > MAX_ROWS + 1:
                raise _too_many_rows()
            start = reader.line_num + 1
    except csv.Error as exc:
        message = _("Regel %(regel)d: dit is geen geldige CSV (let op aanhalingstekens).")
        raise ValidationError(message % {"regel": reader.line_num}) from exc
    return table


def _cell_text(value: Any) -> str:
    """A cell as text: a spreadsheet turns the norm "9" into the number 9 (or 9.0)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _check_zip(data: bytes) -> None:
    unreadable = ValidationError(_("Het bestand is geen leesbaar Excel-bestand (.xlsx)."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    # A damaged archive raises more than BadZipFile (an unknown zip version, a short read).
    except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError, OSError) as exc:
        raise unreadable from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise unreadable


def _xlsx_table(data: bytes) -> list[tuple[int, list[str]]]:
    """The non-blank rows of the first sheet, each with its row number."""
    from openpyxl import load_workbook

    _check_zip(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ValidationError(_("Het bestand is geen leesbaar Excel-bestand (.xlsx).")) from exc
    try:
        sheet = workbook.worksheets[0]
        table: list[tuple[int, list[str]]] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            texts = [_cell_text(value) for value in values]
            if any(texts):
                table.append((number, texts))
            if len(table) > MAX_ROWS + 1:
                raise _too_many_rows()
    finally:
        workbook.close()
    return table


def _columns(line: int, header: list[str], errors: Errors) -> tuple[dict[str, int], int]:
    """Where each column is; every problem of the header at once (and then stop)."""
    names = [name.strip().lower() for name in header]
    while names and not names[-1]:
        names.pop()  # empty cells after the last column of a spreadsheet
    missing = [column for column in REQUIRED_COLUMNS if column not in names]
    known = IMPORT_COLUMNS + IGNORED_COLUMNS
    unknown = [name or _("(leeg)") for name in names if name not in known]
    doubled = sorted({name for name in names if name in IMPORT_COLUMNS and names.count(name) > 1})
    problems = []
    if missing:
        problems.append(_("kolommen ontbreken: %(kolommen)s.") % {"kolommen": ", ".join(missing)})
    if unknown:
        problems.append(_("onbekende kolommen: %(kolommen)s.") % {"kolommen": ", ".join(unknown)})
    if doubled:
        problems.append(_("dubbele kolommen: %(kolommen)s.") % {"kolommen": ", ".join(doubled)})
    if problems:
        expected = _("De kopregel moet zijn: %(kop)s, of met bevindingen: %(lang)s.") % {
            "kop": ",".join(REQUIRED_COLUMNS),
            "lang": ",".join(IMPORT_COLUMNS),
        }
        for problem in problems:
            errors.add(line, f"{problem} {expected}")
        errors.raise_if_any()
    columns = {name: index for index, name in enumerate(names) if name in IMPORT_COLUMNS}
    return columns, len(names)


def _record(
    line: int, values: list[str], columns: dict[str, int], width: int, errors: Errors
) -> Record:
    if any(values[width:]):
        message = _("meer velden dan kolommen in de kopregel (%(aantal)d in plaats van %(kop)d).")
        errors.add(line, message % {"aantal": len(values), "kop": width})
    cell = {name: values[index] if index < len(values) else "" for name, index in columns.items()}
    for column in REQUIRED_COLUMNS:
        if not cell[column]:
            errors.add(line, _("kolom %(kolom)s is leeg.") % {"kolom": column})
    return Record(
        line=line,
        organisation=cell["organisation"],
        norm=cell["norm"],
        level=cell["level"],
        finding=cell.get("finding", ""),
    )


def read_records(*, data: bytes, filename: str, errors: Errors) -> list[Record]:
    """The file's data rows. Problems of single rows go to ``errors``; a record with a
    problem is still returned, so that the later checks can report on the other columns."""
    if len(data) > MAX_BYTES:
        raise ValidationError(
            _("Het bestand is groter dan %(max)d MB.") % {"max": MAX_BYTES // (1024 * 1024)}
        )
    table = _xlsx_table(data) if errors.workbook else _csv_table(data)
    if not table:
        raise ValidationError(_("Het bestand is leeg."))
    header_line, header = table[0]
    columns, width = _columns(header_line, header, errors)
    if len(table) == 1:
        raise ValidationError(_("Het bestand bevat alleen de kopregel en geen oordelen."))
    return [_record(line, values, columns, width, errors) for line, values in table[1:]]
