"""The reading pages of the policy cycle: the overview of organisations with the state of
their cycle, one organisation's policy record, and its "samenhang" page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from integriteit.accounts.selectors import scope_for
from integriteit.beleid import selectors
from integriteit.beleid.samenhang import Samenhang, instrument_standen, samenhang_bepalen
from integriteit.common.permissions import Capability, requires


@require_GET
@requires(Capability.BELEID_LEZEN)
def overzicht(request: HttpRequest) -> HttpResponse:
    rijen = selectors.overzicht(gebruiker=request.user, peildatum=timezone.localdate())
    return render(request, "beleid/overzicht.html", {"rijen": rijen})


@require_GET
@requires(Capability.BELEID_LEZEN)
def detail(request: HttpRequest, code: str) -> HttpResponse:
    organisatie = selectors.organisatie_lezen_get(gebruiker=request.user, code=code)
    beleid = selectors.beleid_van(organisatie=organisatie)
    peildatum = timezone.localdate()
    standen, ontbrekend = instrument_standen(beleid, peildatum) if beleid else ([], [])
    context = {
        "organisatie": organisatie,
        "beleid": beleid,
        "instrumenten": standen,
        "ontbrekend": ontbrekend,
        "evaluaties": list(beleid.evaluaties.all()) if beleid else [],
        "doelen": list(beleid.doelen.all()) if beleid else [],
        "mag_beheren": selectors.mag_beheren(gebruiker=request.user, organisatie=organisatie),
        "vandaag": peildatum,
    }
    return render(request, "beleid/detail.html", context)


@require_GET
@requires(Capability.BELEID_LEZEN)
def samenhang(request: HttpRequest, code: str) -> HttpResponse:
    organisatie = selectors.organisatie_lezen_get(gebruiker=request.user, code=code)
    beleid = selectors.beleid_van(organisatie=organisatie)
    resultaat = samenhang_bepalen(
        organisatie=organisatie, beleid=beleid, peildatum=timezone.localdate()
    )
    context = {
        "organisatie": organisatie,
        "s": resultaat,
        "mag_beheren": selectors.mag_beheren(gebruiker=request.user, organisatie=organisatie),
        "risico_url": _risico_url(request, resultaat),
    }
    return render(request, "beleid/samenhang.html", context)


def _risico_url(request: HttpRequest, resultaat: Samenhang) -> str:
    """The risk analysis page (or the list of analyses), when the reader may open it."""
    scope = scope_for(gebruiker=request.user, capability=Capability.RISICO_LEZEN)
    organisatie = resultaat.organisatie
    if not scope.covers(pad=organisatie.pad, node_id=organisatie.pk):
        return ""
    if resultaat.risicoanalyse is None:
        return reverse("risicos:lijst")
    return reverse("risicos:detail", kwargs={"pk": resultaat.risicoanalyse.pk})
