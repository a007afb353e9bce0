"""The screens of the risk analysis instrument under /risicos/: the analyses in scope, one
analysis with its guided steps and register, the forms, the matrix, the survey input, the
catalogue, and the XLSX and PDF downloads. Objects outside the user's scope give 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from integriteit.common.pdf import render_to_pdf
from integriteit.common.permissions import Capability, requires
from integriteit.medewerkersonderzoek.models import Golf
from integriteit.risicos import selectors, services
from integriteit.risicos.catalogus import catalogus_starter
from integriteit.risicos.enquete import enquete_invoer
from integriteit.risicos.forms import (
    AnalyseForm,
    AnalyseNieuwForm,
    CatalogusFilterForm,
    FunctieForm,
    MaatregelForm,
    RisicoForm,
)
from integriteit.risicos.models import Risicoanalyse
from integriteit.risicos.rapport import (
    analyse_xlsx,
    functie_maatregelen,
    methoden_labels,
    rapport_context,
)
from integriteit.risicos.stappen import stappen

LEZEN = Capability.RISICO_LEZEN
BEHEREN = Capability.RISICO_BEHEREN


def _analyse(request: HttpRequest, pk: int, capability: Capability = LEZEN) -> Risicoanalyse:
    analyse = selectors.analyse_get(gebruiker=request.user, pk=pk, capability=capability)
    if analyse is None:
        raise Http404
    return analyse


def _fout(request: HttpRequest, error: ValidationError) -> None:
    for tekst in error.messages:
        messages.error(request, tekst)


@require_GET
@requires(LEZEN)
def lijst(request: HttpRequest) -> HttpResponse:
    analyses = list(selectors.analyse_list(gebruiker=request.user))
    context = {
        "analyses": analyses,
        "may_beheren": selectors.organisaties_voor_beheer(gebruiker=request.user).exists(),
    }
    return render(request, "risicos/lijst.html", context)


@require_http_methods(["GET", "POST"])
@requires(BEHEREN)
def nieuw(request: HttpRequest) -> HttpResponse:
    organisaties = selectors.organisaties_voor_beheer(gebruiker=request.user)
    form = AnalyseNieuwForm(
        request.POST or None,
        organisaties=organisaties,
        golven=Golf.objects.none(),  # the form offers the waves of these organisations
        initial={"datum": timezone.localdate(), "matrix_grootte": 5},
    )
    if request.method == "POST" and form.is_valid():
        try:
            analyse = services.analyse_create(
                organisatie=form.cleaned_data["organisatie"],
                opzet=form.opzet(),
                matrix_grootte=form.cleaned_data["matrix_grootte"],
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("De risicoanalyse is aangemaakt."))
            return redirect("risicos:detail", pk=analyse.pk)
    return render(request, "risicos/analyse_form.html", {"form": form, "analyse": None})


@require_GET
@requires(LEZEN)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    analyse = _analyse(request, pk)
    risicos = selectors.register(analyse=analyse)
    context = {
        "analyse": analyse,
        "stappen": stappen(analyse),
        "risicos": risicos,
        "functies": [(f, functie_maatregelen(f)) for f in analyse.kwetsbare_functies.all()],
        "methoden": methoden_labels(analyse),
        "may_beheren": selectors.mag_beheren(gebruiker=request.user, analyse=analyse),
    }
    return render(request, "risicos/analyse_detail.html", context)


@require_http_methods(["GET", "POST"])
@requires(BEHEREN)
def bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    analyse = _analyse(request, pk, BEHEREN)
    initial = {
        veld: getattr(analyse, veld)
        for veld in (
            "titel",
            "datum",
            "methoden",
            "deelnemers_aantal",
            "deelnemers_omschrijving",
            "betrokkenheid",
            "golf",
        )
    }
    form = AnalyseForm(
        request.POST or None,
        initial=initial,
        golven=selectors.golven_van(organisatie=analyse.organisatie),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.analyse_update(analyse=analyse, opzet=form.opzet(), acting_user=request.user)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("De opzet is opgeslagen."))
            return redirect("risicos:detail", pk=analyse.pk)
    return render(request, "risicos/analyse_form.html", {"form": form, "analyse": analyse})


@require_POST
@requires(BEHEREN)
def vaststellen(request: HttpRequest, pk: int) -> HttpResponse:
    analyse = _analyse(request, pk, BEHEREN)
    try:
        services.analyse_vaststellen(analyse=analyse, acting_user=request.user)
    except ValidationError as error:
        _fout(request, error)
    else:
        messages.success(request, _("De risicoanalyse is vastgesteld."))
    return redirect("risicos:detail", pk=analyse.pk)


# --- risks ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@requires(BEHEREN)
def risico_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    analyse = _analyse(request, pk, BEHEREN)
    form = RisicoForm(request.POST or None, matrix=analyse.matrix)
    if request.method == "POST" and form.is_valid():
        try:
            risico = services.risico_create(
                analyse=analyse, gegevens=form.gegevens(), acting_user=request.user
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Risico %(code)s is toegevoegd.") % {"code": risico.code})
            return redirect("risicos:risico", pk=risico.pk)
    context = {"form": form, "analyse": analyse, "risico": None}
    return render(request, "risicos/risico_form.html", context)


@require_GET
@requires(LEZEN)
def risico(request: HttpRequest, pk: int) -> HttpResponse:
    gevonden = selectors.risico_get(gebruiker=request.user, pk=pk)
    if gevonden is None:
        raise Http404
    analyse = gevonden.analyse
    context = {
        "risico": gevonden,
        "analyse": analyse,
        "maatregelen": list(gevonden.maatregelen.all()),
        "matrix": analyse.matrix,
        "may_beheren": selectors.mag_beheren(gebruiker=request.user, analyse=analyse),
    }
    return render(request, "risicos/risico_detail.html", context)


@require_http_methods(["GET", "POST"])
@requires(BEHEREN)
def risico_bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    gevonden = selectors.risico_get(gebruiker=request.user, pk=pk, capability=BEHEREN)
    if gevonden is None:
        raise Http404
    analyse = gevonden.analyse
    initial = {veld: getattr(gevonden, veld) for veld in RisicoForm.base_fields}
    form = RisicoForm(request.POST or None, initial=initial, matrix=analyse.matrix)
    if request.method == "POST" and form.is_valid():
        try:
            services.risico_update(
                risico=gevonden, gegevens=form.gegevens(), acting_user=request.user
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Risico %(code)s is opgeslagen.") % {"code": gevonden.code})
            return redirect("risicos:risico", pk=gevonden.pk)
    context = {"form": form, "analyse": analyse, "risico": gevonden}
    return render(request, "risicos/risico_form.html", context)


@require_POST
@requires(BEHEREN)
def risico_verwijderen(request: HttpRequest, pk: int) -> HttpResponse:
    gevonden = selectors.risico_get(gebruiker=request.user, pk=pk, capability=BEHEREN)
    if gevonden is None:
        raise Http404
    analyse_pk = gevonden.analyse_id
    try:
        services.risico_delete(risico=gevonden, acting_user=request.user)
    except ValidationError as error:
        _fout(request, error)
        return redirect("risicos:risico", pk=gevonden.pk)
    messages.success(request, _("Het risico is verwijderd."))
    return redirect("risicos:detail", pk=analyse_pk)


# --- measures and vulnerable positions -----------------------------------------------------


@require_http_methods(["GET", "POST"])
@requires(BEHEREN)
def maatregel_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    gevonden = selectors.risico_get(gebruiker=request.user, pk=pk, capability=BEHEREN)
    if gevonden is None:
        raise Http404
    form = MaatregelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.maatregel_create(
                risico=gevonden, gegevens=form.gegevens(), acting_user=request.user
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("De maatregel is toegevoegd."))
            return redirect("risicos:risico", pk=gevonden.pk)
    context = {"form": form, "risico": gevonden, "analyse": gevonden.analyse, "maatregel": None}
    return render(request, "risicos/maatregel_form.html", context)


@require_http_methods(["GET", "POST"])
@requires(BEHEREN)
def maatregel_bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    maatregel = selectors.maatregel_get(gebruiker=request.user, pk=pk)
    if maatregel is None:
        raise Http404
    initial = {veld: getattr(maatregel, veld) for veld in MaatregelForm.base_fields}
    form = MaatregelForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.maatregel_update(
                maatregel=maatregel, gegevens=form.gegevens(), acting_user=request.user
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("De maatregel is opgeslagen."))
            return redirect("risicos:risico", pk=maatregel.risico_id)
    context = {
        "form": form,
        "risico": maatregel.risico,
        "analyse": maatregel.risico.analyse,
        "maatregel": maatregel,
    }
    return render(request, "risicos/maatregel_form.html", context)


def _functie_form(
    request: HttpRequest, analyse: Risicoanalyse, form: FunctieForm, opslaan: Any
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            opslaan(form.gegevens())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("De kwetsbare functie is opgeslagen."))
            return redirect("risicos:detail", pk=analyse.pk)
    return render(request, "risicos/functie_form.html", {"form": form, "analyse": analyse})


@require_http_methods(["GET", "POST"])
@requires(BEHEREN)
def functie_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    analyse = _analyse(request, pk, BEHEREN)
    return _functie_form(
        request,
        analyse,
        FunctieForm(request.POST or None),
        lambda g: services.functie_create(analyse=analyse, gegevens=g, acting_user=request.user),
    )


@require_http_methods(["GET", "POST"])
@requires(BEHEREN)
def functie_bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    functie = selectors.functie_get(gebruiker=request.user, pk=pk)
    if functie is None:
        raise Http404
    initial = {veld: getattr(functie, veld) for veld in FunctieForm.base_fields}
    return _functie_form(
        request,
        functie.analyse,
        FunctieForm(request.POST or None, initial=initial),
        lambda g: services.functie_update(functie=functie, gegevens=g, acting_user=request.user),
    )


# --- matrix, survey, catalogue -------------------------------------------------------------


@require_GET
@requires(LEZEN)
def matrix(request: HttpRequest, pk: int) -> HttpResponse:
    analyse = _analyse(request, pk)
    risicos = selectors.register(analyse=analyse)
    context = rapport_context(analyse, risicos, [])
    return render(request, "risicos/matrix.html", context)


@require_GET
@requires(LEZEN)
def enquete(request: HttpRequest, pk: int) -> HttpResponse:
    analyse = _analyse(request, pk)
    invoer = enquete_invoer(analyse=analyse, risicos=selectors.register(analyse=analyse))
    context = {"analyse": analyse, "invoer": invoer, "rijen": invoer.rijen() if invoer else []}
    return render(request, "risicos/enquete.html", context)


@require_GET
@requires(LEZEN)
def catalogus(request: HttpRequest) -> HttpResponse:
    form = CatalogusFilterForm(request.GET or None)
    items = list(catalogus_starter())
    if form.is_valid():
        if form.cleaned_data["schending"]:
            items = [i for i in items if i.schending == form.cleaned_data["schending"]]
        if form.cleaned_data["gebied"]:
            items = [i for i in items if i.gebied == form.cleaned_data["gebied"]]
    return render(
        request,
        "risicos/catalogus.html",
        {"form": form, "items": items, "gefilterd": bool(request.GET)},
    )


@require_http_methods(["GET", "POST"])
@requires(BEHEREN)
def overnemen(request: HttpRequest, pk: int) -> HttpResponse:
    analyse = _analyse(request, pk, BEHEREN)
    al = set(analyse.risicos.exclude(catalogus_code="").values_list("catalogus_code", flat=True))
    if request.method == "POST":
        try:
            nieuw = services.catalogus_overnemen(
                analyse=analyse, codes=request.POST.getlist("codes"), acting_user=request.user
            )
        except ValidationError as error:
            _fout(request, error)
        else:
            messages.success(
                request,
                _("%(n)d risico's overgenomen. Pas ze aan en beoordeel ze.") % {"n": len(nieuw)},
            )
            return redirect("risicos:detail", pk=analyse.pk)
    context = {"analyse": analyse, "items": catalogus_starter(), "al": al}
    return render(request, "risicos/overnemen.html", context)


# --- downloads -----------------------------------------------------------------------------


def _bestandsnaam(analyse: Risicoanalyse, extensie: str) -> str:
    return f"risicoanalyse-{analyse.organisatie.code}-{slugify(analyse.titel)}.{extensie}"


@require_GET
@requires(LEZEN)
def xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    analyse = _analyse(request, pk)
    inhoud = analyse_xlsx(
        analyse, selectors.register(analyse=analyse), list(analyse.kwetsbare_functies.all())
    )
    response = HttpResponse(
        inhoud, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(analyse, "xlsx")}"'
    return response


@require_GET
@requires(LEZEN)
def pdf(request: HttpRequest, pk: int) -> HttpResponse:
    analyse = _analyse(request, pk)
    context = rapport_context(
        analyse, selectors.register(analyse=analyse), list(analyse.kwetsbare_functies.all())
    )
    context["gemaakt_op"] = timezone.now()
    inhoud = render_to_pdf("risicos/pdf/rapport.html", context, request=request)
    response = HttpResponse(inhoud, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(analyse, "pdf")}"'
    return response
