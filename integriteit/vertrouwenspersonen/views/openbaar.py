"""Pages outside one organisation: the public adviser pages (no account needed) and the
government-wide shielded totals for BZK (``VP_RIJKSBREED``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from integriteit.common.permissions import Capability, public, requires
from integriteit.vertrouwenspersonen import grafiek, selectors, telling
from integriteit.vertrouwenspersonen.constants import KLEINE_AANTALLEN, Categorie, Soort


@require_GET
@public
def publiek_index(request: HttpRequest) -> HttpResponse:
    """The ministries with at least one active adviser."""
    organisaties = selectors.publieke_organisaties(peildatum=timezone.localdate())
    return render(request, "vertrouwenspersonen/publiek_index.html", {"organisaties": organisaties})


@require_GET
@public
def publiek(request: HttpRequest, code: str) -> HttpResponse:
    """The active advisers of one ministry, internal and external, with how to reach them."""
    vandaag = timezone.localdate()
    organisatie = selectors.publieke_organisatie(code=code, peildatum=vandaag)
    personen = selectors.publieke_vertrouwenspersonen(organisatie=organisatie, peildatum=vandaag)
    context = {
        "organisatie": organisatie,
        "intern": [p for p in personen if p.soort == Soort.INTERN],
        "extern": [p for p in personen if p.soort == Soort.EXTERN],
    }
    return render(request, "vertrouwenspersonen/publiek.html", context)


@require_GET
@requires(Capability.VP_RIJKSBREED)
def rijksbreed(request: HttpRequest) -> HttpResponse:
    """Contacts per ministry and category for one year, every small count shielded."""
    vandaag = timezone.localdate()
    try:
        jaar = int(request.GET.get("jaar", vandaag.year))
    except ValueError:
        jaar = vandaag.year
    if not vandaag.year - 10 <= jaar <= vandaag.year:
        jaar = vandaag.year
    ministerie_lijst = selectors.ministeries(peildatum=vandaag)
    tellingen = selectors.rijksbrede_tellingen(jaar=jaar, ministerie_lijst=ministerie_lijst)
    rijen, kolomtotalen, totaal = telling.tabel(
        [(m.code, m.naam) for m in ministerie_lijst],
        [(str(c), str(label)) for c, label in Categorie.choices],
        tellingen,
    )
    context = {
        "jaar": jaar,
        "jaren": list(range(vandaag.year, vandaag.year - 5, -1)),
        "rijen": rijen,
        "kolomtotalen": kolomtotalen,
        "totaal": totaal,
        "drempel": KLEINE_AANTALLEN,
        "svg": grafiek.balken_svg(
            kolomtotalen,
            aria_label=_("Contacten per categorie, rijksbreed, in %(jaar)d") % {"jaar": jaar},
        ),
    }
    return render(request, "vertrouwenspersonen/rijksbreed.html", context)
