"""Reading a CSV file of organisations: decoding, the header, and the values of each row.

Problems are collected in :class:`Errors`, each a Dutch message naming its line (line 1 is
the header), so that a user sees every problem of a file at once.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

HEADER: tuple[str, ...] = (
    "code",
    "name",
    "parent",
    "kind",
    "fte",
    "headcount",
    "valid_from",
    "valid_to",
)
#: The CSV column of each field of :class:`OrganisatieGegevens`, to name it in messages.
COLUMN_OF_FIELD: dict[str, str] = {
    "code": "code",
    "naam": "name",
    "parent": "parent",
    "soort": "kind",
    "fte": "fte",
    "aantal_medewerkers": "headcount",
    "geldig_van": "valid_from",
    "geldig_tot": "valid_to",
}
#: The whole government has a few thousand units; a bigger file is a mistake.
MAX_ROWS = 10_000
MAX_BYTES = 5 * 1024 * 1024
NAAM_MAX_LENGTH = 200

# Spreadsheets run a cell that starts with one of these as a formula; the export puts a
# quote in front (OWASP "CSV injection") and the import takes it off again.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FTE_PATTERN = re.compile(r"^\d{1,8}(?:[.,]\d{1,6})?$")
_HEADCOUNT_PATTERN = re.compile(r"^\d{1,9}$")
_DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")

T = TypeVar("T")


@dataclass(frozen=True)
class Row:
    """One data row of the file, parsed; a value that could not be parsed is None."""

    line: int
    code: str
    naam: str
    parent_code: str
    soort: str
    fte: Decimal | None
    aantal_medewerkers: int | None
    geldig_van: date | None
    geldig_tot: date | None


class Errors:
    """Collects every problem of a file; raised together, ordered by line."""

    def __init__(self) -> None:
        self._items: list[tuple[int, str]] = []

    def add(self, line: int, message: str) -> None:
        self._items.append(
            (line, _("Regel %(regel)d: %(melding)s") % {"regel": line, "melding": message})
        )

    def add_column(self, line: int, column: str, message: str) -> None:
        text = _("Regel %(regel)d, kolom %(kolom)s: %(melding)s")
        self._items.append((line, text % {"regel": line, "kolom": column, "melding": message}))

    def raise_if_any(self) -> None:
        if self._items:
            ordered = sorted(self._items, key=lambda item: item[0])
            raise ValidationError([item[1] for item in ordered])


def escape(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def unescape(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_START) else value


def _decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise ValidationError(
            _("Het bestand is groter dan %(max)d MB.") % {"max": MAX_BYTES // (1024 * 1024)}
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ValidationError(
            _(
                "Regel %(regel)d: het bestand is geen UTF-8. Sla het op als ‘CSV UTF-8 "
                "(door komma's gescheiden)’."
            )
            % {"regel": line}
        ) from exc
    if not text.strip():
        raise ValidationError(_("Het bestand is leeg."))
    return text


def _delimiter(text: str) -> str:
    """',' by the contract; ';' when the header uses it (a spreadsheet with Dutch settings)."""
    first_line = text.split("\n", 1)[0]
    return ";" if ";" in first_line and "," not in first_line else ","


def _records(text: str) -> list[tuple[int, list[str]]]:
    """The non-blank records with the line each starts on; at most the header + MAX_ROWS."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for values in reader:
            if any(value.strip() for value in values):
                records.append((start, values))
            if len(records) > MAX_ROWS + 1:
                raise ValidationError(
                    _("Het bestand heeft meer dan %(max)d regels; splits het op.")
                    % {"max": MAX_ROWS}
                )
            start = reader.line_num + 1
    except csv.Error as exc:
        message = _("Regel %(regel)d: dit is geen geldige CSV (let op aanhalingstekens).")
        raise ValidationError(message % {"regel": reader.line_num}) from exc
    return records


def _columns(line: int, header: list[str]) -> dict[str, int]:
    """Where each column of the contract is; every header problem at once."""
    names = [name.strip().lower() for name in header]
    problems: list[str] = []
    missing = [column for column in HEADER if column not in names]
    unknown = [name or _("(leeg)") for name in names if name not in HEADER]
    doubled = sorted({name for name in names if name in HEADER and names.count(name) > 1})
    if missing:
        problems.append(_("kolommen ontbreken: %(kolommen)s.") % {"kolommen": ", ".join(missing)})
    if unknown:
        problems.append(_("onbekende kolommen: %(kolommen)s.") % {"kolommen": ", ".join(unknown)})
    if doubled:
        problems.append(_("dubbele kolommen: %(kolommen)s.") % {"kolommen": ", ".join(doubled)})
    if problems:
        expected = _("De kopregel moet zijn: %(kop)s") % {"kop": ",".join(HEADER)}
        errors = Errors()
        for problem in problems:
            errors.add(line, f"{problem} {expected}")
        errors.raise_if_any()
    return {column: names.index(column) for column in HEADER}


def _parse_fte(value: str) -> Decimal:
    if not _FTE_PATTERN.match(value):
        raise ValueError(_("is geen getal van 0 of meer (bv. 12.5)."))
    number = Decimal(value.replace(",", "."))
    if number != number.quantize(Decimal("0.1")):
        raise ValueError(_("heeft meer dan één decimaal."))
    return number


def _parse_headcount(value: str) -> int:
    if not _HEADCOUNT_PATTERN.match(value):
        raise ValueError(_("is geen heel getal van 0 of meer."))
    return int(value)


def _parse_date(value: str) -> date:
    reason = _("is geen geldige datum in de vorm jjjj-mm-dd.")
    if not _DATE_PATTERN.match(value):
        raise ValueError(reason)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(reason) from None


def _parse_field(
    raw: dict[str, str], column: str, parser: Callable[[str], T], line: int, errors: Errors
) -> T | None:
    value = raw[column]
    if value == "":
        return None
    try:
        return parser(value)
    except ValueError as exc:
        errors.add(line, f"{column} ‘{value[:50]}’ {exc}")
        return None


def _parse_row(line: int, values: list[str], columns: dict[str, int], errors: Errors) -> Row | None:
    if len(values) != len(HEADER):
        message = _("%(aantal)d velden, verwacht %(verwacht)d (%(kop)s).")
        errors.add(
            line,
            message % {"aantal": len(values), "verwacht": len(HEADER), "kop": ",".join(HEADER)},
        )
        return None
    raw = {column: unescape(values[index].strip()) for column, index in columns.items()}
    return Row(
        line=line,
        code=raw["code"],
        naam=raw["name"],
        parent_code=raw["parent"],
        soort=raw["kind"].lower(),
        fte=_parse_field(raw, "fte", _parse_fte, line, errors),
        aantal_medewerkers=_parse_field(raw, "headcount", _parse_headcount, line, errors),
        geldig_van=_parse_field(raw, "valid_from", _parse_date, line, errors),
        geldig_tot=_parse_field(raw, "valid_to", _parse_date, line, errors),
    )


def parse(data: bytes, errors: Errors) -> tuple[list[Row], set[str]]:
    """The rows that could be read, and the codes of rows too broken to read."""
    records = _records(_decode(data))
    if not records:  # only separators or an unterminated quote: no header at all
        raise ValidationError(_("Het bestand is leeg: er is geen kopregel."))
    header_line, header = records[0]
    columns = _columns(header_line, header)
    if len(records) == 1:
        raise ValidationError(_("Het bestand bevat alleen de kopregel en geen organisaties."))
    rows: list[Row] = []
    broken: set[str] = set()
    for line, values in records[1:]:
        row = _parse_row(line, values, columns, errors)
        if row is not None:
            rows.append(row)
        elif columns["code"] < len(values):
            broken.add(values[columns["code"]].strip())
    return rows, broken
