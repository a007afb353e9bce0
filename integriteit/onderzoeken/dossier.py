"""The case file (dossier) of an investigation (issue 6): the whole record decrypted into one
PDF (WeasyPrint, ``templates/onderzoeken/pdf/dossier.html``: a title page, a table of contents
with page numbers and nine sections) and a ZIP for legal proceedings with the PDF, every
document and evidence file decrypted under ``bijlagen/NN-<name>``, and ``inhoud.txt`` listing
each file with its SHA-256. What goes in it is built by :mod:`dossier_inhoud`.

Reading needs the case key (``services.kluis_van_deelnemer``: an audited read, for staff
participants only); the export itself is one more audit event
(``onderzoek.dossier_geexporteerd``, :func:`dossier_exporteren`).
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from integriteit.common.pdf import render_to_pdf
from integriteit.onderzoeken._hulp import _event
from integriteit.onderzoeken.dossier_inhoud import (
    MAX_NAAM,
    SECTIES,
    Bijlage,
    dossier_context,
    veilige_naam,
)
from integriteit.onderzoeken.models import Onderzoek

__all__ = [
    "MAX_NAAM",
    "SECTIES",
    "Bijlage",
    "dossier_context",
    "dossier_exporteren",
    "dossier_pdf",
    "dossier_zip",
    "veilige_naam",
]

TEMPLATE = "onderzoeken/pdf/dossier.html"
PDF_NAAM = "dossier.pdf"
INHOUD_NAAM = "inhoud.txt"


def dossier_pdf(context: dict[str, Any]) -> bytes:
    """The PDF of a :func:`dossier_context`."""
    return render_to_pdf(TEMPLATE, context)


def _inhoud_txt(context: dict[str, Any], pdf: bytes) -> str:
    zaak = context["zaak"]
    moment: datetime = context["geexporteerd_op"]
    regels = [
        _("Dossier van onderzoek %(nummer)s (%(organisatie)s)")
        % {"nummer": zaak["nummer"], "organisatie": zaak["organisatie"]},
        _("Samengesteld op %(op)s door %(door)s.")
        % {"op": moment.strftime("%d-%m-%Y %H:%M"), "door": context["geexporteerd_door"] or "-"},
        _("Per bestand: de SHA-256-vingerafdruk, de grootte in bytes, het pad en de herkomst."),
        "",
        f"{hashlib.sha256(pdf).hexdigest()}  {len(pdf):>10}  {PDF_NAAM}  " + _("het dossier (PDF)"),
    ]
    for bijlage in context["bijlagen"]:
        regels.append(
            f"{bijlage.sha256}  {bijlage.grootte:>10}  {bijlage.pad}  "
            f"{bijlage.naam} — {bijlage.bron}"
        )
    return "\n".join(regels) + "\n"


def dossier_zip(onderzoek: Onderzoek, sleutel: bytes, *, door: Any = None) -> bytes:
    """``dossier.pdf`` + every document and evidence file decrypted under
    ``bijlagen/NN-<name>`` + ``inhoud.txt`` (each file with its SHA-256)."""
    context = dossier_context(onderzoek, sleutel, door=door)
    pdf = dossier_pdf(context)
    moment: datetime = context["geexporteerd_op"]
    stempel = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archief:

        def schrijf(pad: str, data: bytes) -> None:
            info = zipfile.ZipInfo(pad, date_time=stempel)
            info.compress_type = zipfile.ZIP_DEFLATED
            archief.writestr(info, data)

        schrijf(PDF_NAAM, pdf)
        for bijlage in context["bijlagen"]:
            schrijf(bijlage.pad, bijlage.data)
        schrijf(INHOUD_NAAM, _inhoud_txt(context, pdf).encode())
    return buffer.getvalue()


@transaction.atomic
def dossier_exporteren(*, onderzoek: Onderzoek, door: Any, sleutel: bytes) -> bytes:
    """The ZIP of :func:`dossier_zip`, and the audit event ``onderzoek.dossier_geexporteerd``
    (the ZIP's size and SHA-256, no content)."""
    data = dossier_zip(onderzoek, sleutel, door=door)
    with zipfile.ZipFile(io.BytesIO(data)) as archief:
        bijlagen = sum(1 for naam in archief.namelist() if naam.startswith("bijlagen/"))
    _event(
        door,
        "onderzoek.dossier_geexporteerd",
        onderzoek,
        bijlagen=bijlagen,
        bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    return data
