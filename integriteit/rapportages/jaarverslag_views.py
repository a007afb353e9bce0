"""Pages of the annual integrity report (BZK-5). Published reports are public and rendered
from their stored snapshot; concepts, the narrative, publishing and corrections need
``JAARVERSLAG_BEHEREN``. Views stay thin: a selector, a form, one service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from integriteit.common.permissions import Capability, public, requires
from integriteit.rapportages import jaarverslag_selectors as sel
from integriteit.rapportages import jaarverslag_services as svc
from integriteit.rapportages.jaarverslag_forms import (
    CorrectieForm,
    NieuwForm,
    PubliceerForm,
    TekstenForm,
)
from integriteit.rapportages.jaarverslag_uitvoer import context, html_bytes, pdf_bytes, xlsx_bytes
from integriteit.rapportages.models import Jaarverslag

BEHEREN = Capability.JAARVERSLAG_BEHEREN
SOORTEN = {
    "html": ("text/html; charset=utf-8", html_bytes),
    "pdf": ("application/pdf", pdf_bytes),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx_bytes),
}


def _versie(request: HttpRequest) -> int | None:
    waarde = request.GET.get("versie")
    if not waarde:
        return None
    try:
        return int(waarde)
    except ValueError as error:
        raise Http404 from error


def _lijst(request: HttpRequest, form: NieuwForm | None = None) -> HttpResponse:
    beheren = sel.mag_beheren(gebruiker=request.user)
    return render(
        request,
        "rapportages/jaarverslagen.html",
        {
            "verslagen": list(sel.jaarverslag_list(gebruiker=request.user)),
            "beheren": beheren,
            "form": form
            or (NieuwForm(initial={"jaar": timezone.localdate().year - 1}) if beheren else None),
        },
    )


@require_GET
@public
def jaarverslagen(request: HttpRequest) -> HttpResponse:
    return _lijst(request)


@require_POST
@requires(BEHEREN)
def jaarverslag_nieuw(request: HttpRequest) -> HttpResponse:
    form = NieuwForm(request.POST)
    if form.is_valid():
        try:
            verslag = svc.jaarverslag_create(
                acting_user=request.user, jaar=form.cleaned_data["jaar"]
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return redirect("rapportages:jaarverslag_bewerken", jaar=verslag.jaar)
    return _lijst(request, form)


def _pagina(request: HttpRequest, verslag: Jaarverslag) -> HttpResponse:
    doc = sel.jaarverslag_document(verslag=verslag)
    ctx: dict[str, Any] = {
        **context(doc),
        "object": verslag,
        "beheren": sel.mag_beheren(gebruiker=request.user),
    }
    return render(request, "rapportages/jaarverslag.html", ctx)


def _download(verslag: Jaarverslag, soort: str) -> HttpResponse:
    mime, maak = SOORTEN[soort]
    response = HttpResponse(maak(sel.jaarverslag_document(verslag=verslag)), content_type=mime)
    status = "" if verslag.gepubliceerd else "-concept"
    naam = f"jaarverslag-integriteit-{verslag.jaar}-v{verslag.versie}{status}.{soort}"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response


@require_GET
@public
def jaarverslag(request: HttpRequest, jaar: int) -> HttpResponse:
    return _pagina(request, sel.gepubliceerd_get(jaar=jaar, versie=_versie(request)))


@require_GET
@public
def jaarverslag_download(request: HttpRequest, jaar: int, soort: str) -> HttpResponse:
    if soort not in SOORTEN:
        raise Http404
    return _download(sel.gepubliceerd_get(jaar=jaar, versie=_versie(request)), soort)


@require_GET
@requires(BEHEREN)
def jaarverslag_concept(request: HttpRequest, jaar: int) -> HttpResponse:
    return _pagina(request, sel.concept_get(gebruiker=request.user, jaar=jaar))


@require_GET
@requires(BEHEREN)
def jaarverslag_concept_download(request: HttpRequest, jaar: int, soort: str) -> HttpResponse:
    if soort not in SOORTEN:
        raise Http404
    return _download(sel.concept_get(gebruiker=request.user, jaar=jaar), soort)


@require_http_methods(["GET", "POST"])
@requires(BEHEREN)
def jaarverslag_bewerken(request: HttpRequest, jaar: int) -> HttpResponse:
    verslag = sel.concept_get(gebruiker=request.user, jaar=jaar)
    form = TekstenForm(request.POST or None, initial=dict(verslag.teksten))
    if request.method == "POST" and form.is_valid():
        try:
            svc.jaarverslag_teksten_update(
                acting_user=request.user, jaarverslag=verslag, teksten=form.teksten()
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("De teksten zijn opgeslagen."))
            return redirect("rapportages:jaarverslag_bewerken", jaar=jaar)
    return render(
        request, "rapportages/jaarverslag_bewerken.html", {"object": verslag, "form": form}
    )


@require_http_methods(["GET", "POST"])
@requires(BEHEREN)
def jaarverslag_publiceren(request: HttpRequest, jaar: int) -> HttpResponse:
    verslag = sel.concept_get(gebruiker=request.user, jaar=jaar)
    form = PubliceerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            svc.jaarverslag_publiceren(acting_user=request.user, jaarverslag=verslag)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Het jaarverslag is gepubliceerd."))
            return redirect(reverse("rapportages:jaarverslag", kwargs={"jaar": jaar}))
    return render(
        request, "rapportages/jaarverslag_publiceren.html", {"object": verslag, "form": form}
    )


@require_http_methods(["GET", "POST"])
@requires(BEHEREN)
def jaarverslag_corrigeren(request: HttpRequest, jaar: int) -> HttpResponse:
    verslag = sel.gepubliceerd_get(jaar=jaar)
    form = CorrectieForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            svc.jaarverslag_corrigeren(
                acting_user=request.user, jaarverslag=verslag, reden=form.cleaned_data["reden"]
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return redirect("rapportages:jaarverslag_bewerken", jaar=jaar)
    return render(
        request, "rapportages/jaarverslag_corrigeren.html", {"object": verslag, "form": form}
    )
