"""The competent authority's and the coordinator's screens (``VP_AANBEVELINGEN``): the
advisers' recommendations (open ones first), the meetings, the issued annual reports. Only the
competent authority records a response and the follow-up; the coordinator reads."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from integriteit.common.permissions import Capability, requires
from integriteit.vertrouwenspersonen import selectors, services
from integriteit.vertrouwenspersonen.constants import AanbevelingStatus
from integriteit.vertrouwenspersonen.forms import (
    NaamControleForm,
    OpvolgingForm,
    ReactieForm,
    fouten_naar_form,
)
from integriteit.vertrouwenspersonen.views._gedeeld import pdf_response, verslag_context


@require_GET
@requires(Capability.VP_AANBEVELINGEN)
def aanbevelingen(request: HttpRequest) -> HttpResponse:
    """Recommendations in scope, open ones first; meetings; issued reports."""
    lijst = list(selectors.aanbeveling_list(gebruiker=request.user)[:200])
    context = {
        "aanbevelingen": lijst,
        "open": sum(1 for a in lijst if a.status == AanbevelingStatus.OPEN),
        "overleggen": list(selectors.overleg_list(gebruiker=request.user)[:50]),
        "verslagen": list(selectors.uitgebrachte_verslagen(gebruiker=request.user)[:50]),
    }
    return render(request, "vertrouwenspersonen/aanbevelingen.html", context)


@require_http_methods(["GET", "POST"])
@requires(Capability.VP_AANBEVELINGEN)
def aanbeveling(request: HttpRequest, pk: int) -> HttpResponse:
    """One recommendation; the competent authority records the response, then the follow-up."""
    item = selectors.aanbeveling_get(gebruiker=request.user, pk=pk)
    organisatie = item.vertrouwenspersoon.organisatie
    mag_reageren = selectors.gezag_scope(gebruiker=request.user).covers(
        pad=organisatie.pad, node_id=organisatie.pk
    )
    reactie_form: NaamControleForm = ReactieForm(prefix="r")
    opvolging_form: NaamControleForm = OpvolgingForm(prefix="o")
    if request.method == "POST":
        actie = request.POST.get("actie")
        form: NaamControleForm = (
            ReactieForm(request.POST, prefix="r")
            if actie == "reactie"
            else OpvolgingForm(request.POST, prefix="o")
        )
        if form.is_valid():
            try:
                if actie == "reactie":
                    services.reactie_vastleggen(
                        door=request.user, aanbeveling=item, **form.cleaned_data
                    )
                else:
                    services.opvolging_vastleggen(
                        door=request.user, aanbeveling=item, **form.cleaned_data
                    )
            except ValidationError as error:
                fouten_naar_form(form, error)
            else:
                messages.success(request, _("Vastgelegd."))
                return redirect("vertrouwenspersonen:aanbeveling", pk=item.pk)
        if actie == "reactie":
            reactie_form = form
        else:
            opvolging_form = form
    context = {
        "item": item,
        "mag_reageren": mag_reageren,
        "reactie_form": reactie_form,
        "opvolging_form": opvolging_form,
    }
    return render(request, "vertrouwenspersonen/aanbeveling.html", context)


@require_GET
@requires(Capability.VP_AANBEVELINGEN)
def verslag(request: HttpRequest, pk: int) -> HttpResponse:
    """An issued annual report as the adviser issued it (shielded counts)."""
    item = selectors.uitgebracht_verslag_get(gebruiker=request.user, pk=pk)
    context = verslag_context(item.vertrouwenspersoon, item.jaar, item)
    return render(request, "vertrouwenspersonen/verslag.html", context)


@require_GET
@requires(Capability.VP_AANBEVELINGEN)
def verslag_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.uitgebracht_verslag_get(gebruiker=request.user, pk=pk)
    return pdf_response(
        request,
        verslag_context(item.vertrouwenspersoon, item.jaar, item),
        f"jaarverslag-vertrouwenspersoon-{item.jaar}.pdf",
    )
