"""All talk sheets of a wave as one ZIP of PDFs, as a background job.

The sheets are those the starting user may see (``zichtbare_knopen``: the role rules, no
suppressed node), rendered with the same template as the PDF download. Parameters:
``{"golf": pk}``."""

from __future__ import annotations

import io
import zipfile

from django.urls import reverse
from django.utils.translation import gettext as _

from integriteit.accounts.selectors import scope_for
from integriteit.common.pdf import render_to_pdf
from integriteit.common.permissions import Capability
from integriteit.medewerkersonderzoek import selectors
from integriteit.medewerkersonderzoek.models import Golf
from integriteit.medewerkersonderzoek.praatplaat.selectors import (
    praatplaat_voor,
    weergave_context,
)
from integriteit.medewerkersonderzoek.resultaten import (
    golf_resultaten,
    rijksbreed,
    zichtbare_knopen,
)
from integriteit.taken.models import Taak
from integriteit.taken.registry import TaakFout, TaakUitkomst, Voortgang, taak

SOORT = "enquete.praatplaten"
PDF_TEMPLATE = "medewerkersonderzoek/praatplaat_pdf.html"


def _golf(taak_: Taak) -> Golf:
    gebruiker = taak_.aangemaakt_door
    scope = scope_for(gebruiker=gebruiker, capability=Capability.ENQUETE_PRAATPLAAT)
    golf = selectors.golf_list(scope=scope).filter(pk=taak_.parameters.get("golf")).first()
    if gebruiker is None or golf is None:
        raise TaakFout([_("Deze golf bestaat niet of u mag de praatplaten ervan niet zien.")])
    return golf


@taak(SOORT)
def praatplaten_zip(taak_: Taak, voortgang: Voortgang) -> TaakUitkomst:
    golf = _golf(taak_)
    voortgang(0, 1, _("Resultaten berekenen"))
    resultaten = golf_resultaten(golf=golf)
    codes = sorted(
        zichtbare_knopen(
            resultaten=resultaten,
            gebruiker=taak_.aangemaakt_door,
            capability=Capability.ENQUETE_PRAATPLAAT,
        ),
        key=lambda code: resultaten.knopen[code].pad,
    )
    if not codes:
        raise TaakFout(
            [_("Er is geen praatplaat te maken: elk onderdeel heeft te weinig respons.")]
        )
    rijk = rijksbreed(golf=golf)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archief:
        for gedaan, code in enumerate(codes):
            naam = resultaten.knopen[code].naam
            voortgang(gedaan, len(codes), _("Praatplaat %(naam)s") % {"naam": naam})
            plaat = praatplaat_voor(golf=golf, resultaten=resultaten, code=code, rijk=rijk)
            context = weergave_context(golf=golf, resultaten=resultaten, code=code, plaat=plaat)
            archief.writestr(
                f"praatplaat-{golf.pk}-{code}.pdf", render_to_pdf(PDF_TEMPLATE, context)
            )
    voortgang(len(codes), len(codes), _("Klaar"))
    return TaakUitkomst(
        resultaat={"praatplaten": len(codes)},
        bestand=buffer.getvalue(),
        bestandsnaam=f"praatplaten-{golf.pk}.zip",
        volgende_url=reverse("medewerkersonderzoek:praatplaten", args=[golf.pk]),
    )
