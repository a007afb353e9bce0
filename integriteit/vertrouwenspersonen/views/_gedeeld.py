"""Helpers shared by the views: the annual report's context, the PDF response."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from integriteit.common.pdf import render_to_pdf
from integriteit.vertrouwenspersonen import grafiek, telling
from integriteit.vertrouwenspersonen.constants import KLEINE_AANTALLEN
from integriteit.vertrouwenspersonen.models import Jaarverslag, Vertrouwenspersoon
from integriteit.vertrouwenspersonen.services import cijfers_uit_logboek


def verslag_context(
    profiel: Vertrouwenspersoon, jaar: int, verslag: Jaarverslag | None
) -> dict[str, Any]:
    """What the report page and its PDF show: issued → the counts kept at issue; concept →
    the counts from the log now. Always shielded."""
    ruw = verslag.cijfers if verslag is not None and verslag.uitgebracht else None
    cijfers = telling.verslagcijfers(ruw or cijfers_uit_logboek(profiel, jaar))
    aanbevelingen = list(verslag.aanbevelingen.order_by("datum", "pk")) if verslag else []
    return {
        "profiel": profiel,
        "jaar": jaar,
        "verslag": verslag,
        "cijfers": cijfers,
        "aanbevelingen": aanbevelingen,
        "drempel": KLEINE_AANTALLEN,
        "trend_svg": grafiek.trend_svg(
            cijfers.per_categorie,
            jaar=jaar,
            aria_label=_("Contacten per categorie in %(jaar)d en %(vorig)d")
            % {"jaar": jaar, "vorig": jaar - 1},
        ),
        "vervolg_svg": grafiek.balken_svg(
            cijfers.per_vervolg, aria_label=_("Contacten per vervolg in %(jaar)d") % {"jaar": jaar}
        ),
    }


def pdf_response(request: HttpRequest, context: dict[str, Any], bestandsnaam: str) -> HttpResponse:
    pdf = render_to_pdf("vertrouwenspersonen/pdf/jaarverslag.html", context, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        content_disposition_header(as_attachment=True, filename=bestandsnaam) or "attachment"
    )
    return response
