"""Rating one norm: the rating form, evidence (files and links) and improvement actions.

One page (``normenkader/oordeel_form.html``) carries three forms; each posts to its own view,
and a form with errors is shown again on that same page. Readers who may not write the
assessment (another kind, or no longer a concept) see the page without the rating and
evidence forms; the action form is there for whoever manages actions of the organisation,
whatever the status, because actions live on after an assessment is final.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from integriteit.accounts.selectors import scope_for
from integriteit.common.permissions import Capability, requires
from integriteit.normenkader import services
from integriteit.normenkader.constants import BewijsSoort, Status
from integriteit.normenkader.forms import ActieForm, BewijsForm, OordeelForm
from integriteit.normenkader.models import Beoordeling, Bewijs, Oordeel
from integriteit.normenkader.normbewijs import normbewijs_voor_oordeel
from integriteit.normenkader.selectors import (
    may_author,
    oordeel_get,
    read_scope,
    verbeteractie_list,
    vorige_niveaus,
)
from integriteit.organisaties.models import Organisatie


def may_write(gebruiker: Any, beoordeling: Beoordeling) -> bool:
    """May this user change the ratings and evidence of ``beoordeling`` now?"""
    return beoordeling.status == Status.CONCEPT and may_author(
        gebruiker=gebruiker, soort=beoordeling.soort, organisatie=beoordeling.organisatie
    )


def may_manage_actions(gebruiker: Any, organisatie: Organisatie) -> bool:
    scope = scope_for(gebruiker=gebruiker, capability=Capability.VERBETERACTIE_BEHEREN)
    return scope.covers(pad=organisatie.pad, node_id=organisatie.pk)


def _edit_url(oordeel: Oordeel, anchor: str = "") -> str:
    url = reverse("normenkader:oordeel_edit", kwargs={"pk": oordeel.pk})
    return f"{url}#{anchor}" if anchor else url


def _next(oordeel: Oordeel) -> Oordeel | None:
    return (
        oordeel.beoordeling.oordelen.filter(norm__volgorde__gt=oordeel.norm.volgorde)
        .order_by("norm__volgorde")
        .first()
    )


def _oordeel_form(oordeel: Oordeel, data: Any = None) -> OordeelForm:
    initial = {"niveau": oordeel.niveau_id, "bevinding": oordeel.bevinding, "bron": oordeel.bron}
    niveaus = oordeel.beoordeling.cyclus.normenkader.niveaus.order_by("-rang")
    return OordeelForm(data, initial=initial, niveaus=niveaus)


def _page(
    request: HttpRequest,
    oordeel: Oordeel,
    *,
    form: OordeelForm | None = None,
    bewijs_form: BewijsForm | None = None,
    actie_form: ActieForm | None = None,
) -> HttpResponse:
    beoordeling = oordeel.beoordeling
    organisatie = beoordeling.organisatie
    vorige = vorige_niveaus(beoordeling=beoordeling).get(oordeel.norm.code)
    kan_acties = may_manage_actions(request.user, organisatie)
    context = {
        "oordeel": oordeel,
        "beoordeling": beoordeling,
        "norm": oordeel.norm,
        "vorige": vorige,
        "kan_schrijven": may_write(request.user, beoordeling),
        "auteur": may_author(
            gebruiker=request.user, soort=beoordeling.soort, organisatie=organisatie
        ),
        "kan_acties": kan_acties,
        "form": form or _oordeel_form(oordeel),
        "bewijs_form": bewijs_form or BewijsForm(),
        "actie_form": actie_form or ActieForm(),
        "bewijzen": oordeel.bewijzen.select_related("toegevoegd_door"),
        "acties": verbeteractie_list(gebruiker=request.user).filter(
            organisatie=organisatie, norm=oordeel.norm
        ),
        "volgende": _next(oordeel),
        "suggesties": normbewijs_voor_oordeel(
            oordeel=oordeel, gebruiker=request.user, vandaag=timezone.localdate()
        ),
    }
    return render(request, "normenkader/oordeel_form.html", context)


def _not_writable(request: HttpRequest, oordeel: Oordeel) -> HttpResponse | None:
    """Back to the page, with why, when the user may not change this rating now."""
    beoordeling = oordeel.beoordeling
    if may_write(request.user, beoordeling):
        return None
    if beoordeling.status != Status.CONCEPT:
        message = _("Deze beoordeling is %(status)s; alleen een concept kan worden gewijzigd.")
        messages.error(request, message % {"status": beoordeling.get_status_display().lower()})
    else:
        message = _("U mag deze %(soort)s van %(org)s niet wijzigen.")
        messages.error(
            request,
            message
            % {
                "soort": beoordeling.get_soort_display().lower(),
                "org": beoordeling.organisatie.code,
            },
        )
    return redirect(_edit_url(oordeel))


@require_http_methods(["GET", "POST"])
@requires(Capability.BEOORDELING_SCHRIJVEN)
def oordeel_edit(request: HttpRequest, pk: int) -> HttpResponse:
    oordeel = oordeel_get(gebruiker=request.user, pk=pk)
    if request.method != "POST":
        return _page(request, oordeel)
    refused = _not_writable(request, oordeel)
    if refused is not None:
        return refused
    form = _oordeel_form(oordeel, request.POST)
    if form.is_valid():
        try:
            services.oordeel_update(acting_user=request.user, oordeel=oordeel, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request,
                _("Het oordeel op norm %(code)s is opgeslagen.") % {"code": oordeel.norm.code},
            )
            volgende = _next(oordeel) if "volgende" in request.POST else None
            if volgende is not None:
                return redirect(_edit_url(volgende))
            return redirect("normenkader:beoordeling", pk=oordeel.beoordeling_id)
    return _page(request, oordeel, form=form)


@require_POST
@requires(Capability.BEOORDELING_SCHRIJVEN)
def bewijs_add(request: HttpRequest, pk: int) -> HttpResponse:
    oordeel = oordeel_get(gebruiker=request.user, pk=pk)
    refused = _not_writable(request, oordeel)
    if refused is not None:
        return refused
    form = BewijsForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.bewijs_add(
                acting_user=request.user,
                oordeel=oordeel,
                omschrijving=data["omschrijving"],
                peildatum=data["peildatum"],
                bestand=data["bestand"],
                url=data["url"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Het bewijs is toegevoegd."))
            return redirect(_edit_url(oordeel, "bewijs"))
    return _page(request, oordeel, bewijs_form=form)


def _bewijs_get(request: HttpRequest, pk: int) -> Bewijs:
    """Evidence in the user's read scope (through its assessment's organisation), else 404."""
    scope = read_scope(gebruiker=request.user)
    bewijs = (
        Bewijs.objects.filter(scope.q(prefix="oordeel__beoordeling__organisatie__"), pk=pk)
        .select_related("oordeel__norm", "oordeel__beoordeling")
        .first()
    )
    if bewijs is None:
        raise Http404
    return bewijs


@require_GET
@requires(Capability.BEOORDELING_LEZEN)
def bewijs_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The file of an evidence item, as a download; every read is an audit event. Links
    have no file (they are shown as links on the page): 404."""
    bewijs = _bewijs_get(request, pk)
    if bewijs.soort != BewijsSoort.BESTAND or not bewijs.bestand:
        raise Http404
    try:
        handle = bewijs.bestand.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    services.bewijs_gelezen(acting_user=request.user, bewijs=bewijs)
    response = FileResponse(handle, as_attachment=True, filename=PurePath(bewijs.bestand.name).name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@requires(Capability.VERBETERACTIE_BEHEREN)
def actie_add(request: HttpRequest, pk: int) -> HttpResponse:
    oordeel = oordeel_get(gebruiker=request.user, pk=pk)
    if not may_manage_actions(request.user, oordeel.beoordeling.organisatie):
        raise Http404
    form = ActieForm(request.POST)
    if form.is_valid():
        try:
            services.verbeteractie_create(
                acting_user=request.user, oordeel=oordeel, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("De verbeteractie is vastgelegd."))
            return redirect(_edit_url(oordeel, "acties"))
    return _page(request, oordeel, actie_form=form)
