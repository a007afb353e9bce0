"""The annual report's three outputs — a standalone HTML document, a PDF and an XLSX annex —
made from the document dict alone (``jaarverslag_snapshot.document``), and their SHA-256.

Determinism (ADR 0021): the same dict gives the same bytes.

- Everything is rendered in Dutch (``override("nl")``), without a request (no CSRF token,
  no user name, no static-file hash in the HTML).
- PDF: WeasyPrint writes no file identifier unless asked (``pdf_identifier`` stays unset), and
  takes its creation and modification dates from ``<meta name="dcterms.created">`` /
  ``dcterms.modified``, which the template fills from the publication moment (a concept: the
  day of the snapshot). No other time or randomness reaches the file.
- XLSX: openpyxl stamps ``modified`` with the current time while saving, and its ZIP entries
  with the current local time. The workbook is saved, then the archive is written again entry
  by entry in the same order with a fixed time (the same moment as the PDF's) and
  ``docProps/core.xml`` made again with fixed dates.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import UTC, datetime
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import override
from openpyxl import Workbook
from openpyxl.packaging.core import DocumentProperties
from openpyxl.styles import Font
from openpyxl.xml.functions import tostring

from integriteit.common.pdf import render_to_pdf
from integriteit.rapportages.jaarverslag_constants import JaarverslagStatus
from integriteit.rapportages.jaarverslag_grafieken import svg

Json = dict[str, Any]
TAAL = "nl"
AUTEUR = "Ministerie van BZK"


def moment(doc: Json) -> datetime:
    """The fixed moment of a document: its publication, or the day of the snapshot."""
    gepubliceerd = doc["verslag"].get("gepubliceerd_op")
    if gepubliceerd:
        return datetime.fromisoformat(gepubliceerd).astimezone(UTC).replace(microsecond=0)
    return datetime.fromisoformat(doc["gemaakt_op"]).replace(tzinfo=UTC)


def alineas(tekst: str) -> list[str]:
    """BZK's narrative as plain paragraphs (blank line = new paragraph); the templates escape
    every one, so no markup from the user reaches the report."""
    blokken = tekst.replace("\r\n", "\n").split("\n\n")
    return [" ".join(b.split()) for b in blokken if b.strip()]


def _tabel(t: Json, hoofdstuk: str) -> Json:
    label = _("%(titel)s (%(hoofdstuk)s); de cijfers staan in de tabel.") % {
        "titel": t["titel"],
        "hoofdstuk": hoofdstuk,
    }
    return {**t, "svg": svg(t.get("grafiek"), aria_label=label)}


def context(doc: Json) -> Json:
    """What the templates need: the chapters with narrative paragraphs and charts."""
    hoofdstukken = []
    for nummer, h in enumerate(doc["hoofdstukken"], start=1):
        hoofdstukken.append(
            {
                **h,
                "nummer": nummer,
                "toelichting": alineas(doc["teksten"].get(h["code"], "")),
                "tabellen": [_tabel(t, h["titel"]) for t in h["tabellen"]],
            }
        )
    return {
        "doc": doc,
        "jaar": doc["jaar"],
        "verslag": doc["verslag"],
        "concept": doc["verslag"]["status"] == JaarverslagStatus.CONCEPT,
        "moment": moment(doc),
        "hoofdstukken": hoofdstukken,
        "samenvatting": doc["samenvatting"],
        "bijlage": doc["bijlage"],
    }


def html_bytes(doc: Json) -> bytes:
    with override(TAAL):
        return render_to_string("rapportages/jaarverslag_document.html", context(doc)).encode()


def pdf_bytes(doc: Json) -> bytes:
    with override(TAAL):
        return render_to_pdf("rapportages/pdf/jaarverslag.html", context(doc))


# --- XLSX --------------------------------------------------------------------------------------


def _blad(wb: Workbook, titel: str, tabellen: list[Json]) -> None:
    ws = wb.create_sheet(titel[:31])
    vet = Font(bold=True)
    for t in tabellen:
        ws.append([t["titel"]])
        ws.cell(row=ws.max_row, column=1).font = vet
        ws.append(list(t["kolommen"]))
        for cel in ws[ws.max_row]:
            cel.font = vet
        for rij in t["rijen"]:
            ws.append(list(rij))  # text, as shown: "<5" stays "<5"
        ws.append([])


def _werkmap(doc: Json) -> Workbook:
    wb = Workbook()
    for blad in list(wb.worksheets):
        wb.remove(blad)
    _blad(wb, _("Samenvatting"), [doc["samenvatting"]])
    for nummer, h in enumerate(doc["hoofdstukken"], start=1):
        _blad(wb, f"{nummer}. {h['titel']}", h["tabellen"])
    methode = {
        "id": "methode",
        "titel": _("Methode"),
        "kolommen": [_("Toelichting")],
        "rijen": [[a] for a in doc["bijlage"]["methode"]],
    }
    _blad(wb, _("Bijlage"), [methode, doc["bijlage"]["bronnen"]])
    return wb


def _eigenschappen(doc: Json, tijd: datetime) -> bytes:
    props = DocumentProperties(
        creator=AUTEUR,
        title=_("Jaarverslag integriteit %(jaar)d") % {"jaar": doc["jaar"]},
        created=tijd.replace(tzinfo=None),
        modified=tijd.replace(tzinfo=None),
        lastModifiedBy=AUTEUR,
    )
    data: str | bytes = tostring(props.to_tree())
    return data if isinstance(data, bytes) else data.encode()


def vastzetten(ruw: bytes, tijd: datetime, core: bytes) -> bytes:
    """The archive again, entry by entry in the same order, with a fixed time."""
    stempel = (max(tijd.year, 1980), tijd.month, tijd.day, tijd.hour, tijd.minute, tijd.second)
    uit = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(ruw)) as bron, zipfile.ZipFile(uit, "w") as doel:
        for info in bron.infolist():
            data = core if info.filename == "docProps/core.xml" else bron.read(info)
            nieuw = zipfile.ZipInfo(info.filename, date_time=stempel)
            nieuw.compress_type = zipfile.ZIP_DEFLATED
            nieuw.external_attr = 0o600 << 16
            doel.writestr(nieuw, data)
    return uit.getvalue()


def xlsx_bytes(doc: Json) -> bytes:
    with override(TAAL):
        wb = _werkmap(doc)
        tijd = moment(doc)
        buffer = io.BytesIO()
        wb.save(buffer)
        return vastzetten(buffer.getvalue(), tijd, _eigenschappen(doc, tijd))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def hashes(doc: Json) -> dict[str, str]:
    """The SHA-256 of each output of ``doc``."""
    return {
        "html": sha256(html_bytes(doc)),
        "pdf": sha256(pdf_bytes(doc)),
        "xlsx": sha256(xlsx_bytes(doc)),
    }
