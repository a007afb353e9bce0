"""The edit pages of the policy record (``BELEID_BEHEREN`` on the organisation): the vision
and document, the coordinator's position, goals, instruments, evaluations and their
follow-up actions. Each page parses with a form and calls one service; a refusal shows the
service's Dutch messages at the fields and saves nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from integriteit.beleid import selectors, services
from integriteit.beleid.forms import (
    ActieForm,
    BeleidForm,
    DoelForm,
    EvaluatieForm,
    InstrumentForm,
    PositieForm,
    VisieForm,
)
from integriteit.common.permissions import Capability, requires
from integriteit.organisaties.models import Organisatie


def _formulier(
    request: HttpRequest,
    organisatie: Organisatie,
    form: BeleidForm,
    opslaan: Callable[[Any], object],
    *,
    titel: str,
    uitleg: str,
    anker: str,
) -> HttpResponse:
    """Show ``form``; on a valid POST call ``opslaan(form)`` and go back to the record."""
    if request.method == "POST" and form.is_valid():
        try:
            opslaan(form)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Opgeslagen."))
            url = reverse("beleid:detail", kwargs={"code": organisatie.code})
            return redirect(f"{url}#{anker}")
    context = {"organisatie": organisatie, "form": form, "titel": titel, "uitleg": uitleg}
    return render(request, "beleid/formulier.html", context, status=400 if form.errors else 200)


def _org(request: HttpRequest, code: str) -> Organisatie:
    return selectors.organisatie_beheer_get(gebruiker=request.user, code=code)


@require_http_methods(["GET", "POST"])
@requires(Capability.BELEID_BEHEREN)
def visie(request: HttpRequest, code: str) -> HttpResponse:
    organisatie = _org(request, code)
    beleid = selectors.beleid_van(organisatie=organisatie)
    form = VisieForm(request.POST or None, initial=VisieForm.initial_van(beleid))
    return _formulier(
        request,
        organisatie,
        form,
        lambda f: services.beleid_opslaan(
            acting_user=request.user, organisatie=organisatie, gegevens=f.gegevens()
        ),
        titel=_("Visie en beleidsdocument"),
        uitleg=_("Norm 2 vraagt één overkoepelend document dat de onderdelen van het beleid "
                 "vanuit een visie samenhangend beschrijft."),
        anker="visie",
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@requires(Capability.BELEID_BEHEREN)
def positie(request: HttpRequest, code: str) -> HttpResponse:
    organisatie = _org(request, code)
    beleid = selectors.beleid_van(organisatie=organisatie)
    form = PositieForm(request.POST or None, initial=PositieForm.initial_van(beleid))
    return _formulier(
        request,
        organisatie,
        form,
        lambda f: services.positie_opslaan(
            acting_user=request.user, organisatie=organisatie, gegevens=f.gegevens()
        ),
        titel=_("Positie van de integriteitscoördinator"),
        uitleg=_("Norm 3 vraagt een onafhankelijk gepositioneerde coördinator: genoeg tijd, "
                 "mensen en middelen, formeel vastgelegde taken, en op eigen initiatief "
                 "rechtstreeks naar de top, niet via het hoofd P&O."),
        anker="positie",
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@requires(Capability.BELEID_BEHEREN)
def doel(request: HttpRequest, code: str, pk: int | None = None) -> HttpResponse:
    organisatie = _org(request, code)
    bestaand = selectors.doel_get(organisatie=organisatie, pk=pk) if pk else None
    initial = DoelForm.initial_van(bestaand) if bestaand else {}
    form = DoelForm(request.POST or None, initial=initial)
    return _formulier(
        request,
        organisatie,
        form,
        lambda f: services.doel_opslaan(
            acting_user=request.user, organisatie=organisatie, gegevens=f.gegevens(), doel=bestaand
        ),
        titel=_("Doel wijzigen") if bestaand else _("Doel toevoegen"),
        uitleg=_("Een doel is pas concreet met een indicator en een streefwaarde. De huidige "
                 "waarde komt uit de enquête, het register of het normenkader."),
        anker="doelen",
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@requires(Capability.BELEID_BEHEREN)
def instrument(request: HttpRequest, code: str, pk: int | None = None) -> HttpResponse:
    organisatie = _org(request, code)
    bestaand = selectors.instrument_get(organisatie=organisatie, pk=pk) if pk else None
    initial = InstrumentForm.initial_van(bestaand) if bestaand else {}
    form = InstrumentForm(request.POST or None, initial=initial)
    return _formulier(
        request,
        organisatie,
        form,
        lambda f: services.instrument_opslaan(
            acting_user=request.user,
            organisatie=organisatie,
            gegevens=f.gegevens(),
            instrument=bestaand,
        ),
        titel=_("Instrument wijzigen") if bestaand else _("Instrument toevoegen"),
        uitleg=_("Elk instrument heeft een eigenaar en een datum van de laatste herziening; "
                 "na de ingestelde actualiteit heet het ‘niet actueel’."),
        anker="instrumenten",
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@requires(Capability.BELEID_BEHEREN)
def evaluatie(request: HttpRequest, code: str, pk: int | None = None) -> HttpResponse:
    organisatie = _org(request, code)
    bestaand = selectors.evaluatie_get(organisatie=organisatie, pk=pk) if pk else None
    initial = EvaluatieForm.initial_van(bestaand) if bestaand else {}
    form = EvaluatieForm(request.POST or None, initial=initial)
    return _formulier(
        request,
        organisatie,
        form,
        lambda f: services.evaluatie_opslaan(
            acting_user=request.user,
            organisatie=organisatie,
            gegevens=f.gegevens(),
            evaluatie=bestaand,
        ),
        titel=_("Evaluatie wijzigen") if bestaand else _("Evaluatie vastleggen"),
        uitleg=_("Norm 15: evalueer het beleid periodiek tegen de concrete doelen, zodat "
                 "instrumenten worden bijgesteld. Leg een evaluatie vast als die heeft "
                 "plaatsgevonden."),
        anker="evaluaties",
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@requires(Capability.BELEID_BEHEREN)
def actie_nieuw(request: HttpRequest, code: str, evaluatie_pk: int) -> HttpResponse:
    organisatie = _org(request, code)
    bij = selectors.evaluatie_get(organisatie=organisatie, pk=evaluatie_pk)
    form = ActieForm(request.POST or None)
    return _formulier(
        request,
        organisatie,
        form,
        lambda f: services.actie_opslaan(
            acting_user=request.user, evaluatie=bij, gegevens=f.gegevens()
        ),
        titel=_("Vervolgactie toevoegen"),
        uitleg=_("Bij evaluatie van %(datum)s: %(reikwijdte)s.")
        % {"datum": f"{bij.datum:%d-%m-%Y}", "reikwijdte": bij.reikwijdte},
        anker="evaluaties",
    )


@require_http_methods(["GET", "POST"])
@requires(Capability.BELEID_BEHEREN)
def actie(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    organisatie = _org(request, code)
    bestaand = selectors.actie_get(organisatie=organisatie, pk=pk)
    form = ActieForm(request.POST or None, initial=ActieForm.initial_van(bestaand))
    return _formulier(
        request,
        organisatie,
        form,
        lambda f: services.actie_opslaan(
            acting_user=request.user,
            evaluatie=bestaand.evaluatie,
            gegevens=f.gegevens(),
            actie=bestaand,
        ),
        titel=_("Vervolgactie wijzigen"),
        uitleg=_("Zet de status bij als de actie af is of vervalt."),
        anker="evaluaties",
    )


@require_POST
@requires(Capability.BELEID_BEHEREN)
def doel_verwijderen(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    organisatie = _org(request, code)
    services.doel_verwijderen(
        acting_user=request.user, doel=selectors.doel_get(organisatie=organisatie, pk=pk)
    )
    messages.success(request, _("Doel verwijderd."))
    return redirect(reverse("beleid:detail", kwargs={"code": organisatie.code}) + "#doelen")


@require_POST
@requires(Capability.BELEID_BEHEREN)
def instrument_verwijderen(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    organisatie = _org(request, code)
    services.instrument_verwijderen(
        acting_user=request.user,
        instrument=selectors.instrument_get(organisatie=organisatie, pk=pk),
    )
    messages.success(request, _("Instrument verwijderd."))
    return redirect(reverse("beleid:detail", kwargs={"code": organisatie.code}) + "#instrumenten")
