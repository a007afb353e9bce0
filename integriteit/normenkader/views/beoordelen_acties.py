"""Improvement actions across assessments: the list (read scope) and changing one (the scope
of ``verbeteractie.beheren``). Actions belong to an organisation and a norm, not to an
assessment's status, so they are followed up here long after the assessment is final."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from integriteit.accounts.selectors import scope_for
from integriteit.common.permissions import Capability, requires
from integriteit.normenkader import services
from integriteit.normenkader.forms import ActieEditForm, ActieFilterForm
from integriteit.normenkader.models import Verbeteractie
from integriteit.normenkader.selectors import verbeteractie_list
from integriteit.organisaties.models import Organisatie


@dataclass
class ActieRij:
    actie: Verbeteractie
    kan_wijzigen: bool


@require_GET
@requires(Capability.BEOORDELING_LEZEN)
def actie_list(request: HttpRequest) -> HttpResponse:
    alle = verbeteractie_list(gebruiker=request.user)
    organisaties = list(
        Organisatie.objects.filter(pk__in=alle.values("organisatie_id")).order_by("code")
    )
    form = ActieFilterForm(request.GET or None, organisaties=organisaties)
    acties = verbeteractie_list(gebruiker=request.user, open_only=form.open_only)
    if form.organisatie_code:
        acties = acties.filter(organisatie__code=form.organisatie_code)
    beheer = scope_for(gebruiker=request.user, capability=Capability.VERBETERACTIE_BEHEREN)
    rijen = [
        ActieRij(a, beheer.covers(pad=a.organisatie.pad, node_id=a.organisatie_id)) for a in acties
    ]
    context = {
        "form": form,
        "rijen": rijen,
        "open_only": form.open_only,
        "aantal": len(rijen),
        "aantal_open": sum(1 for r in rijen if r.actie.is_open),
        "aantal_te_laat": sum(1 for r in rijen if r.actie.te_laat),
    }
    return render(request, "normenkader/actie_list.html", context)


def _actie_get(request: HttpRequest, pk: int) -> Verbeteractie:
    """An action the user may manage (read scope and ``verbeteractie.beheren``), else 404."""
    actie = verbeteractie_list(gebruiker=request.user).filter(pk=pk).first()
    beheer = scope_for(gebruiker=request.user, capability=Capability.VERBETERACTIE_BEHEREN)
    if actie is None or not beheer.covers(pad=actie.organisatie.pad, node_id=actie.organisatie_id):
        raise Http404
    return actie


@require_http_methods(["GET", "POST"])
@requires(Capability.VERBETERACTIE_BEHEREN)
def actie_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actie = _actie_get(request, pk)
    initial = {
        "status": actie.status,
        "deadline": actie.deadline,
        "afsluitend_bewijs": actie.afsluitend_bewijs,
    }
    form = ActieEditForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_valid():
        try:
            services.verbeteractie_update(
                acting_user=request.user, actie=actie, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("De verbeteractie is bijgewerkt."))
            return redirect("normenkader:actie_list")
    return render(request, "normenkader/actie_form.html", {"form": form, "actie": actie})
