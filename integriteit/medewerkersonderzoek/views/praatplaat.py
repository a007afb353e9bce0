"""The talk sheets (praatplaten) of a wave: the list of nodes a user may ask for, one sheet
as a page and as PDF, all sheets as a ZIP (a background job), and the managers' way in from
the start page. Which nodes a user sees is decided by the role rules in ``resultaten.py``;
a node outside them is a 404, a suppressed node has no sheet (the page says why)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from integriteit.accounts.selectors import scope_for
from integriteit.common.pdf import render_to_pdf
from integriteit.common.permissions import Capability, requires
from integriteit.medewerkersonderzoek import selectors
from integriteit.medewerkersonderzoek.constants import GolfStatus
from integriteit.medewerkersonderzoek.jobs.praatplaten import SOORT
from integriteit.medewerkersonderzoek.models import Golf
from integriteit.medewerkersonderzoek.praatplaat.selectors import (
    knopen_voor,
    praatplaat_voor,
    weergave_context,
)
from integriteit.medewerkersonderzoek.resultaten import (
    GolfResultaten,
    golf_resultaten,
    knopen_in_bereik,
    rijksbreed,
)
from integriteit.taken.services import taak_start

PDF_TEMPLATE = "medewerkersonderzoek/praatplaat_pdf.html"
#: How many recent waves the start link looks through for the user's own sheet.
MIJN_GOLVEN = 5


def _golf(request: HttpRequest, pk: int, capability: Capability) -> Golf:
    """The wave ``pk`` if it is in the user's scope for ``capability``, else 404."""
    scope = scope_for(gebruiker=request.user, capability=capability)
    golf = selectors.golf_list(scope=scope).filter(pk=pk).first()
    if golf is None:
        raise Http404
    return golf


def _knoop(request: HttpRequest, resultaten: GolfResultaten, code: str) -> None:
    """404 unless the role lets the user ask for node ``code`` (suppressed or not)."""
    bereik = knopen_in_bereik(
        resultaten=resultaten, gebruiker=request.user, capability=Capability.ENQUETE_PRAATPLAAT
    )
    if code not in bereik:
        raise Http404


def _may_zip(request: HttpRequest, golf: Golf) -> bool:
    scope = scope_for(gebruiker=request.user, capability=Capability.ENQUETE_BEHEREN)
    return selectors.golf_list(scope=scope).filter(pk=golf.pk).exists()


@require_GET
@requires(Capability.ENQUETE_PRAATPLAAT)
def praatplaten(request: HttpRequest, pk: int) -> HttpResponse:
    golf = _golf(request, pk, Capability.ENQUETE_PRAATPLAAT)
    resultaten = golf_resultaten(golf=golf)
    context = {
        "golf": golf,
        "knopen": knopen_voor(resultaten=resultaten, gebruiker=request.user),
        "may_zip": _may_zip(request, golf),
        "min_group_size": resultaten.min_group_size,
    }
    return render(request, "medewerkersonderzoek/praatplaten.html", context)


@require_GET
@requires(Capability.ENQUETE_PRAATPLAAT)
def praatplaat(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    golf = _golf(request, pk, Capability.ENQUETE_PRAATPLAAT)
    resultaten = golf_resultaten(golf=golf)
    _knoop(request, resultaten, code)
    plaat = praatplaat_voor(golf=golf, resultaten=resultaten, code=code, rijk=rijksbreed(golf=golf))
    context = weergave_context(golf=golf, resultaten=resultaten, code=code, plaat=plaat)
    return render(request, "medewerkersonderzoek/praatplaat.html", context)


@require_GET
@requires(Capability.ENQUETE_PRAATPLAAT)
def praatplaat_pdf(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """The sheet as PDF; a suppressed node has none, so its page (which says why) instead."""
    golf = _golf(request, pk, Capability.ENQUETE_PRAATPLAAT)
    resultaten = golf_resultaten(golf=golf)
    _knoop(request, resultaten, code)
    plaat = praatplaat_voor(golf=golf, resultaten=resultaten, code=code, rijk=rijksbreed(golf=golf))
    if plaat is None:
        return redirect("medewerkersonderzoek:praatplaat", pk=golf.pk, code=code)
    context = weergave_context(golf=golf, resultaten=resultaten, code=code, plaat=plaat)
    pdf = render_to_pdf(PDF_TEMPLATE, context, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="praatplaat-{golf.pk}-{code}.pdf"'
    return response


@require_POST
@requires(Capability.ENQUETE_BEHEREN)
def praatplaten_zip(request: HttpRequest, pk: int) -> HttpResponse:
    """Start the job that renders every sheet the user may see into one ZIP."""
    golf = _golf(request, pk, Capability.ENQUETE_BEHEREN)
    taak = taak_start(
        soort=SOORT,
        titel=_("Alle praatplaten van %(golf)s") % {"golf": golf.titel},
        gebruiker=request.user,
        organisatie=golf.organisatie,
        parameters={"golf": golf.pk},
    )
    return redirect(reverse("taken:detail", args=[taak.pk]))


@require_GET
@requires(Capability.ENQUETE_PRAATPLAAT)
def mijn_praatplaat(request: HttpRequest) -> HttpResponse:
    """From the start page: the own unit's sheet of the latest wave that has one (a manager),
    or the list of that wave's sheets (more than one node in reach)."""
    scope = scope_for(gebruiker=request.user, capability=Capability.ENQUETE_PRAATPLAAT)
    golven = selectors.golf_list(scope=scope).exclude(status=GolfStatus.VOORBEREIDING)
    for golf in golven[:MIJN_GOLVEN]:
        knopen = knopen_voor(resultaten=golf_resultaten(golf=golf), gebruiker=request.user)
        if len(knopen) == 1:
            return redirect(
                "medewerkersonderzoek:praatplaat", pk=golf.pk, code=knopen[0].knoop.code
            )
        if knopen:
            return redirect("medewerkersonderzoek:praatplaten", pk=golf.pk)
    return render(request, "medewerkersonderzoek/praatplaat_mijn.html", {})
