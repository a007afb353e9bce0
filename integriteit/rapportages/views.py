"""The government-wide dashboard, the ministry page and the talking points (issue 8, BZK-3
and BZK-4). Aggregates only: every figure comes suppressed from ``kerncijfers``; the pages
link to each other and to nothing that holds case content."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from integriteit.common.pdf import render_to_pdf
from integriteit.common.permissions import Capability, requires
from integriteit.rapportages import selectors, weergave
from integriteit.rapportages.gesprekspunten import gesprekspunten as punten_maken
from integriteit.rapportages.kerncijfers import ministeriebeeld, rijksbeeld
from integriteit.rapportages.statistiek import Z95


@require_GET
@requires(Capability.RAPPORTAGE_RIJKSBREED)
def dashboard(request: HttpRequest) -> HttpResponse:
    vandaag = timezone.localdate()
    beeld = rijksbeeld(jaar=weergave.jaar_uit(request, vandaag), vandaag=vandaag)
    zichtbaar = selectors.zichtbare_ministeries(gebruiker=request.user, beeld=beeld)
    return render(
        request,
        "rapportages/dashboard.html",
        {
            "beeld": beeld,
            "jaar": beeld.jaar,
            "jaren": weergave.jaren(vandaag),
            "rijen": beeld.rijen(zichtbaar),
            "grafiek": weergave.normen_per_ministerie(beeld, zichtbaar),
            "drempel": 5,
        },
    )


def _ministerie_context(request: HttpRequest, code: str) -> dict[str, Any]:
    vandaag = timezone.localdate()
    beeld = rijksbeeld(jaar=weergave.jaar_uit(request, vandaag), vandaag=vandaag)
    organisatie = selectors.ministerie_get(gebruiker=request.user, beeld=beeld, code=code)
    ministerie = ministeriebeeld(beeld=beeld, organisatie=organisatie)
    return {
        "beeld": beeld,
        "jaar": beeld.jaar,
        "jaren": weergave.jaren(vandaag),
        "vandaag": vandaag,
        "ministerie": ministerie,
        "organisatie": organisatie,
        "rij": ministerie.rij,
        "drempel": 5,
        "z95": Z95,
    }


@require_GET
@requires(Capability.RAPPORTAGE_RIJKSBREED)
def ministerie(request: HttpRequest, code: str) -> HttpResponse:
    context = _ministerie_context(request, code)
    context.update(weergave.ministerie_grafieken(context["beeld"], context["ministerie"]))
    return render(request, "rapportages/ministerie.html", context)


def _punten_context(request: HttpRequest, code: str) -> dict[str, Any]:
    context = _ministerie_context(request, code)
    zichtbaar = selectors.zichtbare_ministeries(gebruiker=request.user, beeld=context["beeld"])
    acties = selectors.acties_te_laat(
        gebruiker=request.user, organisatie=context["organisatie"], vandaag=context["vandaag"]
    )
    context["punten"] = punten_maken(
        beeld=context["beeld"], ministerie=context["ministerie"], zichtbaar=zichtbaar, acties=acties
    )
    return context


@require_GET
@requires(Capability.RAPPORTAGE_RIJKSBREED)
def gesprekspunten(request: HttpRequest, code: str) -> HttpResponse:
    return render(request, "rapportages/gesprekspunten.html", _punten_context(request, code))


@require_GET
@requires(Capability.RAPPORTAGE_RIJKSBREED)
def gesprekspunten_pdf(request: HttpRequest, code: str) -> HttpResponse:
    context = _punten_context(request, code)
    pdf = render_to_pdf("rapportages/gesprekspunten_pdf.html", context, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    naam = f"gesprekspunten-{context['organisatie'].code}-{context['jaar']}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response
