"""Reading an uploaded responses file into a plain table of cells, one reader per format.

Nothing is checked against the questionnaire here; a reader only refuses a file that cannot
be read at all (damaged, not text, too big) with one clear Dutch message, and reports rows
with more fields than the header. Every row keeps its number as the user sees it: the file
line of a CSV (the header is line 1), the row of the spreadsheet, the case of an SPSS file.
"""

from __future__ import annotations

import csv
import io
import math
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import PurePath
from typing import Any

from django.utils.translation import gettext as _

from integriteit.medewerkersonderzoek.imports.fouten import Fouten, ImportFout, plaats

#: How the file is read; ``limesurvey`` is a CSV export of LimeSurvey with answer codes.
FORMATEN: tuple[str, ...] = ("csv", "xlsx", "sav", "limesurvey")
#: Far above any real survey file (the report's survey: 4,500 responses of 60 columns).
MAX_BYTES = 100 * 1024 * 1024
MAX_ROWS = 250_000
#: A workbook is a zip file; refuse one that would unpack to far more than a sheet this big.
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
_ZIP_MAGIC = b"PK\x03\x04"
_SAV_MAGIC = (b"$FL2", b"$FL3")

#: LimeSurvey's own columns of a response export. They are never stored, never mapped.
LIMESURVEY_KOLOMMEN: frozenset[str] = frozenset(
    {
        "id",
        "submitdate",
        "lastpage",
        "startlanguage",
        "seed",
        "startdate",
        "datestamp",
        "ipaddr",
        "refurl",
        "token",
        "interviewtime",
        "email",
        "firstname",
        "lastname",
        "optout",
    }
)

Cel = str | int | float | None


@dataclass
class Tabel:
    """The header and the non-blank data rows of a file, each row with its number."""

    formaat: str
    kolommen: list[str]
    rijen: list[tuple[int, list[Cel]]]
    regelwoord: str
    waarschuwingen: list[str] = field(default_factory=list)
    #: SPSS value labels per column: value (as text) → label.
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    #: SPSS user-missing ranges per column.
    ontbrekend: dict[str, list[tuple[float, float]]] = field(default_factory=dict)


def waarde_tekst(cel: Cel) -> str:
    """A cell as text: 4.0 → "4" (a spreadsheet or SPSS stores codes as numbers)."""
    if cel is None:
        return ""
    if isinstance(cel, float):
        if math.isnan(cel):
            return ""
        if cel.is_integer():
            return str(int(cel))
    return str(cel).strip()


def formaat_bepalen(*, formaat: str, bestandsnaam: str, data: bytes) -> str:
    """``formaat`` unless it is ``auto``: then by the extension, the first bytes, and for a CSV
    whether its header has LimeSurvey's own columns."""
    if formaat != "auto":
        return formaat
    suffix = PurePath(bestandsnaam).suffix.lower()
    if suffix == ".xlsx" or data.startswith(_ZIP_MAGIC):
        return "xlsx"
    if suffix in (".sav", ".zsav") or data.startswith(_SAV_MAGIC):
        return "sav"
    eerste = data[:4096].decode("utf-8-sig", errors="replace").split("\n", 1)[0]
    namen = {naam.strip().strip('"').lower() for naam in eerste.replace(";", ",").split(",")}
    return (
        "limesurvey"
        if len(namen & {"id", "submitdate", "lastpage", "startlanguage"}) >= 2
        else "csv"
    )


def tabel_lezen(*, data: bytes, formaat: str) -> Tabel:
    """The file as a :class:`Tabel`; rows with too many fields go to the raised errors."""
    if len(data) > MAX_BYTES:
        raise ImportFout(
            [_("Het bestand is groter dan %(max)d MB.") % {"max": MAX_BYTES // (1024 * 1024)}]
        )
    if formaat == "xlsx":
        tabel = _xlsx(data)
    elif formaat == "sav":
        tabel = _sav(data)
    else:
        tabel = _csv(data, formaat)
    if not tabel.kolommen:
        raise ImportFout([_("Het bestand is leeg: er is geen kopregel met kolomnamen.")])
    if len(tabel.rijen) > MAX_ROWS:
        raise ImportFout(
            [_("Het bestand heeft meer dan %(max)d antwoorden; splits het op.") % {"max": MAX_ROWS}]
        )
    _check_breedte(tabel)
    return tabel


def _check_breedte(tabel: Tabel) -> None:
    breedte = len(tabel.kolommen)
    fouten = Fouten()
    for nummer, cellen in tabel.rijen:
        if any(waarde_tekst(cel) for cel in cellen[breedte:]):
            message = _("%(plaats)s: %(n)d velden, maar de kopregel heeft er %(kop)d.")
            fouten.add(
                message
                % {"plaats": plaats(tabel.regelwoord, nummer), "n": len(cellen), "kop": breedte}
            )
        elif len(cellen) != breedte:
            cellen[:] = (cellen + [None] * breedte)[:breedte]
    fouten.raise_if_any(tabel.waarschuwingen)


# --- CSV and LimeSurvey -----------------------------------------------------------------------


def _decode(data: bytes) -> tuple[str, list[str]]:
    if b"\x00" in data[:65536]:
        raise ImportFout(
            [_("Het bestand is geen tekstbestand (CSV). Kies het juiste formaat of bestand.")]
        )
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        regel = data[: exc.start].count(b"\n") + 1
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        message = _(
            "Regel %(regel)d: het bestand is geen UTF-8. Sla het op als ‘CSV UTF-8 (door "
            "komma's gescheiden)’."
        )
        raise ImportFout([message % {"regel": regel}]) from exc
    waarschuwing = _(
        "Het bestand is geen UTF-8 (eerste afwijking op regel %(regel)d); het is gelezen als "
        "Windows-1252. Controleer letters met accenten, of sla het op als ‘CSV UTF-8’."
    )
    return text, [waarschuwing % {"regel": regel}]


def _scheidingsteken(text: str) -> str:
    """``,`` or ``;``: whichever splits the header into more fields (quotes respected)."""
    kop = (text.lstrip("\r\n").splitlines() or [""])[0]  # a lone "\r" ends a line too
    velden = {teken: len(next(csv.reader([kop], delimiter=teken), [])) for teken in ",;"}
    return ";" if velden[";"] > velden[","] else ","


def _csv(data: bytes, formaat: str) -> Tabel:
    text, waarschuwingen = _decode(data)
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=_scheidingsteken(text), strict=True
    )
    rijen: list[tuple[int, list[Cel]]] = []
    start = 1
    try:
        for velden in reader:
            if any(veld.strip() for veld in velden):
                rijen.append((start, [veld.strip() for veld in velden]))
            if len(rijen) > MAX_ROWS + 1:
                break
            start = reader.line_num + 1
    except csv.Error as exc:
        message = _("Regel %(regel)d: dit is geen geldige CSV (let op aanhalingstekens).")
        raise ImportFout([message % {"regel": reader.line_num}]) from exc
    if not rijen:
        return Tabel(formaat, [], [], _("Regel"), waarschuwingen)
    kolommen = [waarde_tekst(cel) for cel in rijen[0][1]]
    return Tabel(formaat, kolommen, rijen[1:], _("Regel"), waarschuwingen)


# --- XLSX ---------------------------------------------------------------------------------------


def _onleesbaar_xlsx() -> ImportFout:
    return ImportFout([_("Het bestand is geen leesbaar Excel-bestand (.xlsx).")])


def _check_zip(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            uitgepakt = sum(info.file_size for info in archive.infolist())
    # A damaged archive raises more than BadZipFile (an unknown zip version, a short read).
    except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError, OSError) as exc:
        raise _onleesbaar_xlsx() from exc
    if uitgepakt > MAX_UNPACKED_BYTES:
        raise _onleesbaar_xlsx()


def _xlsx_cel(value: Any) -> Cel:
    if value is None or isinstance(value, str | int | float) and not isinstance(value, bool):
        return value.strip() if isinstance(value, str) else value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def _xlsx(data: bytes) -> Tabel:
    from openpyxl import load_workbook

    _check_zip(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise _onleesbaar_xlsx() from exc
    try:
        rijen = _xlsx_rijen(workbook.worksheets[0].iter_rows(values_only=True))
    except ImportFout:
        raise
    except Exception as exc:  # a damaged sheet inside a valid zip
        raise _onleesbaar_xlsx() from exc
    finally:
        workbook.close()
    if not rijen:
        return Tabel("xlsx", [], [], _("Rij"))
    kolommen = [waarde_tekst(cel) for cel in rijen[0][1]]
    while kolommen and not kolommen[-1]:
        kolommen.pop()  # empty cells after the last column
    return Tabel("xlsx", kolommen, rijen[1:], _("Rij"))


def _xlsx_rijen(rows: Iterable[tuple[Any, ...]]) -> list[tuple[int, list[Cel]]]:
    rijen: list[tuple[int, list[Cel]]] = []
    for nummer, values in enumerate(rows, start=1):
        cellen = [_xlsx_cel(value) for value in values]
        if any(waarde_tekst(cel) for cel in cellen):
            rijen.append((nummer, cellen))
        if len(rijen) > MAX_ROWS + 1:
            break
    return rijen


# --- SPSS .sav ----------------------------------------------------------------------------------


def _sav(data: bytes) -> Tabel:
    """Numeric codes as stored; the value labels and user-missing ranges kept beside them.
    Read in a child process: pyreadstat can crash on a damaged file (``sav_kind``)."""
    from integriteit.medewerkersonderzoek.sav_kind import SavOnleesbaar, sav_lezen

    try:
        gelezen = sav_lezen(data)
    except SavOnleesbaar as exc:
        message = _(
            "Het bestand is geen leesbaar SPSS-bestand (.sav): het is beschadigd of heeft een "
            "ander formaat. Sla het in SPSS opnieuw op als .sav."
        )
        raise ImportFout([message]) from exc
    namen: list[str] = gelezen["namen"]
    rijen = [
        (nummer, [_sav_cel(value) for value in rij])
        for nummer, rij in enumerate(zip(*gelezen["waarden"], strict=True), start=1)
    ]
    labels = {
        str(naam): {waarde_tekst(_sav_cel(code)): str(label) for code, label in paren.items()}
        for naam, paren in gelezen["labels"].items()
    }
    reeksen: dict[str, Any] = gelezen["ontbrekend"]
    ontbrekend = {str(naam): _reeksen(lijst) for naam, lijst in reeksen.items()}
    return Tabel("sav", namen, rijen, _("Rij"), labels=labels, ontbrekend=ontbrekend)


def _reeksen(lijst: Any) -> list[tuple[float, float]]:
    """Numeric user-missing ranges (``{"lo": 99.0, "hi": 99.0}``); string ones are left out."""
    result = []
    for reeks in lijst or ():
        lo, hi = (reeks.get("lo"), reeks.get("hi")) if isinstance(reeks, dict) else (None, None)
        if isinstance(lo, int | float) and isinstance(hi, int | float):
            result.append((float(lo), float(hi)))
    return result


def _sav_cel(value: Any) -> Cel:
    if value is None or isinstance(value, str | int | float):
        return value
    return str(value)
